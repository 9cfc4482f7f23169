//! What changed since the last publish, item by item: texts, films and
//! contacts added, changed (naming the languages and fields) or removed,
//! and whether the county's details changed. Dates are not changes of
//! their own (they follow the content), nor are ids.

use infostand_content::feed::{Contact, Kind};
use infostand_content::Language;
use serde::Serialize;

use crate::model::{Draft, Item, Version};

/// The changes between two publishes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Diff {
    /// The revision compared with; `None` for a first publish (then
    /// everything is added).
    pub previous_revision: Option<u64>,
    /// Texts (start message, articles, the method page).
    pub texts: Vec<Change>,
    /// Films.
    pub films: Vec<Change>,
    /// Contacts.
    pub contacts: Vec<Change>,
    /// Whether the county's details changed.
    pub organisation: bool,
}

/// One item's or contact's change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Added, changed or removed.
    pub change: ChangeKind,
    /// The item's key or the contact's id.
    pub id: String,
    /// Its title (Swedish first) or the contact's name.
    pub title: String,
    /// For an item: the languages that changed.
    pub languages: Vec<Language>,
    /// What changed: `title`, `summary`, `body`, `url`, `image`,
    /// `image_alt`, `video`, `captions`, `example`, `validity`, `version`
    /// (a language added or removed); for a contact `name`, `role`,
    /// `phone`, `email`.
    pub fields: Vec<&'static str>,
}

/// What happened to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// New since the last publish.
    Added,
    /// Changed.
    Changed,
    /// Gone.
    Removed,
}

/// The changes from `previous` (at `previous_revision`) to `current`.
pub fn diff(previous: Option<&Draft>, previous_revision: Option<u64>, current: &Draft) -> Diff {
    let empty = Draft {
        items: Vec::new(),
        contacts: Vec::new(),
        organisation: None,
        ..current.clone()
    };
    let old = previous.unwrap_or(&empty);
    let mut out = Diff {
        previous_revision,
        organisation: old.organisation != current.organisation && previous.is_some(),
        ..Diff::default()
    };
    for item in &current.items {
        let change = match old.item(&item.key) {
            None => Some(item_change(
                ChangeKind::Added,
                item,
                item.versions().map(|(l, _)| l).collect(),
                Vec::new(),
            )),
            Some(before) => changed_item(before, item),
        };
        push(&mut out, item.kind, change);
    }
    for item in old
        .items
        .iter()
        .filter(|item| current.item(&item.key).is_none())
    {
        let change = item_change(
            ChangeKind::Removed,
            item,
            item.versions().map(|(l, _)| l).collect(),
            Vec::new(),
        );
        push(&mut out, item.kind, Some(change));
    }
    for contact in &current.contacts {
        match old.contact(&contact.id) {
            None => out
                .contacts
                .push(contact_change(ChangeKind::Added, contact, Vec::new())),
            Some(before) => {
                let fields = contact_fields(before, contact);
                if !fields.is_empty() {
                    out.contacts
                        .push(contact_change(ChangeKind::Changed, contact, fields));
                }
            }
        }
    }
    for contact in old
        .contacts
        .iter()
        .filter(|c| current.contact(&c.id).is_none())
    {
        out.contacts
            .push(contact_change(ChangeKind::Removed, contact, Vec::new()));
    }
    out
}

fn push(out: &mut Diff, kind: Kind, change: Option<Change>) {
    if let Some(change) = change {
        if kind == Kind::Film {
            out.films.push(change);
        } else {
            out.texts.push(change);
        }
    }
}

fn item_change(
    change: ChangeKind,
    item: &Item,
    languages: Vec<Language>,
    fields: Vec<&'static str>,
) -> Change {
    Change {
        change,
        id: item.key.clone(),
        title: item.title().to_owned(),
        languages,
        fields,
    }
}

fn changed_item(before: &Item, after: &Item) -> Option<Change> {
    let mut languages = Vec::new();
    let mut fields: Vec<&'static str> = Vec::new();
    for language in [Language::Sv, Language::En] {
        let changed = match (before.version(language), after.version(language)) {
            (None, None) => Vec::new(),
            (Some(_), None) | (None, Some(_)) => vec!["version"],
            (Some(old), Some(new)) => version_fields(old, new),
        };
        if !changed.is_empty() {
            languages.push(language);
            for field in changed {
                if !fields.contains(&field) {
                    fields.push(field);
                }
            }
        }
    }
    (!fields.is_empty()).then(|| item_change(ChangeKind::Changed, after, languages, fields))
}

fn version_fields(old: &Version, new: &Version) -> Vec<&'static str> {
    let checks: [(&'static str, bool); 10] = [
        ("title", old.title != new.title),
        ("summary", old.summary != new.summary),
        ("body", old.body_html != new.body_html),
        ("url", old.url != new.url),
        ("image", old.image != new.image),
        ("image_alt", old.image_alt != new.image_alt),
        ("video", urls(&old.attachments) != urls(&new.attachments)),
        ("captions", old.captions != new.captions),
        ("example", old.example != new.example),
        (
            "validity",
            (&old.valid_from, &old.valid_until) != (&new.valid_from, &new.valid_until),
        ),
    ];
    checks
        .into_iter()
        .filter(|(_, changed)| *changed)
        .map(|(name, _)| name)
        .collect()
}

fn urls(attachments: &[crate::model::Attachment]) -> Vec<&str> {
    attachments
        .iter()
        .map(|attachment| attachment.url.as_str())
        .collect()
}

fn contact_change(change: ChangeKind, contact: &Contact, fields: Vec<&'static str>) -> Change {
    Change {
        change,
        id: contact.id.clone(),
        title: contact.name.clone(),
        languages: Vec::new(),
        fields,
    }
}

fn contact_fields(old: &Contact, new: &Contact) -> Vec<&'static str> {
    [
        ("name", old.name != new.name),
        ("role", old.role != new.role),
        ("phone", old.phone != new.phone),
        ("email", old.email != new.email),
    ]
    .into_iter()
    .filter(|(_, changed)| *changed)
    .map(|(name, _)| name)
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn campaign() -> Draft {
        crate::feed_io::draft_from_feed(&infostand_pack::feed_json())
            .expect("the campaign's feed is a pack")
            .0
    }

    #[test]
    fn a_first_publish_adds_everything() {
        let draft = campaign();
        let diff = diff(None, None, &draft);
        assert_eq!(
            diff.texts.len() + diff.films.len(),
            draft.items.len(),
            "every item is new"
        );
        assert!(
            diff.films
                .iter()
                .all(|change| change.change == ChangeKind::Added),
            "films are listed as films, added"
        );
        assert!(
            !diff.organisation,
            "nothing to compare the details with is not a change"
        );
    }

    #[test]
    fn changes_name_their_languages_and_fields() {
        let before = campaign();
        let mut after = before.clone();
        if let Some(version) = after.items[1].en.as_mut() {
            version.title = "Changed (example)".into();
            version.date_modified = Some("2027-01-01T00:00:00+01:00".into());
        }
        after.items.remove(0);
        after.contacts[0].phone = Some("0611-00 00 00".into());
        let diff = diff(Some(&before), Some(7), &after);
        assert_eq!(
            diff.previous_revision,
            Some(7),
            "the comparison names what it compares with"
        );
        let changed = diff
            .texts
            .iter()
            .find(|c| c.change == ChangeKind::Changed)
            .expect("one text changed");
        assert_eq!(
            (changed.languages.clone(), changed.fields.clone()),
            (vec![Language::En], vec!["title"]),
            "only the English title changed; the date follows it and is not listed"
        );
        assert!(
            diff.texts
                .iter()
                .any(|c| c.change == ChangeKind::Removed && c.id == before.items[0].key),
            "the removed text is listed"
        );
        assert_eq!(
            diff.contacts.len(),
            1,
            "the contact with a new phone number is listed"
        );
        assert_eq!(
            diff.contacts[0].fields,
            ["phone"],
            "and what changed about it"
        );
    }
}
