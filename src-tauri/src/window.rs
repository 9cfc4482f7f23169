//! The main window, and the rule that the webview never leaves the app.

use tauri::webview::NewWindowResponse;
use tauri::{AppHandle, Runtime, Url, WebviewUrl, WebviewWindowBuilder};

/// The label the capability file grants commands to.
pub const MAIN_LABEL: &str = "main";

/// Opening size on an office screen; the UI also fits 1024×600 stands.
const INITIAL_SIZE: (f64, f64) = (1280.0, 800.0);

/// Below this the layout stops being readable.
const MIN_SIZE: (f64, f64) = (480.0, 480.0);

/// Creates the main window. Navigation away from the app's own pages and
/// every new window are refused: content links are handled by the UI.
pub fn create_main<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    WebviewWindowBuilder::new(app, MAIN_LABEL, WebviewUrl::App("index.html".into()))
        .title("Infostand")
        .inner_size(INITIAL_SIZE.0, INITIAL_SIZE.1)
        .min_inner_size(MIN_SIZE.0, MIN_SIZE.1)
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
    Ok(())
}

/// True for the origins the app's own UI is served from: Tauri's custom
/// protocol on each platform and, in debug builds, Vite's dev server.
fn is_app_url(url: &Url) -> bool {
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
