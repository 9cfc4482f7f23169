//! The log settings: how much the app logs (`log.level`, `--log-level`,
//! `INFOSTAND_LOG_LEVEL`) and where its files go (`log.dir`, `--log-dir`,
//! `INFOSTAND_LOG_DIR`), with the OS's log directory as the default.
//!
//! `RUST_LOG`, when set, overrides the level (it takes full `tracing`
//! filter directives, for developers); the app applies that, not this crate.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

use crate::error::Result;
use crate::settings::{invalid, Setting};

/// How much to log when nothing says otherwise: what the app does and what
/// goes wrong, a few lines an hour on a quiet kiosk.
pub const DEFAULT_LOG_LEVEL: LogLevel = LogLevel::Info;

/// The name of the log folder's parent on Linux, Windows and macOS alike,
/// beneath the OS's per-user log location.
pub const APP_LOG_FOLDER: &str = "Infostand";

/// How much to log, from nothing to everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LogLevel {
    /// No log at all.
    Off,
    /// Only failures.
    Error,
    /// Failures and what may become one.
    Warn,
    /// What the app does (the default).
    Info,
    /// Detail for finding a fault.
    Debug,
    /// Everything, for developers.
    Trace,
}

impl LogLevel {
    /// Every level, from the quietest.
    pub const ALL: [LogLevel; 6] = [
        LogLevel::Off,
        LogLevel::Error,
        LogLevel::Warn,
        LogLevel::Info,
        LogLevel::Debug,
        LogLevel::Trace,
    ];

    /// The level as written in the config file (and as `tracing` spells it).
    pub fn as_str(self) -> &'static str {
        match self {
            LogLevel::Off => "off",
            LogLevel::Error => "error",
            LogLevel::Warn => "warn",
            LogLevel::Info => "info",
            LogLevel::Debug => "debug",
            LogLevel::Trace => "trace",
        }
    }
}

impl fmt::Display for LogLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for LogLevel {
    type Err = String;

    fn from_str(text: &str) -> std::result::Result<Self, Self::Err> {
        let wanted = text.trim();
        LogLevel::ALL
            .into_iter()
            .find(|level| level.as_str().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| {
                let names: Vec<&str> = LogLevel::ALL.iter().map(|l| l.as_str()).collect();
                format!("{text:?} is not a log level (one of {})", names.join(", "))
            })
    }
}

/// The OS's per-user log directory for Infostand: on Linux
/// `$XDG_STATE_HOME/infostand/logs` (`~/.local/state/infostand/logs`, where
/// the XDG base directory specification puts logs), on Windows
/// `%LOCALAPPDATA%\Infostand\logs`, on macOS `~/Library/Logs/Infostand`.
/// `None` when the OS names no such place (no home directory).
pub fn default_dir() -> Option<PathBuf> {
    if cfg!(target_os = "macos") {
        dirs::home_dir().map(|home| home.join("Library").join("Logs").join(APP_LOG_FOLDER))
    } else if cfg!(windows) {
        dirs::data_local_dir().map(|dir| dir.join(APP_LOG_FOLDER).join("logs"))
    } else {
        dirs::state_dir().map(|dir| dir.join(APP_LOG_FOLDER.to_lowercase()).join("logs"))
    }
}

pub(crate) fn validate_level(raw: Setting<Option<String>>) -> Result<Setting<LogLevel>> {
    let Some(text) = raw.value else {
        return Ok(Setting::new(DEFAULT_LOG_LEVEL, raw.origin));
    };
    text.parse()
        .map(|level| Setting::new(level, raw.origin.clone()))
        .map_err(|message| invalid("log.level", &raw.origin, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_parse_in_any_case_and_round_trip() {
        for level in LogLevel::ALL {
            assert_eq!(
                level.as_str().parse::<LogLevel>(),
                Ok(level),
                "each level reads back as itself, so `config check` output is valid config"
            );
            assert_eq!(
                format!(" {} ", level.as_str().to_uppercase()).parse::<LogLevel>(),
                Ok(level),
                "case and spaces do not matter: IT staff write INFO as often as info"
            );
        }
        let error = "verbose".parse::<LogLevel>().expect_err("not a level");
        assert!(
            error.contains("verbose") && error.contains("debug"),
            "the error names the bad value and the allowed ones: {error}"
        );
    }

    #[test]
    fn levels_are_ordered_from_quiet_to_loud() {
        assert!(
            LogLevel::Off < LogLevel::Error && LogLevel::Info < LogLevel::Debug,
            "the logging setup compares levels to cap what other crates log"
        );
    }

    #[test]
    fn the_default_dir_is_the_os_log_place() {
        let dir = default_dir().expect("a test machine has a home directory");
        assert!(
            dir.ends_with("logs") || dir.ends_with(APP_LOG_FOLDER),
            "the logs get a folder of their own: {}",
            dir.display()
        );
        #[cfg(target_os = "linux")]
        assert!(
            dir.ends_with("infostand/logs")
                && dirs::state_dir().is_some_and(|state| dir.starts_with(state)),
            "on Linux logs are state data (XDG_STATE_HOME): {}",
            dir.display()
        );
    }
}
