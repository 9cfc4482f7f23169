//! Being stopped from outside: SIGTERM (a service manager stopping the
//! kiosk, a shutdown) and SIGINT (Ctrl+C in a terminal) end the app as the
//! last window closing does, so `RunEvent::Exit` writes the counts and the
//! log. Without this their default action ends the process at once, and a
//! stand switched off every evening would lose its last minute of counts
//! every day.

use tauri::{AppHandle, Runtime};

/// Listens for SIGTERM and SIGINT on the async runtime for the app's life.
#[cfg(unix)]
pub fn exit_on_stop<R: Runtime>(app: &AppHandle<R>) {
    use tokio::signal::unix::{signal, SignalKind};
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let (mut terminate, mut interrupt) = match (
            signal(SignalKind::terminate()),
            signal(SignalKind::interrupt()),
        ) {
            (Ok(terminate), Ok(interrupt)) => (terminate, interrupt),
            (Err(error), _) | (_, Err(error)) => {
                tracing::warn!(%error, "cannot listen for SIGTERM; stopping the app will lose the counts of the last minute");
                return;
            }
        };
        let name = tokio::select! {
            _ = terminate.recv() => "SIGTERM",
            _ = interrupt.recv() => "SIGINT",
        };
        tracing::info!(signal = name, "asked to stop; exiting");
        app.exit(0);
    });
}

/// Windows ends a process without a signal to catch; closing the window
/// (or logging off) still runs `RunEvent::Exit`.
#[cfg(not(unix))]
pub fn exit_on_stop<R: Runtime>(_app: &AppHandle<R>) {}
