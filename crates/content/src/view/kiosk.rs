//! What the UI is given for kiosk mode and the staff's admin screen.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::StatusView;

/// How the app runs: read by the UI at start, and again when the backend
/// sends `mode-changed` (staff left kiosk mode).
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
}
