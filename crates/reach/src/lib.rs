//! Infostand's reach without personal data: how often visitors started a
//! session, chose a language, viewed a screen, started, watched and
//! finished a film, were shown a QR code, and how often a stand reset
//! itself, counted per UTC hour and kept on the stand for
//! [`RETENTION_DAYS`]. Nothing about a person is ever recorded: a count is
//! keyed by its hour, its kind and at most one value (a language, a
//! screen's name, a film's key), and there is nothing else to key it by.
//!
//! - [`event`]: the kinds of events and the values that may be kept.
//! - [`hour`]: the UTC hour the counts are kept by, and Stockholm days.
//! - [`counts`]: the bounded counter model, per hour and all-time.
//! - [`day_file`]: the on-disk format, one JSON file per UTC day.
//! - [`store`]: counting in memory, flushing every [`FLUSH_INTERVAL`].
//! - [`retention`]: removing what is older than [`RETENTION_DAYS`].
//! - [`query`]: reading the counts between two days.
//! - [`report`]: `infostand stats`'s table, CSV and JSON.

#![deny(missing_docs)]

pub mod counts;
pub mod day_file;
mod error;
pub mod event;
pub mod hour;
pub mod query;
pub mod report;
pub mod retention;
pub mod store;

pub use counts::{Counts, Totals, MAX_VALUES_IN_TOTALS, MAX_VALUES_PER_HOUR};
pub use error::{Error, Result};
pub use event::{Event, Kind, MAX_VALUE_BYTES, OTHER};
pub use hour::{Hour, Period, TIME_ZONE};
pub use retention::RETENTION_DAYS;
pub use store::{Store, FLUSH_INTERVAL, MAX_PENDING_HOURS};

/// Calendar days, as `infostand stats --from/--to` take them (jiff's,
/// re-exported so callers need not depend on this version of jiff).
pub use jiff::civil::Date;
