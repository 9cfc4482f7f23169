//! What the page tells the backend about itself, for the log: each is
//! logged with the time since the app started. `bench/compare.sh` times
//! start-up and the film scenario by these lines. Both go into the
//! heartbeat too (`crate::vitals`).

use std::sync::Arc;

use tauri::State;

use crate::vitals::Vitals;

/// The page painted its first screen with content: a support log shows how
/// long a start took.
#[tauri::command]
pub fn first_paint(vitals: State<'_, Arc<Vitals>>) {
    vitals.painted();
    let since_start_ms = crate::since_start().as_millis();
    tracing::info!(since_start_ms, "first content painted");
}

/// A film started playing, the first since the page loaded (on a kiosk, the
/// attract loop's): a support log shows that films play at all here, which
/// needs the system's GStreamer plugins.
#[tauri::command]
pub fn film_playing(vitals: State<'_, Arc<Vitals>>) {
    vitals.film_played();
    let since_start_ms = crate::since_start().as_millis();
    tracing::info!(since_start_ms, "first film playing");
}
