//! Everything a sync or an import can fail with, and the closed set of
//! short codes ([`ErrorCode`]) the status, the CLI and the admin screen show.
//!
//! Every message names the URL, file, revision or byte count at fault,
//! because the person reading it is IT staff at a kiosk, not a developer with
//! a debugger.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// The stable code of an error, as written to `status.json` and printed by
/// `infostand status --json`. The set is closed: scripts may match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", ts(rename = "SyncErrorCode"))]
pub enum ErrorCode {
    /// The server could not be reached, the connection broke, or a timeout
    /// passed.
    Network,
    /// The server answered with a status other than 200, 206 or 304.
    HttpStatus,
    /// The feed, its signature or a media file is larger than allowed.
    TooLarge,
    /// Keys are configured but the feed has no `.minisig` signature.
    Unsigned,
    /// The signature is malformed or does not match the feed's bytes.
    BadSignature,
    /// The signature was made by a key that is not configured.
    UnknownKey,
    /// The synced content on this machine is no longer signed by a
    /// configured key (the key was changed or removed since it was
    /// applied): the app shows its built-in pack until a signed revision is
    /// synced.
    KeyChanged,
    /// The feed is not UTF-8, not JSON or not a valid Infostand pack.
    InvalidFeed,
    /// A news feed has no item that can be shown; the last good items stay.
    EmptyFeed,
    /// The feed's revision is older than the one already applied.
    Rollback,
    /// A media file's bytes do not have the manifest's SHA-256 or size.
    MediaHash,
    /// There is not enough free disk space for the new media.
    DiskFull,
    /// A local file or directory could not be read or written.
    Io,
    /// The feed URL (or a redirect) is plain http to a non-loopback host.
    InsecureUrl,
    /// The configuration is unusable (a malformed URL, key or interval).
    Config,
    /// The app runs with `--offline`, so no sync is attempted.
    Offline,
}

impl ErrorCode {
    /// The code as it is written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Network => "network",
            Self::HttpStatus => "http_status",
            Self::TooLarge => "too_large",
            Self::Unsigned => "unsigned",
            Self::BadSignature => "bad_signature",
            Self::UnknownKey => "unknown_key",
            Self::KeyChanged => "key_changed",
            Self::InvalidFeed => "invalid_feed",
            Self::EmptyFeed => "empty_feed",
            Self::Rollback => "rollback",
            Self::MediaHash => "media_hash",
            Self::DiskFull => "disk_full",
            Self::Io => "io",
            Self::InsecureUrl => "insecure_url",
            Self::Config => "config",
            Self::Offline => "offline",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The crate's error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The request could not be made or its body could not be read.
    #[error("{url}: {problem}")]
    Network {
        /// What was being fetched.
        url: String,
        /// What happened, e.g. "timed out after 30 s".
        problem: String,
    },

    /// The server answered with an unexpected status.
    #[error("{url}: the server answered HTTP {status}{}", retry_after.map(|d| format!(" (retry after {} s)", d.as_secs())).unwrap_or_default())]
    HttpStatus {
        /// What was being fetched.
        url: String,
        /// The status code.
        status: u16,
        /// The server's Retry-After, for 429 and 503.
        retry_after: Option<Duration>,
    },

    /// A body is larger than its limit.
    #[error("{url}: {what} is larger than the limit of {limit} bytes")]
    TooLarge {
        /// What was being fetched or read.
        url: String,
        /// "the feed", "the signature", "the media file".
        what: &'static str,
        /// The limit.
        limit: u64,
    },

    /// Keys are configured and the feed has no signature.
    #[error("{url}: there is no signature there, and this Infostand only accepts feeds signed by its configured keys; publish the feed's .minisig beside it")]
    Unsigned {
        /// The signature's URL or path.
        url: String,
    },

    /// The signature does not verify.
    #[error("{url}: {problem}")]
    BadSignature {
        /// The signature's URL or path.
        url: String,
        /// Why it does not verify.
        problem: String,
    },

    /// The signature's key is not one of the configured keys.
    #[error("{url}: the feed is signed by key {key_id}, which is not one of the configured keys ({configured})")]
    UnknownKey {
        /// The signature's URL or path.
        url: String,
        /// The signing key's id, as minisign prints it.
        key_id: String,
        /// The ids of the configured keys.
        configured: String,
    },

    /// The synced revision kept here no longer verifies with the
    /// configured keys.
    #[error("the synced revision {revision} on this machine is not signed by a configured key ({problem}); the key was changed or removed since it was applied, so the built-in content is shown until a revision signed by a configured key is synced")]
    KeyChanged {
        /// The revision that no longer verifies.
        revision: u64,
        /// What the check said.
        problem: String,
    },

    /// The feed document is refused.
    #[error("{url}: {problem}")]
    InvalidFeed {
        /// The feed's URL or path.
        url: String,
        /// What is wrong, naming the JSON path when there is one.
        problem: String,
    },

    /// A news feed has no item that can be shown.
    #[error("{url}: {problem}; the items shown until now stay")]
    EmptyFeed {
        /// The feed's URL.
        url: String,
        /// Why nothing can be shown, with the first reason.
        problem: String,
        /// Every item left out, and why, for the channel's status.
        dropped: Vec<infostand_news::Remark>,
    },

    /// The feed is older than the content already applied.
    #[error("{url}: the feed has revision {found}, older than revision {newest} already applied; refusing to roll back")]
    Rollback {
        /// The feed's URL or path.
        url: String,
        /// The feed's revision.
        found: u64,
        /// The newest revision applied on this machine.
        newest: u64,
    },

    /// A media file is not what the manifest says.
    #[error("{url}: {problem}")]
    MediaHash {
        /// The media file's URL or path.
        url: String,
        /// The expected and actual hash or size.
        problem: String,
    },

    /// Not enough free space for the media to download.
    #[error("{} needs {needed} more bytes for {files} media file(s), but only {available} bytes are free", dir.display())]
    DiskFull {
        /// The media store.
        dir: PathBuf,
        /// Bytes to be written, with the safety margin.
        needed: u64,
        /// Bytes free for this user.
        available: u64,
        /// How many files are missing.
        files: usize,
    },

    /// A local file operation failed.
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        /// What was being done.
        action: &'static str,
        /// The file or directory.
        path: PathBuf,
        /// Why it failed.
        #[source]
        source: std::io::Error,
    },

    /// A URL that would be fetched without TLS from another machine.
    #[error("{url}: {problem}")]
    InsecureUrl {
        /// The URL.
        url: String,
        /// Why it is refused.
        problem: String,
    },

    /// The configuration cannot be used.
    #[error("configuration: {0}")]
    Config(String),

    /// The app is offline by configuration.
    #[error("offline mode is on (--offline), so the feed is not fetched")]
    Offline,
}

impl Error {
    /// The error's stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Network { .. } => ErrorCode::Network,
            Self::HttpStatus { .. } => ErrorCode::HttpStatus,
            Self::TooLarge { .. } => ErrorCode::TooLarge,
            Self::Unsigned { .. } => ErrorCode::Unsigned,
            Self::BadSignature { .. } => ErrorCode::BadSignature,
            Self::UnknownKey { .. } => ErrorCode::UnknownKey,
            Self::KeyChanged { .. } => ErrorCode::KeyChanged,
            Self::InvalidFeed { .. } => ErrorCode::InvalidFeed,
            Self::EmptyFeed { .. } => ErrorCode::EmptyFeed,
            Self::Rollback { .. } => ErrorCode::Rollback,
            Self::MediaHash { .. } => ErrorCode::MediaHash,
            Self::DiskFull { .. } => ErrorCode::DiskFull,
            // The free-space check cannot see other writers: a disk that
            // fills during the download is still a full disk to the staff.
            Self::Io { source, .. } if source.kind() == std::io::ErrorKind::StorageFull => {
                ErrorCode::DiskFull
            }
            Self::Io { .. } => ErrorCode::Io,
            Self::InsecureUrl { .. } => ErrorCode::InsecureUrl,
            Self::Config(_) => ErrorCode::Config,
            Self::Offline => ErrorCode::Offline,
        }
    }

    /// The server's Retry-After, when it gave one.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::HttpStatus { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// A file error from the content crate (its atomic writer, its media
    /// store) as this crate's [`Error::Io`], keeping the I/O error itself so
    /// a full disk is still `disk_full`. Those functions fail only with I/O;
    /// anything else is kept as the I/O error's message.
    pub(crate) fn from_content(error: infostand_content::Error) -> Self {
        match error {
            infostand_content::Error::Io {
                action,
                path,
                source,
            } => Self::Io {
                action,
                path,
                source,
            },
            other => Self::Io {
                action: "store",
                path: PathBuf::new(),
                source: std::io::Error::other(other),
            },
        }
    }

    /// An [`Error::Io`] builder for `map_err`.
    pub(crate) fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.into();
        move |source| Self::Io {
            action,
            path,
            source,
        }
    }
}

/// The crate's result.
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialise_as_their_documented_strings() {
        for code in [
            ErrorCode::Network,
            ErrorCode::HttpStatus,
            ErrorCode::TooLarge,
            ErrorCode::Unsigned,
            ErrorCode::BadSignature,
            ErrorCode::UnknownKey,
            ErrorCode::KeyChanged,
            ErrorCode::InvalidFeed,
            ErrorCode::EmptyFeed,
            ErrorCode::Rollback,
            ErrorCode::MediaHash,
            ErrorCode::DiskFull,
            ErrorCode::Io,
            ErrorCode::InsecureUrl,
            ErrorCode::Config,
            ErrorCode::Offline,
        ] {
            let json = serde_json::to_string(&code).expect("a code always serialises");
            assert_eq!(
                json,
                format!("\"{}\"", code.as_str()),
                "status.json and as_str must spell {code:?} the same way"
            );
        }
    }

    #[test]
    fn a_full_disk_in_the_content_crate_stays_disk_full() {
        let full = infostand_content::Error::Io {
            action: "write",
            path: PathBuf::from("/data/status.json"),
            source: std::io::Error::from(std::io::ErrorKind::StorageFull),
        };
        let error = Error::from_content(full);
        assert_eq!(
            error.code(),
            ErrorCode::DiskFull,
            "an atomic write failing on a full disk must read disk_full in the status: {error}"
        );
        assert!(
            error.to_string().contains("/data/status.json"),
            "the file stays named: {error}"
        );
    }
}
