//! The one error type for reading settings and writing a config file.

use std::path::PathBuf;

/// What can be wrong with the settings. Every variant names where.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A config file exists but cannot be read.
    #[error("cannot read the config file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A config file is not valid TOML, has an unknown key or a wrong type.
    #[error("{path}:{line}:{column}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong, in TOML's words.
        message: String,
    },
    /// A config file could not be written (by `set-pin`); the old file, if
    /// any, is unchanged.
    #[error("cannot write the config file {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The system-wide PIN file holds more than the PIN's hash: settings
    /// there would apply unseen by every user who may not read it.
    #[error("{path}: the PIN file holds kiosk.pin_hash and nothing else, as `infostand set-pin --system` writes it; put every other key in config.toml beside it")]
    PinFileKeys {
        /// The PIN file.
        path: PathBuf,
    },
    /// A value parsed but makes no sense (too short an interval, a URL that
    /// is not http(s), a key that is not a minisign public key).
    #[error("{key} (from {origin}): {message}")]
    Invalid {
        /// The setting's name as written in the config file, with the
        /// channel counted from 1 for a news channel's (`news[2].url`).
        key: String,
        /// Where the bad value came from.
        origin: String,
        /// What is wrong with it.
        message: String,
    },
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, Error>;
