//! What can go wrong keeping or reading the counts, each naming the file
//! or the dates at fault.

use std::path::PathBuf;

/// The crate's error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read, listed or removed.
    #[error("cannot {action} {path}: {source}")]
    Io {
        /// What was being done, e.g. `read`.
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// Why not.
        #[source]
        source: std::io::Error,
    },

    /// A day file could not be written (the old one, if any, is intact).
    #[error(transparent)]
    Write(#[from] infostand_content::Error),

    /// A day file is not one this build wrote: not JSON of its shape, a
    /// newer format, or counts that break its rules.
    #[error("{path} is not a day of counts: {problem}")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        problem: String,
    },

    /// A date or instant outside what the calendar arithmetic can reach.
    #[error("{0} is out of the range of dates the counts can be kept for")]
    OutOfRange(String),

    /// A period whose first day is after its last.
    #[error("the first day ({from}) is after the last ({to})")]
    EmptyPeriod {
        /// The first day asked for.
        from: jiff::civil::Date,
        /// The last day asked for.
        to: jiff::civil::Date,
    },
}

/// The crate's result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An [`Error::Io`] builder for `map_err`.
pub(crate) fn io(
    action: &'static str,
    path: &std::path::Path,
) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.to_path_buf();
    move |source| Error::Io {
        action,
        path,
        source,
    }
}
