//! How syncing goes, as the staff see it on the admin screen: the sync's
//! `status.json` with its times as RFC 3339 text.

use infostand_content::Source;
use infostand_sync::status::LastError;
use infostand_sync::{ErrorCode, Status};
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;
use ts_rs::TS;

/// How syncing goes, for the staff (the kiosk's admin screen).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StatusView {
    /// The revision on screen, once known.
    #[ts(type = "number | null")]
    pub revision: Option<u64>,
    /// Where the content on screen came from.
    pub source: Source,
    /// Whether that content was verified by a configured key.
    pub signed: bool,
    /// The configured feed, if any.
    pub feed_url: Option<String>,
    /// When the last sync attempt started, RFC 3339.
    pub last_attempt: Option<String>,
    /// When a sync or import last succeeded, RFC 3339.
    pub last_success: Option<String>,
    /// When the next attempt is due, RFC 3339; `None` when not scheduled.
    pub next_attempt: Option<String>,
    /// The last attempt's error; `None` after a success.
    pub last_error: Option<StatusError>,
    /// Each news channel, in the config's order.
    pub news: Vec<ChannelStatusView>,
    /// Which installation this is, once known.
    pub instance: Option<InstanceView>,
    /// Why the configuration could not be used as it is (the app then runs
    /// on the last good one or the defaults, and says so here).
    pub config_error: Option<String>,
}

/// An installation's identity, as fleet tools and the feed server's logs
/// see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InstanceView {
    /// Stable for the installation's life (made at its first start).
    pub id: String,
    /// The configured name, or the host's name.
    pub name: String,
}

/// How a news channel goes, for the staff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChannelStatusView {
    /// The channel's feed, without any user name and password.
    pub url: String,
    /// When the last attempt started, RFC 3339.
    pub last_attempt: Option<String>,
    /// When an attempt last succeeded, RFC 3339.
    pub last_success: Option<String>,
    /// When the next attempt is due, RFC 3339.
    pub next_attempt: Option<String>,
    /// The last attempt's error; `None` after a success (the items shown
    /// stay the last good ones either way).
    pub last_error: Option<StatusError>,
    /// How many items the channel shows.
    #[ts(type = "number")]
    pub items: u64,
    /// Items of the last document left out, each with its reason.
    pub dropped: Vec<String>,
    /// Items kept with something missing or replaced, and what.
    pub notes: Vec<String>,
}

/// A sync error as the staff see it: a stable code and a sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StatusError {
    /// One of the sync's documented error codes, e.g. `bad_signature`.
    pub code: ErrorCode,
    /// What went wrong and where.
    pub message: String,
}

impl From<&Status> for StatusView {
    fn from(status: &Status) -> Self {
        let time = |at: Option<OffsetDateTime>| at.and_then(|at| at.format(&Rfc3339).ok());
        Self {
            revision: status.revision,
            source: status.source,
            signed: status.signed,
            feed_url: status.feed_url.clone(),
            last_attempt: time(status.last_attempt),
            last_success: time(status.last_success),
            next_attempt: time(status.next_attempt),
            last_error: status.last_error.as_ref().map(StatusError::from),
            news: status
                .news
                .iter()
                .map(|channel| ChannelStatusView {
                    url: channel.url.clone(),
                    last_attempt: time(channel.last_attempt),
                    last_success: time(channel.last_success),
                    next_attempt: time(channel.next_attempt),
                    last_error: channel.last_error.as_ref().map(StatusError::from),
                    items: u64::try_from(channel.items).unwrap_or(u64::MAX),
                    dropped: channel.dropped.iter().map(ToString::to_string).collect(),
                    notes: channel.notes.iter().map(ToString::to_string).collect(),
                })
                .collect(),
            instance: status.instance.as_ref().map(|instance| InstanceView {
                id: instance.id.clone(),
                name: instance.name.clone(),
            }),
            config_error: status.config_error.clone(),
        }
    }
}

impl From<&LastError> for StatusError {
    fn from(error: &LastError) -> Self {
        Self {
            code: error.code,
            message: error.message.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_become_rfc_3339_and_the_error_keeps_its_code() {
        let status = Status {
            revision: Some(4),
            source: Source::Import,
            last_attempt: Some(OffsetDateTime::UNIX_EPOCH),
            last_error: Some(LastError {
                code: ErrorCode::Rollback,
                message: "older".into(),
            }),
            ..Status::default()
        };
        let view = StatusView::from(&status);
        assert_eq!(
            view.last_attempt.as_deref(),
            Some("1970-01-01T00:00:00Z"),
            "the admin screen formats RFC 3339 text, not a number"
        );
        assert_eq!(view.last_success, None, "an unknown time stays unknown");
        assert_eq!(
            view.last_error.map(|error| error.code),
            Some(ErrorCode::Rollback),
            "the code is the sync's closed enum, so the UI can branch on it"
        );
        assert_eq!(view.source, Source::Import, "where the content came from");
    }
}
