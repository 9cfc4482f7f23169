//! Infostand's content sync: keeping a kiosk's content up to date from the
//! county's signed JSON Feed, or from a folder on a USB stick, without ever
//! showing a broken screen.
//!
//! - [`layout`]: the data directory's folders and files, named in one
//!   place.
//! - [`instance`]: this installation's stable id and name.
//! - [`heartbeat`]: the running app's heartbeat, and its health from it.
//! - [`fetch`]: the HTTP client and URL policy; the feed and its signature
//!   under caps, Retry-After.
//! - [`validators`]: the feed's ETag and Last-Modified, remembered in
//!   `fetch.json` for conditional requests.
//! - [`trust`]: the one verify-then-load path from raw bytes to a pack.
//! - `offload`: that path and a news feed's reading, off the runtime's
//!   worker.
//! - [`stored`]: the sanitised pack kept beside the bytes, so a start never
//!   sanitises a feed loaded before.
//! - [`plan`]: the pure decisions: admit the bytes? apply (as which
//!   revision, with which media and fallback), nothing, or refuse?
//! - [`media`]: the missing media, free space, copying from a folder,
//!   verifying into the content-addressed store.
//! - [`download`]: streaming media over HTTP, resuming broken downloads.
//! - [`active`]: `active.json`, and [`load_active`] at start.
//! - [`apply`]: staging a revision, the atomic switch, garbage collection.
//! - [`import`]: reading a published folder (or a kept revision's).
//! - [`news`]: the news channels beside the campaign: fetched, read,
//!   planned and stored on their own, never touching the campaign.
//! - [`status`]: what the staff see (`status.json`).
//! - [`schedule`]: when to try next.
//! - [`syncer`]: [`Syncer`], which gathers the plan's inputs and carries
//!   out its plan.
//! - [`channels`]: the news channels' attempts, schedules and statuses.
//!
//! Files are written with `infostand_content::durable`, the atomic writer
//! the media store uses too.
//!
//! Errors carry a stable [`ErrorCode`]; see [`error`] for the set.

#![deny(missing_docs)]

pub mod active;
pub mod apply;
pub mod channels;
pub mod download;
pub mod error;
pub mod fetch;
pub mod heartbeat;
pub mod import;
pub mod instance;
pub mod layout;
pub mod media;
pub mod news;
mod offload;
pub mod plan;
pub mod schedule;
pub mod status;
pub mod stored;
pub mod syncer;
pub mod trust;
pub mod validators;

pub use active::{load_active, load_active_reporting, ActiveInfo};
pub use channels::ChannelAttempt;
pub use error::{Error, ErrorCode, Result};
pub use instance::Instance;
pub use layout::Layout;
pub use news::{NewsOutcome, NewsSource, StoredNews};
pub use status::Status;
pub use syncer::{Outcome, Shown, SyncConfig, Syncer};
pub use trust::PublicKey;
