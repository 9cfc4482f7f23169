//! The media-serving benchmark behind `bench/media.sh` (issue 5's target:
//! 100 random Range requests into a 200 MB film, p99 under 20 ms, resident
//! memory growth under 20 MB): a plain program that measures and prints a
//! Markdown table, not a timed test (timings vary too much between machines
//! to fail a build on).
//!
//! 1. Writes a [`FILM_BYTES`] film of pseudo-random bytes into a temporary
//!    folder (removed at the end) and flushes it to disk, so no writeback
//!    runs during the requests. The film is then in the page cache: the
//!    figures are the server's, not a cold disk's.
//! 2. Binds the real [`MediaServer`] as the app does (loopback, the app's
//!    CORS origins, an index entry keyed by a SHA-256 pointing at the file)
//!    and serves it on a runtime of its own, like Tauri's async runtime.
//! 3. From a client on a separate single-threaded runtime, standing in for
//!    the webview's player, sends [`WARMUP_REQUESTS`] untimed requests, then
//!    [`REQUESTS`] timed ones, each a seek to a seeded pseudo-random offset
//!    X: `Range: bytes=X-(X + SEEK_BYTES - 1)`, timed from sending to the
//!    last byte of the body, over one kept-alive connection as a player
//!    would use.
//! 4. Reads resident memory (`VmRSS`) and its peak (`VmHWM`, reset through
//!    `/proc/self/clear_refs` where allowed) from `/proc/self/status` before
//!    and after the timed requests. Client and server share the process, so
//!    the growth counts both sides: an upper bound on the server's.
//!
//! Run it in release mode: `bash bench/media.sh`.

use std::fs::{self, File};
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use infostand_media::{Index, MediaFile, MediaServer, ServerOptions, TAURI_ORIGINS};
use reqwest::header::{CONTENT_RANGE, RANGE};
use reqwest::{Client, StatusCode};

/// The app binary's allocator (src-tauri/src/main.rs), so the memory
/// figures are the app's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const MIB: u64 = 1024 * 1024;

/// The film's size: 200 MiB (209.7 MB), as in the crate's streaming memory
/// test, so it is at least the 200 MB.
const FILM_BYTES: u64 = 200 * MIB;

/// The film is written this much at a time, from one reused buffer, so
/// making it leaves no 200 MB allocation behind in resident memory.
const WRITE_CHUNK_BYTES: u64 = MIB;

/// What each seek asks for: 1 MiB, about what a player fetches after a
/// seek before it has enough to decode and show the new position.
const SEEK_BYTES: u64 = MIB;

/// Timed requests (the 100).
const REQUESTS: usize = 100;

/// Untimed requests first, so the connection, the server's tasks and the
/// allocator's pools are set up before the clock and the memory baseline.
const WARMUP_REQUESTS: usize = 5;

/// Seeds the seek offsets, so every run asks for the same ranges.
const SEEK_SEED: u64 = 0x5EEC_2026_0000_0005;

/// Leading bytes of each body compared with the film: enough to catch a
/// wrong offset, few enough to cost nothing inside the timed window.
const CHECKED_BYTES: usize = 64;

/// Bounds every request, so a hung server ends the run instead of hanging.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// The film's index key. The server only looks files up by it; the media
/// store checked the real hash when it installed the file, which is not
/// what is measured here.
const FILM_SHA256: &str = "5eec000000000000000000000000000000000000000000000000000000000005";

/// The type the app's example films are served with.
const FILM_MIME: &str = "video/webm";

/// The latency target, for the p99 of the timed requests.
const LATENCY_TARGET: Duration = Duration::from_millis(20);

/// The memory target, in decimal megabytes as the table prints
/// them (the crate's streaming test allows 20 MiB; this is stricter).
const MEMORY_TARGET_BYTES: u64 = 20 * 1000 * 1000;

/// SplitMix64: a tiny, well-mixed generator for both the film's bytes and
/// the seek offsets; no random crate needed, and every run is the same.
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The film's byte at `position`: a function of the position alone, so any
/// range the server returns can be checked without keeping the film.
fn film_byte(position: u64) -> u8 {
    splitmix64(position / 8).to_le_bytes()[(position % 8) as usize]
}

/// Writes the film and flushes it to disk.
fn write_film(path: &Path) {
    let mut file = File::create(path).expect("the film can be created");
    let mut chunk = Vec::with_capacity(WRITE_CHUNK_BYTES as usize);
    for start in (0..FILM_BYTES).step_by(WRITE_CHUNK_BYTES as usize) {
        chunk.clear();
        // Whole 8-byte words: WRITE_CHUNK_BYTES is a multiple of 8.
        for word in start / 8..(start + WRITE_CHUNK_BYTES) / 8 {
            chunk.extend_from_slice(&splitmix64(word).to_le_bytes());
        }
        file.write_all(&chunk).expect("the film can be written");
    }
    // Dirty pages written back during the requests would disturb the
    // timings; the server reading from the page cache is what is measured.
    file.sync_all().expect("the film can be flushed to disk");
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

/// One seek: asks for [`SEEK_BYTES`] from `offset`, reads the body to its
/// end without keeping it, and checks it is the right part of the film.
/// Returns the time from sending to the last byte.
async fn seek(client: &Client, url: &str, offset: u64) -> Duration {
    let last = offset + SEEK_BYTES - 1;
    let started = Instant::now();
    let mut response = client
        .get(url)
        .header(RANGE, format!("bytes={offset}-{last}"))
        .send()
        .await
        .expect("the server must answer");
    let mut received: u64 = 0;
    let mut head = Vec::with_capacity(CHECKED_BYTES);
    while let Some(chunk) = response.chunk().await.expect("the body must not break") {
        if head.len() < CHECKED_BYTES {
            let wanted = (CHECKED_BYTES - head.len()).min(chunk.len());
            head.extend_from_slice(&chunk[..wanted]);
        }
        received += chunk.len() as u64;
    }
    let elapsed = started.elapsed();

    assert_eq!(
        response.status(),
        StatusCode::PARTIAL_CONTENT,
        "a seek must get 206"
    );
    let content_range = response
        .headers()
        .get(CONTENT_RANGE)
        .and_then(|value| value.to_str().ok());
    assert_eq!(
        content_range,
        Some(format!("bytes {offset}-{last}/{FILM_BYTES}").as_str()),
        "the server must say it sent the range asked for"
    );
    assert_eq!(received, SEEK_BYTES, "every byte of the range must arrive");
    let expected: Vec<u8> = (offset..offset + head.len() as u64)
        .map(film_byte)
        .collect();
    assert_eq!(head, expected, "the body must be the film at {offset}");
    elapsed
}

/// The `rank`th percentile by nearest rank (the smallest sample with at
/// least `rank` % of the samples at or below it) of sorted samples.
fn percentile(sorted: &[Duration], rank: usize) -> Duration {
    let index = (rank * sorted.len()).div_ceil(100).max(1) - 1;
    sorted[index]
}

struct Figures {
    /// Sorted, fastest first.
    latencies: Vec<Duration>,
    rss_before: u64,
    rss_after: u64,
    peak_before: u64,
    peak_after: u64,
    peak_reset: bool,
}

async fn bench(url: &str) -> Figures {
    let client = Client::builder()
        .timeout(REQUEST_TIMEOUT)
        .build()
        .expect("a plain HTTP client can be built");
    let mut state = SEEK_SEED;
    let mut next_offset = || {
        state = splitmix64(state);
        // Every offset from which a whole seek fits in the film.
        state % (FILM_BYTES - SEEK_BYTES + 1)
    };

    for _ in 0..WARMUP_REQUESTS {
        seek(&client, url, next_offset()).await;
    }

    // Writing 5 resets VmHWM to the current RSS (Linux 4.0+), so the peak
    // read afterwards belongs to the timed requests alone.
    let peak_reset = fs::write("/proc/self/clear_refs", "5").is_ok();
    let rss_before = proc_status_bytes("VmRSS");
    let peak_before = proc_status_bytes("VmHWM");
    let mut latencies = Vec::with_capacity(REQUESTS);
    for _ in 0..REQUESTS {
        latencies.push(seek(&client, url, next_offset()).await);
    }
    let rss_after = proc_status_bytes("VmRSS");
    let peak_after = proc_status_bytes("VmHWM");

    latencies.sort();
    Figures {
        latencies,
        rss_before,
        rss_after,
        peak_before,
        peak_after,
        peak_reset,
    }
}

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
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

fn main() {
    let folder = tempfile::tempdir().expect("a temporary folder on disk");
    // Named by its key, as the app's content-addressed store names files.
    let film = folder.path().join(FILM_SHA256);
    write_film(&film);

    // Tauri's async runtime is a default multi-threaded Tokio runtime; the
    // server gets one of its own, as in src-tauri/src/lib.rs.
    let server_runtime = tokio::runtime::Runtime::new().expect("a runtime for the server");
    let server = MediaServer::bind(ServerOptions {
        allowed_origins: TAURI_ORIGINS.iter().map(|o| (*o).to_owned()).collect(),
        index: Index::default(),
    })
    .expect("the server binds to loopback");
    let (media, _serving) = server.spawn(server_runtime.handle());
    // As src-tauri/src/library.rs announces a pack's media.
    media.replace_index(Index::from([(
        FILM_SHA256.to_owned(),
        MediaFile {
            path: film.clone(),
            mime_type: FILM_MIME.to_owned(),
        },
    )]));
    let url = media.url_for(FILM_SHA256);

    // The webview is another process with threads of its own; a separate
    // single-threaded runtime keeps the client off the server's workers.
    let client_runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime for the client");
    let figures = client_runtime.block_on(bench(&url));
    media.shutdown();

    let p99 = percentile(&figures.latencies, 99);
    let median = percentile(&figures.latencies, 50);
    let rss_growth = figures.rss_after.saturating_sub(figures.rss_before);
    let peak_rise = figures.peak_after.saturating_sub(figures.rss_before);
    println!("| measure | result | target | met |");
    println!("|---|---|---|---|");
    println!(
        "| {REQUESTS} Range requests of {} MiB at seeded random offsets into a {} film, send to last byte, after {WARMUP_REQUESTS} untimed warm-up requests: p99 (nearest rank: the 99th of {REQUESTS}) | {} | < {} | {} |",
        SEEK_BYTES / MIB,
        mb(FILM_BYTES),
        ms(p99),
        ms(LATENCY_TARGET),
        verdict(p99 < LATENCY_TARGET),
    );
    println!(
        "| the same {REQUESTS} requests: median, min, max | median {}, min {}, max {} | | |",
        ms(median),
        ms(figures.latencies[0]),
        ms(figures.latencies[figures.latencies.len() - 1]),
    );
    println!(
        "| resident memory (VmRSS) before and after the {REQUESTS} requests | {} before, {} after (growth {}) | growth < {} | {} |",
        mb(figures.rss_before),
        mb(figures.rss_after),
        mb(rss_growth),
        mb(MEMORY_TARGET_BYTES),
        verdict(rss_growth < MEMORY_TARGET_BYTES),
    );
    println!(
        "| peak resident memory (VmHWM) before and after{} | {} before, {} after (rise {} over VmRSS before) | rise < {} | {} |",
        if figures.peak_reset {
            ", reset before the requests"
        } else {
            " (peak not reset: includes start-up)"
        },
        mb(figures.peak_before),
        mb(figures.peak_after),
        mb(peak_rise),
        mb(MEMORY_TARGET_BYTES),
        verdict(peak_rise < MEMORY_TARGET_BYTES),
    );
}
