//! The shell's errors, and how they cross to the UI as `{ code, message }`.

use infostand_content::view::{ErrorCode, IpcError};

/// What can go wrong behind a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A lock was poisoned by a panic elsewhere.
    #[error("the content library is unusable after an earlier failure")]
    Poisoned,
}

impl From<Error> for IpcError {
    fn from(error: Error) -> Self {
        let code = match error {
            Error::Poisoned => ErrorCode::ContentUnavailable,
        };
        IpcError {
            code,
            message: error.to_string(),
        }
    }
}
