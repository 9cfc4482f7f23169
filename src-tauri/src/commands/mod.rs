//! The commands the webview may call, grouped by feature. Each is a thin
//! adapter over the core crates; the capability file grants them by name.

pub mod admin;
pub mod content;
pub mod kiosk;
pub mod links;
pub mod page;
pub mod status;
