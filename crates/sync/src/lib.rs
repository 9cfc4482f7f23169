//! Infostand's content sync: keeping a kiosk's content up to date from the
//! county's signed JSON Feed, or from a folder on a USB stick, without ever
//! showing a broken screen.
//!
//! - [`fetch`]: the HTTP client and URL policy; the feed and its signature
//!   under caps, conditional requests, Retry-After.
//! - [`trust`]: verifying the detached minisign signature of raw bytes.
//! - [`plan`]: the pure decisions: admit the bytes? apply, skip or refuse?
//! - [`media`]: streaming media into the content-addressed store, resuming
//!   broken downloads, checking free space.
//! - [`active`]: the on-disk layout, `active.json`, and [`load_active`] at
//!   start.
//! - [`apply`]: staging a revision, the atomic switch, garbage collection.
//! - [`import`]: reading a published folder.
//! - [`status`]: what the staff see (`status.json`).
//! - [`schedule`]: when to try next.
//! - [`syncer`]: [`Syncer`], which runs all of the above.
//! - [`durable`]: atomic, flushed file writes.
//!
//! Errors carry a stable [`ErrorCode`]; see [`error`] for the set.

#![deny(missing_docs)]

pub mod active;
pub mod apply;
pub mod durable;
pub mod error;
pub mod fetch;
pub mod import;
pub mod media;
pub mod plan;
pub mod schedule;
pub mod status;
pub mod syncer;
pub mod trust;

pub use active::{load_active, ActiveInfo};
pub use error::{Error, ErrorCode, Result};
pub use status::Status;
pub use syncer::{Outcome, SyncConfig, Syncer};
pub use trust::PublicKey;
