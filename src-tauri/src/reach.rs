//! The counts of visitors' use (`infostand-reach`) in the running app: the
//! store, opened at start in the data directory and managed for the
//! `count` command (and for whoever reads the totals), written every
//! [`FLUSH_INTERVAL`] on the async runtime and once more at exit.

use std::path::Path;
use std::sync::Arc;

use infostand_reach::{Store, FLUSH_INTERVAL};
use tauri::{AppHandle, Manager, Runtime};

/// Opens the store, manages it as `Arc<Store>` and starts the flushes.
pub fn start<R: Runtime>(app: &AppHandle<R>, data_dir: &Path) {
    let store = Arc::new(Store::open(data_dir));
    app.manage(Arc::clone(&store));
    tauri::async_runtime::spawn(async move {
        let mut interval = tokio::time::interval(FLUSH_INTERVAL);
        // After a suspend, one flush rather than a burst of them.
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        // The first tick is at once, with nothing counted yet.
        interval.tick().await;
        loop {
            interval.tick().await;
            let store = Arc::clone(&store);
            // Off the runtime's threads: a flush syncs files to disk.
            match tokio::task::spawn_blocking(move || store.flush()).await {
                Ok(Ok(())) => {}
                Ok(Err(error)) => {
                    tracing::warn!(%error, "could not write the counts; they are kept for the next try");
                }
                Err(error) => tracing::error!(%error, "writing the counts panicked"),
            }
        }
    });
}

/// Writes what was counted since the last flush: the app is exiting.
pub fn flush_at_exit<R: Runtime>(app: &AppHandle<R>) {
    let Some(store) = app.try_state::<Arc<Store>>() else {
        return;
    };
    match store.flush() {
        Ok(()) => tracing::info!("counts written at exit"),
        Err(error) => {
            tracing::warn!(%error, "could not write the counts at exit; the last minute's are lost")
        }
    }
}
