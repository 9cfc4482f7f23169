//! What a pack shows in one language at a given instant: leaving out items
//! outside their validity, choosing a translation per key, and the films
//! of the kiosk's attract loop. The UI's view of it is built from this by
//! the contract crate (`infostand-ipc`).

use std::collections::HashMap;
use std::time::SystemTime;

use crate::feed::Kind;
use crate::validity::{self, Timestamp};
use crate::Language;

use super::entry::Entry;
use super::Pack;

/// One language's choice of a pack's items at one instant, in feed order.
#[derive(Debug, Clone)]
pub struct Presentation<'a> {
    /// The language asked for; an entry missing in it falls back to
    /// Swedish, else to whatever language it has, and its own `language`
    /// says which.
    pub language: Language,
    /// The start screen's message, if the pack has one.
    pub campaign: Option<&'a Entry>,
    /// "Om arbetsmetoden", if the pack has it.
    pub method: Option<&'a Entry>,
    /// The articles.
    pub articles: Vec<&'a Entry>,
    /// The films.
    pub films: Vec<&'a Entry>,
    /// The keys of the films the kiosk's attract loop plays, in order: the
    /// feed's `_infostand.attract` narrowed to films shown, or every film's
    /// key when it names none of them, so a kiosk always has a loop.
    pub attract: Vec<&'a str>,
}

impl Pack {
    /// The pack as seen in `language` at the instant `now`.
    ///
    /// Items outside their `valid_from` / `valid_until` at `now` are left
    /// out first. Each thing (items sharing a `_infostand.key`) is then
    /// shown in `language` when translated, else in Swedish, else in
    /// whatever language it has. So a translation that is not valid yet
    /// falls back like a missing one.
    pub fn present(&self, language: Language, now: SystemTime) -> Presentation<'_> {
        let mut shown = Presentation {
            language,
            campaign: None,
            method: None,
            articles: Vec::new(),
            films: Vec::new(),
            attract: Vec::new(),
        };
        for entry in self.choose(language, validity::timestamp(now)) {
            match entry.kind {
                Kind::Campaign => shown.campaign = shown.campaign.or(Some(entry)),
                Kind::Method => shown.method = shown.method.or(Some(entry)),
                Kind::Article => shown.articles.push(entry),
                Kind::Film => shown.films.push(entry),
            }
        }
        shown.attract = attract_keys(&self.attract, &shown.films);
        shown
    }

    /// The sorted ids of the items shown at `now` in some language: what
    /// [`Pack::present`] would show in Swedish and in English together.
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
/// order; every film's key when none does.
fn attract_keys<'a>(named: &'a [String], films: &[&'a Entry]) -> Vec<&'a str> {
    let shown: Vec<&str> = named
        .iter()
        .filter(|key| films.iter().any(|film| &film.key == *key))
        .map(String::as_str)
        .collect();
    if shown.is_empty() {
        films.iter().map(|film| film.key.as_str()).collect()
    } else {
        shown
    }
}
