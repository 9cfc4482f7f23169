//! Infostand's settings, from four places in rising precedence: the
//! system-wide TOML file, the per-user TOML file, `INFOSTAND_*` environment
//! variables, and command-line flags. Each effective value remembers where it
//! came from, so `infostand config check` (and support staff) can tell.
//!
//! Nothing here touches the display or the network: the headless
//! subcommands parse their arguments with this crate before any window code
//! runs.
//!
//! It also writes one key of a config file in place ([`set_value`], for
//! `infostand set-pin`), keeping the rest of the file as it was, and keeps
//! the admin PIN's hash where only the app's user can read it ([`pin`]).

#![deny(missing_docs)]

pub mod cli;
mod edit;
mod error;
pub mod file;
pub mod kiosk;
pub mod last_good;
pub mod log;
pub mod monitoring;
pub mod news;
pub mod pin;
pub mod report;
pub mod settings;

pub use cli::{Cli, Command, ConfigAction};
pub use edit::{remove_value, set_value, Readers};
pub use error::{Error, Result};
pub use log::LogLevel;
pub use monitoring::Monitoring;
pub use news::NewsChannel;
pub use report::Report;
pub use settings::{Origin, Parsed, Setting, Settings};
