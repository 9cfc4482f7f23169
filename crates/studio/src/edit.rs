//! Edits of the items (texts, and the words of films): each a method of
//! [`Project`] that checks what the editor gave, changes the draft through
//! the one change path of [`crate::project`] (stamped, undoable, saved) and returns what the UI
//! needs to show next. Values a kiosk would refuse are refused here with a
//! message naming the field (see [`crate::checks`] for the field paths);
//! what a kiosk would only drop or strip is reported by the checks.
//! Contacts and the county's details are edited in [`crate::details`],
//! files brought in by [`crate::films`].

use infostand_content::feed::Kind;
use infostand_content::Language;
use serde::Deserialize;

use crate::clock::{self, LocalDateTime};
use crate::error::{Error, Result};
use crate::media::slug;
use crate::model::{Draft, Item, Translation, Version};
use crate::project::Project;
use crate::rich_text::{self, Cleaned};

/// Changes to one language's version of an item; `None` leaves a field as
/// it is, an empty string clears an optional one.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct VersionPatch {
    /// The headline (required: cannot be cleared).
    #[serde(default)]
    pub title: Option<String>,
    /// The summary.
    #[serde(default)]
    pub summary: Option<String>,
    /// The text, HTML from the editor; cleaned as kiosks clean it.
    #[serde(default)]
    pub body_html: Option<String>,
    /// A web page; `www.…` gets `https://`.
    #[serde(default)]
    pub url: Option<String>,
    /// The picture's text alternative.
    #[serde(default)]
    pub image_alt: Option<String>,
}

impl Project {
    /// Adds a text of `kind` (not a film: see [`Project::add_film`]) with
    /// its Swedish headline, at the end of the texts; returns its key. Its
    /// text is written next (a text without one is not shown on kiosks).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] for a film kind or an empty headline.
    pub fn add_text(&mut self, kind: Kind, title_sv: &str) -> Result<String> {
        if kind == Kind::Film {
            return Err(Error::invalid("items", "add a film with its film file"));
        }
        let title = required(title_sv, "items/new/title/sv")?;
        self.change("Add a text", None, |draft| Ok(add_item(draft, kind, title)))
    }

    /// Changes one language's version of `key`, making it when it does not
    /// exist yet (a translation). Returns what cleaning the text removed,
    /// when a text was given.
    ///
    /// # Errors
    /// [`Error::UnknownItem`]; [`Error::InvalidValue`] for an empty
    /// headline or a link that is not a web address; the body errors of
    /// [`rich_text::clean`].
    pub fn update_version(
        &mut self,
        key: &str,
        language: Language,
        patch: VersionPatch,
    ) -> Result<Option<Cleaned>> {
        let lang = language.code();
        let cleaned = patch
            .body_html
            .as_deref()
            .map(|body| rich_text::clean(body, &format!("items/{key}/body/{lang}")))
            .transpose()?;
        let title = patch
            .title
            .as_deref()
            .map(|title| required(title, &format!("items/{key}/title/{lang}")))
            .transpose()?;
        let url = patch
            .url
            .as_deref()
            .map(|url| web_address(url, &format!("items/{key}/url/{lang}")))
            .transpose()?;
        let coalesce = Some(format!("items/{key}/{lang}/{}", patched_fields(&patch)));
        let body = cleaned.as_ref().map(|cleaned| cleaned.html.clone());
        self.change("Edit a text", coalesce, |draft| {
            let ids = all_ids(draft);
            let item = item_mut(draft, key)?;
            if item.version(language).is_none() {
                let title = title.clone().ok_or_else(|| {
                    Error::invalid(
                        format!("items/{key}/title/{lang}"),
                        "a new translation needs a headline",
                    )
                })?;
                let version = translation_of(item, language, title, &ids);
                *item.slot(language) = Some(version);
            }
            let version = item.version_mut(language).ok_or(Error::MissingVersion {
                key: key.to_owned(),
                language,
            })?;
            if let Some(title) = title {
                version.title = title;
            }
            if let Some(summary) = patch.summary {
                version.summary = optional(&summary);
            }
            if let Some(body) = body {
                version.body_html = body;
            }
            if let Some(url) = url {
                version.url = url;
            }
            if let Some(alt) = patch.image_alt {
                version.image_alt = optional(&alt);
            }
            Ok(())
        })?;
        Ok(cleaned)
    }

    /// Removes one language's version of `key` (the other stays).
    ///
    /// # Errors
    /// [`Error::UnknownItem`]; [`Error::InvalidValue`] when it is the only
    /// version (remove the item instead).
    pub fn remove_version(&mut self, key: &str, language: Language) -> Result<()> {
        self.change("Remove a translation", None, |draft| {
            let item = item_mut(draft, key)?;
            if item.versions().count() < 2 {
                return Err(Error::invalid(
                    format!("items/{key}"),
                    "this is its only language; remove the whole item instead",
                ));
            }
            *item.slot(language) = None;
            Ok(())
        })
    }

    /// Removes a text or film in both languages. Its media files stay in
    /// the draft folder (undo can bring it back); publishing leaves them out.
    ///
    /// # Errors
    /// [`Error::UnknownItem`].
    pub fn remove_item(&mut self, key: &str) -> Result<()> {
        self.change("Remove an item", None, |draft| {
            let at = position(draft, key)?;
            draft.items.remove(at);
            draft.attract.retain(|film| film != key);
            Ok(())
        })
    }

    /// Moves `key` to place `to` among the items of its list (texts, or
    /// films), counted from 0; a place past the end is the end.
    ///
    /// # Errors
    /// [`Error::UnknownItem`].
    pub fn move_item(&mut self, key: &str, to: usize) -> Result<()> {
        self.change("Move an item", None, |draft| {
            let from = position(draft, key)?;
            let films = draft.items[from].kind == Kind::Film;
            let item = draft.items.remove(from);
            let same_list: Vec<usize> = (0..draft.items.len())
                .filter(|&at| (draft.items[at].kind == Kind::Film) == films)
                .collect();
            let at = match same_list.get(to) {
                Some(&at) => at,
                None => same_list.last().map_or(draft.items.len(), |&last| last + 1),
            };
            draft.items.insert(at, item);
            Ok(())
        })
    }

    /// Sets when `key` is shown (both languages), on the Swedish clock:
    /// from `from` (included) until `until` (not included); `None` is no
    /// limit. Stored as RFC 3339 with the offset in force.
    ///
    /// # Errors
    /// [`Error::UnknownItem`]; [`Error::InvalidValue`] for an impossible
    /// date or an end not after the start.
    pub fn set_validity(
        &mut self,
        key: &str,
        from: Option<&LocalDateTime>,
        until: Option<&LocalDateTime>,
    ) -> Result<()> {
        let field = format!("items/{key}/validity");
        let from = from
            .map(|at| clock::local_to_rfc3339(at, &field))
            .transpose()?;
        let until = until
            .map(|at| clock::local_to_rfc3339(at, &field))
            .transpose()?;
        if let (Some(start), Some(end)) = (&from, &until) {
            if clock::instant(end) <= clock::instant(start) {
                return Err(Error::invalid(field, "the end must be after the start"));
            }
        }
        self.change("Change when it is shown", None, |draft| {
            for version in item_mut(draft, key)?.versions_mut() {
                version.valid_from = from.clone();
                version.valid_until = until.clone();
            }
            Ok(())
        })
    }

    /// Marks the translations of `key` as matching: nothing is reported
    /// behind until one language changes again.
    ///
    /// # Errors
    /// [`Error::UnknownItem`].
    pub fn confirm_translation(&mut self, key: &str) -> Result<()> {
        self.change("Confirm the translation", None, |draft| {
            item_mut(draft, key)?.translation = Translation::default();
            Ok(())
        })
    }
}

/// Adds a new item with its Swedish version and returns its key.
pub(crate) fn add_item(draft: &mut Draft, kind: Kind, title: String) -> String {
    let stem = slug(&title);
    let key = unique(&stem, |key| draft.item(key).is_some());
    let ids = all_ids(draft);
    let version = new_version(
        unique(&format!("{key}-sv"), |id| {
            ids.iter().any(|known| known == id)
        }),
        title,
    );
    // Films after the last film, texts after the last text.
    let at = draft
        .items
        .iter()
        .rposition(|item| (item.kind == Kind::Film) == (kind == Kind::Film))
        .map_or(draft.items.len(), |last| last + 1);
    draft.items.insert(
        at,
        Item {
            key: key.clone(),
            kind,
            sv: Some(version),
            en: None,
            translation: Translation::default(),
        },
    );
    key
}

fn new_version(id: String, title: String) -> Version {
    Version {
        id,
        title,
        summary: None,
        body_html: String::new(),
        url: None,
        image: None,
        image_alt: None,
        attachments: Vec::new(),
        captions: Vec::new(),
        example: false,
        valid_from: None,
        valid_until: None,
        date_modified: None,
        extra: serde_json::Map::new(),
    }
}

/// A new translation: the other version's media and times, no texts.
fn translation_of(item: &Item, language: Language, title: String, ids: &[String]) -> Version {
    let id = unique(&format!("{}-{}", item.key, language.code()), |id| {
        ids.iter().any(|known| known == id)
    });
    let mut version = new_version(id, title);
    if let Some(other) = item.main() {
        version.image = other.image.clone();
        version.attachments = other.attachments.clone();
        version.captions = other.captions.clone();
        version.example = other.example;
        version.valid_from = other.valid_from.clone();
        version.valid_until = other.valid_until.clone();
    }
    version
}

fn all_ids(draft: &Draft) -> Vec<String> {
    draft
        .items
        .iter()
        .flat_map(|item| item.versions().map(|(_, version)| version.id.clone()))
        .collect()
}

/// `stem`, or `stem-2`, `stem-3`… whichever is not `taken`.
pub(crate) fn unique(stem: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(stem) {
        return stem.to_owned();
    }
    (2u32..)
        .map(|n| format!("{stem}-{n}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| stem.to_owned())
}

pub(crate) fn item_mut<'a>(draft: &'a mut Draft, key: &str) -> Result<&'a mut Item> {
    draft
        .items
        .iter_mut()
        .find(|item| item.key == key)
        .ok_or_else(|| Error::UnknownItem {
            key: key.to_owned(),
        })
}

fn position(draft: &Draft, key: &str) -> Result<usize> {
    draft
        .items
        .iter()
        .position(|item| item.key == key)
        .ok_or_else(|| Error::UnknownItem {
            key: key.to_owned(),
        })
}

fn patched_fields(patch: &VersionPatch) -> String {
    let fields = [
        ("title", patch.title.is_some()),
        ("summary", patch.summary.is_some()),
        ("body", patch.body_html.is_some()),
        ("url", patch.url.is_some()),
        ("image_alt", patch.image_alt.is_some()),
    ];
    let names: Vec<&str> = fields
        .iter()
        .filter(|(_, set)| *set)
        .map(|(name, _)| *name)
        .collect();
    names.join("+")
}

/// A required text, trimmed.
pub(crate) fn required(text: &str, field: &str) -> Result<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::invalid(field, "this cannot be empty"));
    }
    Ok(text.to_owned())
}

/// An optional text, trimmed; empty is none.
pub(crate) fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// A web page's address as kiosks accept it: `http` or `https`, with
/// `www.…` completed to `https://www.…`; empty is none.
pub(crate) fn web_address(text: &str, field: &str) -> Result<Option<String>> {
    let Some(text) = optional(text) else {
        return Ok(None);
    };
    match url::Url::parse(&text) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => Ok(Some(url.to_string())),
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            rich_text::bare_host(&text).map(Some).ok_or_else(|| {
                Error::invalid(
                    field,
                    format!("{text:?} is not a web address; write it as https://…"),
                )
            })
        }
        _ => Err(Error::invalid(
            field,
            format!("{text:?} is not a web address; kiosks open only http and https pages"),
        )),
    }
}
