//! Kiosk mode as the UI sees it: the mode, and the idle reset.

use infostand_ipc::ModeView;
use std::sync::Arc;

use tauri::{Runtime, State, WebviewWindow};

use crate::admin::Admin;
use crate::mode::Mode;
use crate::vitals::Vitals;
use crate::watchdog::Watchdog;

/// Office or kiosk, and the kiosk's timings.
#[tauri::command]
pub fn mode(mode: State<'_, Mode>) -> ModeView {
    mode.view()
}

/// The UI finished an idle reset (nobody is at the kiosk): the admin
/// session ends, and the watchdog may reload the page now, when no visitor
/// can lose anything by it.
#[tauri::command]
pub fn idle_reset<R: Runtime>(
    window: WebviewWindow<R>,
    admin: State<'_, Admin>,
    watchdog: State<'_, Watchdog>,
    vitals: State<'_, Arc<Vitals>>,
) {
    admin.lock();
    watchdog.at_idle(&window, &vitals);
}
