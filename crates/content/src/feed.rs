//! The serde model of a content pack's document: a JSON Feed 1.1 with the
//! `_infostand` extension objects described in `docs/feed.schema.json`.
//!
//! The model only describes shape. It is lenient where JSON Feed is (unknown
//! fields are ignored because feed readers and CMSs add their own) and strict
//! inside `_infostand`, which is ours: a misspelt field there is a mistake, not
//! an extension. What the values must satisfy (unique ids, manifest entries,
//! languages…) is checked by [`crate::pack`].

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::Language;

/// The JSON Feed versions a pack may declare in `version`.
pub const JSON_FEED_VERSIONS: [&str; 2] = [
    "https://jsonfeed.org/version/1",
    "https://jsonfeed.org/version/1.1",
];

/// A JSON Feed document.
#[derive(Debug, Clone, Deserialize)]
pub struct Feed {
    /// The JSON Feed version URL.
    pub version: String,
    /// The feed's title: the campaign's name.
    pub title: String,
    /// The site the feed belongs to, if it has one.
    #[serde(default)]
    pub home_page_url: Option<String>,
    /// Where the feed itself is published, if anywhere.
    #[serde(default)]
    pub feed_url: Option<String>,
    /// A description of the feed.
    #[serde(default)]
    pub description: Option<String>,
    /// The feed's primary language, e.g. `sv`; items without their own
    /// `language` are in this one.
    #[serde(default)]
    pub language: Option<String>,
    /// The feed's authors.
    #[serde(default)]
    pub authors: Vec<Author>,
    /// The items, each parsed on its own so that one bad item does not sink
    /// the whole feed.
    pub items: Vec<ItemSlot>,
    /// The Infostand extension. Optional here because a plain JSON Feed is
    /// still a JSON Feed; the pack loader decides whether it may be missing.
    #[serde(default, rename = "_infostand")]
    pub infostand: Option<FeedExtension>,
}

/// A JSON Feed author.
#[derive(Debug, Clone, Deserialize)]
pub struct Author {
    /// The author's name.
    #[serde(default)]
    pub name: Option<String>,
    /// The author's site.
    #[serde(default)]
    pub url: Option<String>,
    /// The author's picture.
    #[serde(default)]
    pub avatar: Option<String>,
}

/// The feed-level `_infostand` object.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedExtension {
    /// The version of the extension the document is written in.
    pub format: u32,
    /// The document's revision; it grows with each published document.
    pub revision: u64,
    /// The organisation behind the campaign, when the feed names one.
    #[serde(default)]
    pub organisation: Option<Organisation>,
    /// The people to contact, in the order they are shown.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Every media file the feed refers to.
    #[serde(default)]
    pub media: Vec<MediaEntry>,
    /// The films a kiosk's attract loop plays when nobody is using it, by
    /// `_infostand.key`, in order; empty means every film.
    #[serde(default)]
    pub attract: Vec<String>,
}

/// The organisation behind the campaign.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Its name.
    pub name: String,
    /// Where visitors go.
    #[serde(default)]
    pub visiting_address: Option<String>,
    /// Where letters go.
    #[serde(default)]
    pub postal_address: Option<String>,
    /// The Swedish organisation number.
    #[serde(default)]
    pub organisation_number: Option<String>,
    /// The county governor.
    #[serde(default)]
    pub governor: Option<String>,
    /// Its web site.
    #[serde(default)]
    pub url: Option<String>,
}

/// A person to contact.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// A stable id, unique among the contacts.
    pub id: String,
    /// Full name.
    pub name: String,
    /// What the person does, per language.
    #[serde(default)]
    pub role: Option<Localised>,
    /// Telephone number.
    #[serde(default)]
    pub phone: Option<String>,
    /// E-mail address.
    #[serde(default)]
    pub email: Option<String>,
}

/// A string given per language; Swedish is required.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Localised {
    /// The Swedish text.
    pub sv: String,
    /// The English text, when translated.
    #[serde(default)]
    pub en: Option<String>,
}

impl Localised {
    /// The text in `language` when it is given and not blank, else Swedish,
    /// together with the language actually returned.
    pub fn get(&self, language: Language) -> (&str, Language) {
        let wanted = match language {
            Language::Sv => None,
            Language::En => self.en.as_deref(),
        };
        match wanted {
            Some(text) if !text.trim().is_empty() => (text, language),
            _ => (&self.sv, Language::Sv),
        }
    }
}

/// One file in the media manifest.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MediaEntry {
    /// Where the file is, relative to the feed document (e.g. `media/film-1.webm`).
    pub url: String,
    /// Its MIME type, e.g. `video/webm`.
    pub mime_type: String,
    /// SHA-256 of its bytes, 64 lowercase hex digits.
    pub sha256: String,
    /// Its exact length.
    pub size_in_bytes: u64,
}

/// A JSON Feed item.
#[derive(Debug, Clone, Deserialize)]
pub struct Item {
    /// Unique in the feed.
    pub id: String,
    /// The item's page on the web.
    #[serde(default)]
    pub url: Option<String>,
    /// A page the item is about, elsewhere.
    #[serde(default)]
    pub external_url: Option<String>,
    /// The headline.
    #[serde(default)]
    pub title: Option<String>,
    /// The body as HTML; untrusted until sanitised.
    #[serde(default)]
    pub content_html: Option<String>,
    /// The body as plain text, used when there is no HTML.
    #[serde(default)]
    pub content_text: Option<String>,
    /// A short summary.
    #[serde(default)]
    pub summary: Option<String>,
    /// The main image (for a film, its poster): a relative media URL.
    #[serde(default)]
    pub image: Option<String>,
    /// A banner image; not shown by Infostand.
    #[serde(default)]
    pub banner_image: Option<String>,
    /// RFC 3339 date of first publication.
    #[serde(default)]
    pub date_published: Option<String>,
    /// RFC 3339 date of the last change.
    #[serde(default)]
    pub date_modified: Option<String>,
    /// The item's language code; the feed's when absent.
    #[serde(default)]
    pub language: Option<String>,
    /// Related resources; for a film, its playable sources.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// The Infostand extension; the pack loader drops items without one
    /// (and ignores it in a plain feed).
    #[serde(default, rename = "_infostand")]
    pub infostand: Option<ItemExtension>,
}

/// A JSON Feed attachment.
#[derive(Debug, Clone, Deserialize)]
pub struct Attachment {
    /// Relative media URL.
    pub url: String,
    /// MIME type, e.g. `video/webm`.
    pub mime_type: String,
    /// A name for the attachment.
    #[serde(default)]
    pub title: Option<String>,
    /// Its length; must equal the manifest's.
    #[serde(default)]
    pub size_in_bytes: Option<u64>,
    /// Playing time.
    #[serde(default)]
    pub duration_in_seconds: Option<f64>,
}

/// What an item is, and so where the UI shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The start screen's message.
    Campaign,
    /// An article.
    Article,
    /// "Om arbetsmetoden".
    Method,
    /// A film.
    Film,
}

impl Kind {
    /// The name the feed uses for this kind.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Campaign => "campaign",
            Self::Article => "article",
            Self::Method => "method",
            Self::Film => "film",
        }
    }
}

/// The item-level `_infostand` object.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemExtension {
    /// Shared by the translations of one thing.
    pub key: String,
    /// What the item is.
    pub kind: Kind,
    /// Text alternative for the item's `image`, in the item's language.
    #[serde(default)]
    pub image_alt: Option<String>,
    /// A film's caption tracks.
    #[serde(default)]
    pub captions: Vec<Caption>,
    /// True for the stand-in example films.
    #[serde(default)]
    pub example: bool,
    /// The first instant the item is shown; see [`crate::validity`] for the
    /// accepted forms (absolute, or local to Europe/Stockholm).
    #[serde(default)]
    pub valid_from: Option<String>,
    /// The first instant the item is no longer shown; as `valid_from`.
    #[serde(default)]
    pub valid_until: Option<String>,
}

/// A film's WebVTT caption track.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Caption {
    /// The captions' language.
    pub language: Language,
    /// The track's label, e.g. "Svenska".
    pub label: String,
    /// Relative media URL of the `.vtt` file.
    pub url: String,
}

/// One entry of `items`: either a well-formed item or why it is not one.
///
/// Parsing items one by one is what lets the loader drop a single bad item
/// with a warning instead of refusing the whole feed.
#[derive(Debug, Clone)]
pub enum ItemSlot {
    /// The item parsed.
    Parsed(Box<Item>),
    /// The item did not parse.
    Malformed {
        /// The item's `id`, if it had a readable one.
        id: Option<String>,
        /// What was wrong, naming the field.
        problem: String,
    },
}

impl<'de> Deserialize<'de> for ItemSlot {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Value::deserialize(deserializer)?;
        match serde_path_to_error::deserialize::<_, Item>(&raw) {
            Ok(item) => Ok(Self::Parsed(Box::new(item))),
            Err(error) => {
                let id = match raw.get("id") {
                    Some(Value::String(id)) => Some(id.clone()),
                    Some(Value::Number(id)) => Some(id.to_string()),
                    _ => None,
                };
                let path = error.path().to_string();
                let problem = if path == "." {
                    error.into_inner().to_string()
                } else {
                    format!("{path}: {}", error.into_inner())
                };
                Ok(Self::Malformed { id, problem })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_json_feed_fields_are_ignored() {
        let item: Item = serde_json::from_str(r#"{"id": "a", "tags": ["x"], "_cms": {"n": 1}}"#)
            .expect("fields other feed tools add must not make an item unreadable");
        assert_eq!(item.id, "a", "the item's own fields must still be read");
    }

    #[test]
    fn unknown_extension_fields_are_refused() {
        let result: Result<ItemExtension, _> =
            serde_json::from_str(r#"{"key": "k", "kind": "article", "colour": "red"}"#);
        assert!(
            result.is_err(),
            "a misspelt `_infostand` field is a mistake and must not be silently ignored"
        );
    }

    #[test]
    fn a_malformed_item_names_the_field() {
        let slot: ItemSlot =
            serde_json::from_str(r#"{"id": "x", "_infostand": {"key": "k", "kind": "poster"}}"#)
                .expect("a bad item must not fail the surrounding document");
        match slot {
            ItemSlot::Malformed { id, problem } => {
                assert_eq!(id.as_deref(), Some("x"), "the warning must name the item");
                assert!(
                    problem.contains("_infostand.kind"),
                    "the problem must point at the bad field, got {problem:?}"
                );
            }
            ItemSlot::Parsed(_) => panic!("an unknown kind must not parse"),
        }
    }

    #[test]
    fn localised_falls_back_to_swedish() {
        let role = Localised {
            sv: "Samordnare".into(),
            en: Some("  ".into()),
        };
        assert_eq!(
            role.get(Language::En),
            ("Samordnare", Language::Sv),
            "a blank translation must fall back to Swedish and say so"
        );
    }
}
