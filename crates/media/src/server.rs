//! Binding the loopback socket, routing `GET|HEAD /{token}/{sha256}` to the
//! indexed files, and the headers every response carries.
//!
//! Binding is synchronous and separate from serving so the app knows the
//! port — and so the exact origin for its Content Security Policy — before it
//! creates the window, and can start serving once its runtime is up.

use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::header::{
    ACCEPT_RANGES, CACHE_CONTROL, CONTENT_LENGTH, CONTENT_RANGE, RANGE, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio::sync::watch;
use tower::ServiceExt;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeFile;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::index::{Index, SharedIndex};
use crate::{Error, Result};

/// The only address the server listens on: never reachable from the network.
pub const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

/// Random bytes in the per-launch token (hex-encoded in URLs): 256 bits, so
/// another local program cannot guess its way to the files.
pub const TOKEN_BYTES: usize = 32;

/// `Cache-Control` on every response.
///
/// `no-cache` lets the webview keep a copy but makes it ask first. Caching
/// buys nothing here: the token changes every launch, so no cached entry is
/// ever reused across launches, and within one the bytes come from the local
/// disk as fast as from the webview's cache, with `ServeFile` answering the
/// revalidation with `304 Not Modified`. It also keeps the server the only
/// authority: a file dropped from the index stops being served at once.
pub const CACHE_POLICY: &str = "no-cache";

/// The origins the app's webview uses on each platform; pass these as
/// [`ServerOptions::allowed_origins`].
pub const TAURI_ORIGINS: [&str; 3] = [
    "tauri://localhost",
    "http://tauri.localhost",
    "https://tauri.localhost",
];

/// How to start the server.
#[derive(Debug, Clone, Default)]
pub struct ServerOptions {
    /// Origins whose pages may read responses (a `<video crossorigin>` must,
    /// to load WebVTT captions); each is echoed in
    /// `Access-Control-Allow-Origin` only when a request comes from it.
    pub allowed_origins: Vec<String>,
    /// The files to serve at first.
    pub index: Index,
}

/// A bound media server, not yet serving.
#[derive(Debug)]
pub struct MediaServer {
    listener: TcpListener,
    router: Router,
    handle: MediaHandle,
}

/// What the app keeps of a running server: its address, its URLs, its index
/// and a way to stop it. Cheap to clone.
#[derive(Debug, Clone)]
pub struct MediaHandle {
    addr: SocketAddr,
    token: Arc<str>,
    index: SharedIndex,
    shutdown: Arc<watch::Sender<bool>>,
}

#[derive(Debug, Clone)]
struct AppState {
    token: Arc<str>,
    index: SharedIndex,
}

impl MediaServer {
    /// Binds 127.0.0.1 on a port the OS chooses and makes a fresh token.
    /// Needs no async runtime.
    ///
    /// # Errors
    /// When the socket cannot be bound, no random bytes are available, or an
    /// allowed origin is not a valid header value.
    pub fn bind(options: ServerOptions) -> Result<Self> {
        let wanted = SocketAddr::new(LOOPBACK, 0);
        let bind_error = |source| Error::Bind {
            addr: wanted,
            source,
        };
        let listener = TcpListener::bind(wanted).map_err(bind_error)?;
        // Tokio requires the socket it adopts to be non-blocking.
        listener.set_nonblocking(true).map_err(bind_error)?;
        let addr = listener.local_addr().map_err(bind_error)?;

        let mut secret = [0u8; TOKEN_BYTES];
        getrandom::fill(&mut secret).map_err(Error::Token)?;
        let token: Arc<str> = hex::encode(secret).into();

        let index = SharedIndex::new(options.index);
        let router = router(
            AppState {
                token: token.clone(),
                index: index.clone(),
            },
            &options.allowed_origins,
        )?;
        let (shutdown, _) = watch::channel(false);
        Ok(Self {
            listener,
            router,
            handle: MediaHandle {
                addr,
                token,
                index,
                shutdown: Arc::new(shutdown),
            },
        })
    }

    /// A handle that stays usable after the server is moved into `serve`.
    pub fn handle(&self) -> MediaHandle {
        self.handle.clone()
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.handle.addr()
    }

    /// `http://127.0.0.1:PORT`, for the app's Content Security Policy.
    pub fn origin(&self) -> String {
        self.handle.origin()
    }

    /// The full URL of the file with this SHA-256.
    pub fn url_for(&self, sha256: &str) -> String {
        self.handle.url_for(sha256)
    }

    /// Replaces the set of servable files.
    pub fn replace_index(&self, index: Index) {
        self.handle.replace_index(index);
    }

    /// Serves until [`MediaHandle::shutdown`] is called. Must run inside a
    /// Tokio runtime.
    ///
    /// # Errors
    /// When the socket cannot be handed to Tokio or accepting fails for good.
    pub fn serve(self) -> impl Future<Output = Result<()>> + Send + 'static {
        let Self {
            listener,
            router,
            handle,
        } = self;
        async move {
            let serve_error = |source| Error::Serve {
                addr: handle.addr,
                source,
            };
            let listener = tokio::net::TcpListener::from_std(listener).map_err(serve_error)?;
            let mut stop = handle.shutdown.subscribe();
            tracing::info!(addr = %handle.addr, "media server listening");
            axum::serve(listener, router)
                .with_graceful_shutdown(async move {
                    // An error means every handle is gone: nobody can ask to
                    // stop any more, so stopping is right too.
                    let _ = stop.wait_for(|stopped| *stopped).await;
                })
                .await
                .map_err(serve_error)
        }
    }

    /// Serves on `runtime` in the background.
    pub fn spawn(
        self,
        runtime: &tokio::runtime::Handle,
    ) -> (MediaHandle, tokio::task::JoinHandle<Result<()>>) {
        let handle = self.handle();
        (handle, runtime.spawn(self.serve()))
    }
}

impl MediaHandle {
    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`, for the app's Content Security Policy.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The full URL of the file with this SHA-256.
    pub fn url_for(&self, sha256: &str) -> String {
        format!("http://{}/{}/{sha256}", self.addr, self.token)
    }

    /// Replaces the set of servable files at once; requests already
    /// streaming finish from the files they opened.
    pub fn replace_index(&self, index: Index) {
        self.index.replace(index);
    }

    /// Stops accepting connections; `serve` returns once open ones finish.
    pub fn shutdown(&self) {
        self.shutdown.send_replace(true);
    }
}

fn router(state: AppState, allowed_origins: &[String]) -> Result<Router> {
    let origins = allowed_origins
        .iter()
        .map(|origin| {
            HeaderValue::from_str(origin).map_err(|_| Error::InvalidOrigin {
                origin: origin.clone(),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::HEAD])
        .allow_headers([RANGE])
        .expose_headers([ACCEPT_RANGES, CONTENT_LENGTH, CONTENT_RANGE]);
    Ok(Router::new()
        .route("/{token}/{sha256}", get(serve_media))
        .fallback(not_found)
        .with_state(state)
        .layer(cors)
        .layer(SetResponseHeaderLayer::overriding(
            CACHE_CONTROL,
            HeaderValue::from_static(CACHE_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        )))
}

async fn serve_media(
    State(state): State<AppState>,
    Path((token, sha256)): Path<(String, String)>,
    request: Request,
) -> Response {
    // Both misses answer the same 404, so a prober learns nothing about
    // which part was wrong.
    if !same_secret(&token, &state.token) {
        return not_found().await;
    }
    let Some(file) = state.index.get(&sha256) else {
        return not_found().await;
    };
    let mime = file
        .mime_type
        .parse()
        .unwrap_or(mime::APPLICATION_OCTET_STREAM);
    match ServeFile::new_with_mime(&file.path, &mime)
        .oneshot(request)
        .await
    {
        Ok(response) if is_range_of_empty_file(&response) => empty_file_range_refused(),
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    }
}

/// Whether `ServeFile` answered a range of an empty file: it does so with
/// `206` and `Content-Range: bytes 0-0/0` (found by fuzzing), a range
/// outside the file, where an empty file has no satisfiable range at all
/// (RFC 9110, 14.1.1).
fn is_range_of_empty_file<B>(response: &axum::http::Response<B>) -> bool {
    response.status() == StatusCode::PARTIAL_CONTENT
        && response
            .headers()
            .get(CONTENT_RANGE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.ends_with("/0"))
}

/// The answer to a range of an empty file: `416`, naming the length.
fn empty_file_range_refused() -> Response {
    (
        StatusCode::RANGE_NOT_SATISFIABLE,
        [(CONTENT_RANGE, HeaderValue::from_static("bytes */0"))],
    )
        .into_response()
}

async fn not_found() -> Response {
    StatusCode::NOT_FOUND.into_response()
}

/// Compares without stopping at the first differing byte, so response
/// timing does not reveal how much of a guessed token was right.
fn same_secret(given: &str, secret: &str) -> bool {
    given.len() == secret.len()
        && given
            .bytes()
            .zip(secret.bytes())
            .fold(0u8, |differ, (a, b)| differ | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_secret_needs_every_byte() {
        assert!(same_secret("abcd", "abcd"), "equal tokens must match");
        assert!(
            !same_secret("abce", "abcd"),
            "a differing last byte must not match"
        );
        assert!(!same_secret("abc", "abcd"), "a prefix must not match");
        assert!(!same_secret("", "abcd"), "an empty token must not match");
    }

    #[test]
    fn bind_makes_a_fresh_token_on_loopback() {
        let first = MediaServer::bind(ServerOptions::default()).expect("loopback can be bound");
        let second = MediaServer::bind(ServerOptions::default()).expect("loopback can be bound");
        assert_eq!(
            first.addr().ip(),
            LOOPBACK,
            "the server must never listen beyond loopback"
        );
        assert_ne!(
            first.addr().port(),
            0,
            "the OS must have chosen a real port"
        );
        assert_ne!(
            first.handle.token, second.handle.token,
            "each launch must get its own token"
        );
        assert_eq!(
            first.handle.token.len(),
            TOKEN_BYTES * 2,
            "the token is the hex of all its random bytes"
        );
    }

    #[test]
    fn an_origin_that_cannot_be_a_header_is_refused() {
        let options = ServerOptions {
            allowed_origins: vec!["tauri://local\nhost".into()],
            ..ServerOptions::default()
        };
        let error = MediaServer::bind(options).expect_err("a newline cannot go in a header");
        assert!(
            matches!(error, Error::InvalidOrigin { ref origin } if origin.contains("local")),
            "the error must name the origin: {error}"
        );
    }
}
