//! The opt-in endpoint Prometheus scrapes: `GET /metrics` on the address of
//! `[monitoring] listen`, answered with a fresh snapshot in OpenMetrics
//! text. With a bearer token configured (required by the config for any
//! address but loopback), a request without `Authorization: Bearer <token>`
//! gets 401 and nothing else.
//!
//! Binding is synchronous and separate from serving, so a port already in
//! use is reported at start, before the runtime serves anything.

use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;

use axum::extract::State;
use axum::http::header::{AUTHORIZATION, CACHE_CONTROL, CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::error::{Error, Result};
use crate::exposition::{self, OPENMETRICS_CONTENT_TYPE};
use crate::secret::Token;
use crate::snapshot::Snapshot;

/// The path Prometheus scrapes by default.
pub const METRICS_PATH: &str = "/metrics";

/// What a refused request is told to send.
const CHALLENGE: &str = "Bearer realm=\"infostand\"";

/// Where the endpoint gets a snapshot for each scrape. It reads `/proc`
/// and a small file, so it runs on a blocking thread.
pub type Source = Arc<dyn Fn() -> Snapshot + Send + Sync>;

/// A bound endpoint, not yet serving.
#[derive(Debug)]
pub struct Endpoint {
    listener: TcpListener,
    address: SocketAddr,
}

/// What each request needs.
#[derive(Clone)]
struct Shared {
    source: Source,
    token: Option<Arc<Token>>,
}

impl Endpoint {
    /// Binds `address`.
    ///
    /// # Errors
    /// [`Error::Bind`] when the address is in use or not this machine's.
    pub fn bind(address: SocketAddr) -> Result<Self> {
        let bind_error = |source| Error::Bind { address, source };
        let listener = TcpListener::bind(address).map_err(bind_error)?;
        listener.set_nonblocking(true).map_err(bind_error)?;
        let address = listener.local_addr().map_err(bind_error)?;
        Ok(Self { listener, address })
    }

    /// The address bound (with the port the OS chose for port 0).
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Serves until the runtime ends; call on a Tokio runtime. `token`,
    /// when given, must come with every request.
    ///
    /// # Errors
    /// [`Error::Serve`] when the socket fails.
    pub async fn serve(self, source: Source, token: Option<Token>) -> Result<()> {
        let listener = tokio::net::TcpListener::from_std(self.listener).map_err(Error::Serve)?;
        let shared = Shared {
            source,
            token: token.map(Arc::new),
        };
        let router = Router::new()
            .route(METRICS_PATH, get(metrics))
            .with_state(shared);
        tracing::info!(address = %self.address, "serving metrics");
        axum::serve(listener, router).await.map_err(Error::Serve)
    }
}

/// `GET /metrics`.
async fn metrics(State(shared): State<Shared>, headers: HeaderMap) -> Response {
    if let Some(token) = &shared.token {
        if !authorised(token, &headers) {
            // The header's value is never logged: it may be a near miss of
            // the real token.
            tracing::debug!("metrics request without the right bearer token refused");
            return (
                StatusCode::UNAUTHORIZED,
                [(WWW_AUTHENTICATE, CHALLENGE)],
                "a bearer token is required\n",
            )
                .into_response();
        }
    }
    let source = Arc::clone(&shared.source);
    let encoded = tokio::task::spawn_blocking(move || exposition::openmetrics(&source())).await;
    match encoded {
        Ok(Ok(text)) => (
            StatusCode::OK,
            [
                (CONTENT_TYPE, OPENMETRICS_CONTENT_TYPE),
                (CACHE_CONTROL, "no-store"),
            ],
            text,
        )
            .into_response(),
        Ok(Err(error)) => {
            tracing::error!(%error, "the metrics could not be encoded");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
        Err(error) => {
            tracing::error!(%error, "taking the metrics' snapshot failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Whether the request carries `Authorization: Bearer <token>`. The scheme
/// is case-insensitive (RFC 9110 section 11.1); the token is compared in
/// constant time.
fn authorised(token: &Token, headers: &HeaderMap) -> bool {
    let Some(value) = headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let Some((scheme, given)) = value.trim().split_once(' ') else {
        return false;
    };
    scheme.eq_ignore_ascii_case("bearer") && token.matches(given.trim())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with_authorization(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            AUTHORIZATION,
            HeaderValue::from_str(value).expect("a header"),
        );
        headers
    }

    #[test]
    fn only_the_bearer_token_itself_is_let_in() {
        let token = Token::new("s3cret-token-for-tests").expect("a usable token");
        assert!(
            authorised(&token, &with_authorization("Bearer s3cret-token-for-tests")),
            "the configured token is accepted"
        );
        assert!(
            authorised(&token, &with_authorization("bearer s3cret-token-for-tests")),
            "the scheme is case-insensitive, as HTTP says"
        );
        for refused in [
            "Bearer s3cret-token-for-test",
            "Bearer s3cret-token-for-testss",
            "Basic s3cret-token-for-tests",
            "s3cret-token-for-tests",
            "Bearer ",
        ] {
            assert!(
                !authorised(&token, &with_authorization(refused)),
                "{refused:?} must be refused: only the exact token in a Bearer header opens"
            );
        }
        assert!(
            !authorised(&token, &HeaderMap::new()),
            "no header, no metrics"
        );
    }
}
