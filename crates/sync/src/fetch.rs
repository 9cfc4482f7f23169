//! HTTP: the one configured client, fetching the feed (conditionally) and
//! its detached signature under size caps and timeouts, and the URL policy
//! (TLS everywhere except this machine's own loopback).
//!
//! Bodies are read chunk by chunk and given up on as soon as they pass their
//! cap, so a hostile or broken server can cost at most the cap in memory.

use std::error::Error as StdError;
use std::fmt;
use std::net::IpAddr;
use std::time::{Duration, SystemTime};

use futures_util::StreamExt;
use reqwest::header::{CONTENT_LENGTH, IF_MODIFIED_SINCE, IF_NONE_MATCH, RETRY_AFTER};
use reqwest::{redirect, Client, Response, StatusCode, Url};

use crate::error::{Error, Result};
use crate::validators::Validators;

/// The User-Agent of a request when no installation is named (tests, and
/// tools that sync without one): the app sends its instance's,
/// `infostand/VERSION (+ID)` ([`crate::Instance::user_agent`]), so a
/// county's web server logs can tell kiosks and their versions apart.
pub const USER_AGENT: &str = concat!("infostand/", env!("CARGO_PKG_VERSION"));

/// How long to wait for a TCP + TLS connection. Municipal networks are slow
/// but not this slow; beyond it the server is unreachable.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);

/// How long fetching the feed or its signature may take in all. A feed is
/// tens of kilobytes; a minute covers a very poor link.
pub const FEED_TIMEOUT: Duration = Duration::from_secs(60);

/// How long a body may go without a single byte before the transfer is
/// given up. Media have no total timeout (a film may take an hour on a slow
/// line) so this is what catches a stalled or dribbling server.
pub const READ_TIMEOUT: Duration = Duration::from_secs(30);

/// The largest feed document fetched: the same limit the pack loader applies,
/// enforced while streaming so an endless body is cut off early.
pub const MAX_FEED_BYTES: u64 = infostand_content::pack::MAX_FEED_BYTES as u64;

/// The largest signature file fetched or imported: the content crate's
/// one limit, which its parser, and the publisher's `verify`, apply too.
pub const MAX_SIGNATURE_BYTES: u64 = infostand_content::signature::MAX_SIGNATURE_BYTES as u64;

/// How many redirects are followed before giving up.
pub const MAX_REDIRECTS: usize = 5;

/// The longest Retry-After honoured, so a misconfigured server cannot
/// silence a kiosk for weeks.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// The timeouts in force; [`Timeouts::default`] gives the constants above.
/// Tests shorten them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// See [`CONNECT_TIMEOUT`].
    pub connect: Duration,
    /// See [`FEED_TIMEOUT`].
    pub feed: Duration,
    /// See [`READ_TIMEOUT`].
    pub read: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            connect: CONNECT_TIMEOUT,
            feed: FEED_TIMEOUT,
            read: READ_TIMEOUT,
        }
    }
}

/// What a feed request gave.
#[derive(Debug)]
pub enum FeedResponse {
    /// 304: the feed is the one already applied.
    NotModified,
    /// 200 with the whole body.
    Fetched {
        /// The document's raw bytes, not yet verified.
        body: Vec<u8>,
        /// For the next conditional request.
        validators: Validators,
    },
}

/// The HTTP client with Infostand's policy built in.
#[derive(Debug, Clone)]
pub struct Fetcher {
    client: Client,
    timeouts: Timeouts,
}

/// The redirect policy's refusal, found again in the error chain.
#[derive(Debug)]
struct InsecureRedirect(String);

impl fmt::Display for InsecureRedirect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "redirected to {}, which is not https", self.0)
    }
}

impl StdError for InsecureRedirect {}

impl Fetcher {
    /// Builds the client for `feed_url`: proxies from the environment, or
    /// `proxy` when one is configured, none for a loopback feed (a proxy
    /// cannot reach this machine's loopback).
    ///
    /// # Errors
    /// [`Error::Config`] for a malformed proxy URL or a TLS setup failure.
    pub fn new(
        feed_url: &Url,
        proxy: Option<&str>,
        timeouts: Timeouts,
        user_agent: &str,
    ) -> Result<Self> {
        let policy = redirect::Policy::custom(|attempt| {
            if attempt.previous().len() > MAX_REDIRECTS {
                attempt.error(format!("more than {MAX_REDIRECTS} redirects"))
            } else if check_url(attempt.url()).is_err() {
                let url = shown(attempt.url());
                attempt.error(InsecureRedirect(url))
            } else {
                attempt.follow()
            }
        });
        let mut builder = Client::builder()
            .user_agent(user_agent)
            .connect_timeout(timeouts.connect)
            .read_timeout(timeouts.read)
            .redirect(policy)
            .https_only(false);
        if is_loopback(feed_url) {
            builder = builder.no_proxy();
        } else if let Some(proxy) = proxy {
            // Not named: its URL may carry a user name and password.
            let proxy = reqwest::Proxy::all(proxy).map_err(|error| {
                Error::Config(format!("the configured proxy is unusable: {error}"))
            })?;
            builder = builder.proxy(proxy);
        }
        let client = builder
            .build()
            .map_err(|error| Error::Config(format!("the HTTP client cannot start: {error}")))?;
        Ok(Self { client, timeouts })
    }

    /// The underlying client, for media downloads.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Fetches the feed, conditionally when `validators` are given.
    ///
    /// # Errors
    /// An insecure URL, a network failure or timeout, a status other than
    /// 200 or 304, or a body over [`MAX_FEED_BYTES`].
    pub async fn feed(&self, url: &Url, validators: Option<&Validators>) -> Result<FeedResponse> {
        check_url(url)?;
        let mut request = self.client.get(url.clone()).timeout(self.timeouts.feed);
        if let Some(validators) = validators.filter(|v| !v.is_empty()) {
            if let Some(etag) = &validators.etag {
                request = request.header(IF_NONE_MATCH, etag);
            }
            if let Some(date) = &validators.last_modified {
                request = request.header(IF_MODIFIED_SINCE, date);
            }
        }
        let response = request
            .send()
            .await
            .map_err(|error| self.network(url, &error))?;
        match response.status() {
            StatusCode::NOT_MODIFIED => Ok(FeedResponse::NotModified),
            StatusCode::OK => {
                let validators = Validators::from_headers(response.headers());
                let body = self
                    .read_capped(url, response, MAX_FEED_BYTES, "the feed")
                    .await?;
                Ok(FeedResponse::Fetched { body, validators })
            }
            _ => Err(status_error(url, &response, SystemTime::now())),
        }
    }

    /// Fetches the detached signature; `None` when the server has none
    /// (404 or 410).
    ///
    /// # Errors
    /// As [`Fetcher::feed`], with the cap [`MAX_SIGNATURE_BYTES`], and
    /// [`Error::BadSignature`] when the body is not text.
    pub async fn signature(&self, url: &Url) -> Result<Option<String>> {
        check_url(url)?;
        let response = self
            .client
            .get(url.clone())
            .timeout(self.timeouts.feed)
            .send()
            .await
            .map_err(|error| self.network(url, &error))?;
        match response.status() {
            StatusCode::OK => {
                let body = self
                    .read_capped(url, response, MAX_SIGNATURE_BYTES, "the signature")
                    .await?;
                String::from_utf8(body)
                    .map(Some)
                    .map_err(|_| Error::BadSignature {
                        url: shown(url),
                        problem: "the signature file is not text".into(),
                    })
            }
            StatusCode::NOT_FOUND | StatusCode::GONE => Ok(None),
            _ => Err(status_error(url, &response, SystemTime::now())),
        }
    }

    /// Fetches `url` whole (a news item's image), refusing a body over
    /// `limit`; `what` names it in errors.
    ///
    /// # Errors
    /// As [`Fetcher::feed`], with the cap `limit`.
    pub async fn capped(&self, url: &Url, limit: u64, what: &'static str) -> Result<Vec<u8>> {
        check_url(url)?;
        let response = self
            .client
            .get(url.clone())
            .timeout(self.timeouts.feed)
            .send()
            .await
            .map_err(|error| self.network(url, &error))?;
        if response.status() != StatusCode::OK {
            return Err(status_error(url, &response, SystemTime::now()));
        }
        self.read_capped(url, response, limit, what).await
    }

    /// Reads a whole body, refusing it as soon as it passes `limit`.
    async fn read_capped(
        &self,
        url: &Url,
        response: Response,
        limit: u64,
        what: &'static str,
    ) -> Result<Vec<u8>> {
        let too_large = || Error::TooLarge {
            url: shown(url),
            what,
            limit,
        };
        let declared = response
            .headers()
            .get(CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
        if declared.is_some_and(|length| length > limit) {
            return Err(too_large());
        }
        // Trust a declared length only as a hint for the first allocation.
        let mut body = Vec::with_capacity(declared.unwrap_or(0).min(limit) as usize);
        let mut stream = response.bytes_stream();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|error| Error::Network {
                url: shown(url),
                problem: format!(
                    "the connection broke after {} bytes of {what}: {}",
                    body.len(),
                    describe(&error, self.timeouts)
                ),
            })?;
            let length = body.len().checked_add(chunk.len()).map(u64::try_from);
            if !matches!(length, Some(Ok(length)) if length <= limit) {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    /// Describes a request error without its URL, for messages that
    /// already name it.
    pub(crate) fn describe(&self, error: &reqwest::Error) -> String {
        describe(error, self.timeouts)
    }

    /// Maps a request error: a refused redirect is an insecure URL, the rest
    /// is the network.
    pub(crate) fn network(&self, url: &Url, error: &reqwest::Error) -> Error {
        let mut source: Option<&(dyn StdError + 'static)> = Some(error);
        while let Some(current) = source {
            if let Some(InsecureRedirect(target)) = current.downcast_ref::<InsecureRedirect>() {
                return Error::InsecureUrl {
                    url: shown(url),
                    problem: format!(
                        "redirected to {target}; redirects are followed only to https"
                    ),
                };
            }
            source = current.source();
        }
        Error::Network {
            url: shown(url),
            problem: describe(error, self.timeouts),
        }
    }
}

/// A human sentence for a reqwest error, with its causes (reqwest's own
/// message is only "error sending request").
fn describe(error: &reqwest::Error, timeouts: Timeouts) -> String {
    if error.is_timeout() {
        return format!(
            "timed out (connect {} s, feed {} s, no data for {} s)",
            timeouts.connect.as_secs_f32(),
            timeouts.feed.as_secs_f32(),
            timeouts.read.as_secs_f32()
        );
    }
    let mut text = if error.is_connect() {
        "could not connect".to_owned()
    } else {
        "the request failed".to_owned()
    };
    let mut source = error.source();
    let mut last = String::new();
    while let Some(cause) = source {
        // hyper and reqwest often wrap an error in one that says the same.
        let part = cause.to_string();
        if part != last {
            text.push_str(": ");
            text.push_str(&part);
        }
        last = part;
        source = cause.source();
    }
    text
}

/// The error for an unexpected status, with the Retry-After of a 429 or 503.
pub(crate) fn status_error(url: &Url, response: &Response, now: SystemTime) -> Error {
    let status = response.status();
    let retry_after = if matches!(
        status,
        StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE
    ) {
        response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| parse_retry_after(value, now))
    } else {
        None
    };
    Error::HttpStatus {
        url: shown(url),
        status: status.as_u16(),
        retry_after,
    }
}

/// Reads a Retry-After value: whole seconds or an HTTP date, capped at
/// [`MAX_RETRY_AFTER`]. A date in the past means "now".
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    let delay = if let Ok(seconds) = value.parse::<u64>() {
        Duration::from_secs(seconds)
    } else {
        let at = httpdate::parse_http_date(value).ok()?;
        at.duration_since(now).unwrap_or(Duration::ZERO)
    };
    Some(delay.min(MAX_RETRY_AFTER))
}

/// Whether the URL's host is this machine: `localhost`, 127.0.0.0/8 or ::1.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// Refuses every URL but https, and plain http to loopback (for a local
/// mirror and for tests): anything else could be read or changed on the way.
///
/// # Errors
/// [`Error::InsecureUrl`] saying why.
pub fn check_url(url: &Url) -> Result<()> {
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(url) => Ok(()),
        "http" => Err(Error::InsecureUrl {
            url: shown(url),
            problem: "plain http is only allowed to this machine (localhost, 127.0.0.0/8, ::1); use https".into(),
        }),
        other => Err(Error::InsecureUrl {
            url: shown(url),
            problem: format!("the scheme {other:?} is not supported; use https"),
        }),
    }
}

/// `url` as it may be shown, stored and logged: without the user name and
/// password a feed's address may carry (`https://user:pass@host/…`). Every
/// URL this crate puts into an error, the status or the log goes through
/// here; the credentials are only ever sent to the server.
pub fn shown(url: &Url) -> String {
    let mut url = url.clone();
    // Only fails for URLs that cannot have credentials at all.
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.to_string()
}

/// `<feed-url>.minisig`: the signature beside the feed, as minisign and the
/// publisher name it. The suffix goes on the path, so a query stays valid.
pub fn signature_url(feed: &Url) -> Url {
    let mut url = feed.clone();
    let path = format!("{}.minisig", feed.path());
    url.set_path(&path);
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).expect("test URLs are well formed")
    }

    #[test]
    fn only_https_or_loopback_http_is_allowed() {
        for ok in [
            "https://example.org/feed.json",
            "http://127.0.0.1:8080/feed.json",
            "http://127.1.2.3/feed.json",
            "http://[::1]:80/feed.json",
            "http://localhost/feed.json",
        ] {
            assert!(check_url(&url(ok)).is_ok(), "{ok} must be allowed");
        }
        for refused in [
            "http://example.org/feed.json",
            "http://10.0.0.1/feed.json",
            "http://localhost.example.org/feed.json",
            "ftp://example.org/feed.json",
            "file:///etc/passwd",
        ] {
            let error = check_url(&url(refused)).expect_err("must be refused");
            assert_eq!(
                error.code(),
                crate::ErrorCode::InsecureUrl,
                "{refused} could be read or changed on the way"
            );
        }
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT")
            .expect("the RFC's example date parses");
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120)),
            "delta-seconds form"
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:50:37 GMT", now),
            Some(Duration::from_secs(60)),
            "HTTP-date form, relative to now"
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now),
            Some(Duration::ZERO),
            "a date in the past means retry now"
        );
        assert_eq!(
            parse_retry_after("99999999", now),
            Some(MAX_RETRY_AFTER),
            "an absurd delay is capped"
        );
        assert_eq!(parse_retry_after("soon", now), None, "garbage is ignored");
    }

    #[test]
    fn signature_sits_beside_the_feed() {
        assert_eq!(
            signature_url(&url("https://example.org/a/feed.json?v=1")).as_str(),
            "https://example.org/a/feed.json.minisig?v=1",
            "the suffix goes on the path, not after the query"
        );
    }
}
