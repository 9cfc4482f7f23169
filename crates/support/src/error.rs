//! The one error type for logging and diagnosis.

use std::path::PathBuf;

/// What can go wrong. Every variant names the path.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The log folder cannot be created or a log file not opened there.
    #[error("cannot log to files in {path}: {message}")]
    LogDir {
        /// The log folder.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// The diagnosis archive cannot be written.
    #[error("cannot write the archive {path}: {source}")]
    Archive {
        /// The archive.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, Error>;
