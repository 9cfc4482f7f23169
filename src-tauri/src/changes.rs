//! Telling the page that the content on screen or the mode changed. The
//! page asks `wait_for_change` with the counts it last saw, and the answer
//! comes when they move. Not Tauri's events: those reach the page as script
//! the app evaluates in it, and WebKitGTK reads each evaluation's result
//! into a JavaScript engine of the app's own process (bench/README.md).

use std::time::Duration;

use infostand_ipc::Changes;
use tokio::sync::watch;

/// The longest the app holds a page's request before answering with the
/// counts unchanged (the page then asks again). A page reloaded by the
/// watchdog leaves its last request behind; this bounds how long.
const LONGEST_WAIT: Duration = Duration::from_secs(10 * 60);

/// The counts, and everyone waiting for them to move.
pub struct ChangeFeed {
    counts: watch::Sender<Changes>,
}

impl ChangeFeed {
    /// Nothing has changed yet.
    pub fn new() -> Self {
        Self {
            counts: watch::Sender::new(Changes::default()),
        }
    }

    /// A new revision, news items or an item's validity changed what the
    /// content shows.
    pub fn content_changed(&self) {
        self.counts
            .send_modify(|counts| counts.content = counts.content.wrapping_add(1));
    }

    /// The mode changed (staff left kiosk mode).
    pub fn mode_changed(&self) {
        self.counts
            .send_modify(|counts| counts.mode = counts.mode.wrapping_add(1));
    }

    /// The counts once they differ from `seen`: at once when they already
    /// do or `seen` is `None` (a page just loaded), else at the next change,
    /// or unchanged after [`LONGEST_WAIT`].
    pub async fn after(&self, seen: Option<Changes>) -> Changes {
        self.after_within(seen, LONGEST_WAIT).await
    }

    async fn after_within(&self, seen: Option<Changes>, longest: Duration) -> Changes {
        let mut receiver = self.counts.subscribe();
        // The sender lives in `self`, so the wait cannot see it closed;
        // either way the answer is the counts as they are.
        let _ = tokio::time::timeout(longest, receiver.wait_for(|now| Some(*now) != seen)).await;
        *self.counts.borrow()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Long enough for a waiting task to have been woken if it were going
    /// to be, on a loaded machine.
    const SETTLE: Duration = Duration::from_millis(50);

    #[tokio::test]
    async fn a_page_without_counts_gets_them_at_once() {
        let feed = ChangeFeed::new();
        feed.content_changed();
        assert_eq!(
            feed.after(None).await,
            Changes {
                content: 1,
                mode: 0
            },
            "a page that just loaded starts from the current counts"
        );
    }

    #[tokio::test]
    async fn a_wait_ends_at_the_next_change_and_says_which() {
        let feed = std::sync::Arc::new(ChangeFeed::new());
        let seen = feed.after(None).await;
        let waiting = tokio::spawn({
            let feed = std::sync::Arc::clone(&feed);
            async move { feed.after(Some(seen)).await }
        });
        tokio::time::sleep(SETTLE).await;
        assert!(
            !waiting.is_finished(),
            "with nothing changed the page's request stays open"
        );
        feed.mode_changed();
        let next = tokio::time::timeout(Duration::from_secs(5), waiting)
            .await
            .expect("a change ends the wait")
            .expect("the task ran");
        assert_eq!(
            next,
            Changes {
                content: 0,
                mode: 1
            },
            "the mode's count moved and the content's did not: the page reads the mode again, not the content"
        );
    }

    #[tokio::test]
    async fn a_wait_with_nothing_changed_ends_with_the_same_counts() {
        let feed = ChangeFeed::new();
        let seen = feed.after(None).await;
        let answer = tokio::time::timeout(
            Duration::from_secs(5),
            feed.after_within(Some(seen), SETTLE),
        )
        .await
        .expect("the wait ends at its limit even with nothing changed");
        assert_eq!(
            answer, seen,
            "the same counts: the page reads nothing again and asks anew"
        );
    }

    #[tokio::test]
    async fn counts_the_page_missed_are_answered_at_once() {
        let feed = ChangeFeed::new();
        let seen = feed.after(None).await;
        feed.content_changed();
        feed.content_changed();
        assert_eq!(
            tokio::time::timeout(SETTLE, feed.after(Some(seen)))
                .await
                .expect("a change made while the page was not waiting answers at once"),
            Changes {
                content: 2,
                mode: 0
            },
            "two changes between requests are not lost, and the page reads once"
        );
    }
}
