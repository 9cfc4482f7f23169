//! One item of a pack after validation: what a feed item must satisfy to be
//! shown, and the sanitised form it is kept in.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::error::{Error, Result};
use crate::feed::{Caption, Item, ItemSlot, Kind, MediaEntry};
use crate::sanitise;
use crate::validity::Validity;
use crate::Language;

use super::invalid;

/// An item that passed validation, with its body already sanitised: what
/// a [`super::Presentation`] hands out. Only the loader makes one (or reads
/// one back from a stored pack, see [`super::stored`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    /// The item's id in the feed (unique per language).
    pub id: String,
    /// The key shared by the translations of one thing.
    pub key: String,
    /// What kind of thing it is.
    pub kind: Kind,
    /// The language it is written in.
    pub language: Language,
    /// The headline.
    pub title: String,
    /// A one- or two-sentence summary; for a film without one, the plain
    /// text of its body (the best one-line account of what it is about).
    pub summary: Option<String>,
    /// The body, sanitised: safe to insert as it is.
    pub html: String,
    /// Its page on the web, if the feed gives one.
    pub url: Option<String>,
    /// Relative media URL and text alternative of its illustration (a
    /// film's poster).
    pub image: Option<(String, String)>,
    /// A stand-in film made for development, which the UI labels.
    pub example: bool,
    /// A film's length in seconds, if known.
    pub duration_seconds: Option<f64>,
    /// Relative media URL and MIME type of each playable source.
    pub sources: Vec<(String, String)>,
    /// A film's caption tracks.
    pub captions: Vec<Caption>,
    /// When it last changed, and how the feed wrote it (stored as written,
    /// and read again when a stored pack is loaded).
    #[serde(with = "modified_as_written")]
    pub(crate) modified: Option<(OffsetDateTime, String)>,
    /// When it is shown.
    pub(crate) validity: Validity,
}

impl Entry {
    /// When it last changed, RFC 3339 as the feed wrote it, if given.
    pub fn date_modified(&self) -> Option<&str> {
        self.modified.as_ref().map(|(_, text)| text.as_str())
    }

    /// Validates an item; the error is the reason it is dropped.
    #[cfg(test)]
    pub fn from_item(
        mut item: Item,
        feed_language: Option<&str>,
    ) -> std::result::Result<Self, String> {
        let html = body(item.content_html.take(), item.content_text.take());
        Self::from_parts(item, feed_language, html)
    }

    /// As `from_item`, with the body already sanitised by [`bodies`] (the
    /// costly part, done for all items at once on every core).
    pub fn from_parts(
        item: Item,
        feed_language: Option<&str>,
        html: std::result::Result<String, String>,
    ) -> std::result::Result<Self, String> {
        let Some(extension) = item.infostand else {
            return Err("it has no _infostand object (key and kind)".into());
        };
        if extension.key.trim().is_empty() {
            return Err("its _infostand.key is empty".into());
        }
        let validity = Validity::parse(
            extension.valid_from.as_deref(),
            extension.valid_until.as_deref(),
        )?;
        let Some(title) = non_blank(item.title) else {
            return Err("it has no title".into());
        };
        let language = language(item.language.as_deref().or(feed_language))?;
        let html = html?;
        let modified = date("date_modified", item.date_modified)?;
        let url = web_page(item.url).map_err(|problem| format!("its url {problem}"))?;
        let image = match (non_blank(item.image), non_blank(extension.image_alt)) {
            (None, _) => None,
            (Some(url), Some(alt)) => Some((url, alt)),
            (Some(_), None) => return Err("its image has no _infostand.image_alt".into()),
        };
        let sources: Vec<(String, String)> = item
            .attachments
            .iter()
            .map(|attachment| (attachment.url.clone(), attachment.mime_type.clone()))
            .collect();
        if extension.kind == Kind::Film && sources.is_empty() {
            return Err("it is a film without a source in attachments".into());
        }
        let duration_seconds = item
            .attachments
            .iter()
            .find_map(|attachment| attachment.duration_in_seconds)
            .filter(|seconds| seconds.is_finite() && *seconds > 0.0);
        let summary = match non_blank(item.summary) {
            None if extension.kind == Kind::Film => {
                Some(sanitise::plain_text(&html)).filter(|text| !text.is_empty())
            }
            summary => summary,
        };
        Ok(Self {
            id: item.id,
            key: extension.key,
            kind: extension.kind,
            language,
            title,
            summary,
            html,
            modified,
            url,
            image,
            example: extension.example,
            duration_seconds,
            sources,
            captions: extension.captions,
            validity,
        })
    }
}

/// The item's language from its code; the error is the reason to drop it.
pub(crate) fn language(code: Option<&str>) -> std::result::Result<Language, String> {
    match code {
        None => Err("it has no language, and the feed gives none".into()),
        Some(code) => Language::from_code(code).ok_or_else(|| {
            format!(
                "its language {code:?} is not one of {:?}, {:?}",
                Language::Sv.code(),
                Language::En.code()
            )
        }),
    }
}

/// The sanitised body: `content_html` through the allow-list, else
/// `content_text` escaped; the error is the reason to drop the item.
pub(crate) fn body(
    html: Option<String>,
    text: Option<String>,
) -> std::result::Result<String, String> {
    match (non_blank(html), non_blank(text)) {
        (Some(html), _) => sanitise::checked_html(&html),
        (None, Some(text)) => sanitise::checked_text(&text),
        (None, None) => Err("it has neither content_html nor content_text".into()),
    }
}

/// The newest `date_modified` of `entries`, as the feed wrote it: when the
/// content was last changed. Compared as times, not as text.
pub(crate) fn newest_modified(entries: &[Entry]) -> Option<String> {
    entries
        .iter()
        .filter_map(|entry| entry.modified.as_ref())
        .max_by_key(|(at, _)| *at)
        .map(|(_, text)| text.clone())
}

/// Takes every parsed item's body out and sanitises them all, split over
/// the machine's cores: sanitising is most of the cost of loading a large
/// feed, and the items are independent. The result is in item order;
/// `None` for slots that did not parse.
///
/// # Errors
/// [`Error::TooComplex`] when the bodies have more tags in all than
/// [`sanitise::MAX_DOCUMENT_TAGS`], counted before any is parsed.
pub(crate) fn bodies(
    items: &mut [ItemSlot],
) -> Result<Vec<Option<std::result::Result<String, String>>>> {
    let raw: Vec<Option<(Option<String>, Option<String>)>> = items
        .iter_mut()
        .map(|slot| match slot {
            ItemSlot::Parsed(item) => Some((item.content_html.take(), item.content_text.take())),
            ItemSlot::Malformed { .. } => None,
        })
        .collect();
    let tags = raw
        .iter()
        .flatten()
        .filter_map(|(html, _)| html.as_deref())
        .map(sanitise::tag_count)
        .fold(0usize, usize::saturating_add);
    if tags > sanitise::MAX_DOCUMENT_TAGS {
        return Err(Error::TooComplex {
            tags,
            limit: sanitise::MAX_DOCUMENT_TAGS,
        });
    }
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let chunk = raw.len().div_ceil(threads).max(MIN_ITEMS_PER_THREAD);
    let mut rest = raw;
    let mut parts = Vec::new();
    while !rest.is_empty() {
        let tail = rest.split_off(chunk.min(rest.len()));
        parts.push(std::mem::replace(&mut rest, tail));
    }
    Ok(std::thread::scope(|scope| {
        let workers: Vec<_> = parts
            .into_iter()
            .map(|part| {
                scope.spawn(move || {
                    part.into_iter()
                        .map(|pair| pair.map(|(html, text)| body(html, text)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    }))
}

/// Below this many items per thread, starting threads costs more than it
/// saves (the embedded pack has 14).
const MIN_ITEMS_PER_THREAD: usize = 64;

/// An RFC 3339 date field, parsed and as written; the error is the reason
/// to drop the item.
pub(crate) fn date(
    field: &str,
    text: Option<String>,
) -> std::result::Result<Option<(OffsetDateTime, String)>, String> {
    match non_blank(text) {
        None => Ok(None),
        Some(text) => match OffsetDateTime::parse(&text, &Rfc3339) {
            Ok(at) => Ok(Some((at, text))),
            Err(_) => Err(format!("its {field} {text:?} is not an RFC 3339 date")),
        },
    }
}

/// Refuses the feed when item `index` refers to media that the manifest does
/// not list, or lists with another size: the pack would be unplayable.
pub(crate) fn check_references(
    index: usize,
    item: &Item,
    media: &[MediaEntry],
    manifest: &HashMap<String, usize>,
) -> Result<()> {
    let lookup = |path: String, url: &str| -> Result<&MediaEntry> {
        manifest
            .get(url)
            .map(|&at| &media[at])
            .ok_or_else(|| invalid(&path, format!("{url:?} is not in _infostand.media")))
    };
    for (at, attachment) in item.attachments.iter().enumerate() {
        let path = format!("items[{index}].attachments[{at}]");
        let entry = lookup(format!("{path}.url"), &attachment.url)?;
        if let Some(size) = attachment.size_in_bytes {
            if size != entry.size_in_bytes {
                return Err(Error::Invalid {
                    path: format!("{path}.size_in_bytes"),
                    problem: format!(
                        "is {size}, but _infostand.media says {:?} is {} bytes",
                        entry.url, entry.size_in_bytes
                    ),
                });
            }
        }
    }
    if let Some(image) = item.image.as_deref().filter(|url| !url.trim().is_empty()) {
        lookup(format!("items[{index}].image"), image)?;
    }
    if let Some(extension) = &item.infostand {
        for (at, caption) in extension.captions.iter().enumerate() {
            lookup(
                format!("items[{index}]._infostand.captions[{at}].url"),
                &caption.url,
            )?;
        }
    }
    Ok(())
}

/// `Entry::modified` kept as the feed wrote it: the text is the truth, the
/// instant is read from it again.
mod modified_as_written {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use time::format_description::well_known::Rfc3339;
    use time::OffsetDateTime;

    pub fn serialize<S: Serializer>(
        modified: &Option<(OffsetDateTime, String)>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        modified
            .as_ref()
            .map(|(_, text)| text)
            .serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<(OffsetDateTime, String)>, D::Error> {
        let Some(text) = Option::<String>::deserialize(deserializer)? else {
            return Ok(None);
        };
        let at = OffsetDateTime::parse(&text, &Rfc3339).map_err(serde::de::Error::custom)?;
        Ok(Some((at, text)))
    }
}

/// A page a visitor may be sent to (as a QR code on a kiosk, to the system
/// browser in an office): only an absolute `http` or `https` URL, like the
/// links the sanitiser keeps in bodies. The error says what is wrong.
pub(crate) fn web_page(text: Option<String>) -> std::result::Result<Option<String>, String> {
    let Some(text) = non_blank(text) else {
        return Ok(None);
    };
    match url::Url::parse(text.trim()) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => Ok(Some(url.to_string())),
        _ => Err(format!("{text:?} is not a web address (http or https)")),
    }
}

/// `None` for a missing, empty or all-blank string, so the UI can hide it.
pub(crate) fn non_blank(text: Option<String>) -> Option<String> {
    text.filter(|text| !text.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(json: &str) -> Item {
        serde_json::from_str(json).expect("the test item is well-formed JSON Feed")
    }

    fn reason(json: &str) -> String {
        Entry::from_item(item(json), Some("sv"))
            .expect_err("the item breaks a rule and must be dropped")
    }

    #[test]
    fn bodies_are_sanitised_in_item_order_across_threads() {
        // More items than one thread takes, so the work is really split.
        let mut slots: Vec<ItemSlot> = (0..3 * MIN_ITEMS_PER_THREAD)
            .map(|n| {
                ItemSlot::Parsed(Box::new(item(&format!(
                    r#"{{"id": "i{n}", "content_html": "<p>{n}</p><script>x</script>"}}"#
                ))))
            })
            .collect();
        slots[5] = ItemSlot::Malformed {
            id: None,
            problem: "broken".into(),
        };
        slots[7] = ItemSlot::Parsed(Box::new(item(r#"{"id": "t", "content_text": "a < b"}"#)));
        let bodies = bodies(&mut slots).expect("a few small bodies are within every limit");
        assert_eq!(bodies.len(), slots.len(), "one body per item");
        for (n, html) in bodies.iter().enumerate() {
            match n {
                5 => assert!(html.is_none(), "a malformed slot has no body"),
                7 => assert_eq!(
                    html,
                    &Some(Ok("<p>a &lt; b</p>".into())),
                    "content_text is escaped"
                ),
                _ => assert_eq!(
                    html,
                    &Some(Ok(format!("<p>{n}</p>"))),
                    "item {n} keeps its own sanitised body, in order"
                ),
            }
        }
    }

    #[test]
    fn an_item_without_its_own_language_takes_the_feeds() {
        let entry = Entry::from_item(
            item(r#"{"id": "a", "title": "A", "content_text": "a", "_infostand": {"key": "a", "kind": "article"}}"#),
            Some("en"),
        )
        .expect("the item is valid");
        assert_eq!(
            entry.language,
            Language::En,
            "the feed's language is the default"
        );
    }

    #[test]
    fn an_image_needs_its_text_alternative() {
        let why = reason(
            r#"{"id": "a", "title": "A", "content_text": "a", "image": "media/a.jpg", "_infostand": {"key": "a", "kind": "article"}}"#,
        );
        assert!(
            why.contains("image_alt"),
            "the reason must name the missing field, got {why:?}"
        );
    }

    #[test]
    fn a_date_must_be_rfc_3339() {
        let why = reason(
            r#"{"id": "a", "title": "A", "content_text": "a", "date_modified": "30/11/2026", "_infostand": {"key": "a", "kind": "article"}}"#,
        );
        assert!(
            why.contains("\"30/11/2026\""),
            "the reason must quote the bad date, got {why:?}"
        );
    }

    #[test]
    fn an_item_needs_the_extension_and_a_body() {
        let why = reason(r#"{"id": "a", "title": "A", "content_text": "a"}"#);
        assert!(
            why.contains("_infostand"),
            "a plain item cannot be placed, got {why:?}"
        );
        let why = reason(
            r#"{"id": "a", "title": "A", "content_html": " ", "_infostand": {"key": "a", "kind": "article"}}"#,
        );
        assert!(
            why.contains("content_html nor content_text"),
            "an item needs a body, got {why:?}"
        );
    }
}
