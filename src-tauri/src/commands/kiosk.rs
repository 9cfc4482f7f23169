//! Kiosk mode as the UI sees it: the mode, the changes to wait for, and the
//! idle reset.

use infostand_ipc::{Changes, IpcError, ModeView};
use std::sync::Arc;

use tauri::{Runtime, State, WebviewWindow};

use crate::admin::Admin;
use crate::changes::ChangeFeed;
use crate::mode::Mode;
use crate::vitals::Vitals;
use crate::watchdog::Watchdog;

/// Office or kiosk, and the kiosk's timings.
#[tauri::command]
pub fn mode(mode: State<'_, Mode>) -> ModeView {
    mode.view()
}

/// The change counts once they differ from `seen`: open until the content
/// or the mode changes, so the page always has one of these waiting.
#[tauri::command]
pub async fn wait_for_change(
    seen: Option<Changes>,
    feed: State<'_, ChangeFeed>,
) -> Result<Changes, IpcError> {
    Ok(feed.after(seen).await)
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
