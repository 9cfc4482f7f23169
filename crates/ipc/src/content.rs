//! One language's view of the campaign, as the UI gets it from the
//! `content` command: built from what a pack shows
//! ([`Pack::present`](infostand_content::Pack::present)), with every media
//! URL resolved to one the webview can play. Everything here is already
//! sanitised: HTML is safe to insert, URLs play as they are.

use std::time::SystemTime;

use infostand_content::feed::{Contact, Organisation};
use infostand_content::{Entry, Language, MediaEntry, Pack, Source};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::news::{NewsSection, NewsSectionView};

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
    /// The news sections beside the campaign, in the config's order; a
    /// channel with nothing to show has none.
    pub news: Vec<NewsSectionView>,
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

impl ContentView {
    /// `pack` and the `news` sections beside it as seen in `language` at
    /// `now`. Media URLs are made absolute by `media_url`, given the
    /// manifest entry (or stored picture) of each; a media reference it
    /// cannot resolve is left out.
    pub fn of(
        pack: &Pack,
        news: &[NewsSection<'_>],
        language: Language,
        now: SystemTime,
        media_url: impl Fn(&MediaEntry) -> String,
    ) -> Self {
        let resolve = |url: &str| pack.media_entry(url).map(&media_url);
        let shown = pack.present(language, now);
        Self {
            language,
            revision: pack.revision(),
            source: pack.source(),
            updated: pack.updated().map(str::to_owned),
            title: pack.title().to_owned(),
            campaign: shown.campaign.map(|entry| article(entry, &resolve)),
            articles: shown
                .articles
                .iter()
                .map(|entry| article(entry, &resolve))
                .collect(),
            method: shown.method.map(|entry| article(entry, &resolve)),
            films: shown
                .films
                .iter()
                .map(|entry| film(entry, &resolve))
                .collect(),
            contacts: pack
                .contacts()
                .iter()
                .map(|contact| ContactView::of(contact, language))
                .collect(),
            organisation: pack.organisation().map(OrganisationView::from),
            attract: shown.attract.iter().map(|key| (*key).to_owned()).collect(),
            news: news
                .iter()
                .filter_map(|section| NewsSectionView::of(section, language, now, &media_url))
                .collect(),
        }
    }
}

impl ContactView {
    /// A contact with its role in `language` when translated, else Swedish.
    pub fn of(contact: &Contact, language: Language) -> Self {
        // A contact without a role is still worth showing; the UI hides an
        // empty role.
        let (role, role_language) = contact
            .role
            .as_ref()
            .map_or(("", Language::Sv), |role| role.get(language));
        Self {
            id: contact.id.clone(),
            name: contact.name.clone(),
            role: role.to_owned(),
            role_language,
            phone: contact.phone.clone(),
            email: contact.email.clone(),
        }
    }
}

impl From<&Organisation> for OrganisationView {
    fn from(organisation: &Organisation) -> Self {
        Self {
            name: organisation.name.clone(),
            visiting_address: organisation.visiting_address.clone(),
            postal_address: organisation.postal_address.clone(),
            organisation_number: organisation.organisation_number.clone(),
            governor: organisation.governor.clone(),
            url: organisation.url.clone(),
        }
    }
}

fn image(entry: &Entry, resolve: &impl Fn(&str) -> Option<String>) -> Option<ImageView> {
    let (url, alt) = entry.image.as_ref()?;
    Some(ImageView {
        url: resolve(url)?,
        alt: alt.clone(),
    })
}

fn article(entry: &Entry, resolve: &impl Fn(&str) -> Option<String>) -> ArticleView {
    ArticleView {
        id: entry.id.clone(),
        key: entry.key.clone(),
        language: entry.language,
        title: entry.title.clone(),
        summary: entry.summary.clone(),
        html: entry.html.clone(),
        date_modified: entry.date_modified().map(str::to_owned),
        url: entry.url.clone(),
        image: image(entry, resolve),
    }
}

fn film(entry: &Entry, resolve: &impl Fn(&str) -> Option<String>) -> FilmView {
    FilmView {
        id: entry.id.clone(),
        key: entry.key.clone(),
        language: entry.language,
        title: entry.title.clone(),
        summary: entry.summary.clone(),
        duration_seconds: entry.duration_seconds,
        example: entry.example,
        poster: image(entry, resolve),
        sources: entry
            .sources
            .iter()
            .filter_map(|(url, mime_type)| {
                Some(MediaSourceView {
                    url: resolve(url)?,
                    mime_type: mime_type.clone(),
                })
            })
            .collect(),
        captions: entry
            .captions
            .iter()
            .filter_map(|caption| {
                Some(CaptionView {
                    language: caption.language,
                    label: caption.label.clone(),
                    url: resolve(&caption.url)?,
                })
            })
            .collect(),
    }
}
