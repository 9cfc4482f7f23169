//! Items with `valid_from` / `valid_until` appear and disappear on time
//! without a sync: this loop wakes at the next such instant of the pack on
//! screen and counts a content change, and the UI asks for its view again
//! (which `Pack::present` filters by the current time).
//!
//! The wait is capped at [`MAX_WAIT`] and every wake-up compares wall-clock
//! times, because a tokio sleep runs on the monotonic clock: a kiosk whose
//! clock is set by NTP after boot, or a pack swapped in by a sync with an
//! earlier change, is caught up within the cap instead of being missed.

use std::time::{Duration, SystemTime};

use tauri::{AppHandle, Manager, Runtime};

use crate::changes::ChangeFeed;
use crate::library::Library;

/// The longest the loop sleeps before looking at the clock and the pack
/// again.
const MAX_WAIT: Duration = Duration::from_secs(60);

/// Spawns the loop on Tauri's runtime; it lives as long as the app.
pub fn spawn<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        let mut last = SystemTime::now();
        loop {
            let library = app.state::<Library>();
            let now = SystemTime::now();
            let (crossed, wait) = step(|at| library.next_change_after(at), last, now);
            last = now;
            if crossed {
                let revision = library.revision();
                tracing::info!(revision, "an item's validity began or ended; redrawing");
                app.state::<ChangeFeed>().content_changed();
            }
            tokio::time::sleep(wait).await;
        }
    });
}

/// Whether an item appeared or disappeared in `(last, now]`, and how long
/// to sleep before the next one (at most [`MAX_WAIT`]).
fn step(
    next_change_after: impl Fn(SystemTime) -> Option<SystemTime>,
    last: SystemTime,
    now: SystemTime,
) -> (bool, Duration) {
    let crossed = next_change_after(last).is_some_and(|at| at <= now);
    let wait = next_change_after(now)
        .and_then(|at| at.duration_since(now).ok())
        .map_or(MAX_WAIT, |wait| wait.min(MAX_WAIT));
    (crossed, wait)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wakes_at_the_change_and_announces_it_once() {
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let change = t0 + Duration::from_secs(30);
        let pack = |at: SystemTime| (at < change).then_some(change);
        assert_eq!(
            step(pack, t0, t0),
            (false, Duration::from_secs(30)),
            "before the change: nothing to announce, sleep exactly until it"
        );
        assert_eq!(
            step(pack, t0, change),
            (true, MAX_WAIT),
            "at the change: announce it; nothing further is due"
        );
        assert_eq!(
            step(pack, change, change + MAX_WAIT),
            (false, MAX_WAIT),
            "a change is announced only once"
        );
    }

    #[test]
    fn a_far_change_or_a_clock_jump_is_caught_within_the_cap() {
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let far = t0 + Duration::from_secs(86_400);
        let pack = |at: SystemTime| (at < far).then_some(far);
        assert_eq!(
            step(pack, t0, t0).1,
            MAX_WAIT,
            "a change a day away is slept towards in capped steps"
        );
        assert!(
            step(pack, t0, far + Duration::from_secs(3_600)).0,
            "a wall clock that jumped past the change still announces it"
        );
    }
}
