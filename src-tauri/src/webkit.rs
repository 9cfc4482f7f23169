//! How the app sets up its webview for a small, always-on machine: drawn in
//! software unless `hardware_acceleration` is on, and without the browser
//! features a one-page app never uses.
//!
//! Measured with `bench/compare.sh` (see bench/README.md):
//! WebKitGTK's accelerated compositing cost the web process about 75 MB at
//! rest and 100 MB with a film playing, and 0.3 s of start-up, under Xvfb.
//! It has to be off before GTK and WebKit start: turned off later through
//! the webview's settings, WebKit had already set up OpenGL and the page
//! started no faster.

use tauri::{Runtime, WebviewWindow};

/// WebKitGTK reads this when it starts; any value but "0" turns
/// accelerated compositing off for the whole process tree.
pub const DISABLE_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Before GTK or WebKit start (so before any other thread): turns
/// accelerated compositing off unless `hardware_acceleration` asks for it.
/// A value already in the environment is left alone, so IT staff keep the
/// last word (`WEBKIT_DISABLE_COMPOSITING_MODE=0` turns it back on too).
pub fn prepare(hardware_acceleration: bool) {
    let present = std::env::var_os(DISABLE_COMPOSITING).is_some();
    if let Some(value) = compositing_override(hardware_acceleration, present) {
        std::env::set_var(DISABLE_COMPOSITING, value);
    }
}

/// The value [`prepare`] gives [`DISABLE_COMPOSITING`], if it sets it.
fn compositing_override(hardware_acceleration: bool, present: bool) -> Option<&'static str> {
    (cfg!(target_os = "linux") && !hardware_acceleration && !present).then_some("1")
}

/// Tunes the created webview: a cache model for one document (no browsing
/// history to keep), and no back/forward page cache, WebGL or Web Audio,
/// none of which the UI uses. These did not change the memory measurably;
/// they are here because what is not running cannot go wrong.
#[cfg(target_os = "linux")]
pub fn tune<R: Runtime>(window: &WebviewWindow<R>) {
    use webkit2gtk::{CacheModel, SettingsExt, WebContextExt, WebViewExt};
    let tuned = window.with_webview(|webview| {
        let view = webview.inner();
        if let Some(context) = view.context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
        if let Some(settings) = view.settings() {
            settings.set_enable_page_cache(false);
            settings.set_enable_webgl(false);
            settings.set_enable_webaudio(false);
        }
    });
    if let Err(error) = tuned {
        tracing::warn!(%error, "cannot tune the webview's settings; it runs with WebKit's defaults");
    }
}

/// Other platforms' webviews manage these themselves.
#[cfg(not(target_os = "linux"))]
pub fn tune<R: Runtime>(_window: &WebviewWindow<R>) {}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::compositing_override;

    #[test]
    fn compositing_is_turned_off_unless_asked_for_or_already_decided() {
        let cases = [
            // (hardware_acceleration, variable present, expected)
            (false, false, Some("1")),
            (true, false, None),
            (false, true, None),
            (true, true, None),
        ];
        for (hardware_acceleration, present, expected) in cases {
            assert_eq!(
                compositing_override(hardware_acceleration, present),
                expected,
                "acceleration {hardware_acceleration}, variable present {present}: off by default; \
                 the setting turns it on; a variable IT staff set is theirs to keep"
            );
        }
    }
}
