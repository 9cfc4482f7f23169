//! Keeping a kiosk well for months without a person: the webview is
//! reloaded at an idle moment when WebKit's web process has grown past the
//! memory limit or the daily reload time has passed, and at once when the
//! web process crashed.
//!
//! When to reload is decided by `infostand_kiosk::watchdog` (pure, tested
//! there); this module measures, asks and reloads.

use std::sync::{Arc, Mutex};

use infostand_kiosk::{health, watchdog};
use jiff::Zoned;
use tauri::{Runtime, WebviewWindow};

use crate::vitals::Vitals;

/// The watchdog's policy and when it last reloaded.
pub struct Watchdog {
    policy: watchdog::Policy,
    last_reload: Mutex<Zoned>,
}

impl Watchdog {
    /// A watchdog that counts from now.
    pub fn new(policy: watchdog::Policy) -> Self {
        Self {
            policy,
            last_reload: Mutex::new(Zoned::now()),
        }
    }

    /// Called after each idle reset (nobody is using the kiosk): reloads
    /// the webview when the policy says it is due. Returns why, if it did.
    pub fn at_idle<R: Runtime>(
        &self,
        window: &WebviewWindow<R>,
        vitals: &Vitals,
    ) -> Option<watchdog::Reason> {
        let now = Zoned::now();
        let mut last = self.last_reload.lock().ok()?;
        let memory = health::web_process_memory(std::process::id());
        let reason = watchdog::due(&self.policy, &last, &now, memory)?;
        tracing::info!(%reason, "watchdog: reloading the webview while the kiosk is idle");
        match window.reload() {
            Ok(()) => {
                *last = now;
                vitals.watchdog_reloaded(&reason);
            }
            Err(error) => tracing::error!(%error, "watchdog: the reload failed"),
        }
        Some(reason)
    }
}

/// Reloads the page whenever WebKit's web process dies (a crash, or the
/// kernel's out-of-memory killer), so the kiosk comes back by itself.
/// Each recovery is counted in `vitals` (the heartbeat's and the
/// metrics' web process restarts).
#[cfg(target_os = "linux")]
pub fn recover_crashes<R: Runtime>(window: &WebviewWindow<R>, vitals: Arc<Vitals>) {
    use webkit2gtk::{WebProcessTerminationReason, WebViewExt};
    let hooked = window.with_webview(move |webview| {
        webview
            .inner()
            .connect_web_process_terminated(move |view, reason| {
                let why = match reason {
                    WebProcessTerminationReason::Crashed => "crashed",
                    WebProcessTerminationReason::ExceededMemoryLimit => "exceeded its memory limit",
                    WebProcessTerminationReason::TerminatedByApi => "was terminated",
                    _ => "ended",
                };
                tracing::error!("WebKit's web process {why}; reloading the page");
                vitals.web_process_restarted();
                view.reload();
            });
    });
    if let Err(error) = hooked {
        tracing::error!(%error, "cannot watch WebKit's web process; a crash will not be recovered");
    }
}

/// Other platforms' webviews restart their renderer themselves.
#[cfg(not(target_os = "linux"))]
pub fn recover_crashes<R: Runtime>(_window: &WebviewWindow<R>, _vitals: Arc<Vitals>) {}
