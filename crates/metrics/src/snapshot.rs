//! The plain data a stand's metrics are made of: what the shell measures
//! and reads at the moment of a scrape or a push, with no behaviour of its
//! own, so the encoding is tested on data made up in the tests.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, SystemTime};

use infostand_sync::ErrorCode;

/// The name of the campaign's channel in the `channel` label; a news
/// channel goes by its id (its folder under `news/`).
pub const CAMPAIGN_CHANNEL: &str = "campaign";

/// Everything one exposition says about a stand, as of [`Snapshot::taken_at`].
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// When it was taken: ages are counted to here.
    pub taken_at: SystemTime,
    /// Which stand this is.
    pub instance: Instance,
    /// The app's version (`CARGO_PKG_VERSION` of the shell).
    pub version: String,
    /// The content on screen.
    pub content: Content,
    /// The campaign's channel (when a feed is configured) and each news
    /// channel, in the config's order.
    pub channels: Vec<Channel>,
    /// Whether the app runs on its configuration as it is (`false`: it was
    /// broken, and the app runs on the last good one or the defaults).
    pub config_valid: bool,
    /// When the app started.
    pub started_at: SystemTime,
    /// How long it has been running (monotonic, so a clock set back does
    /// not shorten it).
    pub uptime: Duration,
    /// The memory of WebKit's web process (PSS); `None` when unknown.
    pub web_process_memory_bytes: Option<u64>,
    /// The memory of the whole app: its process and every helper (PSS);
    /// `None` when unknown.
    pub memory_bytes: Option<u64>,
    /// The watchdog's limit for the web process; `None` when it has none.
    pub memory_limit_bytes: Option<u64>,
    /// Bytes free for the app on the file system of its data directory;
    /// `None` when unknown.
    pub disk_free_bytes: Option<u64>,
    /// That file system's size; `None` when unknown.
    pub disk_size_bytes: Option<u64>,
    /// What happened since the start: crashes, reloads, sync errors.
    pub events: EventCounts,
    /// The usage counters, (kind, dimension) to total since counting began:
    /// `infostand_usage_total{kind, dimension}`: all-time totals from
    /// `infostand-reach`, the dimension empty for events without a value.
    pub usage_counters: BTreeMap<(String, String), u64>,
}

/// Which stand: its stable id and the name IT gave it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Instance {
    /// Stable across restarts; the Pushgateway groups a stand's metrics
    /// under it.
    pub id: String,
    /// For people: where the stand is.
    pub name: String,
}

/// The content on screen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Content {
    /// Its revision.
    pub revision: u64,
    /// Where it came from: `embedded`, `feed` or `import`.
    pub source: String,
    /// Whether a configured key verified it.
    pub signed: bool,
    /// Its newest `date_modified`; `None` when no item has one.
    pub updated: Option<SystemTime>,
}

/// One sync channel: the campaign or a news feed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Channel {
    /// [`CAMPAIGN_CHANNEL`] or the news channel's id.
    pub name: String,
    /// Its address without user name and password, for people.
    pub url: String,
    /// How often it is synced when all goes well.
    pub interval: Duration,
    /// When the last attempt started.
    pub last_attempt: Option<SystemTime>,
    /// When an attempt last succeeded.
    pub last_success: Option<SystemTime>,
    /// Failed attempts since the last success.
    pub consecutive_failures: u32,
}

/// Why the watchdog reloaded the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReloadReason {
    /// The web process grew past the memory limit.
    Memory,
    /// The daily reload time came.
    Daily,
}

impl ReloadReason {
    /// Every reason, so each has a series from the start (at 0).
    pub const ALL: [Self; 2] = [Self::Memory, Self::Daily];

    /// The `reason` label's value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Memory => "memory",
            Self::Daily => "daily",
        }
    }
}

/// Counts of what happened since the app started.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventCounts {
    /// WebKit's web process ended and the page was reloaded.
    pub web_process_restarts: u64,
    /// The watchdog reloaded the page, by why.
    pub watchdog_reloads: BTreeMap<ReloadReason, u64>,
    /// Failed sync attempts, by channel name and error code.
    pub sync_errors: HashMap<(String, ErrorCode), u64>,
}
