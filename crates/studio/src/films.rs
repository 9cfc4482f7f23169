//! Edits that bring files in: films, pictures (posters and article
//! pictures) and captions. Each file is checked first ([`crate::media`]),
//! then copied into the draft under its content-derived name with its
//! manifest entry, and only then is the draft changed (stamped, undoable,
//! saved). A file that is refused leaves the draft as it was. The media of
//! a film are shared by its Swedish and English versions, as the format
//! has them; the texts about them (title, description, the poster's text
//! alternative) are per language.

use std::path::Path;

use infostand_content::feed::{Caption, Kind};
use infostand_content::{Language, MediaEntry};
use serde::{Deserialize, Serialize};

use crate::edit::{add_item, item_mut, optional, required};
use crate::error::{Error, Result};
use crate::limits::{MAX_FILM_BYTES, MAX_IMAGE_BYTES};
use crate::media::captions::{self, Captions};
use crate::media::image::{self, ImageInfo};
use crate::media::video::{self, VideoInfo};
use crate::media::{self as store, VTT, WEBM};
use crate::model::{Attachment, Draft};
use crate::project::Project;

/// A film just added.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FilmAdded {
    /// Its key.
    pub key: String,
    /// What the film is.
    pub video: VideoInfo,
}

/// A picture's text alternative per language.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct AltTexts {
    /// In Swedish.
    #[serde(default)]
    pub sv: Option<String>,
    /// In English.
    #[serde(default)]
    pub en: Option<String>,
}

impl AltTexts {
    fn get(&self, language: Language) -> Option<String> {
        match language {
            Language::Sv => self.sv.as_deref().and_then(optional),
            Language::En => self.en.as_deref().and_then(optional),
        }
    }
}

/// The label a caption track gets in the player's menu, per language (as
/// the campaign's films have them).
pub fn caption_label(language: Language) -> &'static str {
    match language {
        Language::Sv => "Svenska",
        Language::En => "English",
    }
}

impl Project {
    /// Adds a film from `video` (WebM: VP9 video, Opus sound) with its
    /// Swedish title, after the other films. Its description, poster and
    /// captions are added next.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] for an empty title; the errors of
    /// [`video::check`] (too large, unplayable with how to convert it).
    pub fn add_film(&mut self, video: &Path, title_sv: &str) -> Result<FilmAdded> {
        let title = required(title_sv, "films/new/title/sv")?;
        let info = video::check(video)?;
        let entry = store::store_file(self.layout(), video, WEBM, "webm", MAX_FILM_BYTES)?;
        let key = self.change("Add a film", None, |draft| {
            let key = add_item(draft, Kind::Film, title);
            set_video(draft, &key, entry, &info)?;
            Ok(key)
        })?;
        Ok(FilmAdded { key, video: info })
    }

    /// Replaces the film file of `key` (both languages).
    ///
    /// # Errors
    /// [`Error::UnknownItem`], [`Error::WrongKind`], and as
    /// [`Project::add_film`].
    pub fn replace_video(&mut self, key: &str, video: &Path) -> Result<VideoInfo> {
        self.expect_kind(key, Some(Kind::Film))?;
        let info = video::check(video)?;
        let entry = store::store_file(self.layout(), video, WEBM, "webm", MAX_FILM_BYTES)?;
        self.change("Replace the film", None, |draft| {
            set_video(draft, key, entry, &info)
        })?;
        Ok(info)
    }

    /// Sets the picture of `key` (a film's poster, an article's picture)
    /// with its text alternative in every language the item has.
    ///
    /// # Errors
    /// [`Error::UnknownItem`]; [`Error::InvalidValue`] naming the language
    /// whose text alternative is missing; the errors of [`image::check`].
    pub fn set_image(&mut self, key: &str, picture: &Path, alt: &AltTexts) -> Result<ImageInfo> {
        let item = self.expect_kind(key, None)?;
        for (language, _) in item.versions() {
            if alt.get(language).is_none() {
                return Err(Error::invalid(
                    format!("items/{key}/image_alt/{}", language.code()),
                    "describe the picture for visitors who cannot see it (a picture without a text alternative is not shown)",
                ));
            }
        }
        let info = image::check(picture)?;
        let entry = store::store_file(
            self.layout(),
            picture,
            &info.mime_type,
            info.extension,
            MAX_IMAGE_BYTES,
        )?;
        self.change("Set the picture", None, |draft| {
            let url = register(draft, entry);
            let item = item_mut(draft, key)?;
            for language in [Language::Sv, Language::En] {
                let text = alt.get(language);
                if let Some(version) = item.version_mut(language) {
                    version.image = Some(url.clone());
                    version.image_alt = text;
                }
            }
            Ok(())
        })?;
        Ok(info)
    }

    /// Removes the picture of `key` and its text alternatives.
    ///
    /// # Errors
    /// [`Error::UnknownItem`].
    pub fn remove_image(&mut self, key: &str) -> Result<()> {
        self.change("Remove the picture", None, |draft| {
            for version in item_mut(draft, key)?.versions_mut() {
                version.image = None;
                version.image_alt = None;
            }
            Ok(())
        })
    }

    /// Sets the `language` captions of film `key` from a `.vtt` file, or an
    /// `.srt` file converted to WebVTT; replaces captions in that language.
    ///
    /// # Errors
    /// [`Error::UnknownItem`], [`Error::WrongKind`]; the errors of
    /// [`captions::read`] (naming the line of a broken file).
    pub fn set_captions(&mut self, key: &str, language: Language, file: &Path) -> Result<Captions> {
        self.expect_kind(key, Some(Kind::Film))?;
        let read = captions::read(file)?;
        let suffix = format!("{}.vtt", language.code());
        let entry = store::store_bytes(self.layout(), file, read.vtt.as_bytes(), VTT, &suffix)?;
        self.change("Set the captions", None, |draft| {
            let url = register(draft, entry);
            for version in item_mut(draft, key)?.versions_mut() {
                version
                    .captions
                    .retain(|caption| caption.language != language);
                version.captions.push(Caption {
                    language,
                    label: caption_label(language).to_owned(),
                    url: url.clone(),
                });
                version
                    .captions
                    .sort_by_key(|caption| caption.language != Language::Sv);
            }
            Ok(())
        })?;
        Ok(read)
    }

    /// Removes the `language` captions of film `key`.
    ///
    /// # Errors
    /// [`Error::UnknownItem`].
    pub fn remove_captions(&mut self, key: &str, language: Language) -> Result<()> {
        self.change("Remove the captions", None, |draft| {
            for version in item_mut(draft, key)?.versions_mut() {
                version
                    .captions
                    .retain(|caption| caption.language != language);
            }
            Ok(())
        })
    }

    /// Marks film `key` as an example film (kiosks label it "Exempelfilm")
    /// or as the real one.
    ///
    /// # Errors
    /// [`Error::UnknownItem`].
    pub fn set_example(&mut self, key: &str, example: bool) -> Result<()> {
        self.change("Change the example label", None, |draft| {
            for version in item_mut(draft, key)?.versions_mut() {
                version.example = example;
            }
            Ok(())
        })
    }

    /// The item `key`, when it is of `kind` (any kind for `None`).
    fn expect_kind(&self, key: &str, kind: Option<Kind>) -> Result<&crate::model::Item> {
        let item = self.draft().item(key).ok_or_else(|| Error::UnknownItem {
            key: key.to_owned(),
        })?;
        match kind {
            Some(kind) if item.kind != kind => Err(Error::WrongKind {
                key: key.to_owned(),
                expected: kind.as_str(),
                found: item.kind.as_str(),
            }),
            _ => Ok(item),
        }
    }
}

/// Adds (or updates) the manifest entry of a stored file; returns its URL.
fn register(draft: &mut Draft, entry: MediaEntry) -> String {
    let url = entry.url.clone();
    match draft.media.iter_mut().find(|known| known.url == url) {
        Some(known) => *known = entry,
        None => draft.media.push(entry),
    }
    url
}

fn set_video(draft: &mut Draft, key: &str, entry: MediaEntry, info: &VideoInfo) -> Result<()> {
    let size = entry.size_in_bytes;
    let url = register(draft, entry);
    for version in item_mut(draft, key)?.versions_mut() {
        version.attachments = vec![Attachment {
            url: url.clone(),
            mime_type: WEBM.to_owned(),
            size_in_bytes: Some(size),
            duration_in_seconds: info.duration_seconds.map(f64::round),
            extra: serde_json::Map::new(),
        }];
    }
    Ok(())
}
