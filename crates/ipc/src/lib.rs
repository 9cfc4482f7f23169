//! Infostand's contract with its web UI: the one crate that says what
//! crosses IPC. The core crates (content, sync, kiosk) know nothing of the
//! UI; the shell (`src-tauri`) calls them and hands over what is built
//! here.
//!
//! - [`contract`]: the commands the webview may call (their names,
//!   arguments and results); the page hears of changes through one of
//!   them, not through events.
//! - [`content`]: one language's view of the campaign, built from a pack's
//!   [`Presentation`](infostand_content::Presentation).
//! - [`news`]: the news sections beside the campaign.
//! - [`status`]: how syncing goes, from the sync's `status.json`.
//! - [`kiosk`]: the mode, QR codes and the staff's admin screen.
//! - [`usage`]: what the page reports of its visitors' use, to be counted.
//! - [`studio`]: the Studio window's draft, checks, keys and publishing.
//! - [`error`]: errors as they cross, a closed set of codes with
//!   structured details.
//! - [`typescript`]: the TypeScript twins of all of it, which the UI
//!   compiles against (`ui/src/bindings/`, checked by this crate's tests).

#![deny(missing_docs)]

pub mod content;
pub mod contract;
pub mod error;
pub mod kiosk;
pub mod news;
pub mod status;
pub mod studio;
pub mod typescript;
pub mod usage;

pub use content::{
    ArticleView, CaptionView, ContactView, ContentView, FilmView, ImageView, MediaSourceView,
    OrganisationView,
};
pub use contract::{COMMANDS, STUDIO_COMMANDS};
pub use error::{ErrorKind, IpcError};
pub use infostand_content::{Language, Source};
pub use infostand_sync::ErrorCode as SyncErrorCode;
pub use kiosk::{AdminView, Changes, ModeView, QrView};
pub use news::{NewsItemView, NewsSection, NewsSectionView};
pub use status::{ChannelStatusView, InstanceView, StatusError, StatusView};
pub use usage::{ScreenName, UsageEvent};
