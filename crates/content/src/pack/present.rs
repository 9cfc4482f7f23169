//! Building one language's [`ContentView`] of a pack at a given instant:
//! leaving out items outside their validity, choosing a translation per key,
//! resolving media URLs, hiding what is empty.

use std::collections::HashMap;
use std::time::SystemTime;

use crate::feed::{Kind, MediaEntry};
use crate::sanitise;
use crate::validity::{self, Timestamp};
use crate::view::{
    ArticleView, CaptionView, ContactView, ContentView, FilmView, ImageView, Language,
    MediaSourceView, OrganisationView,
};

use super::entry::{non_blank, Entry};
use super::Pack;

impl Pack {
    /// The pack as seen in `language` now; see [`Pack::view_at`].
    pub fn view(
        &self,
        language: Language,
        media_url: impl Fn(&MediaEntry) -> String,
    ) -> ContentView {
        self.view_at(language, SystemTime::now(), media_url)
    }

    /// The pack as seen in `language` at the instant `now`.
    ///
    /// Items outside their `valid_from` / `valid_until` at `now` are left
    /// out first. Each thing (items sharing a `_infostand.key`) is then
    /// shown in `language` when translated, else in Swedish, else in
    /// whatever language it has; the item's own `language` says which. So a
    /// translation that is not valid yet falls back like a missing one.
    /// Media URLs are turned into absolute ones by `media_url`, given the
    /// manifest entry of each relative URL.
    pub fn view_at(
        &self,
        language: Language,
        now: SystemTime,
        media_url: impl Fn(&MediaEntry) -> String,
    ) -> ContentView {
        let resolve = |url: &str| self.media_entry(url).map(&media_url);
        let mut campaign = None;
        let mut method = None;
        let mut articles = Vec::new();
        let mut films = Vec::new();
        for entry in self.choose(language, validity::timestamp(now)) {
            match entry.kind {
                Kind::Campaign => {
                    campaign = campaign.or_else(|| Some(article(entry, &resolve)));
                }
                Kind::Method => method = method.or_else(|| Some(article(entry, &resolve))),
                Kind::Article => articles.push(article(entry, &resolve)),
                Kind::Film => films.push(film(entry, &resolve)),
            }
        }
        let attract = attract_keys(&self.attract, &films);
        ContentView {
            attract,
            language,
            revision: self.revision,
            source: self.source,
            updated: self.updated.clone(),
            title: self.title.clone(),
            campaign,
            articles,
            method,
            films,
            contacts: self
                .contacts
                .iter()
                .map(|contact| {
                    // A contact without a role is still worth showing;
                    // the UI hides an empty role.
                    let (role, role_language) = contact
                        .role
                        .as_ref()
                        .map_or(("", Language::Sv), |role| role.get(language));
                    ContactView {
                        id: contact.id.clone(),
                        name: contact.name.clone(),
                        role: role.to_owned(),
                        role_language,
                        phone: non_blank(contact.phone.clone()),
                        email: non_blank(contact.email.clone()),
                    }
                })
                .collect(),
            organisation: self
                .organisation
                .as_ref()
                .map(|organisation| OrganisationView {
                    name: organisation.name.clone(),
                    visiting_address: non_blank(organisation.visiting_address.clone()),
                    postal_address: non_blank(organisation.postal_address.clone()),
                    organisation_number: non_blank(organisation.organisation_number.clone()),
                    governor: non_blank(organisation.governor.clone()),
                    url: non_blank(organisation.url.clone()),
                }),
        }
    }

    /// The sorted ids of the items shown at `now` in some language: what
    /// [`Pack::view_at`] would show in Swedish and in English together,
    /// without building the views (which copy every body).
    pub fn shown_ids_at(&self, now: SystemTime) -> Vec<String> {
        let now = validity::timestamp(now);
        let mut ids: Vec<String> = [Language::Sv, Language::En]
            .into_iter()
            .flat_map(|language| self.choose(language, now))
            .map(|entry| entry.id.clone())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The first instant after `now` at which an item appears or
    /// disappears, so the app can render again exactly then (without a
    /// sync). `None` when no item's validity changes after `now`.
    pub fn next_change_after(&self, now: SystemTime) -> Option<SystemTime> {
        let now = validity::timestamp(now);
        self.entries
            .iter()
            .filter_map(|entry| entry.validity.next_change_after(now))
            .min()
            .map(validity::system_time)
    }

    /// One entry per key among those valid at `now`, in the order keys
    /// first appear in the feed.
    fn choose(&self, language: Language, now: Timestamp) -> Vec<&Entry> {
        let mut order: Vec<&str> = Vec::new();
        let mut chosen: HashMap<&str, &Entry> = HashMap::new();
        for entry in self
            .entries
            .iter()
            .filter(|entry| entry.validity.contains(now))
        {
            let rank = |candidate: &Entry| match candidate.language {
                found if found == language => 0,
                Language::Sv => 1,
                Language::En => 2,
            };
            match chosen.get(entry.key.as_str()) {
                None => {
                    order.push(&entry.key);
                    chosen.insert(&entry.key, entry);
                }
                Some(current) if rank(entry) < rank(current) => {
                    chosen.insert(&entry.key, entry);
                }
                Some(_) => {}
            }
        }
        order
            .into_iter()
            .filter_map(|key| chosen.get(key).copied())
            .collect()
    }
}

/// The feed's attract keys that name a film in `films`, in the feed's
/// order; every film's key when none does, so a kiosk always has a loop.
fn attract_keys(named: &[String], films: &[FilmView]) -> Vec<String> {
    let shown: Vec<String> = named
        .iter()
        .filter(|key| films.iter().any(|film| &film.key == *key))
        .cloned()
        .collect();
    if shown.is_empty() {
        films.iter().map(|film| film.key.clone()).collect()
    } else {
        shown
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
        date_modified: entry.modified.as_ref().map(|(_, text)| text.clone()),
        url: entry.url.clone(),
        image: image(entry, resolve),
    }
}

fn film(entry: &Entry, resolve: &impl Fn(&str) -> Option<String>) -> FilmView {
    // A film's body is its description; without a summary, its text is the
    // best one-line account of what the film is about.
    let summary = entry
        .summary
        .clone()
        .or_else(|| Some(sanitise::plain_text(&entry.html)).filter(|text| !text.is_empty()));
    FilmView {
        id: entry.id.clone(),
        key: entry.key.clone(),
        language: entry.language,
        title: entry.title.clone(),
        summary,
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
