//! RSS (0.9x, 1.0, 2.0) and Atom through feed-rs, which reads the XML,
//! its encodings, CDATA, MediaRSS and enclosures; this module maps its
//! model onto the item rules.
//!
//! feed-rs reads a date it cannot parse as none, so the dates go through
//! this crate's own reader, which also keeps the texts it could not read:
//! the report names them, though XML gives no way to tell which item each
//! belonged to.

use std::cell::RefCell;
use std::rc::Rc;

use feed_rs::model::{Content, Entry, FeedType, Link, Text};
use url::Url;

use crate::date;
use crate::item::{text_of_html, Body, DateField, Items, RawItem};
use crate::{Error, Format, NewsFeed, Result, MAX_ITEMS_READ};

/// How many unreadable date texts the report quotes.
const QUOTED_DATES: usize = 3;

/// Reads an RSS or Atom document.
pub(crate) fn read(bytes: &[u8], base: Option<&Url>) -> Result<NewsFeed> {
    let unreadable: Rc<RefCell<Vec<String>>> = Rc::default();
    let recorder = Rc::clone(&unreadable);
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base.map(Url::as_str))
        .sanitize_content(false)
        .timestamp_parser(move |text| match date::parse(text) {
            Some(at) => Some(at.to_utc()),
            None => {
                recorder.borrow_mut().push(text.trim().to_owned());
                None
            }
        })
        .build();
    let feed = parser
        .parse(bytes)
        .map_err(|error| Error::Xml(error.to_string()))?;
    let format = match feed.feed_type {
        FeedType::Atom => Format::Atom,
        FeedType::RSS1 => Format::Rdf,
        FeedType::RSS0 | FeedType::RSS2 => Format::Rss,
        // A JSON document never reaches this module.
        FeedType::JSON => Format::JsonFeed,
    };
    let home = feed
        .links
        .iter()
        .find_map(|link| Url::parse(&link.href).ok());
    let base = base.or(home.as_ref());
    let mut items = Items::new(feed.language.as_deref(), base);
    let count = feed.entries.len();
    for (index, entry) in feed.entries.into_iter().enumerate() {
        if index == MAX_ITEMS_READ {
            items.note_feed(format!(
                "it has {count} items; only the first {MAX_ITEMS_READ} are read"
            ));
            break;
        }
        items.add(index, raw_item(entry));
    }
    let unreadable = unreadable.borrow();
    if let Some(first) = unreadable.first() {
        let quoted: Vec<String> = unreadable
            .iter()
            .take(QUOTED_DATES)
            .map(|text| format!("{text:?}"))
            .collect();
        items.note_feed(format!(
            "{} date(s) cannot be read ({}); the items they belong to are shown without a date",
            unreadable.len(),
            if unreadable.len() == 1 {
                format!("{first:?}")
            } else {
                quoted.join(", ")
            }
        ));
    }
    Ok(NewsFeed {
        format,
        title: feed.title.map(|title| plain(&title)),
        items: items.items,
        report: items.report,
    })
}

fn raw_item(entry: Entry) -> RawItem {
    let date = match entry.published.or(entry.updated) {
        Some(at) => DateField::Read(date::from_utc(at)),
        None => DateField::Missing,
    };
    let url = page_link(&entry.links);
    let image = image(&entry);
    RawItem {
        id: Some(entry.id),
        title: entry.title.as_ref().map(plain),
        body: entry.content.and_then(content_body),
        summary: entry.summary.map(|summary| text_body(&summary)),
        url,
        date,
        language: entry.language,
        image,
    }
}

/// The item's own page: its `alternate` link (RSS's `<link>` has no
/// `rel`), else its first link.
fn page_link(links: &[Link]) -> Option<String> {
    links
        .iter()
        .find(|link| link.rel.as_deref().is_none_or(|rel| rel == "alternate"))
        .or_else(|| links.first())
        .map(|link| link.href.clone())
}

/// The item's picture: a MediaRSS image or thumbnail, or an enclosure
/// that is an image; with its description as the text alternative.
fn image(entry: &Entry) -> Option<(String, Option<String>)> {
    for object in &entry.media {
        let alt = object
            .description
            .as_ref()
            .or(object.title.as_ref())
            .map(plain);
        for content in &object.content {
            let is_image = content
                .content_type
                .as_ref()
                .is_some_and(|mime| mime.ty() == "image");
            if let (true, Some(url)) = (is_image, &content.url) {
                return Some((url.to_string(), alt));
            }
        }
        if let Some(thumbnail) = object.thumbnails.first() {
            return Some((thumbnail.image.uri.clone(), alt));
        }
    }
    entry
        .links
        .iter()
        .find(|link| {
            link.rel.as_deref() == Some("enclosure")
                && link
                    .media_type
                    .as_deref()
                    .is_some_and(|mime| mime.starts_with("image/"))
        })
        .map(|link| (link.href.clone(), link.title.clone()))
}

/// A content element as a body: HTML (Atom `html` and `xhtml`, RSS
/// `content:encoded`) or text; none for one that only points elsewhere.
fn content_body(content: Content) -> Option<Body> {
    let body = content.body?;
    Some(
        if is_html(content.content_type.essence().to_string().as_str()) {
            Body::Html(body)
        } else {
            Body::Text(body)
        },
    )
}

fn text_body(text: &Text) -> Body {
    if is_html(text.content_type.essence().to_string().as_str()) {
        Body::Html(text.content.clone())
    } else {
        Body::Text(text.content.clone())
    }
}

fn is_html(mime: &str) -> bool {
    matches!(mime, "text/html" | "application/xhtml+xml" | "text/xhtml")
}

/// A title or description as plain text, whatever markup it was given in.
fn plain(text: &Text) -> String {
    match text_body(text) {
        Body::Html(html) => text_of_html(&html),
        Body::Text(text) => text,
    }
}
