//! The news sections beside the campaign, as the UI gets them inside the
//! [`ContentView`](crate::ContentView): each configured channel's stored
//! items, the newest first, minus those older than its `max_age` at the
//! moment of viewing, with their pictures on the loopback media server.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use infostand_content::{Language, MediaEntry};
use infostand_sync::StoredNews;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::content::ImageView;

/// A channel as the app shows it: its configured titles and age limit,
/// and its items as last stored.
#[derive(Debug, Clone, Copy)]
pub struct NewsSection<'a> {
    /// The channel's id (its folder under `news/`).
    pub id: &'a str,
    /// The section's title in Swedish, when configured.
    pub title_sv: Option<&'a str>,
    /// The section's title in English, when configured.
    pub title_en: Option<&'a str>,
    /// Items older than this are left out; `None` shows them however old.
    pub max_age: Option<Duration>,
    /// The channel's items as last stored.
    pub stored: &'a StoredNews,
}

/// One news section in one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NewsSectionView {
    /// The channel's id, stable across starts.
    pub id: String,
    /// The section's title: the configured one in the view's language
    /// (else the Swedish one), else the feed's own title; `None` when
    /// there is neither, and the UI says "Aktuellt" / "News".
    pub title: Option<String>,
    /// The language `title` is written in, when it is a configured one.
    pub title_language: Option<Language>,
    /// The items, the newest first.
    pub items: Vec<NewsItemView>,
}

/// One news item, sanitised and resolved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NewsItemView {
    /// Its id, unique in its section.
    pub id: String,
    /// The headline.
    pub title: String,
    /// True when the feed gave no title and this one was made from the
    /// item's first words.
    pub title_derived: bool,
    /// A short summary as plain text, if the feed gives one.
    pub summary: Option<String>,
    /// Sanitised HTML body; insert as it is.
    pub html: String,
    /// The item's page on the web, if any.
    pub url: Option<String>,
    /// When it was published, RFC 3339, if known.
    pub date: Option<String>,
    /// Its language's primary subtag, e.g. `sv`, for the `lang` attribute.
    pub language: String,
    /// Its picture, served from loopback, if it has one.
    pub image: Option<ImageView>,
}

impl NewsSectionView {
    /// `section` in `language` at `now`; `None` when no item is left to
    /// show. Picture URLs come from `media_url`, given each stored file.
    pub fn of(
        section: &NewsSection<'_>,
        language: Language,
        now: SystemTime,
        media_url: &impl Fn(&MediaEntry) -> String,
    ) -> Option<Self> {
        let oldest = section
            .max_age
            .and_then(|age| now.checked_sub(age))
            .and_then(|at| at.duration_since(UNIX_EPOCH).ok())
            .and_then(|since| i64::try_from(since.as_secs()).ok());
        let items: Vec<NewsItemView> = section
            .stored
            .items
            .iter()
            // An undated item cannot be too old: it stays until the feed
            // drops it.
            .filter(|item| match (oldest, item.timestamp) {
                (Some(oldest), Some(at)) => at >= oldest,
                _ => true,
            })
            .map(|item| NewsItemView {
                id: item.id.clone(),
                title: item.title.clone(),
                title_derived: item.title_derived,
                summary: item.summary.clone(),
                html: item.html.clone(),
                url: item.url.clone(),
                date: item.date.clone(),
                language: item.language.clone(),
                image: section.stored.image(item).map(|entry| ImageView {
                    url: media_url(entry),
                    alt: item
                        .image
                        .as_ref()
                        .map(|image| image.alt.clone())
                        .unwrap_or_default(),
                }),
            })
            .collect();
        if items.is_empty() {
            return None;
        }
        let configured = match language {
            Language::Sv => section.title_sv.map(|title| (title, Language::Sv)),
            Language::En => section
                .title_en
                .map(|title| (title, Language::En))
                .or_else(|| section.title_sv.map(|title| (title, Language::Sv))),
        };
        let (title, title_language) = match configured {
            Some((title, language)) => (Some(title.to_owned()), Some(language)),
            None => (section.stored.title.clone(), None),
        };
        Some(Self {
            id: section.id.to_owned(),
            title,
            title_language,
            items,
        })
    }
}
