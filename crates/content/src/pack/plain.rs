//! Plain JSON Feeds: an ordinary JSON Feed 1.0 or 1.1 from any CMS, with no
//! `_infostand` object, shown as articles.
//!
//! Only taken when the holder says so ([`Policy::allow_plain`]): the sync
//! allows it when no feed key is configured, since then nothing could be
//! verified anyway. A plain feed cannot say what Infostand needs beyond
//! text, so:
//!
//! - every item is an article; its `id` is its key (there are no
//!   translations to pair up);
//! - its language is the item's `language`, else the feed's, else `"sv"`
//!   (JSON Feed 1.0 has no `language` at all); an item in another language
//!   is dropped with a warning, as in a pack;
//! - `content_html` goes through the same allow-list, `content_text` is
//!   escaped;
//! - there are no films, contacts, organisation or media manifest;
//! - `image`, `banner_image` and `attachments` are ignored: in a CMS feed
//!   they are remote URLs, and the app's Content Security Policy only lets
//!   the webview load images from the loopback media server, so they could
//!   never be shown;
//! - items' `_infostand` objects are ignored (removed before parsing): a
//!   feed without the feed-level object is not an Infostand pack, so neither
//!   its kinds nor its validity times are trusted;
//! - there is no revision: the pack has [`PLAIN_REVISION`] and the sync
//!   numbers it (see `docs/feed-format.md`, "Plain JSON Feeds").

use std::collections::HashMap;

use serde_json::Value;

use crate::error::Result;
use crate::feed::{Feed, Item, ItemSlot, Kind};
use crate::validity::Validity;
use crate::{Language, Source};

use super::entry::{self, non_blank, Entry};
use super::{invalid, Loaded, Pack, Warning};

/// The revision a plain feed's pack has before its holder numbers it: no
/// Infostand revision starts at 0, so it can be told apart.
pub const PLAIN_REVISION: u64 = 0;

/// The language of a plain item when neither it nor its feed names one:
/// the campaign's own.
const DEFAULT_LANGUAGE: Language = Language::Sv;

/// Which documents [`Pack::from_json_with`] accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Whether a plain JSON Feed (no `_infostand`) is loaded as articles
    /// instead of refused. Only sound when the document's origin is not
    /// checked by a key: a signed channel carries Infostand packs only.
    pub allow_plain: bool,
}

impl Policy {
    /// Infostand packs only: the embedded pack, and syncing with keys.
    pub const INFOSTAND_ONLY: Self = Self { allow_plain: false };
    /// Infostand packs and plain JSON Feeds: syncing with no key.
    pub const ALLOW_PLAIN: Self = Self { allow_plain: true };
}

/// Removes `_infostand` from every item, so a CMS's stray or malformed
/// extension object neither drops an item nor is trusted.
pub(super) fn strip_item_extensions(document: &mut Value) {
    if let Some(Value::Array(items)) = document.get_mut("items") {
        for item in items.iter_mut().filter_map(Value::as_object_mut) {
            item.remove("_infostand");
        }
    }
}

/// Builds the pack of a plain feed.
pub(super) fn load(feed: Feed, source: Source) -> Result<Loaded> {
    let mut entries = Vec::new();
    let mut warnings = Vec::new();
    let mut ids: HashMap<String, usize> = HashMap::new();
    let feed_language = feed.language.as_deref();
    for (index, slot) in feed.items.into_iter().enumerate() {
        let (id, parsed) = match slot {
            ItemSlot::Parsed(item) => (Some(item.id.clone()), Ok(*item)),
            ItemSlot::Malformed { id, problem } => (id, Err(problem)),
        };
        if let Some(id) = &id {
            if let Some(first) = ids.insert(id.clone(), index) {
                return Err(invalid(
                    &format!("items[{index}].id"),
                    format!("{id:?} is used twice (first at items[{first}])"),
                ));
            }
        }
        match parsed.and_then(|item| article(item, feed_language)) {
            Ok(entry) => entries.push(entry),
            Err(reason) => warnings.push(Warning {
                index,
                item_id: id,
                reason,
            }),
        }
    }
    let updated = entry::newest_modified(&entries);
    let pack = Pack {
        title: feed.title,
        revision: PLAIN_REVISION,
        source,
        organisation: None,
        contacts: Vec::new(),
        media: Vec::new(),
        media_index: HashMap::new(),
        entries,
        updated,
        plain: true,
        attract: Vec::new(),
    };
    Ok(Loaded { pack, warnings })
}

/// A plain item as an article; the error is the reason it is dropped.
fn article(item: Item, feed_language: Option<&str>) -> std::result::Result<Entry, String> {
    if item.id.trim().is_empty() {
        return Err("its id is empty".into());
    }
    let Some(title) = non_blank(item.title) else {
        return Err("it has no title".into());
    };
    let language = entry::language(
        item.language
            .as_deref()
            .or(feed_language)
            .or(Some(DEFAULT_LANGUAGE.code())),
    )?;
    let html = entry::body(item.content_html, item.content_text)?;
    // A CMS often only stamps publication; either date says how fresh it is.
    let modified = match entry::date("date_modified", item.date_modified)? {
        Some(modified) => Some(modified),
        None => entry::date("date_published", item.date_published)?,
    };
    Ok(Entry {
        key: item.id.clone(),
        id: item.id,
        kind: Kind::Article,
        language,
        title,
        summary: non_blank(item.summary),
        html,
        modified,
        url: non_blank(item.url),
        image: None,
        example: false,
        duration_seconds: None,
        sources: Vec::new(),
        captions: Vec::new(),
        validity: Validity::default(),
    })
}
