//! The shell's errors, and how they cross to the UI as `{ code, message }`.

use infostand_content::view::{ErrorCode, IpcError};

/// What can go wrong while wiring the app together.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The content pack or its media store failed.
    #[error(transparent)]
    Content(#[from] infostand_content::Error),
    /// The media server failed.
    #[error(transparent)]
    Media(#[from] infostand_media::Error),
    /// A lock was poisoned by a panic elsewhere.
    #[error("the content library is unusable after an earlier failure")]
    Poisoned,
}

/// Shorthand for results in the shell.
pub type Result<T> = std::result::Result<T, Error>;

impl From<Error> for IpcError {
    fn from(error: Error) -> Self {
        let code = match error {
            Error::Content(_) => ErrorCode::ContentUnavailable,
            Error::Media(_) | Error::Poisoned => ErrorCode::Internal,
        };
        IpcError {
            code,
            message: error.to_string(),
        }
    }
}
