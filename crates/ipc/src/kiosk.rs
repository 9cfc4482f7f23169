//! What the UI is given for kiosk mode and the staff's admin screen: the
//! mode and its timings, QR codes, and the admin screen's facts about the
//! app (version, memory, uptime, free disk) and its sync.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::status::StatusView;

/// How long the "Är du kvar?" countdown lasts before the reset: long enough
/// to read the question and reach the button, short enough that the next
/// visitor does not find someone else's article.
pub const COUNTDOWN: Duration = Duration::from_secs(10);

/// How the app runs: read by the UI at start, and again when
/// [`Changes::mode`] moves (staff left kiosk mode).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ModeView {
    /// Kiosk mode: fullscreen, locked down, idle reset and attract loop.
    pub kiosk: bool,
    /// How long without input before the "Är du kvar?" countdown starts.
    #[ts(type = "number")]
    pub idle_timeout_ms: u64,
    /// How long the countdown lasts before the reset.
    #[ts(type = "number")]
    pub countdown_ms: u64,
    /// Whether an admin PIN is configured; without one the admin screen
    /// cannot be opened in kiosk mode.
    pub pin_set: bool,
}

impl ModeView {
    /// The mode with the kiosk's timings in milliseconds, for the UI's
    /// timers, and the fixed [`COUNTDOWN`].
    pub fn new(kiosk: bool, idle_timeout: Duration, pin_set: bool) -> Self {
        Self {
            kiosk,
            idle_timeout_ms: millis(idle_timeout),
            countdown_ms: millis(COUNTDOWN),
            pin_set,
        }
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// How many times the content on screen and the mode have changed since the
/// app started. The page keeps the last it saw and asks `wait_for_change`
/// for the next: a count that moved says what to read again.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Changes {
    /// A sync or import put a new revision on screen, or an item's
    /// validity began or ended: read the content again.
    pub content: u32,
    /// Staff left kiosk mode: read the mode again.
    pub mode: u32,
}

/// A QR code to show: an SVG made in Rust, and the text it encodes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct QrView {
    /// A complete `<svg>` element of dark squares on a light background,
    /// with a `viewBox`, so it scales to any size; nothing but shapes.
    pub svg: String,
    /// What the code holds (a link, or a contact card), for the caption
    /// under it.
    pub text: String,
}

/// The staff's admin screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AdminView {
    /// The app's version.
    pub version: String,
    /// Whether the app is in kiosk mode now.
    pub kiosk: bool,
    /// What is shown and how syncing goes.
    pub status: StatusView,
    /// When the content on screen was last changed (its newest
    /// `date_modified`), RFC 3339.
    pub content_updated: Option<String>,
    /// Free space where synced content is kept, in bytes.
    #[ts(type = "number | null")]
    pub free_disk_bytes: Option<u64>,
    /// How long the app has been running, in seconds.
    #[ts(type = "number")]
    pub uptime_seconds: u64,
    /// The memory of the whole app (its process and WebKit's), in bytes
    /// (proportional set size, so shared pages are counted once).
    #[ts(type = "number | null")]
    pub memory_bytes: Option<u64>,
    /// Of that, WebKit's web process, which the watchdog watches.
    #[ts(type = "number | null")]
    pub web_memory_bytes: Option<u64>,
    /// How often WebKit's web process was replaced since the app started
    /// (a crash, or the watchdog's restart).
    #[ts(type = "number")]
    pub web_process_restarts: u64,
    /// How often the watchdog reloaded a page that stopped answering.
    #[ts(type = "number")]
    pub watchdog_reloads: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mode_carries_the_timeouts_in_milliseconds() {
        let view = ModeView::new(true, Duration::from_secs(90), false);
        assert!(view.kiosk, "kiosk mode as configured");
        assert_eq!(
            view.idle_timeout_ms, 90_000,
            "90 s is 90,000 ms for the UI's timers"
        );
        assert_eq!(view.countdown_ms, 10_000, "the countdown is COUNTDOWN");
        assert!(!view.pin_set, "no PIN configured");
    }
}
