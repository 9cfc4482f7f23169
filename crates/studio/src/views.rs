//! What the Studio window lists and fills its forms with: the texts, the
//! films, the contacts and the county's details, Swedish and English side
//! by side. Plain serialisable values, made fresh from the draft after
//! every change.

use infostand_content::feed::{Caption, Contact, Kind, Organisation};
use infostand_content::Language;
use serde::Serialize;

use crate::clock::{self, LocalDateTime};
use crate::model::{Draft, Item, TextField, Version};
use crate::project::Project;

/// A text (the start screen's message, an article, the method page).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextView {
    /// Its key: what every edit names it by.
    pub key: String,
    /// What it is.
    pub kind: Kind,
    /// The Swedish version.
    pub sv: Option<VersionView>,
    /// The English version.
    pub en: Option<VersionView>,
    /// Its picture's media URL.
    pub image: Option<String>,
    /// When it is shown, on the Swedish clock.
    pub validity: ValidityView,
    /// Where one language is behind the other.
    pub behind: Vec<Behind>,
}

/// A film.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FilmView {
    /// Its key.
    pub key: String,
    /// The Swedish version (title, description, poster's text alternative).
    pub sv: Option<VersionView>,
    /// The English version.
    pub en: Option<VersionView>,
    /// The film file.
    pub video: Option<VideoView>,
    /// The poster's media URL.
    pub poster: Option<String>,
    /// Its caption tracks.
    pub captions: Vec<Caption>,
    /// Whether kiosks label it an example film.
    pub example: bool,
    /// When it is shown.
    pub validity: ValidityView,
    /// Where one language is behind the other.
    pub behind: Vec<Behind>,
}

/// One language's version, for a form.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VersionView {
    /// The feed item's id.
    pub id: String,
    /// The headline.
    pub title: String,
    /// The summary.
    pub summary: Option<String>,
    /// The text, as kiosks keep it when it came from the editor.
    pub body_html: String,
    /// Its web page.
    pub url: Option<String>,
    /// The picture's text alternative.
    pub image_alt: Option<String>,
    /// When its content last changed, RFC 3339.
    pub date_modified: Option<String>,
    /// The same on the Swedish clock.
    pub modified_local: Option<LocalDateTime>,
}

/// A film file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VideoView {
    /// Its media URL.
    pub url: String,
    /// Its size.
    pub size_in_bytes: Option<u64>,
    /// Its length.
    pub duration_seconds: Option<f64>,
}

/// When an item is shown, on the Swedish clock (pickers' values).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ValidityView {
    /// Shown from.
    pub from: Option<LocalDateTime>,
    /// Shown until (not including).
    pub until: Option<LocalDateTime>,
}

/// A language that is behind the other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Behind {
    /// The language behind.
    pub language: Language,
    /// The field; `None` for the item as a whole (its date was older when
    /// the draft was made).
    pub field: Option<TextField>,
}

impl Project {
    /// The texts, in the order shown.
    pub fn texts(&self) -> Vec<TextView> {
        texts(self.draft())
    }

    /// The films, in the order shown.
    pub fn films(&self) -> Vec<FilmView> {
        films(self.draft())
    }

    /// The contacts, in the order shown.
    pub fn contacts(&self) -> &[Contact] {
        &self.draft().contacts
    }

    /// The county's details.
    pub fn organisation(&self) -> Option<&Organisation> {
        self.draft().organisation.as_ref()
    }
}

/// The texts of `draft`.
pub fn texts(draft: &Draft) -> Vec<TextView> {
    draft
        .items
        .iter()
        .filter(|item| item.kind != Kind::Film)
        .map(|item| TextView {
            key: item.key.clone(),
            kind: item.kind,
            sv: item.sv.as_ref().map(version_view),
            en: item.en.as_ref().map(version_view),
            image: item.main().and_then(|version| version.image.clone()),
            validity: validity(item),
            behind: behind(item),
        })
        .collect()
}

/// The films of `draft`.
pub fn films(draft: &Draft) -> Vec<FilmView> {
    draft
        .items
        .iter()
        .filter(|item| item.kind == Kind::Film)
        .map(|item| {
            let main = item.main();
            FilmView {
                key: item.key.clone(),
                sv: item.sv.as_ref().map(version_view),
                en: item.en.as_ref().map(version_view),
                video: main
                    .and_then(|version| version.attachments.first())
                    .map(|attachment| VideoView {
                        url: attachment.url.clone(),
                        size_in_bytes: attachment.size_in_bytes,
                        duration_seconds: attachment.duration_in_seconds,
                    }),
                poster: main.and_then(|version| version.image.clone()),
                captions: main
                    .map(|version| version.captions.clone())
                    .unwrap_or_default(),
                example: main.is_some_and(|version| version.example),
                validity: validity(item),
                behind: behind(item),
            }
        })
        .collect()
}

fn version_view(version: &Version) -> VersionView {
    VersionView {
        id: version.id.clone(),
        title: version.title.clone(),
        summary: version.summary.clone(),
        body_html: version.body_html.clone(),
        url: version.url.clone(),
        image_alt: version.image_alt.clone(),
        date_modified: version.date_modified.clone(),
        modified_local: version.date_modified.as_deref().and_then(clock::to_local),
    }
}

fn validity(item: &Item) -> ValidityView {
    let main = item.main();
    ValidityView {
        from: main
            .and_then(|version| version.valid_from.as_deref())
            .and_then(clock::to_local),
        until: main
            .and_then(|version| version.valid_until.as_deref())
            .and_then(clock::to_local),
    }
}

/// The languages behind, per field and for the whole item.
pub(crate) fn behind(item: &Item) -> Vec<Behind> {
    let other = |language: Language| match language {
        Language::Sv => Language::En,
        Language::En => Language::Sv,
    };
    let mut behind: Vec<Behind> = item
        .translation
        .fields
        .iter()
        .map(|(field, ahead)| Behind {
            language: other(*ahead),
            field: Some(*field),
        })
        .collect();
    if let Some(ahead) = item.translation.item {
        behind.push(Behind {
            language: other(ahead),
            field: None,
        });
    }
    behind
}
