//! The main window in office and kiosk form, and the rule that the
//! webview never leaves the app.

use tauri::webview::NewWindowResponse;
use tauri::{
    AppHandle, LogicalSize, Manager, Runtime, Url, WebviewUrl, WebviewWindow, WebviewWindowBuilder,
    WindowEvent,
};

use crate::mode::Mode;

/// The label the capability file grants commands to.
pub const MAIN_LABEL: &str = "main";

/// Opening size on an office screen; the UI also fits 1024×600 stands.
const INITIAL_SIZE: (f64, f64) = (1280.0, 800.0);

/// Below this the layout stops being readable.
const MIN_SIZE: (f64, f64) = (480.0, 480.0);

/// Creates the main window: fullscreen and undecorated in kiosk mode, an
/// ordinary window otherwise. Navigation away from the app's own pages and
/// every new window are refused: content links are handled by the UI. In
/// kiosk mode closing is refused too (Alt+F4 and the like): staff leave
/// kiosk mode from the admin screen first.
///
/// A kiosk window stays resizable (nobody can resize it: it has no frame and
/// is fullscreen). GTK takes a window that is not resizable to be exactly its
/// opening size, so a kiosk opened at 1280×800 never went below it: on a
/// 1366×768 screen it was 1366×800, the bottom 32 px off the screen, and on a
/// portrait screen wider than the screen. Its opening size is also one any
/// screen can hold, so that even the moment before fullscreen fits.
pub fn create_main<R: Runtime>(app: &AppHandle<R>, kiosk: bool) -> tauri::Result<WebviewWindow<R>> {
    let (width, height) = if kiosk { MIN_SIZE } else { INITIAL_SIZE };
    let window = WebviewWindowBuilder::new(app, MAIN_LABEL, WebviewUrl::App("index.html".into()))
        .title("Infostand")
        .inner_size(width, height)
        .min_inner_size(MIN_SIZE.0, MIN_SIZE.1)
        .fullscreen(kiosk)
        .decorations(!kiosk)
        .on_navigation(|url| {
            let allowed = is_app_url(url);
            if !allowed {
                tracing::warn!(%url, "refused navigation away from the app");
            }
            allowed
        })
        .on_new_window(|url, _features| {
            tracing::warn!(%url, "refused to open a new window");
            NewWindowResponse::Deny
        })
        .build()?;
    let handle = app.clone();
    window.on_window_event(move |event| {
        if let WindowEvent::CloseRequested { api, .. } = event {
            if handle.state::<Mode>().is_kiosk() {
                tracing::warn!("refused to close the kiosk window");
                api.prevent_close();
            }
        }
    });
    Ok(window)
}

/// Shows the main window in front: a second start of the app lands here.
pub fn bring_to_front<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window(MAIN_LABEL) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// Turns a kiosk window into an ordinary one, for staff who left kiosk mode.
pub fn make_ordinary<R: Runtime>(window: &WebviewWindow<R>) -> tauri::Result<()> {
    window.set_fullscreen(false)?;
    window.set_decorations(true)?;
    window.set_size(LogicalSize::new(INITIAL_SIZE.0, INITIAL_SIZE.1))?;
    window.center()
}

/// True for the origins the app's own UI is served from: Tauri's custom
/// protocol on each platform and, in debug builds, Vite's dev server.
pub(crate) fn is_app_url(url: &Url) -> bool {
    let host = url.host_str().unwrap_or_default();
    match url.scheme() {
        "tauri" => host == "localhost",
        "http" | "https" if host == "tauri.localhost" => true,
        "http" if cfg!(debug_assertions) => host == "localhost" && url.port() == Some(5173),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        text.parse().expect("test URL parses")
    }

    #[test]
    fn the_apps_own_pages_are_allowed() {
        for own in [
            "tauri://localhost/index.html",
            "http://tauri.localhost/",
            "https://tauri.localhost/x",
        ] {
            assert!(
                is_app_url(&url(own)),
                "{own} serves the app's UI and must load"
            );
        }
    }

    #[test]
    fn other_sites_and_schemes_are_refused() {
        for foreign in [
            "https://www.lansstyrelsen.se/",
            "http://127.0.0.1:8080/",
            "tauri://evil.example/",
            "https://tauri.localhost.example.com/",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "mailto:someone@example.org",
        ] {
            assert!(
                !is_app_url(&url(foreign)),
                "{foreign} is not the app and must not replace it"
            );
        }
    }
}
