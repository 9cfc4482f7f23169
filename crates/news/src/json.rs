//! JSON Feed 1.0 and 1.1, read item by item from the JSON value, so one
//! item with a field of the wrong type costs only that field (or that
//! item), never the feed. A numeric `id` is read as its digits.

use serde_json::{Map, Value};
use url::Url;

use crate::date;
use crate::item::{text_of_html, Body, DateField, Items, RawItem};
use crate::{Error, Format, NewsFeed, Result, MAX_ITEMS_READ};

/// The version URLs JSON Feed has had.
const VERSIONS: [&str; 2] = [
    "https://jsonfeed.org/version/1",
    "https://jsonfeed.org/version/1.1",
];

/// Reads a JSON Feed document.
pub(crate) fn read(bytes: &[u8], base: Option<&Url>) -> Result<NewsFeed> {
    let document: Value = serde_json::from_slice(bytes)
        .map_err(|error| Error::Json(format!("it is not valid JSON ({error})")))?;
    let Value::Object(feed) = document else {
        return Err(Error::Json("it is JSON, but not an object".into()));
    };
    let Some(Value::Array(entries)) = feed.get("items") else {
        return Err(Error::Json("it has no `items` array".into()));
    };
    let feed_url = text(&feed, "feed_url").and_then(|url| Url::parse(&url).ok());
    let home = text(&feed, "home_page_url").and_then(|url| Url::parse(&url).ok());
    let base = base.or(feed_url.as_ref()).or(home.as_ref());
    let language = text(&feed, "language");
    let mut items = Items::new(language.as_deref(), base);
    match feed.get("version").and_then(Value::as_str) {
        Some(version) if VERSIONS.contains(&version) => {}
        Some(version) => items.note_feed(format!(
            "its version {version:?} is not a JSON Feed version URL; it is read as JSON Feed 1.1"
        )),
        None => items.note_feed("it has no `version`; it is read as JSON Feed 1.1".into()),
    }
    for (index, entry) in entries.iter().enumerate() {
        if index == MAX_ITEMS_READ {
            items.note_feed(format!(
                "it has {} items; only the first {MAX_ITEMS_READ} are read",
                entries.len()
            ));
            break;
        }
        match entry {
            Value::Object(entry) => items.add(index, raw_item(entry)),
            _ => items.drop_item(index, None, "it is not a JSON object".into()),
        }
    }
    Ok(NewsFeed {
        format: Format::JsonFeed,
        title: text(&feed, "title").map(|title| text_of_html(&title)),
        items: items.items,
        report: items.report,
    })
}

fn raw_item(entry: &Map<String, Value>) -> RawItem {
    let body = text(entry, "content_html")
        .map(Body::Html)
        .or_else(|| text(entry, "content_text").map(Body::Text));
    // The publication date is what a reader of news expects; a CMS that
    // only stamps changes still dates the item.
    let date = match text(entry, "date_published").or_else(|| text(entry, "date_modified")) {
        None => DateField::Missing,
        Some(written) => match date::parse(&written) {
            Some(at) => DateField::Read(at),
            None => DateField::Unreadable(written),
        },
    };
    let image = text(entry, "image")
        .or_else(|| text(entry, "banner_image"))
        .or_else(|| image_attachment(entry))
        .map(|url| (url, None));
    RawItem {
        id: id(entry),
        // JSON Feed says plain text, but WordPress and others write HTML
        // entities ("tv&aring;") in titles and summaries: they are read as
        // HTML, so the entities become the characters they stand for.
        title: text(entry, "title").map(|title| text_of_html(&title)),
        body,
        summary: text(entry, "summary").map(Body::Html),
        url: text(entry, "url").or_else(|| text(entry, "external_url")),
        date,
        language: text(entry, "language"),
        image,
    }
}

/// The `id`: a string, or a number as its digits (JSON Feed asks for a
/// string, and many CMSs write their database key).
fn id(entry: &Map<String, Value>) -> Option<String> {
    match entry.get("id")? {
        Value::String(id) => Some(id.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// The first attachment that is an image.
fn image_attachment(entry: &Map<String, Value>) -> Option<String> {
    entry
        .get("attachments")?
        .as_array()?
        .iter()
        .filter_map(Value::as_object)
        .find(|attachment| {
            attachment
                .get("mime_type")
                .and_then(Value::as_str)
                .is_some_and(|mime| mime.starts_with("image/"))
        })
        .and_then(|attachment| text(attachment, "url"))
}

/// A string field; a field of another type counts as absent.
fn text(object: &Map<String, Value>, key: &str) -> Option<String> {
    object.get(key).and_then(Value::as_str).map(str::to_owned)
}
