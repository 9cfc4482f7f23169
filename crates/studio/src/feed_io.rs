//! Between the feed document (`feed.json`, docs/feed-format.md) and a
//! [`Draft`]: reading a content folder's feed into a draft, and writing a
//! draft back as the feed `infostand-publish build` publishes.
//!
//! Reading is lenient where the kiosk is (it checks the content later, with
//! the kiosk's own loader) but never silent: an item the Studio cannot
//! place (no `_infostand`, a language other than Swedish or English) is
//! left out with a note, as a kiosk drops it too. Writing lists in the
//! manifest only the media files items refer to, and puts each text's
//! Swedish item before its English one.

use infostand_content::feed::{Caption, Contact, Kind, MediaEntry, Organisation};
use infostand_content::{sanitise, Language};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::model::{Attachment, Draft, Item, Translation, Version};

/// What a feed item becomes, and comes from: the item with the fields the
/// Studio edits, in the order the campaign's feed writes them.
#[derive(Debug, Serialize, Deserialize)]
struct ItemDoc {
    id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    content_html: Option<String>,
    #[serde(default, skip_serializing)]
    content_text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    attachments: Vec<Attachment>,
    #[serde(
        rename = "_infostand",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    infostand: Option<ItemExtensionDoc>,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

/// The item's `_infostand`, closed as the format has it.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemExtensionDoc {
    key: String,
    kind: Kind,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    example: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    image_alt: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    captions: Vec<Caption>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    valid_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    valid_until: Option<String>,
}

/// The feed's `_infostand`, as read.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FeedExtensionDoc {
    format: u32,
    revision: u64,
    #[serde(default)]
    organisation: Option<Organisation>,
    #[serde(default)]
    contacts: Vec<Contact>,
    #[serde(default)]
    media: Vec<MediaEntry>,
    #[serde(default)]
    attract: Vec<String>,
}

/// Reads a feed document into a draft, with a note for everything left
/// out or changed on the way.
///
/// # Errors
/// A sentence saying why the document cannot be a pack at all (not JSON,
/// no `items` list, no or a malformed `_infostand`).
pub fn draft_from_feed(bytes: &[u8]) -> Result<(Draft, Vec<String>), String> {
    let document: Value =
        serde_json::from_slice(bytes).map_err(|error| format!("it is not valid JSON: {error}"))?;
    let Value::Object(mut head) = document else {
        return Err("it is not a JSON object".into());
    };
    let items = match head.remove("items") {
        Some(Value::Array(items)) => items,
        _ => return Err("it has no \"items\" list".into()),
    };
    let extension = head
        .remove("_infostand")
        .ok_or("it has no \"_infostand\" object: it is a plain JSON Feed, not an Infostand pack")?;
    let extension: FeedExtensionDoc = serde_json::from_value(extension)
        .map_err(|error| format!("its \"_infostand\" object is malformed: {error}"))?;
    let feed_language = head
        .get("language")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let mut notes = Vec::new();
    let mut draft = Draft {
        head,
        format: extension.format,
        revision: extension.revision,
        organisation: extension.organisation,
        contacts: extension.contacts,
        items: Vec::new(),
        attract: extension.attract,
        media: extension.media,
    };
    for (index, raw) in items.into_iter().enumerate() {
        if let Err(note) = place(&mut draft.items, raw, feed_language.as_deref()) {
            notes.push(format!("items[{index}] {note}; kiosks leave it out too"));
        }
    }
    mark_older_translations(&mut draft.items);
    Ok((draft, notes))
}

/// Puts one feed item into its [`Item`], or says why it cannot.
fn place(items: &mut Vec<Item>, raw: Value, feed_language: Option<&str>) -> Result<(), String> {
    let doc: ItemDoc =
        serde_json::from_value(raw).map_err(|error| format!("cannot be read: {error}"))?;
    let id = doc.id.clone();
    let extension = doc
        .infostand
        .ok_or(format!("(id {id:?}) has no _infostand object"))?;
    let code = doc.language.as_deref().or(feed_language).unwrap_or("sv");
    let language = Language::from_code(code).ok_or(format!(
        "(id {id:?}) is in {code:?}, neither Swedish nor English"
    ))?;
    let body_html = match (doc.content_html, doc.content_text) {
        (Some(html), _) if !html.trim().is_empty() => html,
        (_, Some(text)) => sanitise::text_to_html(&text),
        (html, None) => html.unwrap_or_default(),
    };
    let version = Version {
        id: doc.id,
        title: doc.title.unwrap_or_default(),
        summary: doc.summary,
        body_html,
        url: doc.url,
        image: doc.image,
        image_alt: extension.image_alt,
        attachments: doc.attachments,
        captions: extension.captions,
        example: extension.example,
        valid_from: extension.valid_from,
        valid_until: extension.valid_until,
        date_modified: doc.date_modified,
        extra: doc.extra,
    };
    let at = match items.iter().position(|item| item.key == extension.key) {
        Some(at) => at,
        None => {
            items.push(Item {
                key: extension.key.clone(),
                kind: extension.kind,
                sv: None,
                en: None,
                translation: Translation::default(),
            });
            items.len() - 1
        }
    };
    let item = &mut items[at];
    if item.kind != extension.kind {
        return Err(format!(
            "(id {id:?}) is a {} but its key {:?} is a {}",
            extension.kind.as_str(),
            item.key,
            item.kind.as_str()
        ));
    }
    let slot = item.slot(language);
    if slot.is_some() {
        return Err(format!(
            "(id {id:?}) repeats key {:?} in language {:?}",
            extension.key,
            language.code()
        ));
    }
    *slot = Some(version);
    Ok(())
}

/// Marks the item whose one language's `date_modified` is later than the
/// other's: that language changed after the other, before the Studio saw
/// it (see [`Translation::item`]).
fn mark_older_translations(items: &mut [Item]) {
    for item in items {
        let dates = [Language::Sv, Language::En].map(|language| {
            item.version(language)
                .and_then(|version| version.date_modified.as_deref())
                .and_then(crate::clock::instant)
        });
        item.translation.item = match dates {
            [Some(sv), Some(en)] if sv > en => Some(Language::Sv),
            [Some(sv), Some(en)] if en > sv => Some(Language::En),
            _ => None,
        };
    }
}

/// Where each feed item came from: its item's key and language, in feed
/// order, so a problem the loader names by index can be shown on its field.
pub type ItemIndex = Vec<(String, Language)>;

/// The feed document of `draft`, and which item each of its items is.
pub fn feed_from_draft(draft: &Draft) -> (Value, ItemIndex) {
    let mut items = Vec::new();
    let mut index = Vec::new();
    for item in &draft.items {
        for (language, version) in item.versions() {
            items.push(item_doc(item, language, version));
            index.push((item.key.clone(), language));
        }
    }
    let referenced = draft.referenced_media();
    let media: Vec<&MediaEntry> = draft
        .media
        .iter()
        .filter(|entry| referenced.contains(&entry.url))
        .collect();
    let mut extension = Map::new();
    extension.insert("format".into(), Value::from(draft.format));
    extension.insert("revision".into(), Value::from(draft.revision.max(1)));
    if let Some(organisation) = &draft.organisation {
        extension.insert("organisation".into(), without_nulls(organisation));
    }
    if !draft.contacts.is_empty() {
        let contacts = draft.contacts.iter().map(without_nulls).collect();
        extension.insert("contacts".into(), Value::Array(contacts));
    }
    if !media.is_empty() {
        extension.insert(
            "media".into(),
            serde_json::to_value(media).unwrap_or_default(),
        );
    }
    if !draft.attract.is_empty() {
        extension.insert("attract".into(), Value::from(draft.attract.clone()));
    }
    let mut document = draft.head.clone();
    document.insert("items".into(), Value::Array(items));
    document.insert("_infostand".into(), Value::Object(extension));
    (Value::Object(document), index)
}

/// The feed document's bytes, pretty-printed with a final newline as the
/// campaign's own `feed.json` is.
pub fn feed_bytes(draft: &Draft) -> Vec<u8> {
    let (document, _) = feed_from_draft(draft);
    let mut bytes = serde_json::to_vec_pretty(&document).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

fn item_doc(item: &Item, language: Language, version: &Version) -> Value {
    let doc = ItemDoc {
        id: version.id.clone(),
        language: Some(language.code().to_owned()),
        title: Some(version.title.clone()),
        summary: version
            .summary
            .clone()
            .filter(|text| !text.trim().is_empty()),
        content_html: Some(version.body_html.clone()),
        content_text: None,
        date_modified: version.date_modified.clone(),
        url: version.url.clone().filter(|url| !url.trim().is_empty()),
        image: version.image.clone(),
        attachments: version.attachments.clone(),
        infostand: Some(ItemExtensionDoc {
            key: item.key.clone(),
            kind: item.kind,
            example: version.example,
            image_alt: version
                .image_alt
                .clone()
                .filter(|alt| !alt.trim().is_empty()),
            captions: version.captions.clone(),
            valid_from: version.valid_from.clone(),
            valid_until: version.valid_until.clone(),
        }),
        extra: version.extra.clone(),
    };
    serde_json::to_value(doc).unwrap_or_default()
}

/// An object with its `null` fields left out: the format allows either,
/// and the campaign's feed omits what is unknown.
fn without_nulls<T: Serialize>(value: &T) -> Value {
    match serde_json::to_value(value) {
        Ok(Value::Object(map)) => Value::Object(
            map.into_iter()
                .filter(|(_, value)| !value.is_null())
                .map(|(key, value)| (key, strip_nested_nulls(value)))
                .collect(),
        ),
        Ok(other) => other,
        Err(_) => Value::Null,
    }
}

fn strip_nested_nulls(value: Value) -> Value {
    match value {
        Value::Object(_) => without_nulls(&value),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn campaign() -> (Draft, Vec<String>) {
        draft_from_feed(&infostand_pack::feed_json()).expect("the campaign's feed is a pack")
    }

    #[test]
    fn the_campaign_groups_its_languages_and_loses_nothing() {
        let (draft, notes) = campaign();
        assert!(
            notes.is_empty(),
            "every campaign item has a place: {notes:?}"
        );
        assert!(
            draft
                .items
                .iter()
                .all(|item| item.sv.is_some() && item.en.is_some()),
            "every campaign text and film is in Swedish and English"
        );
        let original: Value =
            serde_json::from_slice(&infostand_pack::feed_json()).expect("the feed is JSON");
        let (written, index) = feed_from_draft(&draft);
        assert_eq!(
            written, original,
            "a draft written back unchanged is the campaign's feed, field for field"
        );
        assert_eq!(
            index.len(),
            original["items"].as_array().map_or(0, Vec::len),
            "every feed item is indexed to its draft item"
        );
    }

    #[test]
    fn plain_text_bodies_become_html_and_odd_items_are_noted() {
        let feed = serde_json::json!({
            "version": "https://jsonfeed.org/version/1.1", "title": "t", "language": "sv",
            "items": [
                {"id": "a", "title": "A", "content_text": "x < y", "_infostand": {"key": "a", "kind": "article"}},
                {"id": "b", "title": "B", "content_html": "<p>b</p>"},
                {"id": "c", "language": "fi", "title": "C", "content_html": "<p>c</p>", "_infostand": {"key": "c", "kind": "article"}}
            ],
            "_infostand": {"format": 1, "revision": 3}
        });
        let (draft, notes) =
            draft_from_feed(feed.to_string().as_bytes()).expect("the document is a pack");
        assert_eq!(
            draft.items[0].sv.as_ref().map(|v| v.body_html.as_str()),
            Some("<p>x &lt; y</p>"),
            "plain text is escaped into paragraphs, as the kiosk shows it"
        );
        assert_eq!(
            notes.len(),
            2,
            "the item without _infostand and the Finnish one are named: {notes:?}"
        );
        assert!(
            notes[0].starts_with("items[1]"),
            "notes name the item's place: {notes:?}"
        );
    }

    #[test]
    fn a_later_language_is_marked_ahead() {
        let (mut draft, _) = campaign();
        if let Some(version) = draft.items[0].sv.as_mut() {
            version.date_modified = Some("2026-12-01T12:00:00+01:00".into());
        }
        let bytes = feed_bytes(&draft);
        let (read, _) = draft_from_feed(&bytes).expect("a written draft reads back");
        assert_eq!(
            read.items[0].translation.item,
            Some(Language::Sv),
            "Swedish changed after English in the source, so English may be behind"
        );
        assert_eq!(
            read.items[1].translation.item, None,
            "items changed in both languages at once are not marked"
        );
    }
}
