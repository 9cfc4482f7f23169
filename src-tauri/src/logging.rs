//! The app's side of logging: the settings and `RUST_LOG` in, the setup
//! (files, rotation, filters, standard error) from
//! `infostand_support::log`, where it is tested.

use std::path::PathBuf;

use infostand_config::Settings;
use infostand_support::log::{LogOptions, Logging, RUST_LOG};

/// Starts logging to files and standard error as `settings` say; a
/// headless command keeps standard error to errors. Hold the result for as
/// long as the app runs.
pub fn init(settings: &Settings, headless: bool) -> Logging {
    infostand_support::log::init(&LogOptions {
        level: settings.log_level.value,
        dir: dir(settings),
        quiet_stderr: headless,
        rust_log: std::env::var(RUST_LOG).ok(),
    })
}

/// The log folder: `log.dir`, else the OS's log directory.
pub fn dir(settings: &Settings) -> Option<PathBuf> {
    settings
        .log_dir
        .value
        .clone()
        .or_else(infostand_config::log::default_dir)
}
