//! What IT staff and support need to find out what is wrong with one
//! Infostand without a developer, none of it needing a window:
//!
//! - [`log`]: structured logs (`tracing`) to daily files in the OS's log
//!   directory, the oldest removed, and to standard error.
//! - [`diagnose`]: one `.tar.gz` for a support ticket with the effective
//!   configuration (secrets removed), the status, the recent logs and the
//!   versions of what the app runs on.
//! - [`versions`]: those versions: the app, the OS, the webview, and on
//!   Linux the WebKitGTK and GStreamer packages.

#![deny(missing_docs)]

pub mod diagnose;
mod error;
pub mod log;
pub mod versions;

pub use error::{Error, Result};
