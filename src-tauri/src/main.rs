//! Infostand's entry point: everything happens in [`infostand_app::run`].

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    infostand_app::run()
}
