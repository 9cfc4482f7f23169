//! What follows from an edit without the editor doing it: each changed
//! version's `date_modified`, and which language is ahead of the other.
//!
//! **`date_modified`** is set to the edit's time for every version whose
//! content changed (what it shows: title, summary, text, link, picture and
//! its text alternative, film, captions, the example label), and only for
//! those: moving an item, changing when
//! it is shown, or an edit that leaves the text as it was does not touch
//! it. A new version gets the edit's time.
//!
//! **Translations** are followed per field (title, summary, text, text
//! alternative): when one language's field changes and the other's does
//! not, the changed language is *ahead* and the other is reported as
//! older; when the other language's field changes next, they are even
//! again. So writing the Swedish text and then the English one leaves
//! nothing to report, while fixing only the Swedish text reports the
//! English one. An item whose source already had one language changed
//! later (see [`crate::model::Translation::item`]) is even again once the
//! other language is edited. Confirming a translation clears both.

use infostand_content::Language;

use crate::model::{fingerprint, Draft, Item, TextField};

/// Stamps `after` (the draft an edit made from `before`) with `now` where
/// content changed, and follows which language is ahead.
pub fn stamp(before: &Draft, after: &mut Draft, now: &str) {
    for item in &mut after.items {
        let old = before.items.iter().find(|old| old.key == item.key);
        stamp_dates(old, item, now);
        if let Some(old) = old {
            follow_translation(old, item);
        }
    }
}

fn stamp_dates(old: Option<&Item>, item: &mut Item, now: &str) {
    for language in [Language::Sv, Language::En] {
        let previous = old.and_then(|old| old.version(language));
        let Some(version) = item.version_mut(language) else {
            continue;
        };
        let changed = previous.is_none_or(|previous| fingerprint(previous) != fingerprint(version));
        if changed {
            version.date_modified = Some(now.to_owned());
        }
    }
}

fn follow_translation(old: &Item, item: &mut Item) {
    let (Some(sv), Some(en)) = (item.sv.as_ref(), item.en.as_ref()) else {
        // One language alone has nothing to be ahead of; a new translation
        // starts even.
        item.translation = Default::default();
        return;
    };
    if old.sv.is_none() || old.en.is_none() {
        item.translation = Default::default();
        return;
    }
    let changed = |field: TextField, language: Language, now: &str| {
        old.version(language)
            .is_some_and(|old| field.get(old) != now)
    };
    let mut edited = [false, false];
    for field in TextField::ALL {
        let sv_changed = changed(field, Language::Sv, field.get(sv));
        let en_changed = changed(field, Language::En, field.get(en));
        edited[0] |= sv_changed;
        edited[1] |= en_changed;
        let ahead = &mut item.translation.fields;
        match (sv_changed, en_changed) {
            (false, false) => {}
            (true, true) => {
                ahead.remove(&field);
            }
            (true, false) => catch_up(ahead, field, Language::Sv),
            (false, true) => catch_up(ahead, field, Language::En),
        }
    }
    // The older language edited: the item-wide mark from the source's
    // dates has been dealt with.
    if let Some(ahead) = item.translation.item {
        let other = if ahead == Language::Sv { 1 } else { 0 };
        if edited[other] {
            item.translation.item = None;
        }
    }
}

/// `language` changed `field`: if the other language was ahead there, it
/// has now caught up; else `language` is ahead.
fn catch_up(
    ahead: &mut std::collections::BTreeMap<TextField, Language>,
    field: TextField,
    language: Language,
) {
    match ahead.get(&field) {
        Some(&leader) if leader != language => {
            ahead.remove(&field);
        }
        _ => {
            ahead.insert(field, language);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed_io::draft_from_feed;

    const NOW: &str = "2026-12-05T17:00:00+01:00";

    fn campaign() -> Draft {
        draft_from_feed(&infostand_pack::feed_json())
            .expect("the campaign's feed is a pack")
            .0
    }

    fn edit(draft: &Draft, change: impl FnOnce(&mut Draft)) -> Draft {
        let mut after = draft.clone();
        change(&mut after);
        stamp(draft, &mut after, NOW);
        after
    }

    fn sv_title(draft: &mut Draft, title: &str) {
        if let Some(version) = draft.items[1].sv.as_mut() {
            version.title = title.into();
        }
    }

    fn en_title(draft: &mut Draft, title: &str) {
        if let Some(version) = draft.items[1].en.as_mut() {
            version.title = title.into();
        }
    }

    fn date(draft: &Draft, language: Language) -> Option<&str> {
        draft.items[1]
            .version(language)
            .and_then(|version| version.date_modified.as_deref())
    }

    #[test]
    fn only_the_changed_version_gets_a_new_date() {
        let before = campaign();
        let after = edit(&before, |draft| sv_title(draft, "Ny rubrik (exempel)"));
        assert_eq!(
            date(&after, Language::Sv),
            Some(NOW),
            "the changed Swedish version is dated now"
        );
        assert_eq!(
            date(&after, Language::En),
            date(&before, Language::En),
            "the English version did not change, so its date stays"
        );
        assert_eq!(
            after.items[0], before.items[0],
            "other items are untouched, dates included"
        );
    }

    #[test]
    fn moving_or_rescheduling_is_not_a_change_of_content() {
        let before = campaign();
        let after = edit(&before, |draft| {
            draft.items.swap(1, 2);
            if let Some(version) = draft.items[1].sv.as_mut() {
                version.valid_from = Some("2026-12-24".into());
            }
        });
        for item in &after.items {
            let old = before.item(&item.key).expect("the same items");
            for (language, version) in item.versions() {
                assert_eq!(
                    version.date_modified,
                    old.version(language).and_then(|v| v.date_modified.clone()),
                    "{}: neither the order nor the validity is content",
                    item.key
                );
            }
        }
    }

    #[test]
    fn a_translation_is_ahead_until_the_other_language_follows() {
        let start = campaign();
        let swedish = edit(&start, |draft| sv_title(draft, "Ny rubrik (exempel)"));
        assert_eq!(
            swedish.items[1].translation.fields.get(&TextField::Title),
            Some(&Language::Sv),
            "Swedish changed alone, so English is behind on the title"
        );
        let both = edit(&swedish, |draft| en_title(draft, "New headline (example)"));
        assert!(
            both.items[1].translation.is_empty(),
            "English followed, so the two are even again"
        );
        let english_only = edit(&both, |draft| en_title(draft, "Another headline (example)"));
        assert_eq!(
            english_only.items[1]
                .translation
                .fields
                .get(&TextField::Title),
            Some(&Language::En),
            "a change in English alone puts English ahead"
        );
    }
}
