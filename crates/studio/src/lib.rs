//! Infostand Studio's core: everything the county's editor does in the
//! Studio window except drawing it. Open the campaign or a content folder
//! into a draft, edit texts, films, contacts and the county's details in
//! Swedish and English side by side, add films, pictures and captions,
//! check the draft as kiosks will, and publish it signed — through the
//! same content format, the same loader and sanitiser, and the same
//! `infostand-publish` build and verification every other publication
//! takes. No `tauri` here: the window calls this crate.
//!
//! # Using it
//!
//! ```no_run
//! use std::path::Path;
//! use infostand_content::Language;
//! use infostand_studio::{ContactFields, Password, Project, PublishRequest, VersionPatch};
//!
//! # fn main() -> infostand_studio::Result<()> {
//! let mut project = Project::from_campaign(Path::new("/home/editor/utkast"))?.project;
//! let key = project.texts()[1].key.clone();
//! let cleaned = project.update_version(&key, Language::Sv, VersionPatch {
//!     body_html: Some("<p>Ny text från redigeraren.</p>".into()),
//!     ..VersionPatch::default()
//! })?;
//! project.add_contact(ContactFields { name: "Namn Namnsson".into(), ..ContactFields::default() })?;
//! for finding in project.check() {
//!     println!("{:?} {} {}", finding.severity, finding.field, finding.message);
//! }
//! let password = Password::new("the key's passphrase");
//! let report = project.publish(&PublishRequest {
//!     target: Path::new("/media/usb/infostand"),
//!     secret_key: Path::new("/home/editor/nycklar/infostand.key"),
//!     password: Some(&password),
//!     revision: None,
//! })?;
//! println!("published revision {}", report.revision);
//! # Ok(()) }
//! ```
//!
//! # The API, by task
//!
//! - **Open**: [`Project::from_campaign`], [`Project::from_folder`],
//!   [`Project::open`] (each returns [`Opened`] with notes for the editor).
//! - **See**: [`Project::texts`], [`Project::films`], [`Project::contacts`],
//!   [`Project::organisation`] ([`views`]); [`Project::preview`] is the
//!   draft as the kiosk's loader reads it, for the live preview, with
//!   [`Project::media_path`] for its files.
//! - **Edit texts** ([`edit`]): [`Project::add_text`],
//!   [`Project::update_version`] (cleans the text with
//!   [`rich_text::clean`]), [`Project::remove_version`],
//!   [`Project::remove_item`], [`Project::move_item`],
//!   [`Project::set_validity`] (Swedish wall-clock times, [`clock`]),
//!   [`Project::confirm_translation`].
//! - **Contacts and details**: [`Project::add_contact`],
//!   [`Project::update_contact`], [`Project::remove_contact`],
//!   [`Project::move_contact`], [`Project::set_organisation`],
//!   [`Project::set_attract`].
//! - **Files** ([`films`], checked by [`media`]): [`Project::add_film`],
//!   [`Project::replace_video`], [`Project::set_image`],
//!   [`Project::remove_image`], [`Project::set_captions`],
//!   [`Project::remove_captions`], [`Project::set_example`].
//! - **Undo**: [`Project::undo`], [`Project::redo`], [`Project::history`]
//!   ([`history`]).
//! - **Check**: [`Project::check`] gives [`Finding`]s linked to fields
//!   ([`checks`]).
//! - **Publish** ([`publish`]): [`create_key`] with [`KEY_GUIDANCE_SV`] /
//!   [`KEY_GUIDANCE_EN`], [`inspect_target`], [`Project::publish`] with a
//!   [`Password`], returning a [`PublishReport`] with its [`Diff`].
//! - Every limit is in [`limits`]; every error is an [`Error`] with a
//!   closed [`ErrorCode`].
//!
//! Every change is saved at once, atomically, with its undo step
//! ([`storage`] describes the draft folder and why a crash loses nothing);
//! `date_modified` and the translation marks follow the content
//! ([`tracking`]).

#![deny(missing_docs)]

pub mod checks;
pub mod clock;
pub mod details;
pub mod diff;
pub mod edit;
mod error;
pub mod feed_io;
pub mod films;
pub mod history;
pub mod limits;
pub mod media;
pub mod model;
mod password;
pub mod project;
pub mod publish;
pub mod rich_text;
pub mod storage;
pub mod tracking;
pub mod views;

pub use checks::{Finding, FindingCode, Severity};
pub use clock::{Clock, FixedClock, LocalDateTime, SystemClock};
pub use details::ContactFields;
pub use diff::{Change, ChangeKind, Diff};
pub use edit::VersionPatch;
pub use error::{Error, ErrorCode, Result};
pub use films::{AltTexts, FilmAdded};
pub use history::HistoryView;
pub use password::Password;
pub use project::{Opened, Project};
pub use publish::{
    create_key, inspect_target, NewKey, PublishReport, PublishRequest, TargetState,
    KEY_GUIDANCE_EN, KEY_GUIDANCE_SV,
};
pub use rich_text::Cleaned;
pub use views::{FilmView, TextView};
