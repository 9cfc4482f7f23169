//! News feeds beside the campaign: what a county's or municipality's
//! website CMS publishes (JSON Feed 1.0 and 1.1, RSS 2.0, 1.0 and 0.9x,
//! Atom), read the way real feeds are written and turned into sanitised
//! items the kiosk shows in a section of its own. A news feed never
//! replaces the campaign; it only adds to it.
//!
//! Tolerant where the specifications suggest tolerance, strict where it
//! matters:
//!
//! - a UTF-8 byte order mark is skipped; an item's language is read by its
//!   primary subtag (`sv-SE` is Swedish); an id may be a number;
//! - an item without a title gets one from its summary or the first words
//!   of its text, marked as derived; an item whose date cannot be read is
//!   kept without a date, and the report says so;
//! - an item that cannot be shown at all (no text of any kind, a body over
//!   the sanitiser's limits, an id used before) is dropped alone, with its
//!   reason in the [`Report`];
//! - every body goes through the same sanitiser as the campaign's
//!   (`infostand_content::sanitise`); links keep only web, mail and phone
//!   schemes; images are only named here (by an absolute https URL), for
//!   the sync to download: the webview never loads anything remote;
//! - a feed that yields no item is an error ([`Error::Empty`]), so the
//!   kiosk keeps what it had rather than showing an empty section.
//!
//! - [`read`]: bytes in, a [`NewsFeed`] out.
//! - [`item`]: the rules an item is held to, for every format.
//! - [`date`]: reading the dates real feeds write.

#![deny(missing_docs)]

pub mod date;
mod error;
pub mod item;
mod json;
mod xml;

use serde::{Deserialize, Serialize};

pub use error::{Error, Result};
pub use item::{ImageRef, NewsItem};

/// The largest news feed document read, in bytes: the same cap as a
/// campaign pack (`infostand_content::pack::MAX_FEED_BYTES`). A real CMS
/// feed of twenty full articles is a few hundred kilobytes.
pub const MAX_FEED_BYTES: usize = infostand_content::pack::MAX_FEED_BYTES;

/// The most items read from one document; the rest are dropped unread,
/// so a document of a million empty items cannot cost a million checks.
pub const MAX_ITEMS_READ: usize = 1_000;

/// The formats a news feed may be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// JSON Feed 1.0 or 1.1.
    JsonFeed,
    /// RSS 2.0 (and the 0.9x versions it grew from).
    Rss,
    /// RSS 1.0 (RDF Site Summary).
    Rdf,
    /// Atom 1.0.
    Atom,
}

/// A news feed as read: its items and what happened on the way in.
#[derive(Debug, Clone, PartialEq)]
pub struct NewsFeed {
    /// The format the document was written in.
    pub format: Format,
    /// The feed's own title, if it has one.
    pub title: Option<String>,
    /// The items that can be shown, in the feed's order.
    pub items: Vec<NewsItem>,
    /// What was left out, and what was kept with a remark.
    pub report: Report,
}

/// What reading a feed left out or noticed: for the staff (the status and
/// the admin screen), never for visitors.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// Items left out, and why.
    pub dropped: Vec<Remark>,
    /// Items kept with something missing or replaced, and what.
    pub notes: Vec<Remark>,
}

/// One remark about one item (or the feed as a whole).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remark {
    /// The item's position in the document, when the remark is about one.
    pub index: Option<usize>,
    /// The item's id, when it has a readable one.
    pub id: Option<String>,
    /// What happened, as a sentence.
    pub text: String,
}

impl std::fmt::Display for Remark {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.index, &self.id) {
            (Some(index), Some(id)) => write!(f, "item {index} (id {id:?}): {}", self.text),
            (Some(index), None) => write!(f, "item {index}: {}", self.text),
            _ => f.write_str(&self.text),
        }
    }
}

/// Reads a news feed document. `base` is where it was fetched from, to
/// resolve relative links and images against.
///
/// # Errors
/// [`Error::TooLarge`], [`Error::NotAFeed`] for a document that is
/// neither JSON nor XML, [`Error::Json`] or [`Error::Xml`] for one that
/// does not parse as a feed, and [`Error::Empty`] when not one item can be
/// shown (with the reasons).
pub fn read(bytes: &[u8], base: Option<&url::Url>) -> Result<NewsFeed> {
    if bytes.len() > MAX_FEED_BYTES {
        return Err(Error::TooLarge {
            size: bytes.len(),
            limit: MAX_FEED_BYTES,
        });
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let feed = match body.iter().find(|byte| !byte.is_ascii_whitespace()) {
        Some(b'{') => json::read(body, base)?,
        Some(b'<') => xml::read(body, base)?,
        Some(_) => return Err(Error::NotAFeed),
        None => {
            return Err(Error::Empty {
                report: Report::default(),
            })
        }
    };
    if feed.items.is_empty() {
        return Err(Error::Empty {
            report: feed.report,
        });
    }
    Ok(feed)
}
