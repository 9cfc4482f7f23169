//! Infostand's content: the pack format and everything that turns a feed
//! document into what the UI shows.
//!
//! - [`durable`]: atomic, flushed file writes, and removing what a crash
//!   left of them.
//! - [`feed`]: the serde model of the JSON Feed 1.1 document with its
//!   `_infostand` extensions.
//! - [`pack`]: the single load path (parse, validate, sanitise) and what a
//!   loaded pack shows in one language ([`pack::Presentation`]).
//! - [`sanitise`]: the HTML policy for item bodies.
//! - [`signature`]: the minisign signature every synced or imported feed
//!   must carry, checked before the feed is parsed.
//! - [`store`]: the content-addressed directory media files are kept in.
//! - [`validity`]: when an item is shown (`valid_from` / `valid_until`,
//!   in Europe/Stockholm time).
//! - [`Language`] and [`Source`]: the languages offered, and where a pack
//!   came from.

#![deny(missing_docs)]

pub mod durable;
mod error;
pub mod feed;
mod language;
pub mod pack;
pub mod sanitise;
pub mod signature;
mod source;
pub mod store;
pub mod validity;

pub use error::{Error, Result};
pub use feed::MediaEntry;
pub use language::Language;
pub use pack::{Entry, Loaded, Pack, Presentation, Warning};
pub use source::Source;
pub use store::MediaStore;
