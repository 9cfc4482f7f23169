//! The background loop that syncs the campaign and the news channels when
//! their schedules say so, and swaps new content in without a restart. The
//! UI hears of it through the `content-changed` event and updates in place.

use std::sync::Arc;
use std::time::Duration;

use infostand_sync::{NewsOutcome, Outcome, Syncer};
use tauri::{AppHandle, Manager, Runtime};
use time::OffsetDateTime;

use crate::changes::ChangeFeed;
use crate::library::Library;
use crate::monitoring::Monitor;

/// The first attempt waits this long, so syncing never competes with the
/// window's first paint.
pub const FIRST_ATTEMPT_DELAY: Duration = Duration::from_secs(5);

/// When the status names no next attempt (it always should), try again
/// after this long rather than spinning.
const FALLBACK_DELAY: Duration = Duration::from_secs(60);

/// Spawns the loop on Tauri's runtime; it lives as long as the app.
pub fn spawn<R: Runtime>(app: AppHandle<R>, syncer: Arc<Syncer>) {
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(FIRST_ATTEMPT_DELAY).await;
        loop {
            let campaign_due = syncer
                .status()
                .next_attempt
                .is_none_or(|next| next <= OffsetDateTime::now_utc());
            if syncer.has_campaign_feed() && campaign_due {
                if let Err(error) = sync_and_show(&app, &syncer).await {
                    tracing::warn!(code = error.code().as_str(), %error, "sync failed; the content on screen is unchanged");
                }
            }
            news_and_show(&app, &syncer, false).await;
            tokio::time::sleep(until(syncer.next_due())).await;
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
    let result = syncer.sync_once(library.revision()).await;
    if let (Err(error), Some(monitor)) = (&result, app.try_state::<Monitor>()) {
        monitor.campaign_failed(error.code());
    }
    match result? {
        Outcome::Applied { loaded, .. } => {
            library.show(loaded.pack);
            app.state::<ChangeFeed>().content_changed();
        }
        Outcome::UpToDate { revision } => tracing::debug!(revision, "content is current"),
    }
    Ok(())
}

/// One attempt at each news channel that is due (every one when `all`);
/// new items go on screen at once and the UI is told. Failures are in each
/// channel's status; the items on screen stay.
pub async fn news_and_show<R: Runtime>(app: &AppHandle<R>, syncer: &Syncer, all: bool) {
    if syncer.news_channels() == 0 {
        return;
    }
    match syncer.sync_news(all).await {
        Ok(attempts) => {
            if let Some(monitor) = app.try_state::<Monitor>() {
                for attempt in &attempts {
                    if let Err(error) = &attempt.result {
                        monitor.news_failed(attempt.index, error.code());
                    }
                }
            }
            let updated = attempts
                .iter()
                .any(|attempt| matches!(attempt.result, Ok(NewsOutcome::Updated(_))));
            if updated {
                let library = app.state::<Library>();
                library.show_news(syncer.stored_news());
                app.state::<ChangeFeed>().content_changed();
            }
        }
        Err(error) => tracing::warn!(%error, "the news channels cannot be synced now"),
    }
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
