//! Infostand Studio's core.
pub mod checks;
pub mod clock;
mod error;
pub mod feed_io;
pub mod history;
pub mod limits;
pub mod media;
pub mod model;
pub mod rich_text;
pub mod storage;
pub mod tracking;
pub use error::{Error, ErrorCode, Result};
