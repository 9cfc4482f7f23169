//! Office or kiosk: which one the app runs in, what the window looks like in
//! each, and staff leaving kiosk mode from the admin screen.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use infostand_ipc::ModeView;
use tauri::{AppHandle, Manager, Runtime};

use crate::changes::ChangeFeed;
use crate::window::{self, MAIN_LABEL};

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
        ModeView::new(self.is_kiosk(), self.idle_timeout, self.pin_set)
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
        app.state::<ChangeFeed>().mode_changed();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_view_is_the_mode_in_force() {
        let mode = Mode::new(true, Duration::from_secs(90), false);
        assert_eq!(
            mode.view(),
            ModeView::new(true, Duration::from_secs(90), false),
            "kiosk mode and its timeout as configured"
        );
    }
}
