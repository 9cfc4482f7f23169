//! The app's side of logging: the settings and `RUST_LOG` in, the setup
//! (files, rotation, filters, standard error) from
//! `infostand_support::log`, where it is tested.

use infostand_config::Settings;
use infostand_support::log::{LogOptions, Logging, RUST_LOG};

/// Starts logging to files and standard error as `settings` say; a
/// headless command keeps standard error to errors. Hold the result for as
/// long as the app runs.
pub fn init(settings: &Settings, headless: bool) -> Logging {
    infostand_support::log::init(&LogOptions {
        level: settings.log_level.value,
        dir: settings.log_folder(),
        quiet_stderr: headless,
        rust_log: std::env::var(RUST_LOG).ok(),
        colour: infostand_support::log::stderr_wants_colour(),
    })
}
