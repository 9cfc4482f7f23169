//! Turning a [`Snapshot`] into the exposition Prometheus reads, with
//! prometheus-client: OpenMetrics text for the endpoint, and the same
//! series in Prometheus's text format 0.0.4 for the Pushgateway (which
//! reads no OpenMetrics: it takes a counter's `_total` for an untyped
//! series and refuses the `info` type).
//!
//! A fresh registry is filled from each snapshot: the snapshot is the
//! truth at the moment of the scrape, and nothing is kept between two.
//! Build information and the stand's identity are gauges of 1 named
//! `_info`, the form both formats read.

use std::time::{Duration, SystemTime};

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::{Registry, Unit};

use crate::error::Result;
use crate::series::*;
use crate::snapshot::Snapshot;

/// Every series' name starts with it.
pub const PREFIX: &str = "infostand";

/// The `Content-Type` of [`openmetrics`]'s text.
pub const OPENMETRICS_CONTENT_TYPE: &str =
    "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// The `Content-Type` of [`prometheus_text`]'s text.
pub const PROMETHEUS_TEXT_CONTENT_TYPE: &str =
    prometheus_client::encoding::prometheus_text::CONTENT_TYPE;

/// A gauge of whole numbers.
type IntGauge = Gauge<i64>;
/// A gauge of seconds and other fractions.
type FloatGauge = Gauge<f64, std::sync::atomic::AtomicU64>;

/// The labels of a channel's series.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ChannelLabels {
    channel: String,
    url: String,
}

/// The labels of the sync's error counts.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ErrorLabels {
    channel: String,
    code: String,
}

/// The labels of a usage counter.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct UsageLabels {
    kind: String,
    dimension: String,
}

/// The snapshot as OpenMetrics text, for the endpoint.
///
/// # Errors
/// [`crate::Error::Encode`] if prometheus-client refuses a value.
pub fn openmetrics(snapshot: &Snapshot) -> Result<String> {
    let mut text = String::new();
    prometheus_client::encoding::text::encode(&mut text, &registry(snapshot))?;
    Ok(text)
}

/// The snapshot in Prometheus's text format 0.0.4, for the Pushgateway.
///
/// # Errors
/// [`crate::Error::Encode`] if prometheus-client refuses a value.
pub fn prometheus_text(snapshot: &Snapshot) -> Result<String> {
    let mut text = String::new();
    prometheus_client::encoding::prometheus_text::encode(&mut text, &registry(snapshot))?;
    Ok(text)
}

/// A registry holding every series of [`SERIES`] with the snapshot's
/// values. A value the snapshot does not know is left out, never shown
/// as 0: a missing memory reading must not look like no memory used.
fn registry(snapshot: &Snapshot) -> Registry {
    let mut registry = Registry::with_prefix(PREFIX);
    let s = snapshot;
    register_identity(&mut registry, s);
    let start = FloatGauge::default();
    start.set(unix_seconds(s.started_at));
    registry.register_with_unit("start_time", HELP_START, Unit::Seconds, start);
    let uptime = FloatGauge::default();
    uptime.set(s.uptime.as_secs_f64());
    registry.register_with_unit("uptime", HELP_UPTIME, Unit::Seconds, uptime);
    let config_valid = IntGauge::default();
    config_valid.set(i64::from(s.config_valid));
    registry.register("config_valid", HELP_CONFIG_VALID, config_valid);
    register_content(&mut registry, s);
    register_channels(&mut registry, s);
    register_process(&mut registry, s);
    let usage = Family::<UsageLabels, Counter>::default();
    for ((kind, dimension), total) in &s.usage_counters {
        let labels = UsageLabels {
            kind: kind.clone(),
            dimension: dimension.clone(),
        };
        usage.get_or_create(&labels).inc_by(*total);
    }
    registry.register("usage", HELP_USAGE, usage);
    registry
}

/// `infostand_build_info` and `infostand_instance_info`.
fn register_identity(registry: &mut Registry, s: &Snapshot) {
    let build = Family::<Vec<(String, String)>, IntGauge>::default();
    build
        .get_or_create(&vec![("version".to_string(), s.version.clone())])
        .set(1);
    registry.register("build_info", HELP_BUILD, build);
    let instance = Family::<Vec<(String, String)>, IntGauge>::default();
    instance
        .get_or_create(&vec![
            ("instance_id".to_string(), s.instance.id.clone()),
            ("instance_name".to_string(), s.instance.name.clone()),
        ])
        .set(1);
    registry.register("instance_info", HELP_INSTANCE, instance);
}

/// The content on screen.
fn register_content(registry: &mut Registry, s: &Snapshot) {
    let info = Family::<Vec<(String, String)>, IntGauge>::default();
    info.get_or_create(&vec![
        ("source".to_string(), s.content.source.clone()),
        ("signed".to_string(), s.content.signed.to_string()),
    ])
    .set(1);
    registry.register("content_info", HELP_CONTENT_INFO, info);
    let revision = IntGauge::default();
    revision.set(clamp_i64(s.content.revision));
    registry.register("content_revision", HELP_REVISION, revision);
    let updated = FloatGauge::default();
    let age = FloatGauge::default();
    if let Some(at) = s.content.updated {
        updated.set(unix_seconds(at));
        // Content dated in the future (a clock behind) is not old.
        age.set(
            s.taken_at
                .duration_since(at)
                .unwrap_or(Duration::ZERO)
                .as_secs_f64(),
        );
        registry.register_with_unit(
            "content_updated_timestamp",
            HELP_UPDATED,
            Unit::Seconds,
            updated,
        );
        registry.register_with_unit("content_age", HELP_AGE, Unit::Seconds, age);
    }
}

/// Each channel's schedule and results, and the errors by code.
fn register_channels(registry: &mut Registry, s: &Snapshot) {
    let interval = Family::<ChannelLabels, FloatGauge>::default();
    let attempt = Family::<ChannelLabels, FloatGauge>::default();
    let success = Family::<ChannelLabels, FloatGauge>::default();
    let failures = Family::<ChannelLabels, IntGauge>::default();
    for channel in &s.channels {
        let labels = ChannelLabels {
            channel: channel.name.clone(),
            url: channel.url.clone(),
        };
        interval
            .get_or_create(&labels)
            .set(channel.interval.as_secs_f64());
        if let Some(at) = channel.last_attempt {
            attempt.get_or_create(&labels).set(unix_seconds(at));
        }
        if let Some(at) = channel.last_success {
            success.get_or_create(&labels).set(unix_seconds(at));
        }
        failures
            .get_or_create(&labels)
            .set(i64::from(channel.consecutive_failures));
    }
    registry.register_with_unit("sync_interval", HELP_INTERVAL, Unit::Seconds, interval);
    registry.register_with_unit(
        "sync_last_attempt_timestamp",
        HELP_ATTEMPT,
        Unit::Seconds,
        attempt,
    );
    registry.register_with_unit(
        "sync_last_success_timestamp",
        HELP_SUCCESS,
        Unit::Seconds,
        success,
    );
    registry.register("sync_consecutive_failures", HELP_FAILURES, failures);
    let errors = Family::<ErrorLabels, Counter>::default();
    for ((channel, code), count) in &s.events.sync_errors {
        let labels = ErrorLabels {
            channel: channel.clone(),
            code: code.as_str().to_string(),
        };
        errors.get_or_create(&labels).inc_by(*count);
    }
    registry.register("sync_errors", HELP_ERRORS, errors);
}

/// Memory, the watchdog, the disk.
fn register_process(registry: &mut Registry, s: &Snapshot) {
    let bytes = [
        (
            "web_process_memory",
            HELP_WEB_MEMORY,
            s.web_process_memory_bytes,
        ),
        ("memory", HELP_MEMORY, s.memory_bytes),
        ("memory_limit", HELP_LIMIT, s.memory_limit_bytes),
    ];
    register_bytes(registry, &bytes);
    let restarts: Counter = Counter::default();
    restarts.inc_by(s.events.web_process_restarts);
    registry.register("web_process_restarts", HELP_RESTARTS, restarts);
    let reloads = Family::<Vec<(String, String)>, Counter>::default();
    for (reason, count) in &s.events.watchdog_reloads {
        reloads
            .get_or_create(&vec![("reason".to_string(), reason.as_str().to_string())])
            .inc_by(*count);
    }
    registry.register("watchdog_reloads", HELP_RELOADS, reloads);
    let disk = [
        ("disk_free", HELP_DISK_FREE, s.disk_free_bytes),
        ("disk_size", HELP_DISK_SIZE, s.disk_size_bytes),
    ];
    register_bytes(registry, &disk);
}

/// Gauges in bytes, each only when known.
fn register_bytes(registry: &mut Registry, gauges: &[(&str, &str, Option<u64>)]) {
    for (name, help, value) in gauges {
        if let Some(value) = value {
            let gauge = IntGauge::default();
            gauge.set(clamp_i64(*value));
            registry.register_with_unit(*name, *help, Unit::Bytes, gauge);
        }
    }
}

/// Seconds since the Unix epoch, negative before it (a clock set to 1969
/// is wrong, and the value should say so rather than hide it).
fn unix_seconds(at: SystemTime) -> f64 {
    match at.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(after) => after.as_secs_f64(),
        Err(before) => -before.duration().as_secs_f64(),
    }
}

/// A count as the i64 a gauge holds: no stand counts past 2^63.
fn clamp_i64(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use infostand_sync::ErrorCode;

    use prometheus_client::metrics::MetricType;

    use super::*;
    use crate::snapshot::{Channel, Content, EventCounts, Instance, ReloadReason};

    const T0: u64 = 1_780_000_000;

    fn at(seconds: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(seconds)
    }

    /// A stand that knows everything, with one failing news channel.
    fn full() -> Snapshot {
        Snapshot {
            taken_at: at(T0),
            instance: Instance {
                id: "5e1f0c2a9b7d4e33".into(),
                name: "Sundsvall, biblioteket".into(),
            },
            version: "0.1.0".into(),
            content: Content {
                revision: 42,
                source: "feed".into(),
                signed: true,
                updated: Some(at(T0 - 3 * 86_400)),
            },
            channels: vec![
                Channel {
                    name: "campaign".into(),
                    url: "https://example.org/infostand/feed.json".into(),
                    interval: Duration::from_secs(3600),
                    last_attempt: Some(at(T0 - 60)),
                    last_success: Some(at(T0 - 60)),
                    consecutive_failures: 0,
                },
                Channel {
                    name: "0123456789abcdef".into(),
                    url: "https://example.org/nyheter/feed.json".into(),
                    interval: Duration::from_secs(3600),
                    last_attempt: Some(at(T0 - 30)),
                    last_success: None,
                    consecutive_failures: 3,
                },
            ],
            started_at: at(T0 - 7200),
            uptime: Duration::from_secs(7200),
            web_process_memory_bytes: Some(300_000_000),
            memory_bytes: Some(450_000_000),
            memory_limit_bytes: Some(1 << 30),
            disk_free_bytes: Some(20_000_000_000),
            disk_size_bytes: Some(60_000_000_000),
            events: EventCounts {
                web_process_restarts: 2,
                watchdog_reloads: BTreeMap::from([
                    (ReloadReason::Memory, 1),
                    (ReloadReason::Daily, 0),
                ]),
                sync_errors: std::collections::HashMap::from([(
                    ("0123456789abcdef".to_string(), ErrorCode::HttpStatus),
                    3,
                )]),
            },
            usage_counters: BTreeMap::from([(("view".into(), "start".into()), 7)]),
            config_valid: true,
        }
    }

    /// One sample line: its name, its labels, its value.
    #[derive(Debug)]
    struct Sample {
        name: String,
        labels: BTreeMap<String, String>,
        value: f64,
    }

    /// The `# TYPE` of each family, and every sample.
    fn read(text: &str) -> (BTreeMap<String, String>, Vec<Sample>) {
        let mut types = BTreeMap::new();
        let mut samples = Vec::new();
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix("# TYPE ") {
                let (name, kind) = rest.split_once(' ').expect("# TYPE name type");
                types.insert(name.to_string(), kind.to_string());
                continue;
            }
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let (series, value) = line.rsplit_once(' ').expect("a sample has a value");
            let (name, labels) = match series.split_once('{') {
                Some((name, labels)) => (name.to_string(), read_labels(labels)),
                None => (series.to_string(), BTreeMap::new()),
            };
            samples.push(Sample {
                name,
                labels,
                value: value.parse().expect("a number"),
            });
        }
        (types, samples)
    }

    /// `a="x, y",b="z"}` as a map; commas inside quotes are the value's.
    fn read_labels(text: &str) -> BTreeMap<String, String> {
        let mut labels = BTreeMap::new();
        let mut rest = text;
        while let Some((key, after)) = rest.split_once("=\"") {
            let end = after.find('"').expect("a closing quote");
            labels.insert(
                key.trim_start_matches(',').to_string(),
                after[..end].to_string(),
            );
            rest = &after[end + 1..];
        }
        labels
    }

    /// A series' name, some of its labels, its value, and why.
    type Expected<'a> = (&'a str, &'a [(&'a str, &'a str)], f64, &'a str);

    fn value(samples: &[Sample], name: &str, labels: &[(&str, &str)]) -> Option<f64> {
        samples
            .iter()
            .find(|sample| {
                sample.name == name
                    && labels
                        .iter()
                        .all(|(k, v)| sample.labels.get(*k).map(String::as_str) == Some(*v))
            })
            .map(|sample| sample.value)
    }

    #[test]
    fn every_documented_series_is_there_with_its_type_and_labels() {
        let text = openmetrics(&full()).expect("encodes");
        assert!(
            text.ends_with("# EOF\n"),
            "OpenMetrics text ends with # EOF, or Prometheus rejects the scrape"
        );
        let (types, samples) = read(&text);
        for series in SERIES {
            let sample = samples
                .iter()
                .find(|sample| sample.name == series.name)
                .unwrap_or_else(|| panic!("{} is missing from:\n{text}", series.name));
            let family = match series.kind {
                MetricType::Counter => series.name.strip_suffix("_total").expect("_total"),
                _ => series.name,
            };
            assert_eq!(
                types.get(family).map(String::as_str),
                Some(series.kind.as_str()),
                "{} must be declared a {} (OpenMetrics names a counter's family without _total)",
                series.name,
                series.kind.as_str()
            );
            let labels: BTreeSet<&str> = sample.labels.keys().map(String::as_str).collect();
            let documented: BTreeSet<&str> = series.labels.iter().copied().collect();
            assert_eq!(
                labels, documented,
                "{} must carry exactly its documented labels",
                series.name
            );
        }
        let names: BTreeSet<&str> = samples.iter().map(|s| s.name.as_str()).collect();
        let documented: BTreeSet<&str> = SERIES.iter().map(|s| s.name).collect();
        assert_eq!(
            names, documented,
            "no series may be exposed that the docs do not list"
        );
    }

    #[test]
    fn the_values_are_the_snapshots() {
        let (_, samples) = read(&openmetrics(&full()).expect("encodes"));
        let checks: &[Expected] = &[
            (
                "infostand_build_info",
                &[("version", "0.1.0")],
                1.0,
                "the version is a label",
            ),
            (
                "infostand_instance_info",
                &[
                    ("instance_id", "5e1f0c2a9b7d4e33"),
                    ("instance_name", "Sundsvall, biblioteket"),
                ],
                1.0,
                "the stand is named, commas and all",
            ),
            (
                "infostand_content_revision",
                &[],
                42.0,
                "the revision on screen",
            ),
            (
                "infostand_content_info",
                &[("source", "feed"), ("signed", "true")],
                1.0,
                "source and signature are labels",
            ),
            (
                "infostand_content_age_seconds",
                &[],
                3.0 * 86_400.0,
                "age is now less the newest date_modified",
            ),
            (
                "infostand_uptime_seconds",
                &[],
                7200.0,
                "up time in seconds",
            ),
            (
                "infostand_sync_consecutive_failures",
                &[("channel", "0123456789abcdef")],
                3.0,
                "each channel has its own failures",
            ),
            (
                "infostand_sync_last_success_timestamp_seconds",
                &[("channel", "campaign")],
                (T0 - 60) as f64,
                "times are seconds since the epoch",
            ),
            (
                "infostand_sync_errors_total",
                &[("channel", "0123456789abcdef"), ("code", "http_status")],
                3.0,
                "errors are counted by the status's codes",
            ),
            (
                "infostand_watchdog_reloads_total",
                &[("reason", "memory")],
                1.0,
                "reloads by reason",
            ),
            (
                "infostand_watchdog_reloads_total",
                &[("reason", "daily")],
                0.0,
                "a reason with none is 0, not absent",
            ),
            (
                "infostand_web_process_restarts_total",
                &[],
                2.0,
                "crashes recovered",
            ),
            (
                "infostand_web_process_memory_bytes",
                &[],
                300_000_000.0,
                "memory in bytes",
            ),
            (
                "infostand_disk_free_bytes",
                &[],
                20_000_000_000.0,
                "free disk in bytes",
            ),
            (
                "infostand_usage_total",
                &[("kind", "view"), ("dimension", "start")],
                7.0,
                "usage by kind and dimension",
            ),
        ];
        for (name, labels, expected, why) in checks {
            assert_eq!(
                value(&samples, name, labels),
                Some(*expected),
                "{name}: {why}"
            );
        }
        assert_eq!(
            value(
                &samples,
                "infostand_sync_last_success_timestamp_seconds",
                &[("channel", "0123456789abcdef")]
            ),
            None,
            "a channel that never succeeded has no last success, not one in 1970"
        );
    }

    #[test]
    fn what_is_not_known_is_left_out() {
        let mut snapshot = full();
        snapshot.web_process_memory_bytes = None;
        snapshot.memory_bytes = None;
        snapshot.disk_free_bytes = None;
        snapshot.content.updated = None;
        snapshot.channels.clear();
        snapshot.events = EventCounts::default();
        let (_, samples) = read(&openmetrics(&snapshot).expect("encodes"));
        for gone in [
            "infostand_web_process_memory_bytes",
            "infostand_memory_bytes",
            "infostand_disk_free_bytes",
            "infostand_content_age_seconds",
            "infostand_content_updated_timestamp_seconds",
            "infostand_sync_consecutive_failures",
        ] {
            assert!(
                value(&samples, gone, &[]).is_none(),
                "{gone}: an unknown value must be absent, not 0, or an alert on it would lie"
            );
        }
        assert_eq!(
            value(&samples, "infostand_web_process_restarts_total", &[]),
            Some(0.0),
            "a counter with nothing counted is 0 from the start, so rate() has a start"
        );
    }

    #[test]
    fn content_from_the_future_is_not_old() {
        let mut snapshot = full();
        snapshot.content.updated = Some(at(T0 + 3600));
        let (_, samples) = read(&openmetrics(&snapshot).expect("encodes"));
        assert_eq!(
            value(&samples, "infostand_content_age_seconds", &[]),
            Some(0.0),
            "a date ahead of the clock gives age 0, never a negative age"
        );
    }

    #[test]
    fn the_pushgateways_text_has_the_same_series_with_typed_counters() {
        let snapshot = full();
        let (om_types, om) = read(&openmetrics(&snapshot).expect("encodes"));
        let text = prometheus_text(&snapshot).expect("encodes");
        assert!(
            !text.contains("# EOF") && !text.contains("# UNIT"),
            "the Pushgateway reads the 0.0.4 text format, which has neither"
        );
        let (types, samples) = read(&text);
        let names = |samples: &[Sample]| -> BTreeSet<String> {
            samples.iter().map(|s| s.name.clone()).collect()
        };
        assert_eq!(
            names(&samples),
            names(&om),
            "the push carries the same series as the endpoint"
        );
        assert_eq!(
            types.get("infostand_sync_errors_total").map(String::as_str),
            Some("counter"),
            "in 0.0.4 a counter's family is named with _total, or the Pushgateway makes it untyped"
        );
        assert!(
            om_types.values().chain(types.values()).all(|t| t == "gauge" || t == "counter"),
            "only gauges and counters: the Pushgateway refuses OpenMetrics' info and stateset types"
        );
    }
}
