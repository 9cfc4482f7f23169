//! The catalogue of series: every name, type, label set and help text
//! the exposition may hold, in one table that the docs repeat and the
//! tests hold the exposition to.

use prometheus_client::metrics::MetricType;

/// One series family: its full name as scraped, its type and its labels.
/// [`SERIES`] lists them all, and the tests hold the exposition to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Series {
    /// The name of its samples (a counter's with `_total`).
    pub name: &'static str,
    /// Counter or gauge.
    pub kind: MetricType,
    /// Its labels, beside those Prometheus adds (`job`, `instance`).
    pub labels: &'static [&'static str],
    /// What it means.
    pub help: &'static str,
}

/// Every series, in the order of the exposition. The names are as scraped:
/// the registry adds the prefix, the unit and a counter's `_total`.
pub const SERIES: &[Series] = &[
    series(
        "infostand_build_info",
        MetricType::Gauge,
        &["version"],
        HELP_BUILD,
    ),
    series(
        "infostand_instance_info",
        MetricType::Gauge,
        &["instance_id", "instance_name"],
        HELP_INSTANCE,
    ),
    series(
        "infostand_start_time_seconds",
        MetricType::Gauge,
        &[],
        HELP_START,
    ),
    series(
        "infostand_uptime_seconds",
        MetricType::Gauge,
        &[],
        HELP_UPTIME,
    ),
    series(
        "infostand_config_valid",
        MetricType::Gauge,
        &[],
        HELP_CONFIG_VALID,
    ),
    series(
        "infostand_content_info",
        MetricType::Gauge,
        &["source", "signed"],
        HELP_CONTENT_INFO,
    ),
    series(
        "infostand_content_revision",
        MetricType::Gauge,
        &[],
        HELP_REVISION,
    ),
    series(
        "infostand_content_updated_timestamp_seconds",
        MetricType::Gauge,
        &[],
        HELP_UPDATED,
    ),
    series(
        "infostand_content_age_seconds",
        MetricType::Gauge,
        &[],
        HELP_AGE,
    ),
    series(
        "infostand_sync_interval_seconds",
        MetricType::Gauge,
        &["channel", "url"],
        HELP_INTERVAL,
    ),
    series(
        "infostand_sync_last_attempt_timestamp_seconds",
        MetricType::Gauge,
        &["channel", "url"],
        HELP_ATTEMPT,
    ),
    series(
        "infostand_sync_last_success_timestamp_seconds",
        MetricType::Gauge,
        &["channel", "url"],
        HELP_SUCCESS,
    ),
    series(
        "infostand_sync_consecutive_failures",
        MetricType::Gauge,
        &["channel", "url"],
        HELP_FAILURES,
    ),
    series(
        "infostand_sync_errors_total",
        MetricType::Counter,
        &["channel", "code"],
        HELP_ERRORS,
    ),
    series(
        "infostand_web_process_memory_bytes",
        MetricType::Gauge,
        &[],
        HELP_WEB_MEMORY,
    ),
    series(
        "infostand_memory_bytes",
        MetricType::Gauge,
        &[],
        HELP_MEMORY,
    ),
    series(
        "infostand_memory_limit_bytes",
        MetricType::Gauge,
        &[],
        HELP_LIMIT,
    ),
    series(
        "infostand_web_process_restarts_total",
        MetricType::Counter,
        &[],
        HELP_RESTARTS,
    ),
    series(
        "infostand_watchdog_reloads_total",
        MetricType::Counter,
        &["reason"],
        HELP_RELOADS,
    ),
    series(
        "infostand_disk_free_bytes",
        MetricType::Gauge,
        &[],
        HELP_DISK_FREE,
    ),
    series(
        "infostand_disk_size_bytes",
        MetricType::Gauge,
        &[],
        HELP_DISK_SIZE,
    ),
    series(
        "infostand_usage_total",
        MetricType::Counter,
        &["kind", "dimension"],
        HELP_USAGE,
    ),
];

const fn series(
    name: &'static str,
    kind: MetricType,
    labels: &'static [&'static str],
    help: &'static str,
) -> Series {
    Series {
        name,
        kind,
        labels,
        help,
    }
}

pub(crate) const HELP_BUILD: &str = "Always 1; the version label is the app's version";
pub(crate) const HELP_INSTANCE: &str =
    "Always 1; names the stand: its stable id and the name IT gave it";
pub(crate) const HELP_START: &str = "When the app started, in seconds since the Unix epoch";
pub(crate) const HELP_UPTIME: &str = "How long the app has been running";
pub(crate) const HELP_CONFIG_VALID: &str = "1 when the app runs on its configuration as it is; 0 when that is broken and it runs on the last good configuration or the defaults (infostand status names the error)";
pub(crate) const HELP_CONTENT_INFO: &str = "Always 1; where the content on screen came from (embedded, feed or import) and whether a configured key verified it";
pub(crate) const HELP_REVISION: &str = "The revision of the content on screen";
pub(crate) const HELP_UPDATED: &str = "The newest date_modified of the content on screen, in seconds since the Unix epoch; absent when no item has one";
pub(crate) const HELP_AGE: &str = "Seconds from the newest date_modified of the content on screen to now; absent when no item has one";
pub(crate) const HELP_INTERVAL: &str = "How often the channel is synced when all goes well";
pub(crate) const HELP_ATTEMPT: &str = "When the channel's last sync attempt started, in seconds since the Unix epoch; absent before the first";
pub(crate) const HELP_SUCCESS: &str = "When a sync attempt of the channel last succeeded, in seconds since the Unix epoch; absent before the first";
pub(crate) const HELP_FAILURES: &str = "Failed sync attempts of the channel since its last success";
pub(crate) const HELP_ERRORS: &str = "Failed sync attempts since the app started, by channel and error code (the codes of infostand status)";
pub(crate) const HELP_WEB_MEMORY: &str =
    "Memory of WebKit's web process (proportional set size); absent when unknown";
pub(crate) const HELP_MEMORY: &str = "Memory of the whole app, its process and every helper (proportional set size); absent when unknown";
pub(crate) const HELP_LIMIT: &str =
    "The watchdog reloads the page at an idle moment once the web process uses more than this";
pub(crate) const HELP_RESTARTS: &str = "Times WebKit's web process ended (crashed or was killed) and the page was reloaded, since the app started";
pub(crate) const HELP_RELOADS: &str = "Times the watchdog reloaded the page at an idle moment since the app started, by reason (memory or daily)";
pub(crate) const HELP_DISK_FREE: &str =
    "Bytes free for the app on the file system of its data directory";
pub(crate) const HELP_DISK_SIZE: &str = "Size of the file system of the app's data directory";
pub(crate) const HELP_USAGE: &str =
    "Usage counters: visitors' touches and views, by kind and dimension";
