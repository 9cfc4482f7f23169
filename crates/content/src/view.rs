//! What the UI is given: one language's view of the current content pack.
//!
//! These types cross IPC; their TypeScript twins in `ui/src/bindings/` are
//! generated from them by ts-rs, and a test fails when the committed copies
//! are stale. Everything here is already sanitised and resolved: HTML is safe
//! to insert, media URLs are absolute loopback URLs that play as they are.

mod kiosk;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use kiosk::{AdminView, ModeView, QrView};

pub use crate::language::Language;
pub use crate::source::Source;

/// One language's view of the whole campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ContentView {
    /// The language asked for; items missing in it fall back to Swedish and
    /// say so in their own `language`.
    pub language: Language,
    /// The pack's revision.
    #[ts(type = "number")]
    pub revision: u64,
    /// Where the pack came from.
    pub source: Source,
    /// When the content was last changed: the newest `date_modified` in the
    /// pack, RFC 3339. `None` when no item carries a date.
    pub updated: Option<String>,
    /// The feed's title (the campaign's name).
    pub title: String,
    /// The start screen's message, if the pack has one.
    pub campaign: Option<ArticleView>,
    /// The articles, in feed order.
    pub articles: Vec<ArticleView>,
    /// "Om arbetsmetoden", if the pack has it.
    pub method: Option<ArticleView>,
    /// The films, in feed order.
    pub films: Vec<FilmView>,
    /// The people to contact, in feed order.
    pub contacts: Vec<ContactView>,
    /// The organisation behind the campaign.
    pub organisation: Option<OrganisationView>,
    /// The keys of the films the kiosk's attract loop plays, in order: the
    /// feed's `_infostand.attract` narrowed to films in `films`, or every
    /// film's key when the feed names none of them.
    pub attract: Vec<String>,
}

/// A text item: the campaign message, an article or the method page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ArticleView {
    /// The item's id in the feed (unique per language).
    pub id: String,
    /// The key shared by the translations of one article.
    pub key: String,
    /// The language this item is written in (may differ from the view's).
    pub language: Language,
    /// The headline.
    pub title: String,
    /// A one- or two-sentence summary, if any.
    pub summary: Option<String>,
    /// Sanitised HTML body; insert as it is.
    pub html: String,
    /// RFC 3339 date of the last change, if given.
    pub date_modified: Option<String>,
    /// The article's page on the web, if the feed gives one.
    pub url: Option<String>,
    /// An illustration, if any.
    pub image: Option<ImageView>,
}

/// An image with its text alternative.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImageView {
    /// Absolute loopback URL.
    pub url: String,
    /// Text alternative, in the item's language.
    pub alt: String,
}

/// A film with everything the player needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FilmView {
    /// The item's id in the feed.
    pub id: String,
    /// The key shared by the translations of one film.
    pub key: String,
    /// The language of the title and summary.
    pub language: Language,
    /// The film's title.
    pub title: String,
    /// What the film is about.
    pub summary: Option<String>,
    /// Length in seconds, if known.
    pub duration_seconds: Option<f64>,
    /// True for the stand-in films made for development; the UI labels them.
    pub example: bool,
    /// The poster shown before playing.
    pub poster: Option<ImageView>,
    /// Playable sources, best first.
    pub sources: Vec<MediaSourceView>,
    /// Caption tracks, one per language.
    pub captions: Vec<CaptionView>,
}

/// One encoding of a film.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MediaSourceView {
    /// Absolute loopback URL.
    pub url: String,
    /// MIME type, e.g. `video/webm`.
    pub mime_type: String,
}

/// A WebVTT caption track.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CaptionView {
    /// The captions' language.
    pub language: Language,
    /// The track's label in the track menu, e.g. "Svenska".
    pub label: String,
    /// Absolute loopback URL of the `.vtt` file.
    pub url: String,
}

/// A person to contact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ContactView {
    /// Stable id from the feed.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Role, in the view's language when the feed has it, else Swedish.
    pub role: String,
    /// The language `role` is written in.
    pub role_language: Language,
    /// Telephone number, when the feed gives one.
    pub phone: Option<String>,
    /// E-mail address, when the feed gives one.
    pub email: Option<String>,
}

/// The organisation behind the campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OrganisationView {
    /// Name, e.g. "Länsstyrelsen Västernorrland".
    pub name: String,
    /// Visiting address, if given.
    pub visiting_address: Option<String>,
    /// Postal address, if given.
    pub postal_address: Option<String>,
    /// Swedish organisation number, if given.
    pub organisation_number: Option<String>,
    /// The county governor (landshövding), if given.
    pub governor: Option<String>,
    /// The organisation's web site, if given.
    pub url: Option<String>,
}

/// How syncing goes, for the staff (the kiosk's admin screen).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StatusView {
    /// The revision on screen, once known.
    #[ts(type = "number | null")]
    pub revision: Option<u64>,
    /// Where the content on screen came from.
    pub source: Source,
    /// Whether that content was verified by a configured key.
    pub signed: bool,
    /// The configured feed, if any.
    pub feed_url: Option<String>,
    /// When the last sync attempt started, RFC 3339.
    pub last_attempt: Option<String>,
    /// When a sync or import last succeeded, RFC 3339.
    pub last_success: Option<String>,
    /// When the next attempt is due, RFC 3339; `None` when not scheduled.
    pub next_attempt: Option<String>,
    /// The last attempt's error; `None` after a success.
    pub last_error: Option<StatusError>,
}

/// A sync error as the staff see it: a stable code and a sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StatusError {
    /// One of the sync's documented error codes, e.g. `bad_signature`.
    pub code: String,
    /// What went wrong and where.
    pub message: String,
}

/// The closed set of error codes the UI can branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// No content could be loaded at all; the UI shows a plain apology.
    ContentUnavailable,
    /// The PIN given for the admin screen is wrong.
    WrongPin,
    /// Too many wrong PINs in a row: the prompt waits before it takes more.
    TooManyAttempts,
    /// No admin PIN is configured (`infostand set-pin`), so the admin
    /// screen cannot be opened in kiosk mode.
    PinNotSet,
    /// An admin command came without an unlocked admin session (it timed
    /// out, or the kiosk was reset): the UI asks for the PIN again.
    Locked,
    /// Anything else; the UI shows the message.
    Internal,
}

/// An error as it crosses IPC: `{ code, message }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IpcError {
    /// What kind of failure, for the UI to branch on.
    pub code: ErrorCode,
    /// A sentence for people, naming the problem.
    pub message: String,
}
