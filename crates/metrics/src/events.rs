//! Counting what happens while the app runs (the web process crashing, the
//! watchdog reloading, a sync attempt failing), from whichever thread sees
//! it, for the next snapshot. Counts start at zero with each start, as
//! Prometheus expects of a counter.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use infostand_sync::ErrorCode;

use crate::snapshot::{EventCounts, ReloadReason};

/// The counts, shared by the watchdog, the sync loop and the metrics.
#[derive(Debug, Default)]
pub struct Events {
    web_process_restarts: AtomicU64,
    memory_reloads: AtomicU64,
    daily_reloads: AtomicU64,
    sync_errors: Mutex<HashMap<(String, ErrorCode), u64>>,
}

impl Events {
    /// Nothing counted yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// WebKit's web process ended and the page is being reloaded.
    pub fn web_process_restarted(&self) {
        bump(&self.web_process_restarts);
    }

    /// The watchdog reloaded the page.
    pub fn reloaded(&self, reason: ReloadReason) {
        match reason {
            ReloadReason::Memory => bump(&self.memory_reloads),
            ReloadReason::Daily => bump(&self.daily_reloads),
        }
    }

    /// An attempt at `channel` (the campaign's name or a news channel's
    /// id) failed with `code`.
    pub fn sync_failed(&self, channel: &str, code: ErrorCode) {
        // A poisoned lock only means another thread panicked mid-count:
        // the map is still whole.
        let mut errors = self.sync_errors.lock().unwrap_or_else(|e| e.into_inner());
        let count = errors.entry((channel.to_string(), code)).or_insert(0);
        *count = count.saturating_add(1);
    }

    /// The counts as of now.
    pub fn counts(&self) -> EventCounts {
        let errors = self.sync_errors.lock().unwrap_or_else(|e| e.into_inner());
        EventCounts {
            web_process_restarts: self.web_process_restarts.load(Ordering::Relaxed),
            watchdog_reloads: BTreeMap::from([
                (
                    ReloadReason::Memory,
                    self.memory_reloads.load(Ordering::Relaxed),
                ),
                (
                    ReloadReason::Daily,
                    self.daily_reloads.load(Ordering::Relaxed),
                ),
            ]),
            sync_errors: errors.clone(),
        }
    }
}

/// Adds one, stopping at the top rather than wrapping to zero (which a
/// counter must never do without a restart).
fn bump(counter: &AtomicU64) {
    let _ = counter.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_add(1));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_event_is_counted_where_it_belongs() {
        let events = Events::new();
        events.web_process_restarted();
        events.web_process_restarted();
        events.reloaded(ReloadReason::Daily);
        events.sync_failed("campaign", ErrorCode::Network);
        events.sync_failed("campaign", ErrorCode::Network);
        events.sync_failed("0123456789abcdef", ErrorCode::HttpStatus);
        let counts = events.counts();
        assert_eq!(
            counts.web_process_restarts, 2,
            "both crashes count, so a crash loop shows"
        );
        assert_eq!(
            counts.watchdog_reloads,
            BTreeMap::from([(ReloadReason::Memory, 0), (ReloadReason::Daily, 1)]),
            "a daily reload is not a memory reload, and both reasons are there from the start"
        );
        assert_eq!(
            counts.sync_errors,
            HashMap::from([
                (("0123456789abcdef".to_string(), ErrorCode::HttpStatus), 1),
                (("campaign".to_string(), ErrorCode::Network), 2),
            ]),
            "errors are counted per channel and per code"
        );
    }

    #[test]
    fn a_counter_at_its_top_stays_there() {
        let counter = AtomicU64::new(u64::MAX);
        bump(&counter);
        assert_eq!(
            counter.load(Ordering::Relaxed),
            u64::MAX,
            "a counter that wrapped to 0 would look like a restart to Prometheus"
        );
    }
}
