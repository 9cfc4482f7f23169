//! Turning untrusted item bodies into HTML the UI may insert as it is.
//!
//! Feeds will come from CMSs we do not control, so every `content_html` goes
//! through one small ammonia policy at load time: a handful of text tags,
//! links with safe schemes only, no attributes but `href`, nothing that runs
//! or styles. `content_text` is escaped and split into paragraphs instead.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ammonia::{Builder, UrlRelative};

/// The elements an item body may keep. Deliberately small: the UI styles
/// these and nothing else.
pub const ALLOWED_TAGS: [&str; 14] = [
    "p",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "b",
    "i",
    "a",
    "blockquote",
    "br",
];

/// The URL schemes a link may use; anything else (`javascript:`, `data:`,
/// `file:`…) loses its `href`.
pub const ALLOWED_URL_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Added to every link so a page opened from the kiosk cannot reach back
/// into the app's window or learn where it came from.
pub const LINK_REL: &str = "noopener noreferrer";

/// Elements removed together with everything inside them, because their
/// content is code or markup rather than readable text.
const DROPPED_WITH_CONTENT: [&str; 10] = [
    "script", "style", "iframe", "noscript", "template", "object", "svg", "math", "textarea",
    "select",
];

static POLICY: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut builder = Builder::default();
    builder
        .tags(HashSet::from(ALLOWED_TAGS))
        .clean_content_tags(HashSet::from(DROPPED_WITH_CONTENT))
        .generic_attributes(HashSet::new())
        .tag_attributes(HashMap::from([("a", HashSet::from(["href"]))]))
        .url_schemes(HashSet::from(ALLOWED_URL_SCHEMES))
        // A relative link has nothing to resolve against in an offline app.
        .url_relative(UrlRelative::Deny)
        .link_rel(Some(LINK_REL))
        .strip_comments(true);
    builder
});

/// The longest body kept, in bytes as the feed wrote it: about a hundred
/// pages of text, far beyond any article a stand shows. A longer one is
/// dropped with its item rather than made to cost the whole load.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// The most tags a body may have. The HTML parser's work grows faster than
/// the number of tags when they are misnested (`<b><i>x</b>` repeated) or
/// nested deep, so the count, not the length, is what bounds a hostile
/// body's cost; a long real article has a few hundred.
pub const MAX_BODY_TAGS: usize = 2_000;

/// The most tags all of one document's bodies may have together: a few
/// microseconds each at worst (bench/feeds.sh measures it), so this bounds
/// a hostile feed's sanitising to a few seconds of a sync on a small
/// machine, never a start. The benchmark's feed of a thousand articles
/// (5.4 MB) has 221,000.
pub const MAX_DOCUMENT_TAGS: usize = 1_000_000;

/// Sanitises an item's `content_html` with the policy above.
///
/// Unbounded: for text this crate limits itself (a title); item bodies go
/// through [`checked_html`].
pub fn html(untrusted: &str) -> String {
    POLICY.clean(untrusted).to_string()
}

/// As [`html`], refusing a body over [`MAX_BODY_BYTES`] or
/// [`MAX_BODY_TAGS`]; the error is the reason to drop the item.
///
/// # Errors
/// A sentence naming the size or the tag count and the limit.
pub fn checked_html(untrusted: &str) -> Result<String, String> {
    check_length(untrusted)?;
    let tags = tag_count(untrusted);
    if tags > MAX_BODY_TAGS {
        return Err(format!(
            "its body has {tags} tags, more than the limit of {MAX_BODY_TAGS}"
        ));
    }
    Ok(html(untrusted))
}

/// As [`text_to_html`], refusing a text over [`MAX_BODY_BYTES`].
///
/// # Errors
/// A sentence naming the size and the limit.
pub fn checked_text(text: &str) -> Result<String, String> {
    check_length(text)?;
    Ok(text_to_html(text))
}

fn check_length(body: &str) -> Result<(), String> {
    if body.len() > MAX_BODY_BYTES {
        return Err(format!(
            "its body is {} bytes, more than the limit of {MAX_BODY_BYTES}",
            body.len()
        ));
    }
    Ok(())
}

/// How many start or end tags `html` has, counted as the tokenizer would
/// start one: `<` followed by a letter, or by `/` and a letter. A scan of
/// the bytes, so it costs nothing next to parsing.
pub fn tag_count(html: &str) -> usize {
    let bytes = html.as_bytes();
    bytes
        .iter()
        .enumerate()
        .filter(|&(at, &byte)| {
            byte == b'<'
                && match bytes.get(at + 1) {
                    Some(b'/') => bytes.get(at + 2).is_some_and(u8::is_ascii_alphabetic),
                    Some(next) => next.is_ascii_alphabetic(),
                    None => false,
                }
        })
        .count()
}

/// Turns an item's `content_text` into HTML: escaped, one `<p>` per block of
/// lines separated by a blank line, and `<br>` for the line breaks inside one.
pub fn text_to_html(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len() + 16);
    let mut paragraph: Vec<&str> = Vec::new();
    for line in text.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if !paragraph.is_empty() {
                out.push_str("<p>");
                for (index, line) in paragraph.iter().enumerate() {
                    if index > 0 {
                        out.push_str("<br>");
                    }
                    escape_into(line.trim(), &mut out);
                }
                out.push_str("</p>");
                paragraph.clear();
            }
        } else {
            paragraph.push(line);
        }
    }
    out
}

/// The readable text of HTML that came out of [`html`] or [`text_to_html`]:
/// tags dropped, block boundaries kept as spaces, whitespace collapsed.
///
/// Only for our own sanitised output: it relies on the serialiser quoting
/// every attribute with `"` and escaping text with the four entities below.
pub fn plain_text(sanitised: &str) -> String {
    let mut raw = String::with_capacity(sanitised.len());
    let mut chars = sanitised.chars();
    while let Some(c) = chars.next() {
        if c != '<' {
            raw.push(c);
            continue;
        }
        // Every tag separates words: "<p>a</p><p>b</p>" reads "a b".
        let mut quoted = false;
        for c in chars.by_ref() {
            match c {
                '"' => quoted = !quoted,
                '>' if !quoted => break,
                _ => {}
            }
        }
        raw.push(' ');
    }
    let unescaped = raw
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    unescaped.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_becomes_escaped_paragraphs() {
        assert_eq!(
            text_to_html("Rad ett\r\nrad <två>\n\n\n  Stycke & två  \n"),
            "<p>Rad ett<br>rad &lt;två&gt;</p><p>Stycke &amp; två</p>",
            "blank lines must split paragraphs, single breaks stay breaks, markup is text"
        );
    }

    #[test]
    fn empty_text_gives_no_paragraphs() {
        assert_eq!(
            text_to_html(" \n\n "),
            "",
            "blank text must not become empty <p> elements"
        );
    }

    #[test]
    fn plain_text_reads_sanitised_html() {
        let sanitised = html(
            r#"<p>Ett &amp; två</p><ul><li>tre</li></ul><a href="https://x.se/?a>b">fyra</a>"#,
        );
        assert_eq!(
            plain_text(&sanitised),
            "Ett & två tre fyra",
            "tags must separate words, entities must be decoded, attributes never leak"
        );
    }
}
