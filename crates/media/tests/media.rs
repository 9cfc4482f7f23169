//! The media server over real loopback HTTP, as the webview uses it.

#[path = "media/range_fuzz.rs"]
mod range_fuzz;

use std::path::Path;
use std::time::Duration;

use infostand_media::server::TAURI_ORIGINS;
use infostand_media::{Index, MediaFile, MediaHandle, MediaServer, ServerOptions};
use reqwest::header::{
    ACCEPT_RANGES, ACCESS_CONTROL_ALLOW_ORIGIN, CACHE_CONTROL, CONTENT_LENGTH, CONTENT_RANGE,
    CONTENT_TYPE, ORIGIN, RANGE, X_CONTENT_TYPE_OPTIONS,
};
use reqwest::{Client, StatusCode};
use tokio::sync::RwLock;

/// Length of the small test file; its bytes are `i % 251`, so any slice of
/// it can be checked.
const SMALL_LEN: usize = 1000;

/// The stand-in film of the memory test: large enough that buffering it
/// would show plainly in resident memory.
const LARGE_LEN: u64 = 200 * 1024 * 1024;

/// How much resident memory may grow while the large file streams through.
const MEMORY_BUDGET_BYTES: u64 = 20 * 1024 * 1024;

/// Bounds every request, so a hung server fails the test instead of hanging it.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);

/// The memory test takes this exclusively so other tests' allocations do not
/// count against its budget; every other test shares it.
static MEMORY_QUIET: RwLock<()> = RwLock::const_new(());

const SMALL_SHA: &str = "1111111111111111111111111111111111111111111111111111111111111111";
const OTHER_SHA: &str = "2222222222222222222222222222222222222222222222222222222222222222";
const LARGE_SHA: &str = "3333333333333333333333333333333333333333333333333333333333333333";

fn small_bytes() -> Vec<u8> {
    (0..SMALL_LEN).map(|i| (i % 251) as u8).collect()
}

fn file(path: &Path, mime_type: &str) -> MediaFile {
    MediaFile {
        path: path.to_path_buf(),
        mime_type: mime_type.into(),
    }
}

/// A running server with one small WebM-typed file, and a client for it.
struct Fixture {
    _dir: tempfile::TempDir,
    dir: std::path::PathBuf,
    handle: MediaHandle,
    client: Client,
}

impl Fixture {
    async fn start() -> Self {
        let dir = tempfile::tempdir().expect("a temporary directory is needed for media files");
        let small = dir.path().join(SMALL_SHA);
        tokio::fs::write(&small, small_bytes())
            .await
            .expect("the test file can be written");
        let server = MediaServer::bind(ServerOptions {
            allowed_origins: TAURI_ORIGINS.iter().map(|o| (*o).to_owned()).collect(),
            index: Index::from([(SMALL_SHA.to_owned(), file(&small, "video/webm"))]),
        })
        .expect("the server binds to loopback");
        let (handle, _task) = server.spawn(&tokio::runtime::Handle::current());
        let client = Client::builder()
            .timeout(REQUEST_TIMEOUT)
            .build()
            .expect("a plain HTTP client can be built");
        Self {
            dir: dir.path().to_path_buf(),
            _dir: dir,
            handle,
            client,
        }
    }

    async fn get(&self, url: &str, range: Option<&str>) -> reqwest::Response {
        let mut request = self.client.get(url);
        if let Some(range) = range {
            request = request.header(RANGE, range);
        }
        request.send().await.expect("the server must answer")
    }
}

fn header(response: &reqwest::Response, name: reqwest::header::HeaderName) -> Option<&str> {
    response
        .headers()
        .get(name)
        .and_then(|value| value.to_str().ok())
}

#[tokio::test]
async fn a_full_get_streams_the_file_with_its_type() {
    let _quiet = MEMORY_QUIET.read().await;
    let fixture = Fixture::start().await;
    let response = fixture.get(&fixture.handle.url_for(SMALL_SHA), None).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "an indexed file must be served"
    );
    assert_eq!(
        header(&response, CONTENT_TYPE),
        Some("video/webm"),
        "the index's MIME type must be sent"
    );
    assert_eq!(
        header(&response, CONTENT_LENGTH),
        Some(SMALL_LEN.to_string().as_str()),
        "the length must be announced so the player can seek"
    );
    assert_eq!(
        header(&response, ACCEPT_RANGES),
        Some("bytes"),
        "players need to know they may seek"
    );
    assert_eq!(
        header(&response, CACHE_CONTROL),
        Some("no-cache"),
        "every response states its caching"
    );
    assert_eq!(
        header(&response, X_CONTENT_TYPE_OPTIONS),
        Some("nosniff"),
        "the webview must not guess other types"
    );
    let body = response.bytes().await.expect("the body arrives");
    assert_eq!(
        body.as_ref(),
        small_bytes(),
        "the body must be the file's bytes"
    );
}

#[tokio::test]
async fn ranges_give_partial_content() {
    let _quiet = MEMORY_QUIET.read().await;
    let fixture = Fixture::start().await;
    let url = fixture.handle.url_for(SMALL_SHA);
    let bytes = small_bytes();
    let cases = [
        ("bytes=0-99", 0..100, "bytes 0-99/1000"),
        ("bytes=100-", 100..SMALL_LEN, "bytes 100-999/1000"),
        (
            "bytes=-100",
            SMALL_LEN - 100..SMALL_LEN,
            "bytes 900-999/1000",
        ),
    ];
    for (range, slice, content_range) in cases {
        let response = fixture.get(&url, Some(range)).await;
        assert_eq!(
            response.status(),
            StatusCode::PARTIAL_CONTENT,
            "{range} must give 206"
        );
        assert_eq!(
            header(&response, CONTENT_RANGE),
            Some(content_range),
            "{range} must say which bytes it carries"
        );
        let body = response.bytes().await.expect("the body arrives");
        assert_eq!(
            body.as_ref(),
            &bytes[slice],
            "{range} must carry exactly those bytes"
        );
    }
}

#[tokio::test]
async fn an_unsatisfiable_range_gives_416() {
    let _quiet = MEMORY_QUIET.read().await;
    let fixture = Fixture::start().await;
    let response = fixture
        .get(&fixture.handle.url_for(SMALL_SHA), Some("bytes=999999999-"))
        .await;
    assert_eq!(
        response.status(),
        StatusCode::RANGE_NOT_SATISFIABLE,
        "a range past the end cannot be served"
    );
}

/// Found by fuzzing (`range_fuzz`): tower-http answered `bytes=0-` on an
/// empty file with `206` and `Content-Range: bytes 0-0/0`, a range outside
/// the file. An empty file has no satisfiable range (RFC 9110, 14.1.1).
#[tokio::test]
async fn a_range_of_an_empty_file_is_unsatisfiable() {
    let _quiet = MEMORY_QUIET.read().await;
    let fixture = Fixture::start().await;
    let empty = fixture.dir.join(OTHER_SHA);
    tokio::fs::write(&empty, b"")
        .await
        .expect("the empty test file can be written");
    fixture.handle.replace_index(Index::from([(
        OTHER_SHA.to_owned(),
        file(&empty, "text/vtt"),
    )]));
    let url = fixture.handle.url_for(OTHER_SHA);
    for range in ["bytes=0-", "bytes=0-0", "bytes=0-99"] {
        let response = fixture.get(&url, Some(range)).await;
        assert_eq!(
            response.status(),
            StatusCode::RANGE_NOT_SATISFIABLE,
            "{range} names bytes an empty file does not have"
        );
        assert_eq!(
            header(&response, CONTENT_RANGE),
            Some("bytes */0"),
            "a refused range tells the file's length, so the player can ask again"
        );
    }
    let whole = fixture.get(&url, None).await;
    assert_eq!(
        (whole.status(), header(&whole, CONTENT_LENGTH)),
        (StatusCode::OK, Some("0")),
        "without a range the empty file is served as it is"
    );
}

#[tokio::test]
async fn head_gives_headers_without_a_body() {
    let _quiet = MEMORY_QUIET.read().await;
    let fixture = Fixture::start().await;
    let response = fixture
        .client
        .head(fixture.handle.url_for(SMALL_SHA))
        .send()
        .await
        .expect("the server must answer");
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "HEAD of an indexed file succeeds"
    );
    assert_eq!(
        header(&response, CONTENT_LENGTH),
        Some(SMALL_LEN.to_string().as_str()),
        "HEAD must announce the file's length"
    );
    let body = response.bytes().await.expect("the (empty) body arrives");
    assert!(body.is_empty(), "HEAD must not send the file");
}

#[tokio::test]
async fn wrong_token_and_unknown_hash_are_the_same_404() {
    let _quiet = MEMORY_QUIET.read().await;
    let fixture = Fixture::start().await;
    let good = fixture.handle.url_for(SMALL_SHA);
    let origin = fixture.handle.origin();
    let wrong_token = format!("{origin}/{}/{SMALL_SHA}", "0".repeat(64));
    let unknown_hash = fixture.handle.url_for(OTHER_SHA);
    let mut answers = Vec::new();
    for url in [
        wrong_token,
        unknown_hash,
        format!("{good}/extra"),
        format!("{origin}/"),
        format!("{origin}/{SMALL_SHA}"),
    ] {
        let response = fixture.get(&url, None).await;
        let status = response.status();
        let length = header(&response, CONTENT_LENGTH).map(str::to_owned);
        let body = response.bytes().await.expect("the body arrives");
        assert_eq!(status, StatusCode::NOT_FOUND, "{url} must not be served");
        answers.push((status, length, body));
    }
    assert!(
        answers.windows(2).all(|pair| pair[0] == pair[1]),
        "every refusal must look the same, so none reveals which part was wrong: {answers:?}"
    );
}

#[tokio::test]
async fn other_methods_are_refused() {
    let _quiet = MEMORY_QUIET.read().await;
    let fixture = Fixture::start().await;
    for method in [
        reqwest::Method::POST,
        reqwest::Method::PUT,
        reqwest::Method::DELETE,
    ] {
        let response = fixture
            .client
            .request(method.clone(), fixture.handle.url_for(SMALL_SHA))
            .send()
            .await
            .expect("the server must answer");
        assert!(
            matches!(
                response.status(),
                StatusCode::METHOD_NOT_ALLOWED | StatusCode::NOT_FOUND
            ),
            "{method} must be refused, got {}",
            response.status()
        );
    }
}

#[tokio::test]
async fn cors_allows_only_the_listed_origins() {
    let _quiet = MEMORY_QUIET.read().await;
    let fixture = Fixture::start().await;
    let url = fixture.handle.url_for(SMALL_SHA);
    for origin in TAURI_ORIGINS {
        let response = fixture
            .client
            .get(&url)
            .header(ORIGIN, origin)
            .send()
            .await
            .expect("the server must answer");
        assert_eq!(
            header(&response, ACCESS_CONTROL_ALLOW_ORIGIN),
            Some(origin),
            "the app's own origin {origin} must be allowed to read captions"
        );
    }
    let response = fixture
        .client
        .get(&url)
        .header(ORIGIN, "https://evil.example")
        .send()
        .await
        .expect("the server must answer");
    assert_eq!(
        header(&response, ACCESS_CONTROL_ALLOW_ORIGIN),
        None,
        "another origin must not be allowed to read the responses"
    );
}

#[tokio::test]
async fn replacing_the_index_changes_what_is_served() {
    let _quiet = MEMORY_QUIET.read().await;
    let fixture = Fixture::start().await;
    let other = fixture.dir.join(OTHER_SHA);
    tokio::fs::write(&other, b"WEBVTT\n")
        .await
        .expect("the second test file can be written");
    fixture.handle.replace_index(Index::from([(
        OTHER_SHA.to_owned(),
        file(&other, "text/vtt"),
    )]));
    let old = fixture.get(&fixture.handle.url_for(SMALL_SHA), None).await;
    assert_eq!(
        old.status(),
        StatusCode::NOT_FOUND,
        "a file left out of the new index must stop being served"
    );
    let new = fixture.get(&fixture.handle.url_for(OTHER_SHA), None).await;
    assert_eq!(
        new.status(),
        StatusCode::OK,
        "a file of the new index must be served"
    );
    assert_eq!(
        header(&new, CONTENT_TYPE),
        Some("text/vtt"),
        "the new entry's type must be used"
    );
}

#[tokio::test]
async fn urls_point_at_the_bound_loopback_port() {
    let _quiet = MEMORY_QUIET.read().await;
    let server = MediaServer::bind(ServerOptions::default()).expect("the server binds to loopback");
    let origin = server.origin();
    assert_eq!(
        origin,
        format!("http://127.0.0.1:{}", server.addr().port()),
        "the origin is the bound address"
    );
    let url = server.url_for(SMALL_SHA);
    let token = url
        .strip_prefix(&format!("{origin}/"))
        .and_then(|rest| rest.strip_suffix(&format!("/{SMALL_SHA}")))
        .expect("a media URL is origin/token/sha256");
    assert!(
        token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit()),
        "the token must be 32 random bytes in hex, got {token:?}"
    );
}

#[tokio::test]
async fn shutdown_stops_the_server() {
    let _quiet = MEMORY_QUIET.read().await;
    let server = MediaServer::bind(ServerOptions::default()).expect("the server binds to loopback");
    let (handle, task) = server.spawn(&tokio::runtime::Handle::current());
    handle.shutdown();
    let result = tokio::time::timeout(REQUEST_TIMEOUT, task)
        .await
        .expect("serve must return after shutdown")
        .expect("the server task must not panic");
    assert!(
        result.is_ok(),
        "a requested stop is not an error: {result:?}"
    );
}

/// Resident memory of this process, from `/proc/self/status`.
fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_file_streams_in_bounded_memory() {
    let _quiet = MEMORY_QUIET.write().await;
    if resident_bytes().is_none() {
        println!("skipped: resident memory is only measured where /proc/self/status exists");
        return;
    }
    let fixture = Fixture::start().await;
    let large = fixture.dir.join(LARGE_SHA);
    // Sparse: reading it still moves every byte through the server and the
    // socket, which is what must not pile up in memory.
    std::fs::File::create(&large)
        .and_then(|f| f.set_len(LARGE_LEN))
        .expect("a 200 MB sparse file can be made");
    fixture.handle.replace_index(Index::from([
        (
            SMALL_SHA.to_owned(),
            file(&fixture.dir.join(SMALL_SHA), "video/webm"),
        ),
        (LARGE_SHA.to_owned(), file(&large, "video/webm")),
    ]));
    let url = fixture.handle.url_for(LARGE_SHA);

    // Warm up allocator pools, connection and buffers before measuring.
    let warm = fixture.get(&url, Some("bytes=0-4194303")).await;
    assert_eq!(
        warm.status(),
        StatusCode::PARTIAL_CONTENT,
        "the warm-up range must be served"
    );
    warm.bytes().await.expect("the warm-up body arrives");

    let before = resident_bytes().expect("measured above");
    let mut response = fixture.get(&url, None).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "the large file must be served"
    );
    let mut received: u64 = 0;
    let mut peak = before;
    while let Some(chunk) = response.chunk().await.expect("the stream must not break") {
        received += chunk.len() as u64;
        peak = peak.max(resident_bytes().unwrap_or(0));
    }
    assert_eq!(received, LARGE_LEN, "every byte must arrive");
    let growth = peak.saturating_sub(before);
    println!(
        "resident memory grew by {} KiB while streaming 200 MB",
        growth / 1024
    );
    assert!(
        growth < MEMORY_BUDGET_BYTES,
        "streaming must not buffer the file: resident memory grew by {growth} bytes"
    );
}
