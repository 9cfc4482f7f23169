//! Infostand's settings, from four places in rising precedence: the
//! system-wide TOML file, the per-user TOML file, `INFOSTAND_*` environment
//! variables, and command-line flags. Each effective value remembers where it
//! came from, so `infostand config check` (and support staff) can tell.
//!
//! Nothing here touches the display or the network: the headless
//! subcommands parse their arguments with this crate before any window code
//! runs.

#![deny(missing_docs)]

pub mod cli;
mod error;
pub mod file;
pub mod settings;

pub use cli::{Cli, Command};
pub use error::{Error, Result};
pub use settings::{Origin, Parsed, Setting, Settings};
