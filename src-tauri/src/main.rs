//! Infostand's entry point: everything happens in [`infostand_app::run`].

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// mimalloc rather than the system allocator: sanitising a synced feed
/// builds and drops a small DOM per item on every core, where glibc's malloc
/// spent about a quarter of the time (`bench/sync.sh`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    infostand_app::run()
}
