//! Who gets past the door, before any routing or CORS: requests addressed to
//! this server by its own loopback name (no DNS rebinding), for an indexed
//! file behind the right token, and of `OPTIONS` only the CORS preflight the
//! app's own pages need. Everything else gets the same bare answer, so a
//! prober learns nothing about which part was wrong.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{
    ACCESS_CONTROL_REQUEST_HEADERS, ACCESS_CONTROL_REQUEST_METHOD, HOST, ORIGIN,
};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::index::{MediaFile, SharedIndex};

/// The methods the app's pages use, and so all a preflight may ask for.
pub(crate) const CORS_METHODS: [Method; 2] = [Method::GET, Method::HEAD];

/// The one request header a player adds that a preflight may ask for.
pub(crate) const CORS_REQUEST_HEADER: HeaderName = axum::http::header::RANGE;

/// What the door checks requests against. Cheap to clone.
#[derive(Debug, Clone)]
pub(crate) struct Access {
    token: Arc<str>,
    index: SharedIndex,
    /// `host:port` forms naming this server, lowercase.
    authorities: Arc<[String]>,
    origins: Arc<[HeaderValue]>,
}

/// The file a request was let through to, for the handler.
#[derive(Debug, Clone)]
pub(crate) struct Granted(pub(crate) MediaFile);

impl Access {
    /// The door of a server listening on loopback `port`.
    pub(crate) fn new(
        token: Arc<str>,
        index: SharedIndex,
        port: u16,
        origins: Vec<HeaderValue>,
    ) -> Self {
        // The names a loopback URL can carry for this port. The server
        // listens on 127.0.0.1 only, but a client resolving `localhost`
        // may send any of them; any other name is a page of another site
        // whose DNS points at 127.0.0.1.
        let authorities = ["127.0.0.1", "localhost", "[::1]"]
            .map(|host| format!("{host}:{port}"))
            .into();
        Self {
            token,
            index,
            authorities,
            origins: origins.into(),
        }
    }

    /// Why the request is not addressed to this server, if it is not: 400
    /// without exactly one `Host` (RFC 9112 section 3.2), 421 for another
    /// authority. In absolute form the target's authority is the one that
    /// counts (RFC 9112 section 3.2.2).
    fn misdirected(&self, request: &Request) -> Option<StatusCode> {
        let authority = match request.uri().authority() {
            Some(authority) => authority.as_str(),
            None => {
                let mut hosts = request.headers().get_all(HOST).iter();
                match (hosts.next(), hosts.next()) {
                    (Some(host), None) => match host.to_str() {
                        Ok(host) => host,
                        Err(_) => return Some(StatusCode::BAD_REQUEST),
                    },
                    _ => return Some(StatusCode::BAD_REQUEST),
                }
            }
        };
        let ours = self
            .authorities
            .iter()
            .any(|known| known.eq_ignore_ascii_case(authority));
        (!ours).then_some(StatusCode::MISDIRECTED_REQUEST)
    }

    /// The indexed file at `/{token}/{sha256}`, if the token is right.
    fn lookup(&self, path: &str) -> Option<MediaFile> {
        let (token, sha256) = path.strip_prefix('/')?.split_once('/')?;
        // Compared in full before the hash is looked at, so both misses
        // take the same path.
        if !same_secret(token, &self.token) || sha256.contains('/') {
            return None;
        }
        self.index.get(sha256)
    }

    /// Whether an `OPTIONS` request is a CORS preflight the app's pages
    /// send: from one of its origins, for a method and headers it uses.
    fn is_app_preflight(&self, headers: &HeaderMap) -> bool {
        let origin = headers
            .get(ORIGIN)
            .is_some_and(|origin| self.origins.contains(origin));
        let method = headers
            .get(ACCESS_CONTROL_REQUEST_METHOD)
            .is_some_and(|method| {
                CORS_METHODS
                    .iter()
                    .any(|allowed| method == allowed.as_str())
            });
        let request_headers = headers
            .get_all(ACCESS_CONTROL_REQUEST_HEADERS)
            .iter()
            .all(|list| {
                list.to_str().is_ok_and(|list| {
                    list.split(',')
                        .map(str::trim)
                        .filter(|name| !name.is_empty())
                        .all(|name| name.eq_ignore_ascii_case(CORS_REQUEST_HEADER.as_str()))
                })
            });
        origin && method && request_headers
    }
}

/// The door: the middleware in front of everything else.
pub(crate) async fn guard(
    State(access): State<Access>,
    mut request: Request,
    next: Next,
) -> Response {
    if let Some(status) = access.misdirected(&request) {
        return bare(status);
    }
    let Some(file) = access.lookup(request.uri().path()) else {
        return bare(StatusCode::NOT_FOUND);
    };
    if request.method() == Method::OPTIONS && !access.is_app_preflight(request.headers()) {
        return bare(StatusCode::NOT_FOUND);
    }
    request.extensions_mut().insert(Granted(file));
    next.run(request).await
}

/// A status with an empty body and nothing else.
pub(crate) fn bare(status: StatusCode) -> Response {
    (status, Body::empty()).into_response()
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
    use crate::index::Index;

    const TOKEN: &str = "abcd";
    const PORT: u16 = 4711;

    fn access() -> Access {
        let file = MediaFile {
            path: "film.webm".into(),
            mime_type: "video/webm".into(),
        };
        Access::new(
            TOKEN.into(),
            SharedIndex::new(Index::from([("f00d".to_owned(), file)])),
            PORT,
            vec![HeaderValue::from_static("tauri://localhost")],
        )
    }

    fn request(uri: &str, hosts: &[&str]) -> Request {
        let mut builder = Request::builder().uri(uri);
        for host in hosts {
            builder = builder.header(HOST, *host);
        }
        builder
            .body(Body::empty())
            .expect("the test's request is valid")
    }

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
    fn only_this_servers_loopback_names_are_its_authority() {
        let access = access();
        let cases: [(&str, &[&str], Option<StatusCode>); 9] = [
            ("/x", &["127.0.0.1:4711"], None),
            ("/x", &["LOCALHOST:4711"], None),
            ("/x", &["[::1]:4711"], None),
            (
                "/x",
                &["evil.example:4711"],
                Some(StatusCode::MISDIRECTED_REQUEST),
            ),
            ("/x", &["127.0.0.1"], Some(StatusCode::MISDIRECTED_REQUEST)),
            (
                "/x",
                &["user@127.0.0.1:4711"],
                Some(StatusCode::MISDIRECTED_REQUEST),
            ),
            ("/x", &[], Some(StatusCode::BAD_REQUEST)),
            (
                "/x",
                &["127.0.0.1:4711", "127.0.0.1:4711"],
                Some(StatusCode::BAD_REQUEST),
            ),
            (
                "http://evil.example:4711/x",
                &["127.0.0.1:4711"],
                Some(StatusCode::MISDIRECTED_REQUEST),
            ),
        ];
        for (uri, hosts, expected) in cases {
            assert_eq!(
                access.misdirected(&request(uri, hosts)),
                expected,
                "{uri} with Host {hosts:?}"
            );
        }
    }

    #[test]
    fn only_the_token_and_an_indexed_hash_find_a_file() {
        let access = access();
        for (path, found) in [
            ("/abcd/f00d", true),
            ("/abce/f00d", false),
            ("/abcd/beef", false),
            ("/abcd/f00d/", false),
            ("/abcd/f00d/x", false),
            ("/abcd", false),
            ("/f00d", false),
            ("/", false),
            ("*", false),
        ] {
            assert_eq!(access.lookup(path).is_some(), found, "{path}");
        }
    }

    #[test]
    fn only_the_apps_own_preflight_is_one() {
        let access = access();
        let cases: [(&[(HeaderName, &str)], bool); 7] = [
            (
                &[
                    (ORIGIN, "tauri://localhost"),
                    (ACCESS_CONTROL_REQUEST_METHOD, "GET"),
                ],
                true,
            ),
            (
                &[
                    (ORIGIN, "tauri://localhost"),
                    (ACCESS_CONTROL_REQUEST_METHOD, "HEAD"),
                    (ACCESS_CONTROL_REQUEST_HEADERS, "Range"),
                ],
                true,
            ),
            (
                &[
                    (ORIGIN, "https://evil.example"),
                    (ACCESS_CONTROL_REQUEST_METHOD, "GET"),
                ],
                false,
            ),
            (
                &[
                    (ORIGIN, "tauri://localhost"),
                    (ACCESS_CONTROL_REQUEST_METHOD, "POST"),
                ],
                false,
            ),
            (
                &[
                    (ORIGIN, "tauri://localhost"),
                    (ACCESS_CONTROL_REQUEST_METHOD, "GET"),
                    (ACCESS_CONTROL_REQUEST_HEADERS, "range, x-token"),
                ],
                false,
            ),
            (&[(ORIGIN, "tauri://localhost")], false),
            (&[(ACCESS_CONTROL_REQUEST_METHOD, "GET")], false),
        ];
        for (headers, expected) in cases {
            let map: HeaderMap = headers
                .iter()
                .map(|(name, value)| {
                    let value = HeaderValue::from_str(value).expect("the test's header is valid");
                    (name.clone(), value)
                })
                .collect();
            assert_eq!(access.is_app_preflight(&map), expected, "{headers:?}");
        }
    }
}
