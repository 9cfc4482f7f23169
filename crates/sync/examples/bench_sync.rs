//! The sync benchmark behind `bench/sync.sh`: a plain program that measures
//! and prints a Markdown table, not a timed test (timings vary too much
//! between machines to fail a build on).
//!
//! 1. Downloading a 500 MB film from a local server: the rise of resident
//!    memory (target under 30 MB). Runs first, in a fresh process, with
//!    the peak reset through `/proc/self/clear_refs` where allowed.
//! 2. Applying a signed 1,000-item, 5 MB feed: verify, parse, sanitise,
//!    store (through `Syncer::import`, which is exactly that plus the
//!    status), median, min and max over [`APPLY_RUNS`] runs (target under
//!    200 ms), with the verify and parse-and-sanitise steps timed alone.
//! 3. What an unchanged feed costs on the wire, from a real nginx's access
//!    log (target one request, under 2 KB), when nginx is installed.
//!
//! Run it in release mode: `bash bench/sync.sh`.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::http::{header, StatusCode};
use axum::response::Response;
use axum::Router;
use futures_util::stream;
use infostand_content::Pack;
use infostand_content::Source;
use infostand_sync::{trust, Outcome, PublicKey, SyncConfig, Syncer};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// The app binary's allocator (src-tauri/src/main.rs), so the figures are
/// the app's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../tests/sync/nginx_server.rs"]
mod nginx_server;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

const MIB: u64 = 1024 * 1024;

/// The film's size: 500 MiB, served in chunks of [`FILM_CHUNK`].
const FILM_BYTES: u64 = 500 * MIB;
const FILM_CHUNK: u64 = MIB;

/// The feed of the apply benchmark: this many items, at least this big.
const FEED_ITEMS: usize = 1_000;
const FEED_BYTES: usize = 5_000_000;

/// Timed applies (after [`WARMUP_RUNS`] untimed ones).
const APPLY_RUNS: usize = 21;
const WARMUP_RUNS: usize = 2;

/// The targets.
const APPLY_TARGET: Duration = Duration::from_millis(200);
const MEMORY_TARGET_BYTES: u64 = 30 * 1000 * 1000;
const UNCHANGED_TARGET_BYTES: u64 = 2 * 1024;

/// The revision on screen before the benchmark's first apply.
const EMBEDDED_REVISION: u64 = 1;

fn fixture(name: &str) -> Vec<u8> {
    fs::read(Path::new(FIXTURES).join(name)).expect("fixtures are checked in")
}

/// A field of `/proc/self/status`, in bytes (`VmRSS`, `VmHWM`).
fn proc_status_bytes(field: &str) -> u64 {
    let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        })
        .map_or(0, |kib| kib * 1024)
}

struct KeyPair {
    pair: minisign::KeyPair,
}

impl KeyPair {
    fn new() -> Self {
        Self {
            pair: minisign::KeyPair::generate_unencrypted_keypair().expect("a key pair"),
        }
    }

    fn public(&self) -> PublicKey {
        PublicKey::from_base64(&self.pair.pk.to_base64()).expect("minisign's key parses")
    }

    fn sign(&self, bytes: &[u8]) -> String {
        minisign::sign(Some(&self.pair.pk), &self.pair.sk, bytes, None, None)
            .expect("signing works")
            .to_string()
    }
}

fn syncer(data: &Path, feed_url: Option<String>, keys: Vec<PublicKey>) -> Syncer {
    let mut config = SyncConfig::new(data);
    config.feed_url = feed_url;
    config.keys = keys;
    Syncer::new(config).expect("the benchmark's configuration is valid")
}

/// One mebibyte of fixed pseudo-random bytes (xorshift), so the film does
/// not compress and its hash is cheap to compute ahead.
fn film_chunk() -> Bytes {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..FILM_CHUNK)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    Bytes::from(bytes)
}

/// Revision 10 of the fixtures with its film replaced by the big one.
fn feed_with_big_film(sha256: &str) -> Vec<u8> {
    let mut feed: Value = serde_json::from_slice(&fixture("feed-10.json")).expect("JSON");
    let url = "media/film-1.webm";
    for entry in feed["_infostand"]["media"]
        .as_array_mut()
        .expect("a manifest")
    {
        if entry["url"] == url {
            entry["sha256"] = sha256.into();
            entry["size_in_bytes"] = FILM_BYTES.into();
        }
    }
    for item in feed["items"].as_array_mut().expect("items") {
        for attachment in item["attachments"].as_array_mut().into_iter().flatten() {
            if attachment["url"] == url {
                attachment["size_in_bytes"] = FILM_BYTES.into();
            }
        }
    }
    serde_json::to_vec(&feed).expect("JSON serialises")
}

struct FilmFigures {
    elapsed: Duration,
    rss_before: u64,
    peak: u64,
    peak_reset: bool,
}

/// Serves the big-film feed on loopback and syncs it into a fresh folder.
async fn bench_film() -> FilmFigures {
    let chunk = film_chunk();
    let mut hasher = Sha256::new();
    for _ in 0..FILM_BYTES / FILM_CHUNK {
        hasher.update(&chunk);
    }
    let sha256 = hex::encode(hasher.finalize());
    let keys = KeyPair::new();
    let feed = feed_with_big_film(&sha256);
    let signature = keys.sign(&feed);
    let media_dir = Path::new(FIXTURES).join("media");

    let app = Router::new().fallback(move |request: axum::extract::Request| {
        let (feed, signature, chunk, media_dir) = (
            feed.clone(),
            signature.clone(),
            chunk.clone(),
            media_dir.clone(),
        );
        async move {
            let path = request.uri().path().to_owned();
            let ok = |body: Body| {
                let mut response = Response::new(body);
                *response.status_mut() = StatusCode::OK;
                response
            };
            match path.as_str() {
                "/feed.json" => ok(Body::from(feed)),
                "/feed.json.minisig" => ok(Body::from(signature)),
                "/media/film-1.webm" => {
                    // The same Bytes over and over: the server holds one
                    // chunk, so the memory measured is the client's.
                    let chunks = stream::iter(
                        (0..FILM_BYTES / FILM_CHUNK)
                            .map(move |_| Ok::<_, std::io::Error>(chunk.clone())),
                    );
                    let mut response = ok(Body::from_stream(chunks));
                    response
                        .headers_mut()
                        .insert(header::CONTENT_LENGTH, FILM_BYTES.into());
                    response
                }
                other => match fs::read(media_dir.join(other.trim_start_matches("/media/"))) {
                    Ok(bytes) => ok(Body::from(bytes)),
                    Err(_) => {
                        let mut response = Response::new(Body::empty());
                        *response.status_mut() = StatusCode::NOT_FOUND;
                        response
                    }
                },
            }
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port");
    let address = listener.local_addr().expect("an address");
    tokio::spawn(async move { axum::serve(listener, app).await });

    let data = tempfile::tempdir().expect("a data folder on disk");
    let syncer = syncer(
        data.path(),
        Some(format!("http://{address}/feed.json")),
        vec![keys.public()],
    );
    // Writing 5 resets VmHWM to the current RSS (Linux 4.0+), so the peak
    // read afterwards belongs to the download alone.
    let peak_reset = fs::write("/proc/self/clear_refs", "5").is_ok();
    let rss_before = proc_status_bytes("VmRSS");
    let started = Instant::now();
    let outcome = syncer
        .sync_once(EMBEDDED_REVISION)
        .await
        .expect("the big film downloads");
    let elapsed = started.elapsed();
    let peak = proc_status_bytes("VmHWM");
    let Outcome::Applied { media, .. } = outcome else {
        panic!("the big film's revision must be applied");
    };
    assert!(
        media.bytes >= FILM_BYTES,
        "the whole film was transferred: {media:?}"
    );
    FilmFigures {
        elapsed,
        rss_before,
        peak,
        peak_reset,
    }
}

/// The 1,000-item feed: the fixture's four items plus articles in Swedish
/// and English, each with a few kilobytes of HTML that the sanitiser has
/// to work through (links, lists, emphasis, and things it must strip).
fn big_feed(revision: u64) -> Vec<u8> {
    let mut feed: Value = serde_json::from_slice(&fixture("feed-10.json")).expect("JSON");
    let items = feed["items"].as_array_mut().expect("items");
    let articles = FEED_ITEMS - items.len();
    // At least this much HTML per article; the JSON around it brings the
    // feed above FEED_BYTES.
    let per_item = FEED_BYTES / FEED_ITEMS;
    let paragraph = concat!(
        "<p>Sedan den 2 januari 2023 får <strong>Tullverket</strong> och Polisen öppna ",
        "försändelser som misstänks innehålla narkotika. <a href=\"https://www.lansstyrelsen.se/vasternorrland\">",
        "Läs mer hos Länsstyrelsen</a>.</p><ul><li>Köp inte droger på nätet</li>",
        "<li>Varje köp <em>finansierar</em> organiserad brottslighet</li></ul>",
        "<p onclick=\"alert(1)\">Prata med någon du litar på.<script>track()</script></p>",
    );
    for n in 0..articles {
        let (language, pair) = (if n % 2 == 0 { "sv" } else { "en" }, n / 2);
        // Whole paragraphs past the size, cut after a closing tag so the
        // HTML stays realistic (and the cut on a character boundary).
        let mut html = paragraph.repeat(per_item / paragraph.len() + 2);
        let cut = html
            .match_indices("</p>")
            .map(|(at, tag)| at + tag.len())
            .find(|&end| end >= per_item)
            .unwrap_or(html.len());
        html.truncate(cut);
        items.push(json!({
            "id": format!("artikel-{pair}-{language}"),
            "language": language,
            "title": format!("Artikel {pair}"),
            "content_html": html,
            "date_modified": "2026-11-30T12:00:00+01:00",
            "_infostand": { "key": format!("artikel-{pair}"), "kind": "article" }
        }));
    }
    feed["_infostand"]["revision"] = revision.into();
    serde_json::to_vec(&feed).expect("JSON serialises")
}

/// Writes a published folder as `infostand-publish build` lays it out.
fn write_folder(dir: &Path, feed: &[u8], signature: &str) {
    let media = dir.join("media");
    fs::create_dir_all(&media).expect("the folder can be made");
    fs::write(dir.join("feed.json"), feed).expect("writable");
    fs::write(dir.join("feed.json.minisig"), signature).expect("writable");
    for entry in fs::read_dir(Path::new(FIXTURES).join("media")).expect("fixtures") {
        let entry = entry.expect("readable");
        fs::copy(entry.path(), media.join(entry.file_name())).expect("copies");
    }
}

struct Spread {
    median: Duration,
    min: Duration,
    max: Duration,
}

fn spread(mut samples: Vec<Duration>) -> Spread {
    samples.sort();
    Spread {
        median: samples[samples.len() / 2],
        min: samples[0],
        max: samples[samples.len() - 1],
    }
}

struct ApplyFigures {
    feed_bytes: usize,
    items: usize,
    apply: Spread,
    verify: Spread,
    parse: Spread,
}

async fn bench_apply() -> ApplyFigures {
    let keys = KeyPair::new();
    let public = [keys.public()];
    let data = tempfile::tempdir().expect("a data folder on disk");
    let syncer = syncer(data.path(), None, public.to_vec());
    let mut current = EMBEDDED_REVISION;
    let (mut applies, mut verifies, mut parses) = (Vec::new(), Vec::new(), Vec::new());
    let mut feed_bytes = 0;
    let mut items = 0;
    for run in 0..WARMUP_RUNS + APPLY_RUNS {
        // Each run a newer revision, signed and laid out before the clock
        // starts: only the kiosk's side is timed.
        let revision = 100 + run as u64;
        let feed = big_feed(revision);
        let signature = keys.sign(&feed);
        let folder = tempfile::tempdir().expect("a folder");
        write_folder(folder.path(), &feed, &signature);

        let started = Instant::now();
        let outcome = syncer
            .import(folder.path(), current)
            .await
            .expect("the big feed applies");
        let elapsed = started.elapsed();
        let Outcome::Applied { loaded, .. } = outcome else {
            panic!("each run's revision is newer and must be applied");
        };
        assert!(
            loaded.warnings.is_empty(),
            "every generated item is valid: {:?}",
            loaded.warnings.first()
        );
        current = revision;

        let started = Instant::now();
        trust::verify(&feed, &signature, &public).expect("the signature verifies");
        let verify = started.elapsed();
        let started = Instant::now();
        let parsed = Pack::from_json(&feed, Source::Feed).expect("the feed parses");
        let parse = started.elapsed();
        drop(parsed);

        if run >= WARMUP_RUNS {
            applies.push(elapsed);
            verifies.push(verify);
            parses.push(parse);
        }
        feed_bytes = feed.len();
        items = serde_json::from_slice::<Value>(&feed).expect("JSON")["items"]
            .as_array()
            .map_or(0, Vec::len);
    }
    ApplyFigures {
        feed_bytes,
        items,
        apply: spread(applies),
        verify: spread(verifies),
        parse: spread(parses),
    }
}

/// The unchanged-feed cost through nginx: the big feed published, synced
/// once, then synced again.
async fn bench_unchanged() -> Result<(nginx_server::LogLine, nginx_server::LogLine), String> {
    let binary = nginx_server::find().ok_or("nginx is not installed")?;
    let keys = KeyPair::new();
    let site = tempfile::tempdir().map_err(|error| error.to_string())?;
    let feed = big_feed(10);
    write_folder(site.path(), &feed, &keys.sign(&feed));
    let nginx = nginx_server::Nginx::start(&binary, site.path())?;
    let data = tempfile::tempdir().map_err(|error| error.to_string())?;
    let syncer = syncer(
        data.path(),
        Some(format!("{}/feed.json", nginx.base)),
        vec![keys.public()],
    );
    syncer
        .sync_once(EMBEDDED_REVISION)
        .await
        .map_err(|error| error.to_string())?;
    let first = nginx.log();
    syncer
        .sync_once(10)
        .await
        .map_err(|error| error.to_string())?;
    let log = nginx.log();
    let second = &log[first.len()..];
    if second.len() != 1 {
        return Err(format!("expected one request, got {second:?}"));
    }
    Ok((first[0].clone(), second[0].clone()))
}

fn ms(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "yes"
    } else {
        "**no**"
    }
}

#[tokio::main]
async fn main() {
    let film = bench_film().await;
    let apply = bench_apply().await;
    let unchanged = bench_unchanged().await;

    let growth = film.peak.saturating_sub(film.rss_before);
    println!("| measure | result | target | met |");
    println!("|---|---|---|---|");
    println!(
        "| apply a signed {}-item, {} feed (import: verify, parse, sanitise, store, status), {APPLY_RUNS} runs | median {}, min {}, max {} | < {} | {} |",
        apply.items,
        mb(apply.feed_bytes as u64),
        ms(apply.apply.median),
        ms(apply.apply.min),
        ms(apply.apply.max),
        ms(APPLY_TARGET),
        verdict(apply.apply.median < APPLY_TARGET),
    );
    println!(
        "| of which: verify the signature | median {}, min {}, max {} | | |",
        ms(apply.verify.median),
        ms(apply.verify.min),
        ms(apply.verify.max)
    );
    println!(
        "| of which: parse, validate and sanitise | median {}, min {}, max {} | | |",
        ms(apply.parse.median),
        ms(apply.parse.min),
        ms(apply.parse.max)
    );
    match &unchanged {
        Ok((first, cost)) => {
            println!(
                "| unchanged feed through nginx (ETag, gzip) | 1 request, HTTP {}: {} B sent + {} B request = {} B | 1 request, < {UNCHANGED_TARGET_BYTES} B | {} |",
                cost.status,
                cost.bytes_sent,
                cost.request_length,
                cost.wire_bytes(),
                verdict(cost.status == 304 && cost.wire_bytes() < UNCHANGED_TARGET_BYTES),
            );
            println!(
                "| for comparison: the same feed's first fetch ({}) | {} B sent | | |",
                first.content_encoding, first.bytes_sent
            );
        }
        Err(why) => println!("| unchanged feed through nginx | not measured: {why} | | |"),
    }
    println!(
        "| download a {} film over loopback | {} ({:.0} MB/s); RSS {} before, peak {} (rise {}){} | rise < {} | {} |",
        mb(FILM_BYTES),
        ms(film.elapsed),
        FILM_BYTES as f64 / 1e6 / film.elapsed.as_secs_f64(),
        mb(film.rss_before),
        mb(film.peak),
        mb(growth),
        if film.peak_reset {
            ""
        } else {
            " (peak not reset: includes start-up)"
        },
        mb(MEMORY_TARGET_BYTES),
        verdict(growth < MEMORY_TARGET_BYTES),
    );
}
