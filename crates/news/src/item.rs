//! The rules a news item is held to, whatever format it came in: each
//! reader hands over a [`RawItem`] with the fields as written, and
//! [`Items::add`] keeps it as a [`NewsItem`] or drops it with its reason.

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use infostand_content::sanitise;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use url::Url;

use crate::{Remark, Report};

/// The language of an item when neither it nor its feed names one: the
/// campaign's own, since the stands are in Västernorrland.
pub const DEFAULT_LANGUAGE: &str = "sv";

/// A derived title stops at the first sentence, or at about this many
/// characters: a headline on a stand, not a paragraph.
pub const DERIVED_TITLE_CHARS: usize = 80;

/// An item that can be shown: everything sanitised, every link checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewsItem {
    /// Its id, unique in the feed (a number in the document becomes its
    /// digits; an item without one is named by its link or its text).
    pub id: String,
    /// The headline, as plain text.
    pub title: String,
    /// True when the feed gave no title and this one was made from the
    /// item's summary or first words.
    pub title_derived: bool,
    /// A short summary as plain text, when the feed gives one beside the
    /// body.
    pub summary: Option<String>,
    /// The body, sanitised: safe to insert as it is.
    pub html: String,
    /// The item's page on the web (http or https only).
    pub url: Option<String>,
    /// When it was published (else last changed), RFC 3339 in UTC.
    pub date: Option<String>,
    /// The same instant in seconds since 1970, to sort and age items by.
    pub timestamp: Option<i64>,
    /// Its language's primary subtag in lower case, e.g. `sv`.
    pub language: String,
    /// Its picture, when the feed names one; the sync downloads it.
    pub image: Option<ImageRef>,
}

/// A picture named by a feed: an absolute http(s) URL and its text
/// alternative (empty when the feed gives none: the picture is then
/// decorative, beside the item's own title).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageRef {
    /// Where to download it from.
    pub url: String,
    /// What it shows, for people who cannot see it.
    pub alt: String,
}

/// A date as the feed wrote it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) enum DateField {
    /// The item has none.
    #[default]
    Missing,
    /// Read.
    Read(DateTime<FixedOffset>),
    /// Written, but not as any date this crate can read.
    Unreadable(String),
}

/// Text that is either HTML or plain, as the feed says.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Body {
    /// HTML, to be sanitised.
    Html(String),
    /// Plain text, to be escaped.
    Text(String),
}

/// An item as a reader found it, every field as written.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct RawItem {
    pub id: Option<String>,
    /// The title, as plain text (a reader turns an HTML title into text).
    pub title: Option<String>,
    pub body: Option<Body>,
    pub summary: Option<Body>,
    pub url: Option<String>,
    pub date: DateField,
    pub language: Option<String>,
    /// An image URL as written, and its text alternative if any.
    pub image: Option<(String, Option<String>)>,
}

/// The items of one feed as they are added, with the report.
pub(crate) struct Items<'a> {
    pub items: Vec<NewsItem>,
    pub report: Report,
    ids: HashSet<String>,
    feed_language: Option<String>,
    base: Option<&'a Url>,
    /// What is left of [`sanitise::MAX_DOCUMENT_TAGS`] for this feed.
    tags_left: usize,
}

impl<'a> Items<'a> {
    /// Collects the items of a feed in `feed_language` (as written), whose
    /// relative links resolve against `base`.
    pub fn new(feed_language: Option<&str>, base: Option<&'a Url>) -> Self {
        Self {
            items: Vec::new(),
            report: Report::default(),
            ids: HashSet::new(),
            feed_language: feed_language.and_then(primary_subtag),
            base,
            tags_left: sanitise::MAX_DOCUMENT_TAGS,
        }
    }

    /// Notes something about the feed as a whole.
    pub fn note_feed(&mut self, text: String) {
        self.report.notes.push(Remark {
            index: None,
            id: None,
            text,
        });
    }

    /// Drops the item at `index` unread, with `reason`.
    pub fn drop_item(&mut self, index: usize, id: Option<String>, reason: String) {
        self.report.dropped.push(Remark {
            index: Some(index),
            id,
            text: reason,
        });
    }

    /// Holds the item at `index` to the rules: keeps it, or drops it with
    /// the reason.
    pub fn add(&mut self, index: usize, raw: RawItem) {
        let written_id = raw.id.as_deref().and_then(non_blank).map(str::to_owned);
        match self.accept(index, raw, written_id.clone()) {
            Ok(item) => {
                self.ids.insert(item.id.clone());
                self.items.push(item);
            }
            Err(reason) => self.drop_item(index, written_id, reason),
        }
    }

    fn note(&mut self, index: usize, id: &str, text: String) {
        self.report.notes.push(Remark {
            index: Some(index),
            id: Some(id.to_owned()),
            text,
        });
    }

    fn accept(
        &mut self,
        index: usize,
        raw: RawItem,
        written_id: Option<String>,
    ) -> Result<NewsItem, String> {
        let tags = [&raw.body, &raw.summary]
            .into_iter()
            .flatten()
            .map(|body| match body {
                Body::Html(html) => sanitise::tag_count(html),
                Body::Text(_) => 0,
            })
            .fold(0usize, usize::saturating_add);
        self.tags_left = self.tags_left.checked_sub(tags).ok_or_else(|| {
            format!(
                "the feed's bodies pass the limit of {} tags in all here; a feed this complex is cut short rather than made to stall the kiosk",
                sanitise::MAX_DOCUMENT_TAGS
            )
        })?;
        let (html, summary) = body_and_summary(raw.body, raw.summary)?;
        let id = written_id
            .or_else(|| raw.url.as_deref().and_then(non_blank).map(str::to_owned))
            .unwrap_or_else(|| derived_id(&html));
        if self.ids.contains(&id) {
            return Err(format!(
                "its id {id:?} is used by an earlier item; ids must be unique"
            ));
        }
        let written_title = raw.title.as_deref().map(collapse).filter(|t| !t.is_empty());
        let (title, title_derived) = match written_title {
            Some(title) => (title, false),
            None => {
                let source = summary
                    .clone()
                    .unwrap_or_else(|| sanitise::plain_text(&html));
                let title = derive_title(&source);
                if title.is_empty() {
                    return Err("it has neither a title nor any text to make one from".into());
                }
                self.note(
                    index,
                    &id,
                    "it has no title; one was made from its text".into(),
                );
                (title, true)
            }
        };
        let url = match raw.url.as_deref().and_then(non_blank) {
            None => None,
            Some(written) => match web_link(written, self.base) {
                Some(url) => Some(url),
                None => {
                    self.note(
                        index,
                        &id,
                        format!("its link {written:?} is not a web address; it is left out"),
                    );
                    None
                }
            },
        };
        let (date, timestamp) = match raw.date {
            DateField::Missing => (None, None),
            DateField::Read(at) => {
                let utc = at.with_timezone(&Utc);
                (
                    Some(utc.to_rfc3339_opts(SecondsFormat::Secs, true)),
                    Some(utc.timestamp()),
                )
            }
            DateField::Unreadable(text) => {
                self.note(
                    index,
                    &id,
                    format!("its date {text:?} cannot be read; it is shown without a date"),
                );
                (None, None)
            }
        };
        let language = raw
            .language
            .as_deref()
            .and_then(primary_subtag)
            .or_else(|| self.feed_language.clone())
            .unwrap_or_else(|| DEFAULT_LANGUAGE.to_owned());
        let base = url.as_deref().and_then(|url| Url::parse(url).ok());
        let image = raw.image.and_then(|(written, alt)| {
            let resolved = web_link(&written, base.as_ref().or(self.base))?;
            Some(ImageRef {
                url: resolved,
                alt: alt.as_deref().map(collapse).unwrap_or_default(),
            })
        });
        Ok(NewsItem {
            id,
            title,
            title_derived,
            summary,
            html,
            url,
            date,
            timestamp,
            language,
            image,
        })
    }
}

/// The sanitised body and the plain-text summary: the body is the item's
/// content, else its summary (then there is no separate summary).
fn body_and_summary(
    body: Option<Body>,
    summary: Option<Body>,
) -> Result<(String, Option<String>), String> {
    let body = body.filter(|body| !is_blank(body));
    let summary = summary.filter(|summary| !is_blank(summary));
    match (body, summary) {
        (Some(body), summary) => {
            let html = sanitised(&body)?;
            let summary = summary
                .map(|summary| sanitised(&summary).map(|html| sanitise::plain_text(&html)))
                .transpose()?
                .filter(|text| !text.is_empty());
            Ok((html, summary))
        }
        (None, Some(summary)) => Ok((sanitised(&summary)?, None)),
        (None, None) => Err("it has no text: no content, description or summary".into()),
    }
}

fn is_blank(body: &Body) -> bool {
    match body {
        Body::Html(text) | Body::Text(text) => text.trim().is_empty(),
    }
}

fn sanitised(body: &Body) -> Result<String, String> {
    let html = match body {
        Body::Html(html) => sanitise::checked_html(html)?,
        Body::Text(text) => sanitise::checked_text(text)?,
    };
    if sanitise::plain_text(&html).is_empty() {
        return Err("its text is empty once markup that cannot be shown is removed".into());
    }
    Ok(html)
}

/// An id for an item the feed gave none to, from its text: the same text
/// gets the same id at every sync.
fn derived_id(html: &str) -> String {
    let digest = Sha256::digest(html.as_bytes());
    format!("text-{}", hex::encode(&digest[..8]))
}

/// A title from the start of `text`: its first sentence when that is short
/// enough, else whole words up to [`DERIVED_TITLE_CHARS`] and an ellipsis.
pub fn derive_title(text: &str) -> String {
    let text = collapse(text);
    let sentence_end = text
        .char_indices()
        .find(|(at, c)| {
            matches!(c, '.' | '!' | '?')
                && text[at + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
        })
        .map(|(at, c)| at + c.len_utf8());
    if let Some(end) = sentence_end {
        let sentence = &text[..end];
        if sentence.chars().count() <= DERIVED_TITLE_CHARS {
            return sentence.trim_end_matches('.').to_owned();
        }
    }
    if text.chars().count() <= DERIVED_TITLE_CHARS {
        return text;
    }
    let mut title = String::new();
    for word in text.split(' ') {
        if title.chars().count() + word.chars().count() + 1 > DERIVED_TITLE_CHARS {
            break;
        }
        if !title.is_empty() {
            title.push(' ');
        }
        title.push_str(word);
    }
    if title.is_empty() {
        // One enormous word: cut it.
        title = text.chars().take(DERIVED_TITLE_CHARS).collect();
    }
    title.push('…');
    title
}

/// `code`'s primary language subtag in lower case (RFC 5646: `sv-SE`,
/// `sv_se` and `SV` are all `sv`); `None` when it is not one.
pub fn primary_subtag(code: &str) -> Option<String> {
    let primary = code.trim().split(['-', '_']).next()?;
    let valid =
        (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic());
    valid.then(|| primary.to_ascii_lowercase())
}

/// `written` as an absolute http or https URL, resolved against `base`
/// when relative; `None` for any other scheme (`javascript:`, `data:`…)
/// or what is not a URL at all.
pub fn web_link(written: &str, base: Option<&Url>) -> Option<String> {
    let written = written.trim();
    let url = match Url::parse(written) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(written).ok()?,
        Err(_) => return None,
    };
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

/// The readable text of `html`: how a title that may hold markup or HTML
/// entities becomes plain text. Text past the sanitiser's limits is no
/// title at all (one is derived instead).
pub(crate) fn text_of_html(html: &str) -> String {
    sanitise::checked_html(html)
        .map(|html| sanitise::plain_text(&html))
        .unwrap_or_default()
}

/// Whitespace runs as one space, trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn non_blank(text: &str) -> Option<&str> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then_some(trimmed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_are_read_by_their_primary_subtag() {
        for (tag, expected) in [
            ("sv-SE", Some("sv")),
            ("en-GB", Some("en")),
            ("SV", Some("sv")),
            ("sv_se", Some("sv")),
            ("fi", Some("fi")),
            ("smj-SE", Some("smj")),
            ("", None),
            ("123", None),
            ("svenska", None),
        ] {
            assert_eq!(
                primary_subtag(tag).as_deref(),
                expected,
                "RFC 5646 tags are read by their primary subtag: {tag:?}"
            );
        }
    }

    #[test]
    fn derived_titles_are_a_short_first_sentence_or_whole_words() {
        assert_eq!(
            derive_title("Mottagningen har stängt i dag. Välkommen i morgon."),
            "Mottagningen har stängt i dag",
            "a short first sentence is the title, without its full stop"
        );
        let long = "Länsstyrelsen bjuder in till en öppen träff om hur kommunerna tillsammans kan arbeta mot narkotikahandel via nätet och posten";
        let title = derive_title(long);
        assert!(
            title.ends_with('…') && title.chars().count() <= DERIVED_TITLE_CHARS + 1,
            "a long text is cut at a word and marked as cut: {title}"
        );
        assert!(
            long.starts_with(title.trim_end_matches('…')),
            "the title is the text's own first words: {title}"
        );
        assert_eq!(
            derive_title("Se 2.3 i planen"),
            "Se 2.3 i planen",
            "a full stop inside a number does not end a sentence"
        );
    }

    #[test]
    fn links_keep_only_web_schemes_and_resolve_against_the_feed() {
        let base = Url::parse("https://www.example.se/nyheter/").expect("a valid base");
        assert_eq!(
            web_link("artikel-1", Some(&base)).as_deref(),
            Some("https://www.example.se/nyheter/artikel-1"),
            "a relative link is resolved against where the feed came from"
        );
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "file:///etc/passwd",
            "mailto:a@b.se",
        ] {
            assert_eq!(
                web_link(bad, Some(&base)),
                None,
                "{bad} is not a web page a visitor can be sent to"
            );
        }
    }

    #[test]
    fn an_item_without_a_title_gets_one_and_is_marked() {
        let mut items = Items::new(Some("sv-SE"), None);
        items.add(
            0,
            RawItem {
                id: Some("7".into()),
                body: Some(Body::Text("Stängt på fredag. Öppet igen måndag.".into())),
                ..RawItem::default()
            },
        );
        let item = &items.items[0];
        assert_eq!(
            (item.title.as_str(), item.title_derived),
            ("Stängt på fredag", true),
            "JSON Feed allows items without a title; the stand still needs a headline"
        );
        assert_eq!(item.language, "sv", "the feed's sv-SE is Swedish");
        assert_eq!(
            items.report.notes.len(),
            1,
            "the staff hear that a title was made: {:?}",
            items.report
        );
    }

    #[test]
    fn a_repeated_id_drops_the_later_item_alone() {
        let mut items = Items::new(None, None);
        for index in 0..2 {
            items.add(
                index,
                RawItem {
                    id: Some("same".into()),
                    title: Some(format!("T{index}")),
                    body: Some(Body::Text("x".into())),
                    ..RawItem::default()
                },
            );
        }
        assert_eq!(items.items.len(), 1, "the first item stays");
        assert!(
            items.report.dropped[0]
                .text
                .contains("used by an earlier item"),
            "the second is dropped with the reason: {:?}",
            items.report
        );
    }
}
