//! The feed's cache validators (`ETag`, `Last-Modified`): read from a 200,
//! remembered in `fetch.json` with the URL and the revision they describe,
//! and sent back so an unchanged feed costs one small 304.
//!
//! They are sent only for the URL they came from and while the revision
//! they describe is the one on screen: otherwise a 304 would confirm
//! something other than what is shown.

use std::fs;

use infostand_content::durable;
use reqwest::header::{HeaderMap, HeaderValue, ETAG, LAST_MODIFIED};
use reqwest::Url;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::layout::Layout;

/// The cache validators of a fetched feed, sent back to make the next
/// request conditional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validators {
    /// The `ETag` header.
    pub etag: Option<String>,
    /// The `Last-Modified` header.
    pub last_modified: Option<String>,
}

impl Validators {
    /// The validators a response carries.
    pub(crate) fn from_headers(headers: &HeaderMap) -> Self {
        let text = |name| {
            headers
                .get(name)
                .and_then(|value: &HeaderValue| value.to_str().ok())
                .map(str::to_owned)
        };
        Self {
            etag: text(ETAG),
            last_modified: text(LAST_MODIFIED),
        }
    }

    /// Whether there is nothing to send.
    pub(crate) fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// `fetch.json`: the feed's validators and the revision they belong to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct FetchCache {
    feed_url: String,
    revision: u64,
    validators: Validators,
}

impl FetchCache {
    /// The validators to send for `url` while `shown` is on screen.
    fn validators_for(self, url: &Url, shown: u64) -> Option<Validators> {
        (self.feed_url == url.as_str() && self.revision == shown).then_some(self.validators)
    }
}

/// The remembered validators to send for `url` while `shown` is on screen;
/// `None` when there are none, they belong to something else, or
/// `fetch.json` cannot be read (which only costs a full download).
pub fn remembered(layout: &Layout, url: &Url, shown: u64) -> Option<Validators> {
    let bytes = fs::read(layout.fetch_cache_file()).ok()?;
    let cache: FetchCache = serde_json::from_slice(&bytes).ok()?;
    cache.validators_for(url, shown)
}

/// Remembers `validators` from `url` as describing `revision`, the revision
/// shown after this attempt. A failure is only logged: it costs a full
/// download next time.
pub fn remember(layout: &Layout, url: &Url, revision: u64, validators: Validators) {
    let cache = FetchCache {
        feed_url: url.to_string(),
        revision,
        validators,
    };
    let path = layout.fetch_cache_file();
    let written = serde_json::to_vec(&cache)
        .map_err(|error| error.to_string())
        .and_then(|bytes| {
            durable::write_atomically(&path, &bytes)
                .map_err(|error| Error::from_content(error).to_string())
        });
    if let Err(error) = written {
        tracing::warn!(%error, "cannot remember the feed's ETag");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fetch_json_keeps_its_shape_and_is_read_back() {
        let dir = tempfile::tempdir().expect("a temporary data directory");
        let layout = Layout::new(dir.path());
        let url = Url::parse("https://example.org/feed.json").expect("a URL");
        let validators = Validators {
            etag: Some("\"abc\"".into()),
            last_modified: None,
        };
        remember(&layout, &url, 7, validators.clone());
        let json: serde_json::Value = serde_json::from_slice(
            &fs::read(layout.fetch_cache_file()).expect("fetch.json was written"),
        )
        .expect("fetch.json is JSON");
        assert_eq!(
            json,
            serde_json::json!({
                "feed_url": "https://example.org/feed.json", "revision": 7,
                "validators": { "etag": "\"abc\"", "last_modified": null }
            }),
            "fetch.json written by an older version must still be read, and the reverse"
        );
        assert_eq!(
            remembered(&layout, &url, 7),
            Some(validators),
            "the validators come back for their URL and revision"
        );
    }

    #[test]
    fn validators_are_sent_only_for_what_they_describe() {
        let url = Url::parse("https://example.org/feed.json").expect("a URL");
        let other = Url::parse("https://example.org/other.json").expect("a URL");
        let cache = FetchCache {
            feed_url: url.to_string(),
            revision: 7,
            validators: Validators {
                etag: Some("\"abc\"".into()),
                last_modified: None,
            },
        };
        for (url, shown, sent, why) in [
            (&url, 7, true, "the same feed at the same revision"),
            (
                &url,
                6,
                false,
                "another revision is shown (a fallback): a 304 would confirm the wrong one",
            ),
            (&other, 7, false, "another feed was configured since"),
        ] {
            assert_eq!(
                cache.clone().validators_for(url, shown).is_some(),
                sent,
                "{why}"
            );
        }
    }
}
