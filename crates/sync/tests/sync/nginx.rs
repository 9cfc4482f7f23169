//! Against a real nginx serving what `infostand-publish build` wrote: the
//! first sync fetches everything, the second is one small 304, and a
//! republished feed with a new article and a new film is applied, fetching
//! only that film. nginx is started by the test itself; without nginx
//! installed the test says so and passes (`.ci/setup test` installs it).

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use infostand_publish::keys::{self, SigningKey};
use infostand_publish::{build, BuildOptions};
use infostand_sync::{load_active, Outcome, PublicKey};

use super::{syncer_for, EMBEDDED_REVISION, FIXTURES};

#[path = "nginx_server.rs"]
mod nginx_server;

use nginx_server::{LogLine, Nginx};

/// "An unchanged feed costs one request and under 2 KB on the wire."
const MAX_UNCHANGED_WIRE_BYTES: u64 = 2 * 1024;

/// The revisions published.
const FIRST: u64 = 10;
const SECOND: u64 = 11;

/// Makes the editor's content folder hold `feed` and every fixture file.
fn write_content(content: &Path, feed: &str) {
    let media = content.join("media");
    fs::create_dir_all(&media).expect("the content folder can be made");
    fs::copy(Path::new(FIXTURES).join(feed), content.join("feed.json")).expect("the feed copies");
    for entry in fs::read_dir(Path::new(FIXTURES).join("media")).expect("fixtures exist") {
        let entry = entry.expect("fixture entries are readable");
        fs::copy(entry.path(), media.join(entry.file_name())).expect("fixture media copy");
    }
}

fn publish(content: &Path, site: &Path, key: &SigningKey, revision: u64) {
    let report = build(
        content,
        &BuildOptions {
            out: site,
            key,
            revision: Some(revision),
            force: true,
        },
    )
    .unwrap_or_else(|error| panic!("infostand-publish builds revision {revision}: {error}"));
    assert_eq!(
        report.revision, revision,
        "the revision asked for is published"
    );
}

/// How long nginx may take to write a request's access-log line: it logs
/// after sending the response, so the client can be done first.
const LOG_LINE_WAIT: Duration = Duration::from_secs(5);

/// How long the log must stay unchanged to count as written out.
const LOG_SETTLED: Duration = Duration::from_millis(100);

/// The requests nginx logged since `seen` (which becomes the new count),
/// once at least one has come and no more have for [`LOG_SETTLED`]; every
/// caller has just made requests.
fn new_requests(nginx: &Nginx, seen: &mut usize) -> Vec<LogLine> {
    let deadline = Instant::now() + LOG_LINE_WAIT;
    let mut log = nginx.log();
    while Instant::now() < deadline {
        std::thread::sleep(LOG_SETTLED);
        let again = nginx.log();
        if again.len() == log.len() && log.len() > *seen {
            break;
        }
        log = again;
    }
    let fresh = log[*seen..].to_vec();
    *seen = log.len();
    fresh
}

fn uris(lines: &[LogLine]) -> Vec<(u16, &str)> {
    lines
        .iter()
        .map(|line| (line.status, line.uri.as_str()))
        .collect()
}

#[tokio::test]
async fn against_nginx_a_304_is_one_small_request_and_a_republish_applies() {
    let Some(binary) = nginx_server::find() else {
        println!(
            "against_nginx_a_304_is_one_small_request_and_a_republish_applies: SKIPPED, nginx is not installed (Debian: apt-get install nginx; `bash .ci/setup test` does)"
        );
        return;
    };
    let work = tempfile::tempdir().expect("a temporary folder");
    let (content, site) = (work.path().join("content"), work.path().join("site"));
    let generated =
        keys::generate(&work.path().join("keys"), None).expect("a key pair can be generated");
    let key = SigningKey::load(&generated.secret_key_file, None).expect("the new secret key loads");
    let public = PublicKey::from_base64(generated.public_key.to_base64())
        .expect("the publisher's public key is what the app is configured with");

    write_content(&content, "feed-10.json");
    publish(&content, &site, &key, FIRST);
    let nginx = Nginx::start(&binary, &site).unwrap_or_else(|error| panic!("{error}"));
    let data = tempfile::tempdir().expect("a temporary data directory");
    let syncer = syncer_for(
        data.path(),
        Some(format!("{}/feed.json", nginx.base)),
        vec![public.clone()],
    );
    let mut seen = 0;

    // The first sync fetches the feed, its signature and every media file.
    let outcome = syncer
        .sync_once(EMBEDDED_REVISION)
        .await
        .expect("the published feed syncs from nginx");
    let Outcome::Applied { active, media, .. } = outcome else {
        panic!("revision {FIRST} must be applied: {outcome:?}");
    };
    assert_eq!(
        (active.revision, active.signed, media.files),
        (FIRST, true, 4),
        "revision {FIRST}, signed, with its four media files"
    );
    let first = new_requests(&nginx, &mut seen);
    assert_eq!(
        uris(&first[..2]),
        [(200, "/feed.json"), (200, "/feed.json.minisig")],
        "the feed, then its signature"
    );
    assert_eq!(
        first[0].content_encoding, "gzip",
        "nginx compresses the JSON feed and the sync accepts gzip: {first:?}"
    );
    assert!(
        first[2..]
            .iter()
            .all(|line| line.status == 200 && line.uri.starts_with("/media/")),
        "then only media, each fetched whole: {first:?}"
    );
    assert_eq!(first.len(), 2 + 4, "one request per file: {first:?}");

    // The second sync: a conditional request answered 304, and nothing else.
    let outcome = syncer
        .sync_once(FIRST)
        .await
        .expect("an unchanged feed is not an error");
    assert!(
        matches!(outcome, Outcome::UpToDate { revision: FIRST }),
        "an unchanged feed changes nothing: {outcome:?}"
    );
    let second = new_requests(&nginx, &mut seen);
    assert_eq!(
        uris(&second),
        [(304, "/feed.json")],
        "an unchanged feed costs exactly one request, answered 304 (no signature is fetched for a 304)"
    );
    let cost = &second[0];
    println!(
        "nginx: an unchanged feed cost 1 request: {} bytes sent by nginx + {} bytes of request = {} bytes",
        cost.bytes_sent,
        cost.request_length,
        cost.wire_bytes()
    );
    assert!(
        cost.wire_bytes() < MAX_UNCHANGED_WIRE_BYTES,
        "an unchanged feed must cost under {MAX_UNCHANGED_WIRE_BYTES} bytes on the wire: {cost:?}"
    );

    // The editor adds an article and a film and publishes again.
    write_content(&content, "feed-11.json");
    publish(&content, &site, &key, SECOND);
    let outcome = syncer
        .sync_once(FIRST)
        .await
        .expect("the republished feed syncs");
    let Outcome::Applied { active, media, .. } = outcome else {
        panic!("revision {SECOND} must be applied: {outcome:?}");
    };
    assert_eq!(
        (active.revision, active.previous, media.files),
        (SECOND, Some(FIRST), 1),
        "revision {SECOND} is live, {FIRST} is its fallback, and only the new film was fetched"
    );
    let third = new_requests(&nginx, &mut seen);
    assert_eq!(
        uris(&third),
        [
            (200, "/feed.json"),
            (200, "/feed.json.minisig"),
            (200, "/media/film-2.webm")
        ],
        "the new feed's ETag differs, so it is fetched whole; of the media only the new film"
    );
    let status = syncer.status();
    for id in ["postlagen-sv", "film-2-sv", "film-2-en"] {
        assert!(
            status.item_ids.iter().any(|shown| shown == id),
            "the new article and film are shown: {id} missing from {:?}",
            status.item_ids
        );
    }
    let (loaded, info) =
        load_active(data.path(), &[public]).expect("a restart shows the republished revision");
    assert_eq!(
        (info.revision, loaded.pack.revision()),
        (SECOND, SECOND),
        "the republished revision survives a restart"
    );

    // And the new revision is as cheap to confirm as the first.
    syncer
        .sync_once(SECOND)
        .await
        .expect("an unchanged feed is not an error");
    assert_eq!(
        uris(&new_requests(&nginx, &mut seen)),
        [(304, "/feed.json")],
        "after the republish an unchanged feed is again one 304"
    );
}
