//! Errors as they cross to the UI: a closed set of codes the UI branches
//! on, each with the structured details it needs, and a sentence for
//! people. The UI never reads anything out of the sentence.
//!
//! A code is added only when the UI does something different for it.

use serde::{Deserialize, Serialize};
use strum::IntoEnumIterator;
use ts_rs::TS;

/// An error as it crosses IPC: `{ code, message }`, with the details of
/// codes that have them beside (`{ code: "too_many_attempts",
/// retry_after_seconds: 30, message }`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IpcError {
    /// What kind of failure, for the UI to branch on, with its details.
    #[serde(flatten)]
    pub kind: ErrorKind,
    /// A sentence for people, naming the problem.
    pub message: String,
}

/// The closed set of error codes, with their details.
#[derive(
    Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, strum::EnumIter, strum::IntoStaticStr,
)]
#[serde(tag = "code", rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ErrorKind {
    /// No content could be loaded at all; the UI shows a plain apology.
    ContentUnavailable,
    /// The PIN given for the admin screen is wrong.
    WrongPin,
    /// Too many wrong PINs in a row: the prompt says how long to wait.
    TooManyAttempts {
        /// Whole seconds until the next PIN is checked (at least 1).
        #[ts(type = "number")]
        retry_after_seconds: u64,
    },
    /// No admin PIN is configured (`infostand set-pin`), so the admin
    /// screen cannot be opened in kiosk mode.
    PinNotSet,
    /// An admin command came without an unlocked admin session (it timed
    /// out, or the kiosk was reset): the UI asks for the PIN again.
    Locked,
    /// The app will not do this, by policy or because the request names
    /// something that is not there (a kiosk opens no other sites; a link
    /// that is not http, https, mailto or tel; a contact that does not
    /// exist or has nothing to put in a card). Nothing is broken.
    Refused,
    /// Something failed that should not have; the UI shows the message.
    Internal,
    /// Studio: a value from a form cannot be used; the UI marks the field
    /// (a finding's field path, e.g. `contacts/new/email`, or `key/password`
    /// for a new key's password).
    InvalidValue {
        /// The field at fault.
        field: String,
    },
    /// Studio: the draft folder cannot be opened (not a draft, open in
    /// another Studio, unreadable, or a new draft's folder is not empty);
    /// the UI offers the start screen again.
    DraftUnavailable,
    /// Studio: a video kiosks cannot play; the UI shows the ffmpeg
    /// command that converts it.
    UnplayableVideo {
        /// An ffmpeg command line that makes a playable copy.
        convert: String,
    },
    /// Studio: a captions file or picture that cannot be used; the UI
    /// names the line when there is one.
    UnusableFile {
        /// The first line at fault in a captions file, counted from 1.
        #[ts(type = "number | null")]
        line: Option<u64>,
    },
    /// Studio: a file or text over a kiosk's limit; the UI shows both
    /// sizes.
    TooLarge {
        /// Its size: bytes, or tags for a text with too many.
        #[ts(type = "number")]
        size: u64,
        /// The limit.
        #[ts(type = "number")]
        limit: u64,
    },
    /// Studio: the password does not open the signing key; the UI clears
    /// and focuses the password field.
    WrongPassword,
    /// Studio: the signing key needs a password and none was given.
    KeyNeedsPassword,
    /// Studio: the checks found what kiosks would refuse; the UI opens the
    /// checks.
    ChecksFailed {
        /// How many errors.
        #[ts(type = "number")]
        errors: u64,
    },
    /// Studio: the target folder already holds this revision or a newer
    /// one.
    RevisionNotNewer {
        /// The revision the folder holds.
        #[ts(type = "number")]
        target_revision: u64,
        /// The revision asked for.
        #[ts(type = "number")]
        revision: u64,
    },
    /// Studio: the target folder holds other files than a publish writes.
    TargetNotPublishFolder,
}

impl ErrorKind {
    /// The code as it crosses, e.g. `too_many_attempts`.
    pub fn code(&self) -> &'static str {
        self.into()
    }

    /// Every code, in declaration order: the UI's runtime check of what a
    /// rejection carries.
    pub fn codes() -> Vec<&'static str> {
        Self::iter().map(|kind| kind.code()).collect()
    }
}

impl IpcError {
    /// An error of `kind` saying `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_code_is_written_as_the_ui_checks_it() {
        for kind in ErrorKind::iter() {
            let json = serde_json::to_value(IpcError::new(kind.clone(), "m"))
                .expect("an IpcError always serialises");
            assert_eq!(
                json["code"],
                serde_json::Value::from(kind.code()),
                "the runtime list of codes and the JSON must spell {kind:?} alike"
            );
            assert_eq!(json["message"], "m", "the message crosses beside the code");
        }
    }

    #[test]
    fn details_cross_beside_the_code() {
        let json = serde_json::to_value(IpcError::new(
            ErrorKind::TooManyAttempts {
                retry_after_seconds: 30,
            },
            "too many wrong PINs",
        ))
        .expect("an IpcError always serialises");
        assert_eq!(
            json,
            serde_json::json!({
                "code": "too_many_attempts",
                "retry_after_seconds": 30,
                "message": "too many wrong PINs"
            }),
            "the UI reads the wait from a number, never from the sentence"
        );
    }
}
