//! The sync against a real HTTP server on 127.0.0.1 that injects faults.
//!
//! Each fault test first applies revision 10 (`fixtures/feed-10.json`),
//! then offers revision 11 (`fixtures/feed-11.json`, a new article and a new
//! film) through one fault, and checks that nothing live changed, the
//! status names the fault, and the next attempt is backed off. Feeds are
//! signed at test time with a fresh minisign key pair.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::response::Response;
use axum::Router;
use futures_util::{stream, StreamExt};
use infostand_sync::fetch::{Timeouts, MAX_FEED_BYTES};
use infostand_sync::layout::Layout;
use infostand_sync::layout::{self, LOCK_FILE};
use infostand_sync::media::partial_path;
use infostand_sync::{load_active, ErrorCode, Outcome, PublicKey, Status, SyncConfig, Syncer};
use sha2::{Digest, Sha256};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// What the app would show before any sync: its embedded pack.
const EMBEDDED_REVISION: u64 = 1;

/// Short enough that the timeout test takes a second, long enough for a
/// loaded CI machine to answer a loopback request.
const TEST_TIMEOUTS: Timeouts = Timeouts {
    connect: Duration::from_secs(5),
    feed: Duration::from_secs(2),
    read: Duration::from_secs(2),
};

const INTERVAL: Duration = Duration::from_secs(3600);

fn fixture(name: &str) -> Vec<u8> {
    fs::read(Path::new(FIXTURES).join(name)).expect("fixtures are checked in")
}

// ---------------------------------------------------------------- signing

struct Signer {
    pair: minisign::KeyPair,
}

impl Signer {
    fn new() -> Self {
        Self {
            pair: minisign::KeyPair::generate_unencrypted_keypair()
                .expect("a test key pair can be generated"),
        }
    }

    fn public(&self) -> PublicKey {
        PublicKey::from_base64(&self.pair.pk.to_base64()).expect("minisign's own key parses")
    }

    fn sign(&self, bytes: &[u8]) -> String {
        minisign::sign(
            Some(&self.pair.pk),
            &self.pair.sk,
            bytes,
            Some("test"),
            None,
        )
        .expect("signing in memory works")
        .to_string()
    }
}

// ----------------------------------------------------------------- server

#[derive(Clone, Default)]
enum FeedFault {
    #[default]
    None,
    Status(u16, Option<&'static str>),
    Hang,
    /// One byte every half second: never idle long enough for the read
    /// timeout, so only the total feed timeout can end it.
    Dribble,
    Truncate,
    Oversize(usize),
    Redirect(&'static str),
}

#[derive(Debug, Clone)]
struct Logged {
    path: String,
    range: Option<String>,
    user_agent: Option<String>,
}

#[derive(Default)]
struct ServerState {
    feed: Vec<u8>,
    signature: Option<String>,
    feed_fault: FeedFault,
    corrupt_media: HashSet<String>,
    /// Media served only up to this many bytes, once, then the connection
    /// drops.
    cut_media_once: HashMap<String, usize>,
    /// Other documents (news feeds, pictures) by path, served with an ETag.
    documents: HashMap<String, Vec<u8>>,
    /// Paths that answer 503 for now.
    down: HashSet<String>,
    requests: Vec<Logged>,
}

type Shared = Arc<Mutex<ServerState>>;

struct TestServer {
    base: String,
    state: Shared,
}

impl TestServer {
    async fn start() -> Self {
        let state = Shared::default();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port is free");
        let address = listener
            .local_addr()
            .expect("a bound socket has an address");
        let app = Router::new().fallback(handle).with_state(state.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self {
            base: format!("http://{address}"),
            state,
        }
    }

    fn feed_url(&self) -> String {
        format!("{}/feed.json", self.base)
    }

    fn publish(&self, feed: Vec<u8>, signature: Option<String>) {
        let mut state = self.state.lock().expect("the server state is not poisoned");
        state.feed = feed;
        state.signature = signature;
    }

    /// Serves `bytes` at `path` (e.g. `/news/a.json`), or stops serving it
    /// (`None`: 404); returns its URL.
    fn put(&self, path: &str, bytes: Option<Vec<u8>>) -> String {
        let mut state = self.state.lock().expect("the server state is not poisoned");
        match bytes {
            Some(bytes) => state.documents.insert(path.to_owned(), bytes),
            None => state.documents.remove(path),
        };
        format!("{}{path}", self.base)
    }

    /// Makes `path` answer 503 (`true`) or serve again.
    fn set_down(&self, path: &str, down: bool) {
        let mut state = self.state.lock().expect("the server state is not poisoned");
        if down {
            state.down.insert(path.to_owned());
        } else {
            state.down.remove(path);
        }
    }

    fn with(&self, change: impl FnOnce(&mut ServerState)) {
        change(&mut self.state.lock().expect("the server state is not poisoned"));
    }

    fn take_requests(&self) -> Vec<Logged> {
        std::mem::take(&mut self.state.lock().expect("not poisoned").requests)
    }
}

fn etag_of(bytes: &[u8]) -> String {
    format!("\"{}\"", &hex::encode(Sha256::digest(bytes))[..16])
}

async fn handle(State(state): State<Shared>, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    // Only owned values may live across the awaits below: a request body is
    // not Sync, so no borrow of the request may either.
    let (range, if_none_match, user_agent) = {
        let headers = request.headers();
        let text = |name| {
            headers
                .get(name)
                .and_then(|value: &header::HeaderValue| value.to_str().ok())
                .map(str::to_owned)
        };
        (
            text(header::RANGE),
            text(header::IF_NONE_MATCH),
            text(header::USER_AGENT),
        )
    };
    drop(request);
    let (down, document) = {
        let mut state = state.lock().expect("not poisoned");
        state.requests.push(Logged {
            path: path.clone(),
            range: range.clone(),
            user_agent,
        });
        (
            state.down.contains(&path),
            state.documents.get(&path).cloned(),
        )
    };
    if down {
        return respond(
            StatusCode::SERVICE_UNAVAILABLE,
            Body::from("down for the test"),
        );
    }
    if let Some(document) = document {
        return feed_response(document, FeedFault::None, if_none_match).await;
    }
    let (feed, signature, fault, corrupt, cut) = {
        let mut state = state.lock().expect("not poisoned");
        let name = path.trim_start_matches("/media/").to_owned();
        let cut = state.cut_media_once.remove(&name);
        (
            state.feed.clone(),
            state.signature.clone(),
            state.feed_fault.clone(),
            state.corrupt_media.contains(&name),
            cut,
        )
    };
    match path.as_str() {
        "/feed.json" => feed_response(feed, fault, if_none_match).await,
        "/feed.json.minisig" => match signature {
            Some(text) => respond(StatusCode::OK, Body::from(text)),
            None => respond(StatusCode::NOT_FOUND, Body::empty()),
        },
        media if media.starts_with("/media/") => {
            media_response(&media["/media/".len()..], range, corrupt, cut)
        }
        _ => respond(StatusCode::NOT_FOUND, Body::empty()),
    }
}

fn respond(status: StatusCode, body: Body) -> Response {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    response
}

/// A body that sends `first`, waits so it is surely on the wire, then breaks
/// the connection although `declared` bytes were promised.
fn broken_body(first: Vec<u8>, declared: usize) -> Response {
    let chunks =
        stream::iter([Ok::<_, std::io::Error>(Bytes::from(first))]).chain(stream::once(async {
            tokio::time::sleep(Duration::from_millis(200)).await;
            Err(std::io::Error::other(
                "the test server drops the connection",
            ))
        }));
    let mut response = respond(StatusCode::OK, Body::from_stream(chunks));
    response
        .headers_mut()
        .insert(header::CONTENT_LENGTH, declared.into());
    response
}

async fn feed_response(feed: Vec<u8>, fault: FeedFault, if_none_match: Option<String>) -> Response {
    match fault {
        FeedFault::Status(code, retry_after) => {
            let status = StatusCode::from_u16(code).expect("test status codes are valid");
            let mut response = respond(status, Body::from("fault injected"));
            if let Some(value) = retry_after {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, header::HeaderValue::from_static(value));
            }
            response
        }
        FeedFault::Hang => {
            tokio::time::sleep(Duration::from_secs(60)).await;
            respond(StatusCode::OK, Body::from(feed))
        }
        FeedFault::Dribble => {
            let declared = feed.len();
            let bytes = stream::iter(feed).then(|byte| async move {
                tokio::time::sleep(Duration::from_millis(500)).await;
                Ok::<_, std::io::Error>(Bytes::from(vec![byte]))
            });
            let mut response = respond(StatusCode::OK, Body::from_stream(bytes));
            response
                .headers_mut()
                .insert(header::CONTENT_LENGTH, declared.into());
            response
        }
        FeedFault::Truncate => {
            let declared = feed.len();
            broken_body(feed[..declared / 2].to_vec(), declared)
        }
        FeedFault::Oversize(size) => {
            // Chunked, with no Content-Length: the cap must hold while
            // streaming, not only against a declared length.
            let chunk = Bytes::from(vec![b' '; 1024 * 1024]);
            let chunks = stream::iter(
                (0..size.div_ceil(chunk.len()))
                    .map(move |_| Ok::<_, std::io::Error>(chunk.clone())),
            );
            respond(StatusCode::OK, Body::from_stream(chunks))
        }
        FeedFault::Redirect(target) => {
            let mut response = respond(StatusCode::FOUND, Body::empty());
            response
                .headers_mut()
                .insert(header::LOCATION, header::HeaderValue::from_static(target));
            response
        }
        FeedFault::None => {
            let etag = etag_of(&feed);
            if if_none_match.as_deref() == Some(etag.as_str()) {
                return respond(StatusCode::NOT_MODIFIED, Body::empty());
            }
            let mut response = respond(StatusCode::OK, Body::from(feed));
            response.headers_mut().insert(
                header::ETAG,
                header::HeaderValue::from_str(&etag).expect("a hex ETag is a valid header"),
            );
            response
        }
    }
}

fn media_response(
    name: &str,
    range: Option<String>,
    corrupt: bool,
    cut: Option<usize>,
) -> Response {
    let Ok(mut bytes) = fs::read(Path::new(FIXTURES).join("media").join(name)) else {
        return respond(StatusCode::NOT_FOUND, Body::empty());
    };
    if corrupt {
        bytes[0] ^= 0xff;
    }
    if let Some(at) = cut {
        return broken_body(bytes[..at].to_vec(), bytes.len());
    }
    let start = range
        .as_deref()
        .and_then(|value| value.strip_prefix("bytes="))
        .and_then(|value| value.strip_suffix('-'))
        .and_then(|value| value.parse::<usize>().ok());
    match start {
        Some(start) if start < bytes.len() => {
            let total = bytes.len();
            let mut response = respond(
                StatusCode::PARTIAL_CONTENT,
                Body::from(bytes[start..].to_vec()),
            );
            response.headers_mut().insert(
                header::CONTENT_RANGE,
                header::HeaderValue::from_str(&format!("bytes {start}-{}/{total}", total - 1))
                    .expect("a content range is a valid header"),
            );
            response
        }
        _ => respond(StatusCode::OK, Body::from(bytes)),
    }
}

// ---------------------------------------------------------------- helpers

struct Kiosk {
    server: TestServer,
    signer: Signer,
    data: tempfile::TempDir,
    syncer: Syncer,
}

impl Kiosk {
    /// A kiosk trusting `signer`, pointed at a fresh server publishing
    /// revision 10.
    async fn new() -> Self {
        let server = TestServer::start().await;
        let signer = Signer::new();
        let data = tempfile::tempdir().expect("a temporary data directory");
        let syncer = syncer_for(data.path(), Some(server.feed_url()), vec![signer.public()]);
        let kiosk = Self {
            server,
            signer,
            data,
            syncer,
        };
        kiosk.publish_signed(&fixture("feed-10.json"));
        kiosk
    }

    /// A kiosk that already applied revision 10 and is now offered 11.
    async fn at_revision_10() -> Self {
        let kiosk = Self::new().await;
        let outcome = kiosk
            .syncer
            .sync_once(EMBEDDED_REVISION)
            .await
            .expect("the first sync of a good signed feed applies");
        assert!(
            matches!(outcome, Outcome::Applied { .. }),
            "revision 10 is newer than the embedded pack: {outcome:?}"
        );
        kiosk.publish_signed(&fixture("feed-11.json"));
        kiosk.server.take_requests();
        kiosk
    }

    fn publish_signed(&self, feed: &[u8]) {
        self.server
            .publish(feed.to_vec(), Some(self.signer.sign(feed)));
    }

    fn layout(&self) -> Layout {
        Layout::new(self.data.path())
    }

    fn active_json(&self) -> Vec<u8> {
        fs::read(self.layout().active_file()).unwrap_or_default()
    }
}

fn syncer_for(data: &Path, feed_url: Option<String>, keys: Vec<PublicKey>) -> Syncer {
    let mut config = SyncConfig::new(data);
    config.feed_url = feed_url;
    config.keys = keys;
    config.interval = INTERVAL;
    config.timeouts = TEST_TIMEOUTS;
    Syncer::new(config).expect("the test configuration is valid")
}

/// Runs one sync at revision 10 with a fault in place and checks the
/// guarantees every fault must keep.
async fn assert_fault(case: &str, kiosk: &Kiosk, code: ErrorCode, message_has: &str) -> Status {
    let active_before = kiosk.active_json();
    let status_before = kiosk.syncer.status();
    let error = kiosk
        .syncer
        .sync_once(10)
        .await
        .expect_err(&format!("{case}: the sync must fail"));
    assert_eq!(error.code(), code, "{case}: wrong error code for {error}");
    assert_eq!(
        kiosk.active_json(),
        active_before,
        "{case}: active.json must not change when a sync fails"
    );
    let (loaded, info) = load_active(kiosk.data.path(), &[kiosk.signer.public()])
        .expect("{case}: revision 10 must still load after a failed sync");
    assert_eq!(
        (loaded.pack.revision(), info.revision),
        (10, 10),
        "{case}: the content on screen stays at revision 10"
    );
    let status = kiosk.syncer.status();
    let last_error = status
        .last_error
        .clone()
        .expect("a failed attempt must leave its error in the status");
    assert_eq!(last_error.code, code, "{case}: status.last_error.code");
    assert!(
        last_error.message.contains(message_has),
        "{case}: the message must say {message_has:?} so staff understand it, got {:?}",
        last_error.message
    );
    assert_eq!(
        (status.revision, &status.item_ids, status.last_success),
        (
            status_before.revision,
            &status_before.item_ids,
            status_before.last_success
        ),
        "{case}: a failure must not lose what is shown or when it last worked"
    );
    let attempt = status.last_attempt.expect("the attempt time is recorded");
    let next = status.next_attempt.expect("a failure schedules a retry");
    assert!(
        next > attempt && next <= attempt + INTERVAL + Duration::from_secs(60),
        "{case}: the retry must be backed off but within the interval: {attempt} -> {next}"
    );
    assert_eq!(
        status.consecutive_failures, 1,
        "{case}: the failure is counted for the next backoff"
    );
    status
}

// ------------------------------------------------------------------ tests

#[tokio::test]
async fn first_sync_applies_and_the_second_is_a_304() {
    let kiosk = Kiosk::new().await;
    let outcome = kiosk
        .syncer
        .sync_once(EMBEDDED_REVISION)
        .await
        .expect("a good signed feed applies");
    let Outcome::Applied { active, media, .. } = outcome else {
        panic!("revision 10 is newer than the embedded one and must be applied");
    };
    assert_eq!(
        (active.revision, active.previous, active.signed),
        (10, None, true),
        "active.json names the signed revision 10, with nothing before it"
    );
    assert_eq!(
        media.files, 4,
        "all four media files of revision 10 are downloaded"
    );
    let status = kiosk.syncer.status();
    assert_eq!(
        (status.revision, status.signed, status.last_error.clone()),
        (Some(10), true, None),
        "the status shows the new signed revision and no error"
    );
    assert_eq!(
        status.item_ids,
        ["film-1-en", "film-1-sv", "kampanj-en", "kampanj-sv"],
        "item_ids lists the items shown, sorted"
    );
    let next = status
        .next_attempt
        .expect("a success schedules the next sync");
    let success = status.last_success.expect("the success is recorded");
    assert!(
        next >= success + INTERVAL.mul_f64(0.89) && next <= success + INTERVAL.mul_f64(1.11),
        "the next sync is one interval ±10 % away: {success} -> {next}"
    );

    kiosk.server.take_requests();
    let before = kiosk.active_json();
    let outcome = kiosk
        .syncer
        .sync_once(10)
        .await
        .expect("an unchanged feed is not an error");
    assert!(
        matches!(outcome, Outcome::UpToDate { revision: 10 }),
        "a 304 means nothing to do: {outcome:?}"
    );
    let requests = kiosk.server.take_requests();
    assert_eq!(
        requests.iter().map(|r| r.path.as_str()).collect::<Vec<_>>(),
        ["/feed.json"],
        "a 304 costs one request: no signature, no media"
    );
    assert_eq!(kiosk.active_json(), before, "a 304 changes nothing on disk");
}

#[tokio::test]
async fn a_newer_revision_downloads_only_its_new_film() {
    let kiosk = Kiosk::at_revision_10().await;
    let outcome = kiosk
        .syncer
        .sync_once(10)
        .await
        .expect("revision 11 is newer and signed");
    let Outcome::Applied {
        active,
        media,
        loaded,
    } = outcome
    else {
        panic!("revision 11 must be applied");
    };
    assert_eq!(
        (active.revision, active.previous),
        (11, Some(10)),
        "revision 10 becomes the fallback"
    );
    assert_eq!(
        loaded.pack.revision(),
        11,
        "the new pack is handed back to show"
    );
    assert_eq!(media.files, 1, "only the new film is missing");
    let media_requests: Vec<_> = kiosk
        .server
        .take_requests()
        .into_iter()
        .filter(|r| r.path.starts_with("/media/"))
        .map(|r| r.path)
        .collect();
    assert_eq!(
        media_requests,
        ["/media/film-2.webm"],
        "media already in the store are not downloaded again"
    );
    let status = kiosk.syncer.status();
    assert!(
        status.item_ids.contains(&"postlagen-sv".to_owned())
            && status.item_ids.contains(&"film-2-en".to_owned()),
        "the new article and film are listed as shown: {:?}",
        status.item_ids
    );
}

#[tokio::test]
async fn server_error_500() {
    let kiosk = Kiosk::at_revision_10().await;
    kiosk
        .server
        .with(|s| s.feed_fault = FeedFault::Status(500, None));
    assert_fault("500", &kiosk, ErrorCode::HttpStatus, "HTTP 500").await;
}

#[tokio::test]
async fn not_found_404() {
    let kiosk = Kiosk::at_revision_10().await;
    kiosk
        .server
        .with(|s| s.feed_fault = FeedFault::Status(404, None));
    assert_fault("404", &kiosk, ErrorCode::HttpStatus, "HTTP 404").await;
}

#[tokio::test]
async fn too_many_requests_honours_retry_after() {
    let kiosk = Kiosk::at_revision_10().await;
    kiosk
        .server
        .with(|s| s.feed_fault = FeedFault::Status(429, Some("600")));
    let status = assert_fault("429", &kiosk, ErrorCode::HttpStatus, "retry after 600 s").await;
    let attempt = status.last_attempt.expect("recorded");
    let next = status.next_attempt.expect("scheduled");
    assert!(
        next >= attempt + Duration::from_secs(600),
        "Retry-After overrides the (shorter) first backoff step: {attempt} -> {next}"
    );
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let kiosk = Kiosk::at_revision_10().await;
    kiosk.server.with(|s| s.feed_fault = FeedFault::Hang);
    assert_fault("timeout", &kiosk, ErrorCode::Network, "timed out").await;
}

#[tokio::test]
async fn a_slow_dribbling_body_times_out() {
    let kiosk = Kiosk::at_revision_10().await;
    kiosk.server.with(|s| s.feed_fault = FeedFault::Dribble);
    assert_fault("dribble", &kiosk, ErrorCode::Network, "timed out").await;
}

#[tokio::test]
async fn a_truncated_body() {
    let kiosk = Kiosk::at_revision_10().await;
    kiosk.server.with(|s| s.feed_fault = FeedFault::Truncate);
    assert_fault("truncated", &kiosk, ErrorCode::Network, "connection broke").await;
}

#[tokio::test]
async fn a_body_over_the_cap_is_cut_off() {
    let kiosk = Kiosk::at_revision_10().await;
    let size = MAX_FEED_BYTES as usize + 1024 * 1024;
    kiosk
        .server
        .with(|s| s.feed_fault = FeedFault::Oversize(size));
    assert_fault(
        "over the cap",
        &kiosk,
        ErrorCode::TooLarge,
        "larger than the limit",
    )
    .await;
}

#[tokio::test]
async fn invalid_utf8() {
    let kiosk = Kiosk::at_revision_10().await;
    let mut feed = fixture("feed-11.json");
    feed.insert(40, 0xff);
    kiosk.publish_signed(&feed);
    assert_fault(
        "invalid UTF-8",
        &kiosk,
        ErrorCode::InvalidFeed,
        "not valid UTF-8",
    )
    .await;
}

#[tokio::test]
async fn invalid_json() {
    let kiosk = Kiosk::at_revision_10().await;
    kiosk.publish_signed(b"{\"version\": ");
    assert_fault(
        "invalid JSON",
        &kiosk,
        ErrorCode::InvalidFeed,
        "not valid JSON",
    )
    .await;
}

#[tokio::test]
async fn a_feed_that_breaks_the_schema() {
    let kiosk = Kiosk::at_revision_10().await;
    let feed = String::from_utf8(fixture("feed-11.json"))
        .expect("the fixture is UTF-8")
        .replacen("\"sha256\": \"", "\"sha256\": \"XYZ", 1);
    kiosk.publish_signed(feed.as_bytes());
    assert_fault(
        "schema",
        &kiosk,
        ErrorCode::InvalidFeed,
        "_infostand.media[0].sha256",
    )
    .await;
}

#[tokio::test]
async fn a_missing_signature_with_a_key_configured() {
    let kiosk = Kiosk::at_revision_10().await;
    kiosk.server.publish(fixture("feed-11.json"), None);
    assert_fault("unsigned", &kiosk, ErrorCode::Unsigned, "no signature").await;
}

#[tokio::test]
async fn a_bad_signature() {
    let kiosk = Kiosk::at_revision_10().await;
    let old_signature = kiosk.signer.sign(&fixture("feed-10.json"));
    kiosk
        .server
        .publish(fixture("feed-11.json"), Some(old_signature));
    assert_fault(
        "bad signature",
        &kiosk,
        ErrorCode::BadSignature,
        "does not match",
    )
    .await;
}

#[tokio::test]
async fn a_signature_by_an_unknown_key() {
    let kiosk = Kiosk::at_revision_10().await;
    let stranger = Signer::new();
    let feed = fixture("feed-11.json");
    let signature = stranger.sign(&feed);
    kiosk.server.publish(feed, Some(signature));
    assert_fault(
        "unknown key",
        &kiosk,
        ErrorCode::UnknownKey,
        "not one of the configured keys",
    )
    .await;
}

#[tokio::test]
async fn a_redirect_to_plain_http() {
    let kiosk = Kiosk::at_revision_10().await;
    kiosk.server.with(|s| {
        s.feed_fault = FeedFault::Redirect("http://feeds.example.invalid/feed.json");
    });
    assert_fault(
        "redirect to http",
        &kiosk,
        ErrorCode::InsecureUrl,
        "redirects are followed only to https",
    )
    .await;
}

#[tokio::test]
async fn a_film_whose_hash_does_not_match() {
    let kiosk = Kiosk::at_revision_10().await;
    kiosk
        .server
        .with(|s| _ = s.corrupt_media.insert("film-2.webm".into()));
    assert_fault("film hash", &kiosk, ErrorCode::MediaHash, "manifest says").await;
    let store = kiosk.layout().media_store().expect("the store exists");
    let sha = hex::encode(Sha256::digest(fixture("media/film-2.webm")));
    assert!(
        !store.path(&sha).exists() && !partial_path(&store, &sha).exists(),
        "wrong bytes must neither enter the store nor be kept to resume"
    );
}

#[tokio::test]
async fn an_older_revision_is_a_rollback() {
    let kiosk = Kiosk::at_revision_10().await;
    kiosk
        .syncer
        .sync_once(10)
        .await
        .expect("revision 11 applies");
    kiosk.publish_signed(&fixture("feed-10.json"));
    let before = kiosk.active_json();
    let error = kiosk
        .syncer
        .sync_once(11)
        .await
        .expect_err("an old signed feed replayed must be refused");
    assert_eq!(error.code(), ErrorCode::Rollback, "wrong code for {error}");
    assert!(
        error
            .to_string()
            .contains("revision 10, older than revision 11"),
        "the message names both revisions: {error}"
    );
    assert_eq!(
        kiosk.active_json(),
        before,
        "a refused rollback changes nothing"
    );
    let status = kiosk.syncer.status();
    assert_eq!(
        (status.revision, status.last_error.map(|e| e.code)),
        (Some(11), Some(ErrorCode::Rollback)),
        "the status keeps revision 11 and says why the feed was refused"
    );
}

#[tokio::test]
async fn plain_http_to_another_host_is_never_requested() {
    let data = tempfile::tempdir().expect("a temporary data directory");
    let syncer = syncer_for(
        data.path(),
        Some("http://feeds.example.invalid/feed.json".into()),
        Vec::new(),
    );
    let error = syncer
        .sync_once(EMBEDDED_REVISION)
        .await
        .expect_err("plain http to another machine must be refused");
    assert_eq!(
        error.code(),
        ErrorCode::InsecureUrl,
        "wrong code for {error}"
    );
    let status = syncer.status();
    assert!(
        status.last_error.is_some_and(|e| e
            .message
            .contains("plain http is only allowed to this machine")),
        "the status must explain the refusal"
    );
    assert!(
        load_active(data.path(), &[]).is_none(),
        "nothing was applied"
    );
}

#[tokio::test]
async fn a_film_cut_midway_resumes_with_range() {
    let kiosk = Kiosk::at_revision_10().await;
    let film = fixture("media/film-2.webm");
    let half = film.len() / 2;
    kiosk
        .server
        .with(|s| _ = s.cut_media_once.insert("film-2.webm".into(), half));
    let status = assert_fault(
        "cut film",
        &kiosk,
        ErrorCode::Network,
        "the next attempt resumes",
    )
    .await;
    assert!(status.next_attempt.is_some(), "a retry is scheduled");
    let store = kiosk.layout().media_store().expect("the store exists");
    let sha = hex::encode(Sha256::digest(&film));
    let kept = fs::metadata(partial_path(&store, &sha))
        .expect("the bytes that arrived are kept for the next attempt")
        .len();
    assert_eq!(
        kept as usize, half,
        "exactly the bytes sent before the cut are kept"
    );
    kiosk.server.take_requests();

    let outcome = kiosk
        .syncer
        .sync_once(10)
        .await
        .expect("the next attempt completes the film");
    let Outcome::Applied { media, .. } = outcome else {
        panic!("revision 11 must be applied once its film is complete");
    };
    assert_eq!(
        media.bytes as usize,
        film.len() - half,
        "only the missing half is transferred again"
    );
    let ranges: Vec<_> = kiosk
        .server
        .take_requests()
        .into_iter()
        .filter(|r| r.path == "/media/film-2.webm")
        .map(|r| r.range)
        .collect();
    assert_eq!(
        ranges,
        [Some(format!("bytes={half}-"))],
        "the resumed request asks for the rest with Range"
    );
    assert!(
        store.path(&sha).exists(),
        "the completed film is in the store"
    );
}

#[tokio::test]
async fn without_keys_an_unsigned_feed_is_taken_and_marked_unsigned() {
    let server = TestServer::start().await;
    server.publish(fixture("feed-10.json"), None);
    let data = tempfile::tempdir().expect("a temporary data directory");
    let syncer = syncer_for(data.path(), Some(server.feed_url()), Vec::new());
    syncer
        .sync_once(EMBEDDED_REVISION)
        .await
        .expect("with no key configured an unsigned feed is accepted");
    let status = syncer.status();
    assert_eq!(
        (status.revision, status.signed),
        (Some(10), false),
        "the status says the content is unsigned"
    );
    assert!(
        !server
            .take_requests()
            .iter()
            .any(|r| r.path.ends_with(".minisig")),
        "with no key there is nothing to verify, so no signature is fetched"
    );
    assert!(
        load_active(data.path(), &[Signer::new().public()]).is_none(),
        "once a key is configured, content taken unsigned is no longer shown"
    );
}

#[tokio::test]
async fn offline_touches_nothing() {
    let server = TestServer::start().await;
    let data = tempfile::tempdir().expect("a temporary data directory");
    let mut config = SyncConfig::new(data.path());
    config.feed_url = Some(server.feed_url());
    config.offline = true;
    let syncer = Syncer::new(config).expect("an offline configuration is valid");
    let error = syncer
        .sync_once(EMBEDDED_REVISION)
        .await
        .expect_err("offline mode must not sync");
    assert_eq!(error.code(), ErrorCode::Offline, "wrong code for {error}");
    assert!(
        server.take_requests().is_empty(),
        "offline means no request at all"
    );
    assert_eq!(
        syncer.status().next_attempt,
        None,
        "offline schedules nothing"
    );
}

#[tokio::test]
async fn a_sync_in_another_process_is_not_interleaved() {
    let kiosk = Kiosk::new().await;
    fs::create_dir_all(kiosk.data.path()).expect("the data directory exists");
    let other =
        fs::File::create(kiosk.data.path().join(LOCK_FILE)).expect("the lock file can be created");
    other
        .try_lock()
        .expect("the test takes the lock as another process would");
    let error = kiosk
        .syncer
        .sync_once(EMBEDDED_REVISION)
        .await
        .expect_err("a second sync of the same data directory must not run");
    assert!(
        error.to_string().contains("another Infostand process"),
        "the message says why nothing happened: {error}"
    );
    assert!(
        kiosk.server.take_requests().is_empty(),
        "nothing is fetched while another process syncs"
    );
    drop(other);
    kiosk
        .syncer
        .sync_once(EMBEDDED_REVISION)
        .await
        .expect("once the other process is done, syncing works");
}

// ------------------------------------------------------------------ import

/// A published folder as `infostand-publish build` writes it.
fn publish_folder(signer: &Signer, feed: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    fs::write(dir.path().join("feed.json"), feed).expect("the folder is writable");
    fs::write(dir.path().join("feed.json.minisig"), signer.sign(feed))
        .expect("the folder is writable");
    let media = dir.path().join("media");
    fs::create_dir(&media).expect("the folder is writable");
    for entry in fs::read_dir(Path::new(FIXTURES).join("media")).expect("fixtures exist") {
        let entry = entry.expect("fixture entries are readable");
        fs::copy(entry.path(), media.join(entry.file_name())).expect("fixtures copy");
    }
    dir
}

#[tokio::test]
async fn import_from_a_folder() {
    let signer = Signer::new();
    let folder = publish_folder(&signer, &fixture("feed-11.json"));
    let data = tempfile::tempdir().expect("a temporary data directory");
    let syncer = syncer_for(data.path(), None, vec![signer.public()]);
    let outcome = syncer
        .import(folder.path(), EMBEDDED_REVISION)
        .await
        .expect("a signed published folder imports");
    let Outcome::Applied { active, media, .. } = outcome else {
        panic!("revision 11 from the folder must be applied");
    };
    assert_eq!(
        (active.revision, active.source, active.signed),
        (11, infostand_content::Source::Import, true),
        "active.json records a signed import"
    );
    assert_eq!(media.files, 5, "every media file is copied from the folder");
    let (loaded, _) = load_active(data.path(), &[signer.public()])
        .expect("the imported revision loads at the next start");
    assert_eq!(
        loaded.pack.revision(),
        11,
        "the import is what a restart shows"
    );
    assert_eq!(
        syncer.status().source,
        infostand_content::Source::Import,
        "the status says the content came from an import"
    );
}

#[tokio::test]
async fn import_refuses_a_folder_with_a_bad_signature() {
    let signer = Signer::new();
    let folder = publish_folder(&signer, &fixture("feed-11.json"));
    let mut tampered = fixture("feed-11.json");
    let at = tampered.len() / 2;
    tampered[at] ^= 0x01;
    fs::write(folder.path().join("feed.json"), tampered).expect("the folder is writable");
    let data = tempfile::tempdir().expect("a temporary data directory");
    let syncer = syncer_for(data.path(), None, vec![signer.public()]);
    let error = syncer
        .import(folder.path(), EMBEDDED_REVISION)
        .await
        .expect_err("a tampered folder must be refused");
    assert_eq!(
        error.code(),
        ErrorCode::BadSignature,
        "wrong code for {error}"
    );
    assert!(
        load_active(data.path(), &[signer.public()]).is_none(),
        "nothing from the refused folder may be shown"
    );
    assert_eq!(
        syncer.status().last_error.map(|e| e.code),
        Some(ErrorCode::BadSignature),
        "the refusal is in the status"
    );
}

// --------------------------------------------------------------- fallback

#[tokio::test]
async fn load_active_falls_back_to_the_previous_revision() {
    let kiosk = Kiosk::at_revision_10().await;
    kiosk
        .syncer
        .sync_once(10)
        .await
        .expect("revision 11 applies");
    let keys = [kiosk.signer.public()];
    let feed_11: PathBuf = kiosk.layout().revision_dir(11).join(layout::FEED_FILE);
    let mut bytes = fs::read(&feed_11).expect("revision 11 is on disk");
    let at = bytes.len() / 2;
    bytes[at] ^= 0x01;
    fs::write(&feed_11, bytes).expect("the test can damage the file");
    let (loaded, info) =
        load_active(kiosk.data.path(), &keys).expect("revision 10 is still there to fall back to");
    assert_eq!(
        (loaded.pack.revision(), info.revision, info.previous),
        (10, 10, None),
        "a revision that no longer verifies is skipped for the previous one"
    );

    // With the previous revision's media gone too, only the embedded pack remains.
    let store = kiosk.layout().media_store().expect("the store exists");
    let film_1 = hex::encode(Sha256::digest(fixture("media/film-1.webm")));
    fs::remove_file(store.path(&film_1)).expect("the film is in the store");
    assert!(
        load_active(kiosk.data.path(), &keys).is_none(),
        "a revision with missing media is never shown; the app falls back to its embedded pack"
    );
}

// ------------------------------------------------ tests in their own files

// Kept in `tests/sync/` so the crate keeps one integration test binary; they
// share the helpers above.
#[path = "sync/crash.rs"]
mod crash;
#[path = "sync/disk.rs"]
mod disk;
#[path = "sync/fleet.rs"]
mod fleet;
#[path = "sync/news.rs"]
mod news;
#[path = "sync/nginx.rs"]
mod nginx;
#[path = "sync/plain.rs"]
mod plain;
