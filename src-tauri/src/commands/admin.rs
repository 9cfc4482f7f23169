//! The staff's admin screen: unlocking it with the PIN, what it shows, and
//! its buttons (sync now, reload, leave kiosk mode).

use std::sync::Arc;

use infostand_ipc::{AdminView, IpcError};
use infostand_sync::Syncer;
use tauri::{AppHandle, Manager, Runtime, State, WebviewWindow};

use crate::admin::Admin;
use crate::autosync;
use crate::error::Error;
use crate::library::Library;
use crate::mode::Mode;
use crate::vitals::Vitals;

/// Opens the admin session with `pin` and returns the admin screen. The
/// PIN's hash is slow to check, so this runs off the main thread.
#[tauri::command]
pub async fn unlock_admin<R: Runtime>(
    app: AppHandle<R>,
    pin: String,
) -> Result<AdminView, IpcError> {
    let checker = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        checker
            .state::<Admin>()
            .unlock(&pin, checker.state::<Mode>().is_kiosk())
    })
    .await
    .map_err(|error| Error::Internal(format!("the PIN check stopped: {error}")))??;
    Ok(view(&app))
}

/// The admin screen, refreshed.
#[tauri::command]
pub fn admin_status<R: Runtime>(app: AppHandle<R>) -> Result<AdminView, IpcError> {
    app.state::<Admin>().require()?;
    Ok(view(&app))
}

/// Syncs the campaign and every news channel now (the results are in the
/// returned status) and returns the refreshed admin screen.
#[tauri::command]
pub async fn sync_now<R: Runtime>(app: AppHandle<R>) -> Result<AdminView, IpcError> {
    app.state::<Admin>().require()?;
    let syncer = Arc::clone(&app.state::<Arc<Syncer>>());
    if syncer.has_campaign_feed() {
        if let Err(error) = autosync::sync_and_show(&app, &syncer).await {
            tracing::warn!(code = error.code().as_str(), %error, "sync from the admin screen failed");
        }
    }
    autosync::news_and_show(&app, &syncer, true).await;
    Ok(view(&app))
}

/// Reloads the page (the admin session stays open).
#[tauri::command]
pub fn reload<R: Runtime>(
    window: WebviewWindow<R>,
    admin: State<'_, Admin>,
) -> Result<(), IpcError> {
    admin.require()?;
    window
        .reload()
        .map_err(|error| Error::Internal(format!("cannot reload: {error}")))?;
    Ok(())
}

/// Leaves kiosk mode until the app restarts.
#[tauri::command]
pub fn leave_kiosk<R: Runtime>(app: AppHandle<R>) -> Result<(), IpcError> {
    app.state::<Admin>().require()?;
    app.state::<Mode>()
        .leave_kiosk(&app)
        .map_err(|error| Error::Internal(format!("cannot leave kiosk mode: {error}")))?;
    Ok(())
}

/// Ends the admin session.
#[tauri::command]
pub fn lock_admin(admin: State<'_, Admin>) {
    admin.lock();
}

fn view<R: Runtime>(app: &AppHandle<R>) -> AdminView {
    app.state::<Admin>().view(
        &app.state::<Library>(),
        &app.state::<Arc<Syncer>>(),
        &app.state::<Arc<Vitals>>(),
        app.state::<Mode>().is_kiosk(),
    )
}
