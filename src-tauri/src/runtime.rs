//! The async runtime of the kiosk's and office window's process: the media
//! server, sync, the heartbeat, metrics and the page's async commands.
//!
//! Tauri's own default is tokio's: a worker thread per core, each with its
//! stack and its allocator's heap, on a stand that serves one film and syncs
//! a few times an hour. One worker does that work; what takes a core for
//! long (verifying and sanitising a feed, checking a PIN, copying media)
//! runs on the blocking threads, which come and go with it. The Studio keeps
//! Tauri's default: its commands build, sign and hash on the workers.

use std::sync::OnceLock;

use tokio::runtime::{Builder, Runtime};

/// Worker threads of the app's runtime (see the module's note).
const ASYNC_WORKERS: usize = 1;

/// Holds the runtime for the process's life: Tauri keeps only a handle, and
/// dropping the runtime would stop every task on it.
static RUNTIME: OnceLock<Runtime> = OnceLock::new();

/// Builds the runtime and makes it Tauri's. Call once, before anything uses
/// `tauri::async_runtime`.
pub(crate) fn install() -> std::io::Result<()> {
    let runtime = Builder::new_multi_thread()
        .worker_threads(ASYNC_WORKERS)
        .enable_all()
        .build()?;
    let runtime = RUNTIME.get_or_init(|| runtime);
    tauri::async_runtime::set(runtime.handle().clone());
    Ok(())
}
