//! Office or kiosk: which one the app runs in, what the window looks like in
//! each, and staff leaving kiosk mode from the admin screen.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use infostand_content::view::ModeView;
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::window::{self, MAIN_LABEL};

/// Sent to the UI when the mode changes; it then asks for `mode` again.
pub const MODE_CHANGED: &str = "mode-changed";

/// How long the "Är du kvar?" countdown lasts before the reset: long enough
/// to read the question and reach the button, short enough that the next
/// visitor does not find someone else's article.
pub const COUNTDOWN: Duration = Duration::from_secs(10);

/// The mode, fixed at start except that staff may leave kiosk mode.
pub struct Mode {
    kiosk: AtomicBool,
    idle_timeout: Duration,
    pin_set: bool,
}

impl Mode {
    /// The mode the settings ask for.
    pub fn new(kiosk: bool, idle_timeout: Duration, pin_set: bool) -> Self {
        Self {
            kiosk: AtomicBool::new(kiosk),
            idle_timeout,
            pin_set,
        }
    }

    /// Whether the app is in kiosk mode now.
    pub fn is_kiosk(&self) -> bool {
        self.kiosk.load(Ordering::SeqCst)
    }

    /// What the UI is told.
    pub fn view(&self) -> ModeView {
        ModeView {
            kiosk: self.is_kiosk(),
            idle_timeout_ms: millis(self.idle_timeout),
            countdown_ms: millis(COUNTDOWN),
            pin_set: self.pin_set,
        }
    }

    /// Turns the kiosk into an ordinary window until the app restarts (the
    /// config still says kiosk, so a restart or the next boot locks it
    /// again), and tells the UI.
    pub fn leave_kiosk<R: Runtime>(&self, app: &AppHandle<R>) -> tauri::Result<()> {
        if !self.kiosk.swap(false, Ordering::SeqCst) {
            return Ok(());
        }
        if let Some(window) = app.get_webview_window(MAIN_LABEL) {
            window::make_ordinary(&window)?;
        }
        tracing::info!("kiosk mode left by staff");
        app.emit(MODE_CHANGED, ())
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_view_carries_the_timeouts_in_milliseconds() {
        let mode = Mode::new(true, Duration::from_secs(90), false);
        let view = mode.view();
        assert!(view.kiosk, "kiosk mode as configured");
        assert_eq!(
            view.idle_timeout_ms, 90_000,
            "90 s is 90,000 ms for the UI's timers"
        );
        assert_eq!(view.countdown_ms, 10_000, "the countdown is COUNTDOWN");
        assert!(!view.pin_set, "no PIN configured");
    }
}
