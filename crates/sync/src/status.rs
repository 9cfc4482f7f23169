//! What the staff can see about syncing: the revision and source on screen,
//! the ids of the items shown, when the last attempt and the last success
//! were, the last error, when the next attempt is due; and the same for
//! each news channel, with the items it shows and what it left out and
//! why. Persisted as `status.json` in the data directory (atomically, so it
//! is never torn), read by `infostand status --json` and the admin screen.
//!
//! A failed attempt only adds to the status; what was shown and when it
//! last succeeded are never lost.

use std::fs;

use infostand_content::{Pack, Source};
use infostand_news::Remark;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::error::{Error, ErrorCode, Result};
use crate::layout::Layout;

/// The last error, as `{code, message}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastError {
    /// One of the documented [`ErrorCode`]s.
    pub code: ErrorCode,
    /// A sentence naming what went wrong and where.
    pub message: String,
}

impl From<&Error> for LastError {
    fn from(error: &Error) -> Self {
        Self {
            code: error.code(),
            message: error.to_string(),
        }
    }
}

/// The sync status. Times are RFC 3339 in UTC.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Status {
    /// The revision on screen, once known.
    pub revision: Option<u64>,
    /// Where it came from.
    pub source: Source,
    /// The sorted ids of the items shown now, in any language.
    pub item_ids: Vec<String>,
    /// When the last sync attempt started.
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_attempt: Option<OffsetDateTime>,
    /// When a sync or import last succeeded (applied, or found nothing new).
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_success: Option<OffsetDateTime>,
    /// The last attempt's error; `null` after a success.
    pub last_error: Option<LastError>,
    /// When the next attempt is due; `null` when offline or not scheduled.
    #[serde(with = "time::serde::rfc3339::option")]
    pub next_attempt: Option<OffsetDateTime>,
    /// Whether the content on screen was verified by a configured key.
    pub signed: bool,
    /// The configured feed URL.
    pub feed_url: Option<String>,
    /// Failed attempts since the last success; drives the backoff.
    #[serde(default)]
    pub consecutive_failures: u32,
    /// Each configured news channel, in the config's order.
    #[serde(default)]
    pub news: Vec<ChannelStatus>,
    /// The configuration problem the app last started despite: it started
    /// on its last good configuration (or the defaults) instead. `null`
    /// when its configuration was valid.
    #[serde(default)]
    pub config_error: Option<String>,
    /// This installation (filled in when the status is read, from the
    /// data directory and the config).
    #[serde(default, skip_deserializing)]
    pub instance: Option<crate::Instance>,
    /// Whether the app runs and shows its content, from its heartbeat
    /// (filled in when the status is read).
    #[serde(default, skip_deserializing)]
    pub app: Option<crate::heartbeat::AppHealth>,
}

/// How a news channel goes. Times are RFC 3339 in UTC.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelStatus {
    /// The channel's feed, without any user name and password.
    pub url: String,
    /// When the last attempt started.
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_attempt: Option<OffsetDateTime>,
    /// When an attempt last succeeded (new items, or nothing new).
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_success: Option<OffsetDateTime>,
    /// The last attempt's error; `null` after a success. The items shown
    /// stay the last good ones.
    pub last_error: Option<LastError>,
    /// When the next attempt is due.
    #[serde(with = "time::serde::rfc3339::option")]
    pub next_attempt: Option<OffsetDateTime>,
    /// Failed attempts since the last success; drives the backoff.
    #[serde(default)]
    pub consecutive_failures: u32,
    /// How many items the channel shows (stored, before `max_age`).
    pub items: usize,
    /// Items of the last document read that were left out, and why.
    pub dropped: Vec<Remark>,
    /// Items kept with something missing or replaced (a derived title, an
    /// unreadable date, a picture that could not be had), and what.
    pub notes: Vec<Remark>,
}

impl Status {
    /// Reads `status.json`; an empty status when there is none or it cannot
    /// be read (a status problem must never stop a sync).
    pub fn load(layout: &Layout) -> Self {
        let path = layout.status_file();
        match fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|error| {
                tracing::warn!(path = %path.display(), %error, "status.json is unreadable; starting afresh");
                Self::default()
            }),
            Err(_) => Self::default(),
        }
    }

    /// Writes `status.json` atomically.
    ///
    /// # Errors
    /// [`Error::Io`] naming the file.
    pub fn save(&self, layout: &Layout) -> Result<()> {
        let path = layout.status_file();
        let bytes = serde_json::to_vec_pretty(self).map_err(|error| Error::Io {
            action: "serialise",
            path: path.clone(),
            source: std::io::Error::other(error),
        })?;
        infostand_content::durable::write_atomically(&path, &bytes).map_err(Error::from_content)
    }

    /// Records what is on screen now.
    pub fn set_shown(&mut self, pack: &Pack, signed: bool) {
        self.revision = Some(pack.revision());
        self.source = pack.source();
        self.item_ids = pack.shown_ids_at(std::time::SystemTime::now());
        self.signed = signed;
    }
}

/// The current UTC time to the second, as the status writes it.
pub fn now() -> OffsetDateTime {
    let now = OffsetDateTime::now_utc();
    now.replace_nanosecond(0).unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_json_has_the_documented_shape() {
        let status = Status {
            revision: Some(4),
            source: Source::Feed,
            item_ids: vec!["a-sv".into()],
            last_attempt: Some(OffsetDateTime::UNIX_EPOCH),
            last_success: None,
            last_error: Some(LastError {
                code: ErrorCode::Rollback,
                message: "older".into(),
            }),
            next_attempt: None,
            signed: true,
            feed_url: Some("https://example.org/feed.json".into()),
            consecutive_failures: 1,
            news: Vec::new(),
            config_error: None,
            instance: None,
            app: None,
        };
        let json = serde_json::to_value(&status).expect("a status always serialises");
        assert_eq!(
            json,
            serde_json::json!({
                "revision": 4, "source": "feed", "item_ids": ["a-sv"],
                "last_attempt": "1970-01-01T00:00:00Z", "last_success": null,
                "last_error": { "code": "rollback", "message": "older" },
                "next_attempt": null, "signed": true,
                "feed_url": "https://example.org/feed.json", "consecutive_failures": 1,
                "news": [], "config_error": null, "instance": null, "app": null
            }),
            "`infostand status --json` is read by scripts and must keep its names and formats"
        );
    }

    #[test]
    fn a_missing_or_torn_status_is_empty() {
        let dir = tempfile::tempdir().expect("a temporary data directory");
        let layout = Layout::new(dir.path());
        assert_eq!(
            Status::load(&layout),
            Status::default(),
            "no file: nothing known yet"
        );
        fs::write(layout.status_file(), b"{").expect("the test can write");
        assert_eq!(
            Status::load(&layout),
            Status::default(),
            "a damaged file must not stop the next sync"
        );
    }
}
