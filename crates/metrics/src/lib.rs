//! Infostand's metrics for the monitoring IT already runs: Prometheus.
//!
//! The shell fills a [`Snapshot`] (plain data: what is on screen, how each
//! sync channel goes, memory, disk, the watchdog's and the sync's counts,
//! the usage counters) at the moment it is asked for one; this crate turns
//! it into series with `prometheus-client` ([`exposition`]), serves them
//! on the opt-in endpoint ([`endpoint`], `[monitoring] listen`) and pushes
//! them to a Pushgateway ([`push`], `[monitoring] push_url`). [`Events`]
//! counts what happens between two snapshots. Nothing here touches Tauri.
//!
//! # The series
//!
//! Every name starts `infostand_`. Times are in seconds since the Unix
//! epoch (`_timestamp_seconds`), durations in seconds, sizes in bytes.
//! Counters (`_total`) start at 0 with each start of the app. A value the
//! stand does not know (memory off Linux, the age of content with no
//! `date_modified`, the last success of a channel that never had one) is
//! left out, never shown as 0. Prometheus adds `job` and `instance`; the
//! Pushgateway's group sets `instance` to the stand's id.
//!
//! | series | type | labels | meaning |
//! |---|---|---|---|
//! | `infostand_build_info` | gauge | `version` | always 1; the app's version |
//! | `infostand_instance_info` | gauge | `instance_id`, `instance_name` | always 1; which stand this is |
//! | `infostand_start_time_seconds` | gauge | | when the app started |
//! | `infostand_uptime_seconds` | gauge | | how long it has been running |
//! | `infostand_content_info` | gauge | `source`, `signed` | always 1; where the content on screen came from (`embedded`, `feed`, `import`) and whether a configured key verified it (`true`, `false`) |
//! | `infostand_content_revision` | gauge | | the revision on screen |
//! | `infostand_content_updated_timestamp_seconds` | gauge | | its newest `date_modified` |
//! | `infostand_content_age_seconds` | gauge | | now less its newest `date_modified` |
//! | `infostand_sync_interval_seconds` | gauge | `channel`, `url` | how often the channel is synced |
//! | `infostand_sync_last_attempt_timestamp_seconds` | gauge | `channel`, `url` | when its last attempt started |
//! | `infostand_sync_last_success_timestamp_seconds` | gauge | `channel`, `url` | when an attempt last succeeded |
//! | `infostand_sync_consecutive_failures` | gauge | `channel`, `url` | failed attempts since the last success |
//! | `infostand_sync_errors_total` | counter | `channel`, `code` | failed attempts by error code (`network`, `http_status`, … as `infostand status` names them) |
//! | `infostand_web_process_memory_bytes` | gauge | | WebKit's web process (PSS) |
//! | `infostand_memory_bytes` | gauge | | the whole app with its helpers (PSS) |
//! | `infostand_memory_limit_bytes` | gauge | | the watchdog's reload limit (`kiosk.memory_limit`) |
//! | `infostand_web_process_restarts_total` | counter | | the web process ended and the page was reloaded |
//! | `infostand_watchdog_reloads_total` | counter | `reason` | the watchdog reloaded the page (`memory`, `daily`) |
//! | `infostand_disk_free_bytes` | gauge | | free for the app where its data directory is |
//! | `infostand_disk_size_bytes` | gauge | | that file system's size |
//! | `infostand_usage_total` | counter | `kind`, `dimension` | the usage counters |
//!
//! `channel` is `campaign` for the campaign's feed, else the news
//! channel's id (its folder under `news/`); `url` is the channel's address
//! without user name and password. [`series::SERIES`] is this table in
//! code, and the tests hold the exposition to it.

#![deny(missing_docs)]

pub mod endpoint;
mod error;
mod events;
pub mod exposition;
pub mod push;
mod secret;
pub mod series;
mod snapshot;

pub use endpoint::{Endpoint, Source};
pub use error::{Error, Result};
pub use events::Events;
pub use secret::Token;
pub use snapshot::{
    Channel, Content, EventCounts, Instance, ReloadReason, Snapshot, CAMPAIGN_CHANNEL,
};
