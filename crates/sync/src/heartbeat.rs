//! The running app's heartbeat: `heartbeat.json` in the data directory,
//! written every [`HEARTBEAT_INTERVAL`] by the app while its window is up,
//! so `infostand status` (and IT, over SSH or a monitoring agent) can tell
//! a stand that is up and painting from one that crashed, hangs or shows a
//! black screen, whatever its last sync says.

use std::fs;
use std::time::Duration;

use infostand_content::durable;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::error::{Error, Result};
use crate::layout::Layout;

/// The heartbeat's file in the data directory.
pub const HEARTBEAT_FILE: &str = "heartbeat.json";

/// How often the app writes its heartbeat.
pub const HEARTBEAT_INTERVAL: Duration = Duration::from_secs(60);

/// A heartbeat older than this means the app is not running (or hangs):
/// two intervals and a half, so one late write on a busy machine is not an
/// outage.
pub const HEARTBEAT_STALE: Duration = Duration::from_secs(150);

/// What the running app says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heartbeat {
    /// The app's process id.
    pub pid: u32,
    /// The app's version.
    pub version: String,
    /// Whether it runs as a kiosk.
    pub kiosk: bool,
    /// When it started.
    #[serde(with = "time::serde::rfc3339")]
    pub up_since: OffsetDateTime,
    /// When this heartbeat was written.
    #[serde(with = "time::serde::rfc3339")]
    pub written: OffsetDateTime,
    /// When the page last painted its first content (after a start or a
    /// reload); `None` until it has.
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_paint: Option<OffsetDateTime>,
    /// When a film last started playing.
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_film: Option<OffsetDateTime>,
    /// How many times WebKit's web process died and was replaced.
    pub web_process_restarts: u64,
    /// How many times the watchdog reloaded the page.
    pub watchdog_reloads: u64,
    /// The whole app's memory (PSS), when it could be read.
    pub memory_bytes: Option<u64>,
    /// Of that, WebKit's web process.
    pub web_memory_bytes: Option<u64>,
}

impl Heartbeat {
    /// Writes it to `layout`'s data directory, atomically.
    ///
    /// # Errors
    /// [`Error::Io`] naming the file.
    pub fn write(&self, layout: &Layout) -> Result<()> {
        let path = layout.root().join(HEARTBEAT_FILE);
        let bytes = serde_json::to_vec_pretty(self).map_err(|error| Error::Io {
            action: "serialise",
            path: path.clone(),
            source: std::io::Error::other(error),
        })?;
        durable::write_atomically(&path, &bytes).map_err(Error::from_content)
    }

    /// The last heartbeat written in `layout`'s data directory, if any.
    pub fn read(layout: &Layout) -> Option<Self> {
        let bytes = fs::read(layout.root().join(HEARTBEAT_FILE)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }
}

/// Whether the app runs and shows its content, as the heartbeat tells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppHealth {
    /// Its heartbeat is fresh (younger than [`HEARTBEAT_STALE`]).
    pub running: bool,
    /// It runs and its page has painted content since it started.
    pub healthy: bool,
    /// What the two mean here, for people.
    pub summary: String,
    /// The last heartbeat, if there was one.
    pub heartbeat: Option<Heartbeat>,
}

impl AppHealth {
    /// The app's health at `now` from its last `heartbeat`.
    pub fn at(heartbeat: Option<Heartbeat>, now: OffsetDateTime) -> Self {
        let Some(beat) = heartbeat else {
            return Self {
                running: false,
                healthy: false,
                summary:
                    "not running: no heartbeat yet (the app has not run on this data directory)"
                        .into(),
                heartbeat: None,
            };
        };
        let age = now - beat.written;
        let running = age <= HEARTBEAT_STALE && age >= -time::Duration::minutes(5);
        let painted = beat.last_paint.is_some_and(|at| at >= beat.up_since);
        let healthy = running && painted;
        let seconds = age.whole_seconds().max(0);
        let summary = match (running, painted) {
            (true, true) => format!("running and showing its content (heartbeat {seconds} s ago)"),
            (true, false) => format!(
                "running, but its page has not painted content since it started (heartbeat {seconds} s ago): a black or blank screen"
            ),
            (false, _) => format!(
                "not running, or hanging: the last heartbeat is {seconds} s old (more than {} s)",
                HEARTBEAT_STALE.as_secs()
            ),
        };
        Self {
            running,
            healthy,
            summary,
            heartbeat: Some(beat),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn beat(written_ago: i64, painted: bool) -> Heartbeat {
        let now = OffsetDateTime::UNIX_EPOCH + time::Duration::days(20_000);
        Heartbeat {
            pid: 1,
            version: "0.1.0".into(),
            kiosk: true,
            up_since: now - time::Duration::hours(1),
            written: now - time::Duration::seconds(written_ago),
            last_paint: painted.then(|| now - time::Duration::minutes(59)),
            last_film: None,
            web_process_restarts: 0,
            watchdog_reloads: 0,
            memory_bytes: Some(1),
            web_memory_bytes: None,
        }
    }

    #[test]
    fn health_from_the_heartbeat() {
        let now = OffsetDateTime::UNIX_EPOCH + time::Duration::days(20_000);
        let cases = [
            (
                Some(beat(30, true)),
                (true, true),
                "a fresh heartbeat after a paint",
            ),
            (
                Some(beat(30, false)),
                (true, false),
                "up, but nothing painted: a black screen",
            ),
            (
                Some(beat(600, true)),
                (false, false),
                "a stale heartbeat: crashed or hanging",
            ),
            (None, (false, false), "no heartbeat at all"),
        ];
        for (heartbeat, expected, why) in cases {
            let health = AppHealth::at(heartbeat, now);
            assert_eq!(
                (health.running, health.healthy),
                expected,
                "{why}: {}",
                health.summary
            );
        }
    }

    #[test]
    fn a_heartbeat_round_trips_through_its_file() {
        let dir = tempfile::tempdir().expect("a temporary data directory");
        let layout = Layout::new(dir.path());
        assert_eq!(Heartbeat::read(&layout), None, "none written yet");
        let written = beat(0, true);
        written
            .write(&layout)
            .expect("the data directory is writable");
        assert_eq!(
            Heartbeat::read(&layout),
            Some(written),
            "read back as written"
        );
    }
}
