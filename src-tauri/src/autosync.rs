//! The background loop that syncs when the schedule says so and swaps a
//! new revision in without a restart. The UI hears of it through the
//! `content-changed` event and updates in place.

use std::sync::Arc;
use std::time::Duration;

use infostand_ipc::contract::{ContentChanged, CONTENT_CHANGED};
use infostand_sync::{Outcome, Syncer};
use tauri::{AppHandle, Emitter, Manager, Runtime};
use time::OffsetDateTime;

use crate::library::Library;

/// The first attempt waits this long, so syncing never competes with the
/// window's first paint.
const FIRST_ATTEMPT_DELAY: Duration = Duration::from_secs(5);

/// When the status names no next attempt (it always should), try again
/// after this long rather than spinning.
const FALLBACK_DELAY: Duration = Duration::from_secs(60);

/// Spawns the loop on Tauri's runtime; it lives as long as the app.
pub fn spawn<R: Runtime>(app: AppHandle<R>, syncer: Arc<Syncer>) {
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(FIRST_ATTEMPT_DELAY).await;
        loop {
            if let Err(error) = sync_and_show(&app, &syncer).await {
                tracing::warn!(code = error.code().as_str(), %error, "sync failed; the content on screen is unchanged");
            }
            tokio::time::sleep(until(syncer.status().next_attempt)).await;
        }
    });
}

/// One sync; a new revision goes on screen at once and the UI is told.
/// The loop above and the admin screen's "sync now" share it.
pub async fn sync_and_show<R: Runtime>(
    app: &AppHandle<R>,
    syncer: &Syncer,
) -> Result<(), infostand_sync::Error> {
    let library = app.state::<Library>();
    match syncer.sync_once(library.revision()).await? {
        Outcome::Applied { loaded, active, .. } => {
            library.show(loaded.pack);
            let changed = ContentChanged {
                revision: active.revision,
            };
            if let Err(error) = app.emit(CONTENT_CHANGED, changed) {
                tracing::warn!(%error, "could not tell the UI about the new content");
            }
        }
        Outcome::UpToDate { revision } => tracing::debug!(revision, "content is current"),
    }
    Ok(())
}

/// How long to wait for `next`.
fn until(next: Option<OffsetDateTime>) -> Duration {
    match next {
        Some(next) => (next - OffsetDateTime::now_utc())
            .try_into()
            .unwrap_or(Duration::ZERO),
        None => FALLBACK_DELAY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_until_the_next_attempt_and_never_a_negative_time() {
        let soon = OffsetDateTime::now_utc() + time::Duration::seconds(90);
        let wait = until(Some(soon));
        assert!(
            wait > Duration::from_secs(80) && wait <= Duration::from_secs(90),
            "waits about 90 s: {wait:?}"
        );
        let past = OffsetDateTime::now_utc() - time::Duration::seconds(5);
        assert_eq!(
            until(Some(past)),
            Duration::ZERO,
            "an overdue attempt runs at once"
        );
        assert_eq!(
            until(None),
            FALLBACK_DELAY,
            "no schedule means a fallback delay, not a busy loop"
        );
    }
}
