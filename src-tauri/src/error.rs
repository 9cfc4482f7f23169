//! The shell's errors, and how they cross to the UI as `{ code, message }`.

use std::time::Duration;

use infostand_content::view::{ErrorCode, IpcError};

/// What can go wrong behind a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A lock was poisoned by a panic elsewhere.
    #[error("the content library is unusable after an earlier failure")]
    Poisoned,
    /// The admin PIN given is wrong.
    #[error("wrong PIN")]
    WrongPin,
    /// Too many wrong PINs in a row.
    #[error("too many wrong PINs; try again in {} s", wait.as_secs().max(1))]
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
    /// Something the kiosk crate refused (a stored PIN hash it cannot read,
    /// text too long for a QR code).
    #[error("{0}")]
    Kiosk(String),
    /// A request the app will not carry out, and why.
    #[error("{0}")]
    Refused(String),
}

impl From<Error> for IpcError {
    fn from(error: Error) -> Self {
        let code = match error {
            Error::Poisoned => ErrorCode::ContentUnavailable,
            Error::WrongPin => ErrorCode::WrongPin,
            Error::TooManyAttempts { .. } => ErrorCode::TooManyAttempts,
            Error::PinNotSet => ErrorCode::PinNotSet,
            Error::Locked => ErrorCode::Locked,
            Error::Kiosk(_) | Error::Refused(_) => ErrorCode::Internal,
        };
        IpcError {
            code,
            message: error.to_string(),
        }
    }
}
