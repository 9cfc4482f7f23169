//! The draft: the campaign's content as the Studio edits it.
//!
//! It is the feed format (docs/feed-format.md) regrouped for editing: the
//! Swedish and English items of one text or film (same `_infostand.key`)
//! are one [`Item`] with a [`Version`] per language, side by side. Nothing
//! of the feed is lost on the way: fields the Studio does not edit are kept
//! in `extra` maps and written back as they were. [`crate::feed_io`] turns
//! a draft into the feed document and back.
//!
//! The contacts, the organisation, media entries, kinds, captions and
//! languages are the content crate's own types, so a draft holds exactly
//! what a kiosk reads.

use std::collections::BTreeMap;

use infostand_content::feed::{Caption, Contact, Kind, MediaEntry, Organisation};
use infostand_content::Language;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The whole draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The feed's top-level fields other than `items` and `_infostand`
    /// (`version`, `title`, `language`, `authors`…), kept as they were.
    pub head: Map<String, Value>,
    /// `_infostand.format` of the source.
    pub format: u32,
    /// `_infostand.revision` of the source; a publish sets its own.
    pub revision: u64,
    /// The county's details.
    pub organisation: Option<Organisation>,
    /// The people to contact, in the order shown.
    pub contacts: Vec<Contact>,
    /// The texts and films, in the order shown.
    pub items: Vec<Item>,
    /// `_infostand.attract`: the films of the kiosk's attract loop, by key.
    #[serde(default)]
    pub attract: Vec<String>,
    /// Every media file the draft has, in manifest order, with its true
    /// hash and size; the published manifest lists those items refer to.
    pub media: Vec<MediaEntry>,
}

/// One text or film, in both languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// `_infostand.key`, shared by the translations.
    pub key: String,
    /// What it is.
    pub kind: Kind,
    /// The Swedish version.
    pub sv: Option<Version>,
    /// The English version.
    pub en: Option<Version>,
    /// Which language changed after the other (see [`Translation`]).
    #[serde(default, skip_serializing_if = "Translation::is_empty")]
    pub translation: Translation,
}

/// One language's item: a JSON Feed item of the pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Version {
    /// The item's `id`.
    pub id: String,
    /// The headline.
    pub title: String,
    /// A sentence or two.
    #[serde(default)]
    pub summary: Option<String>,
    /// The text, HTML (what the editor produced, or the source's).
    pub body_html: String,
    /// A web page for it.
    #[serde(default)]
    pub url: Option<String>,
    /// The picture (a film's poster): a media URL.
    #[serde(default)]
    pub image: Option<String>,
    /// The picture's text alternative.
    #[serde(default)]
    pub image_alt: Option<String>,
    /// A film's playable sources.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// A film's caption tracks.
    #[serde(default)]
    pub captions: Vec<Caption>,
    /// A stand-in example film, labelled as such on kiosks.
    #[serde(default)]
    pub example: bool,
    /// The first moment it is shown (RFC 3339, or as the source wrote it).
    #[serde(default)]
    pub valid_from: Option<String>,
    /// The first moment it is no longer shown.
    #[serde(default)]
    pub valid_until: Option<String>,
    /// When its content last changed, RFC 3339.
    #[serde(default)]
    pub date_modified: Option<String>,
    /// The item's other fields (`date_published`, `tags`…), kept as they were.
    #[serde(default)]
    pub extra: Map<String, Value>,
}

/// A film's source: a JSON Feed attachment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attachment {
    /// Its media URL.
    pub url: String,
    /// `video/webm`.
    pub mime_type: String,
    /// Its size; the manifest's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size_in_bytes: Option<u64>,
    /// Its length in whole seconds.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole_seconds"
    )]
    pub duration_in_seconds: Option<f64>,
    /// Other attachment fields, kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A duration written as a whole number when it is one (`36`, not `36.0`),
/// as the format shows it.
fn whole_seconds<S: serde::Serializer>(
    seconds: &Option<f64>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    const LARGEST_EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    match seconds {
        Some(value) if value.fract() == 0.0 && (0.0..=LARGEST_EXACT).contains(value) => {
            // Exact: a whole number below 2^53 converts without rounding.
            serializer.serialize_u64(*value as u64)
        }
        Some(value) => serializer.serialize_f64(*value),
        None => serializer.serialize_none(),
    }
}

/// A text field that exists in both languages and is translated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextField {
    /// The headline.
    Title,
    /// The summary.
    Summary,
    /// The text.
    Body,
    /// The picture's text alternative.
    ImageAlt,
}

impl TextField {
    /// Every translated field.
    pub const ALL: [Self; 4] = [Self::Title, Self::Summary, Self::Body, Self::ImageAlt];

    /// The field's name in field paths (`items/<key>/<name>/<lang>`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Summary => "summary",
            Self::Body => "body",
            Self::ImageAlt => "image_alt",
        }
    }

    /// The field's text in `version` (empty when unset).
    pub fn get(self, version: &Version) -> &str {
        match self {
            Self::Title => &version.title,
            Self::Summary => version.summary.as_deref().unwrap_or_default(),
            Self::Body => &version.body_html,
            Self::ImageAlt => version.image_alt.as_deref().unwrap_or_default(),
        }
    }
}

/// Which language changed after the other, so the other may need the
/// same change: per field when the Studio saw the edit, per item when the
/// source's `date_modified` already differed. See [`crate::tracking`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Translation {
    /// Fields changed in one language and not yet in the other: the
    /// language that is ahead.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<TextField, Language>,
    /// The language whose `date_modified` was later when the draft was
    /// made from its source, until the other is edited or the translation
    /// confirmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<Language>,
}

impl Translation {
    /// Whether nothing is ahead.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.item.is_none()
    }
}

impl Item {
    /// The version in `language`.
    pub fn version(&self, language: Language) -> Option<&Version> {
        match language {
            Language::Sv => self.sv.as_ref(),
            Language::En => self.en.as_ref(),
        }
    }

    /// The version in `language`, to change.
    pub fn version_mut(&mut self, language: Language) -> Option<&mut Version> {
        match language {
            Language::Sv => self.sv.as_mut(),
            Language::En => self.en.as_mut(),
        }
    }

    /// The slot of the version in `language`.
    pub fn slot(&mut self, language: Language) -> &mut Option<Version> {
        match language {
            Language::Sv => &mut self.sv,
            Language::En => &mut self.en,
        }
    }

    /// The versions there are, Swedish first.
    pub fn versions(&self) -> impl Iterator<Item = (Language, &Version)> {
        [(Language::Sv, &self.sv), (Language::En, &self.en)]
            .into_iter()
            .filter_map(|(language, version)| version.as_ref().map(|version| (language, version)))
    }

    /// Every version, to change the media both languages share.
    pub fn versions_mut(&mut self) -> impl Iterator<Item = &mut Version> {
        self.sv.iter_mut().chain(self.en.iter_mut())
    }

    /// The version shown first: Swedish, else English.
    pub fn main(&self) -> Option<&Version> {
        self.sv.as_ref().or(self.en.as_ref())
    }

    /// Its headline in the main language, for lists and messages.
    pub fn title(&self) -> &str {
        self.main().map_or("", |version| version.title.as_str())
    }
}

impl Draft {
    /// The item with this key.
    pub fn item(&self, key: &str) -> Option<&Item> {
        self.items.iter().find(|item| item.key == key)
    }

    /// The contact with this id.
    pub fn contact(&self, id: &str) -> Option<&Contact> {
        self.contacts.iter().find(|contact| contact.id == id)
    }

    /// The media entry of this URL.
    pub fn media_entry(&self, url: &str) -> Option<&MediaEntry> {
        self.media.iter().find(|entry| entry.url == url)
    }

    /// Every media URL an item refers to, in item order, once each.
    pub fn referenced_media(&self) -> Vec<String> {
        let mut urls: Vec<String> = Vec::new();
        let mut add = |url: &str| {
            if !urls.iter().any(|known| known == url) {
                urls.push(url.to_owned());
            }
        };
        for version in self
            .items
            .iter()
            .flat_map(|item| item.versions().map(|(_, v)| v))
        {
            version.image.as_deref().into_iter().for_each(&mut add);
            version.attachments.iter().for_each(|a| add(&a.url));
            version.captions.iter().for_each(|c| add(&c.url));
        }
        urls
    }
}

/// The content a version shows, without when it changed or is shown: what
/// `date_modified` follows. Two versions with the same fingerprint show
/// the same thing.
pub(crate) fn fingerprint(version: &Version) -> Value {
    let mut shown = version.clone();
    shown.date_modified = None;
    shown.valid_from = None;
    shown.valid_until = None;
    serde_json::to_value(shown).unwrap_or(Value::Null)
}
