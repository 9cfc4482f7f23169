//! The sync's CPU-bound steps run on tokio's blocking threads, not on the
//! runtime's workers: verifying a feed and loading it (which sanitises every
//! item's body) and reading a news feed take tens to hundreds of
//! milliseconds for a large feed (bench/sync.sh), and the app's runtime has
//! a single worker, which meanwhile serves films and the page's commands.

use std::io;
use std::path::PathBuf;

use crate::error::{Error, Result};

/// Runs `work` on a blocking thread and returns what it returned. `step`
/// names it in the error a stopped runtime (the app exiting) gives.
pub(crate) async fn off_the_workers<T, F>(step: &'static str, work: F) -> Result<T>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|error| Error::Io {
            action: step,
            path: PathBuf::new(),
            source: io::Error::other(error),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "current_thread")]
    async fn the_work_runs_on_another_thread_and_its_result_comes_back() {
        let caller = std::thread::current().id();
        let (ran_on, value) = off_the_workers("test", || (std::thread::current().id(), 42))
            .await
            .expect("the blocking pool runs it");
        assert_ne!(
            ran_on, caller,
            "the work must leave the runtime's own thread, or a large feed stalls the films it serves"
        );
        assert_eq!(value, 42, "the work's result is handed back");
    }
}
