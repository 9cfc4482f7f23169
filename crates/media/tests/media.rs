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

/// What a `Range` request must get, per RFC 9110 section 14.
#[derive(Debug)]
enum Expect {
    /// 206 with this `Content-Range` and exactly these bytes.
    Part(&'static str, std::ops::Range<usize>),
    /// 200 with the whole file: the header is ignored.
    Whole,
    /// 416 with `Content-Range: bytes */LEN`.
    Unsatisfiable,
}

#[tokio::test]
async fn range_requests_follow_rfc_9110() {
    let _quiet = MEMORY_QUIET.read().await;
    let fixture = Fixture::start().await;
    let url = fixture.handle.url_for(SMALL_SHA);
    let bytes = small_bytes();
    let cases = [
        ("bytes=0-99", Expect::Part("bytes 0-99/1000", 0..100)),
        (
            "bytes=100-",
            Expect::Part("bytes 100-999/1000", 100..SMALL_LEN),
        ),
        (
            "bytes=-100",
            Expect::Part("bytes 900-999/1000", 900..SMALL_LEN),
        ),
        (
            "bytes=999-999",
            Expect::Part("bytes 999-999/1000", 999..SMALL_LEN),
        ),
        // A last position past the end means "to the end" (14.1.1).
        (
            "bytes=10-99999",
            Expect::Part("bytes 10-999/1000", 10..SMALL_LEN),
        ),
        // A suffix longer than the file is the whole file, as a 206 (14.1.1:
        // "the entire representation is used").
        (
            "bytes=-1000",
            Expect::Part("bytes 0-999/1000", 0..SMALL_LEN),
        ),
        (
            "bytes=-5000",
            Expect::Part("bytes 0-999/1000", 0..SMALL_LEN),
        ),
        (
            "bytes=-18446744073709551615",
            Expect::Part("bytes 0-999/1000", 0..SMALL_LEN),
        ),
        // Range units are case-insensitive (14.1).
        ("Bytes=0-9", Expect::Part("bytes 0-9/1000", 0..10)),
        (
            "BYTES=-10",
            Expect::Part("bytes 990-999/1000", 990..SMALL_LEN),
        ),
        // A unit the server does not know must be ignored (14.2).
        ("items=0-9", Expect::Whole),
        ("none", Expect::Whole),
        ("=0-9", Expect::Whole),
        // An invalid ranges-specifier may be ignored (14.2): it is.
        ("bytes=abc", Expect::Whole),
        ("bytes=5-2", Expect::Whole),
        ("bytes=", Expect::Whole),
        ("bytes=0-1-2", Expect::Whole),
        // Several ranges would need multipart/byteranges, which a player
        // never asks for: the header is ignored, as 14.2 allows.
        ("bytes=0-9,20-29", Expect::Whole),
        ("bytes=0-9, -5", Expect::Whole),
        // Unsatisfiable: no byte of the file is in the range (14.1.1, 15.5.17).
        ("bytes=-0", Expect::Unsatisfiable),
        ("bytes=1000-", Expect::Unsatisfiable),
        ("bytes=1000-1005", Expect::Unsatisfiable),
        ("bytes=999999999-", Expect::Unsatisfiable),
    ];
    let mut wrong = Vec::new();
    for (range, expected) in cases {
        let response = fixture.get(&url, Some(range)).await;
        let status = response.status();
        let content_range = header(&response, CONTENT_RANGE).map(str::to_owned);
        let body = response.bytes().await.expect("the body arrives");
        let right = match &expected {
            Expect::Part(wanted, slice) => {
                status == StatusCode::PARTIAL_CONTENT
                    && content_range.as_deref() == Some(*wanted)
                    && body.as_ref() == &bytes[slice.clone()]
            }
            Expect::Whole => {
                status == StatusCode::OK && content_range.is_none() && body.as_ref() == bytes
            }
            Expect::Unsatisfiable => {
                status == StatusCode::RANGE_NOT_SATISFIABLE
                    && content_range.as_deref() == Some("bytes */1000")
            }
        };
        if !right {
            wrong.push(format!(
                "{range:?}: expected {expected:?}, got {status} with Content-Range {content_range:?} and {} bytes",
                body.len()
            ));
        }
    }
    // 206 carries exactly the bytes its Content-Range names; 200 the whole
    // file without one; 416 names the file's length (RFC 9110 15.3.7,
    // 15.5.17).
    assert!(
        wrong.is_empty(),
        "every Range case must be answered as RFC 9110 section 14 says:\n{}",
        wrong.join("\n")
    );
}

#[tokio::test]
async fn head_and_empty_files_ignore_or_refuse_ranges_per_rfc_9110() {
    let _quiet = MEMORY_QUIET.read().await;
    let fixture = Fixture::start().await;
    let url = fixture.handle.url_for(SMALL_SHA);
    let head = fixture
        .client
        .head(&url)
        .header(RANGE, "bytes=0-9")
        .send()
        .await
        .expect("the server must answer");
    assert_eq!(
        head.status(),
        StatusCode::OK,
        "range handling is defined for GET only; HEAD must ignore Range (14.2)"
    );
    let empty = fixture.dir.join(OTHER_SHA);
    tokio::fs::write(&empty, b"")
        .await
        .expect("the empty test file can be written");
    fixture.handle.replace_index(Index::from([(
        OTHER_SHA.to_owned(),
        file(&empty, "text/vtt"),
    )]));
    let url = fixture.handle.url_for(OTHER_SHA);
    for (range, status) in [
        // A suffix of an empty file is satisfiable (14.1.1) but has no byte
        // to name in a Content-Range: the whole (empty) file is the answer.
        ("bytes=-5", StatusCode::OK),
        ("bytes=0-", StatusCode::RANGE_NOT_SATISFIABLE),
        ("bytes=-0", StatusCode::RANGE_NOT_SATISFIABLE),
    ] {
        let response = fixture.get(&url, Some(range)).await;
        assert_eq!(response.status(), status, "{range:?} on an empty file");
        let body = response.bytes().await.expect("the body arrives");
        assert!(body.is_empty(), "{range:?}: an empty file sends no bytes");
    }
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

/// A response read off the wire: status, headers (lowercase names) and body.
#[derive(Debug, PartialEq, Eq)]
struct Raw {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Raw {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Sends `head` (request line and header lines, without the blank line
/// that ends them) as it is, over a fresh connection, and reads the whole
/// answer. An HTTP client library would fix up `Host` and the target,
/// which is exactly what these tests must control.
async fn raw(fixture: &Fixture, head: &str) -> Raw {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(fixture.handle.addr())
        .await
        .expect("the server accepts connections");
    let request = format!("{head}\r\nConnection: close\r\n\r\n");
    stream
        .write_all(request.as_bytes())
        .await
        .expect("the request can be sent");
    let mut answer = Vec::new();
    tokio::time::timeout(REQUEST_TIMEOUT, stream.read_to_end(&mut answer))
        .await
        .expect("the server answers in time")
        .expect("the answer can be read");
    let split = answer
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .expect("the answer has a header section");
    let text = String::from_utf8_lossy(&answer[..split]).into_owned();
    let mut lines = text.split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .expect("the answer starts with a status line");
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .filter(|(name, _)| !name.eq_ignore_ascii_case("date"))
        .map(|(name, value)| (name.to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    Raw {
        status,
        headers,
        body: answer[split + 4..].to_vec(),
    }
}

/// The path (token and hash) of the small file's URL.
fn path_of(fixture: &Fixture, sha256: &str) -> String {
    let url = fixture.handle.url_for(sha256);
    url.strip_prefix(&fixture.handle.origin())
        .expect("a media URL starts with the origin")
        .to_owned()
}

#[tokio::test]
async fn options_without_the_token_is_the_same_404() {
    let _quiet = MEMORY_QUIET.read().await;
    let fixture = Fixture::start().await;
    let host = fixture.handle.addr();
    let wrong = format!("/{}/{SMALL_SHA}", "0".repeat(64));
    let baseline = raw(&fixture, &format!("GET {wrong} HTTP/1.1\r\nHost: {host}")).await;
    assert_eq!(baseline.status, 404, "a wrong token is a 404");
    let preflight = "Origin: tauri://localhost\r\nAccess-Control-Request-Method: GET\r\nAccess-Control-Request-Headers: range";
    for head in [
        format!("OPTIONS {wrong} HTTP/1.1\r\nHost: {host}"),
        format!("OPTIONS {wrong} HTTP/1.1\r\nHost: {host}\r\n{preflight}"),
        format!("OPTIONS /{SMALL_SHA} HTTP/1.1\r\nHost: {host}\r\n{preflight}"),
        format!("OPTIONS / HTTP/1.1\r\nHost: {host}\r\n{preflight}"),
        format!("OPTIONS * HTTP/1.1\r\nHost: {host}"),
    ] {
        let answer = raw(&fixture, &head).await;
        assert_eq!(
            answer, baseline,
            "OPTIONS without the token must look exactly like any request without it:\n{head}"
        );
    }
}

#[tokio::test]
async fn a_preflight_with_the_token_answers_only_the_apps_origins() {
    let _quiet = MEMORY_QUIET.read().await;
    let fixture = Fixture::start().await;
    let host = fixture.handle.addr();
    let path = path_of(&fixture, SMALL_SHA);
    for origin in TAURI_ORIGINS {
        let answer = raw(
            &fixture,
            &format!(
                "OPTIONS {path} HTTP/1.1\r\nHost: {host}\r\nOrigin: {origin}\r\n\
                 Access-Control-Request-Method: GET\r\nAccess-Control-Request-Headers: range"
            ),
        )
        .await;
        assert!(
            (200..300).contains(&answer.status),
            "the app's own preflight for {origin} must succeed: {answer:?}"
        );
        assert_eq!(
            answer.header("access-control-allow-origin"),
            Some(origin),
            "the preflight allows exactly the asking app origin"
        );
        let methods = answer
            .header("access-control-allow-methods")
            .unwrap_or_default()
            .to_ascii_uppercase();
        assert!(
            methods.contains("GET") && !methods.contains("POST"),
            "only reading is allowed: {methods:?}"
        );
        assert!(
            answer
                .header("access-control-allow-headers")
                .is_some_and(|headers| headers.eq_ignore_ascii_case("range")),
            "Range is the one request header a player sends: {answer:?}"
        );
        assert!(answer.body.is_empty(), "a preflight answer has no body");
    }
    let not_found = raw(
        &fixture,
        &format!(
            "GET /{}/{SMALL_SHA} HTTP/1.1\r\nHost: {host}",
            "0".repeat(64)
        ),
    )
    .await;
    for (what, extra) in [
        (
            "another origin",
            "Origin: https://evil.example\r\nAccess-Control-Request-Method: GET",
        ),
        (
            "a method the app never uses",
            "Origin: tauri://localhost\r\nAccess-Control-Request-Method: POST",
        ),
        ("no preflight at all", "Origin: tauri://localhost"),
        ("no origin", "Access-Control-Request-Method: GET"),
    ] {
        let answer = raw(
            &fixture,
            &format!("OPTIONS {path} HTTP/1.1\r\nHost: {host}\r\n{extra}"),
        )
        .await;
        assert_eq!(
            answer, not_found,
            "an OPTIONS with the token but {what} is not what the app's CORS needs: the same 404"
        );
    }
}

#[tokio::test]
async fn a_host_other_than_the_bound_loopback_is_refused() {
    let _quiet = MEMORY_QUIET.read().await;
    let fixture = Fixture::start().await;
    let port = fixture.handle.addr().port();
    let path = path_of(&fixture, SMALL_SHA);
    let cases = [
        (format!("Host: 127.0.0.1:{port}"), true),
        (format!("Host: localhost:{port}"), true),
        (format!("Host: LocalHost:{port}"), true),
        (format!("Host: [::1]:{port}"), true),
        // DNS rebinding: a page of another site, its name pointed at
        // 127.0.0.1, sends its own name.
        (format!("Host: evil.example:{port}"), false),
        (format!("Host: 127.0.0.1.nip.io:{port}"), false),
        (format!("Host: 127.0.0.2:{port}"), false),
        (format!("Host: 127.0.0.1:{}", port.wrapping_add(1)), false),
        ("Host: 127.0.0.1".to_owned(), false),
        ("Host: localhost".to_owned(), false),
    ];
    for (host, served) in cases {
        let answer = raw(&fixture, &format!("GET {path} HTTP/1.1\r\n{host}")).await;
        if served {
            assert_eq!(answer.status, 200, "{host:?} is how the app itself asks");
            assert_eq!(answer.body, small_bytes(), "{host:?} gets the file");
        } else {
            assert_eq!(
                answer.status, 421,
                "{host:?} is not this server's authority: 421 Misdirected Request, no file"
            );
            assert!(answer.body.is_empty(), "{host:?} gets no byte of the file");
        }
    }
    for head in [
        format!("GET {path} HTTP/1.1"),
        format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nHost: 127.0.0.1:{port}"),
    ] {
        let answer = raw(&fixture, &head).await;
        assert_eq!(
            answer.status, 400,
            "without exactly one Host the request is malformed (RFC 9112 section 3.2): {head:?}"
        );
        assert!(answer.body.is_empty(), "a malformed request gets no file");
    }
    // In absolute form the target's authority is the one that counts
    // (RFC 9112 section 3.2.2), whatever Host says.
    let absolute = raw(
        &fixture,
        &format!("GET http://evil.example:{port}{path} HTTP/1.1\r\nHost: 127.0.0.1:{port}"),
    )
    .await;
    assert_eq!(
        absolute.status, 421,
        "an absolute target naming another authority is refused"
    );
}
