//! Infostand's kiosk mode, everything of it that needs no window, so it is
//! tested without a display and the Tauri shell stays a thin wiring layer:
//!
//! - [`pin`]: the admin PIN's format, its argon2id hash and checking it.
//! - [`attempts`]: the growing lockout after wrong PINs.
//! - [`gate`]: checking a PIN under that lockout, one attempt at a time.
//! - [`qr`]: QR codes as SVG, and contact cards (vCard) to put in them.
//! - [`watchdog`]: when to reload the webview (memory, a daily time).
//! - [`health`]: the app's memory and free disk for the admin screen.

#![deny(missing_docs)]

pub mod attempts;
mod error;
pub mod gate;
pub mod health;
pub mod pin;
pub mod qr;
pub mod watchdog;

pub use attempts::Attempts;
pub use error::{Error, Result};
pub use gate::PinGate;
pub use watchdog::{Policy, Reason};
