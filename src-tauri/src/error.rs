//! The shell's errors, and how they cross to the UI as an [`IpcError`]:
//! a policy refusal, a missing session and an internal failure are each
//! their own code, so the UI never has to read the message.

use std::time::Duration;

use infostand_ipc::{ErrorKind, IpcError};

/// What can go wrong behind a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The content on screen cannot be read (its lock was poisoned by a
    /// panic elsewhere).
    #[error("the content library is unusable after an earlier failure")]
    ContentUnavailable,
    /// The admin PIN given is wrong.
    #[error("wrong PIN")]
    WrongPin,
    /// Too many wrong PINs in a row.
    #[error("too many wrong PINs; try again in {} s", whole_seconds(*wait))]
    TooManyAttempts {
        /// How long until the next PIN is checked.
        wait: Duration,
    },
    /// No admin PIN is configured.
    #[error("no admin PIN is set on this computer; IT staff set one with `infostand set-pin`")]
    PinNotSet,
    /// An admin command without an unlocked session.
    #[error("the admin screen is locked; enter the PIN again")]
    Locked,
    /// A request the app will not carry out, by policy or because what it
    /// names is not there, and why.
    #[error("{0}")]
    Refused(String),
    /// Something failed that should not have (a poisoned lock, a task
    /// that panicked, a stored PIN hash that cannot be read, the window
    /// refusing to reload), and what.
    #[error("{0}")]
    Internal(String),
}

/// A wait in whole seconds, rounded up and at least 1, so the prompt never
/// says "try again in 0 s" while the wait lasts.
fn whole_seconds(wait: Duration) -> u64 {
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    seconds.max(1)
}

impl From<Error> for IpcError {
    fn from(error: Error) -> Self {
        let kind = match &error {
            Error::ContentUnavailable => ErrorKind::ContentUnavailable,
            Error::WrongPin => ErrorKind::WrongPin,
            Error::TooManyAttempts { wait } => ErrorKind::TooManyAttempts {
                retry_after_seconds: whole_seconds(*wait),
            },
            Error::PinNotSet => ErrorKind::PinNotSet,
            Error::Locked => ErrorKind::Locked,
            Error::Refused(_) => ErrorKind::Refused,
            Error::Internal(_) => ErrorKind::Internal,
        };
        IpcError::new(kind, error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_crosses_as_a_number_that_matches_the_sentence() {
        let error: IpcError = Error::TooManyAttempts {
            wait: Duration::from_millis(29_200),
        }
        .into();
        assert_eq!(
            error.kind,
            ErrorKind::TooManyAttempts {
                retry_after_seconds: 30
            },
            "a part-second rounds up: saying 29 would invite a refused try"
        );
        assert!(
            error.message.contains("30 s"),
            "the sentence and the number agree: {}",
            error.message
        );
        let short: IpcError = Error::TooManyAttempts {
            wait: Duration::from_millis(10),
        }
        .into();
        assert_eq!(
            short.kind,
            ErrorKind::TooManyAttempts {
                retry_after_seconds: 1
            },
            "a wait that is still on is never 0 s"
        );
    }

    #[test]
    fn a_refusal_and_a_failure_are_different_codes() {
        let refused: IpcError = Error::Refused("a kiosk does not open other sites".into()).into();
        let failed: IpcError = Error::Internal("cannot reload".into()).into();
        assert_eq!(
            (refused.kind, failed.kind),
            (ErrorKind::Refused, ErrorKind::Internal),
            "a policy refusal is not a fault, and a fault is not a policy"
        );
    }
}
