//! Why a news feed cannot be read at all. A single bad item is never an
//! error: it is dropped and reported (see [`crate::Report`]).

use crate::Report;

/// The crate's error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The document is larger than a feed may be.
    #[error("the feed is {size} bytes, more than the limit of {limit} bytes")]
    TooLarge {
        /// The document's size.
        size: usize,
        /// [`crate::MAX_FEED_BYTES`].
        limit: usize,
    },

    /// The document is neither JSON nor XML.
    #[error(
        "the document is not a feed: it starts with neither `{{` (JSON Feed) nor `<` (RSS or Atom)"
    )]
    NotAFeed,

    /// The document is JSON, but not a JSON Feed.
    #[error("the JSON Feed cannot be read: {0}")]
    Json(String),

    /// The document is XML, but not an RSS or Atom feed.
    #[error("the RSS or Atom feed cannot be read: {0}")]
    Xml(String),

    /// Not one item can be shown.
    #[error("the feed has no item that can be shown{}", summary(.report))]
    Empty {
        /// Why each item was left out.
        report: Report,
    },
}

/// ": 3 items were left out (item 0: …)", naming the first reason.
fn summary(report: &Report) -> String {
    match report.dropped.first() {
        None => String::new(),
        Some(first) if report.dropped.len() == 1 => {
            format!(": its one item was left out ({first})")
        }
        Some(first) => format!(
            ": all {} items were left out (the first: {first})",
            report.dropped.len()
        ),
    }
}

/// The crate's result.
pub type Result<T> = std::result::Result<T, Error>;
