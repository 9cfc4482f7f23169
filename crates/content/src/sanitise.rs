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

/// The most cleaning passes over one body; see [`html`].
const MAX_PASSES: usize = 4;

/// Sanitises an item's `content_html` with the policy above.
///
/// Unbounded: for text this crate limits itself (a title); item bodies go
/// through [`checked_html`].
///
/// The result parses back into the tree that was checked: sanitising it
/// again changes nothing. One pass does not always get there (found by
/// fuzzing): removing an element but keeping its contents can leave a
/// nesting the HTML parser never builds (`<h2><span><h3>` becomes
/// `<h2><h3>`, `<a><table><td><a>` becomes `<a><a>`), and the parser's
/// recovery from misnested markup can build one too; the webview would
/// parse such output into another tree. So while the output has such a
/// nesting ([`parses_differently`]) it is cleaned again, which parses it as
/// the webview will; ordinary bodies take one pass.
pub fn html(untrusted: &str) -> String {
    let mut out = POLICY.clean(untrusted).to_string();
    for _ in 1..MAX_PASSES {
        if !parses_differently(&out) {
            break;
        }
        out = POLICY.clean(&out).to_string();
    }
    // A carriage return can only come from a character reference (`&#13;`),
    // and the serialiser writes it as it is; the webview's parser reads it
    // as a line feed, as every parser reads a raw one (found by fuzzing).
    if out.contains('\r') {
        out = out.replace('\r', "\n");
    }
    out
}

/// Whether the sanitiser's own output `html` has a nesting that the HTML
/// parser undoes when it reads it (and so reads as another tree): a link
/// inside a link, a block inside a paragraph, a heading inside a heading,
/// a list item inside a list item with no list between. These are the
/// allowed elements' only implied end tags; it errs on the side of yes.
///
/// It reads the serialiser's output form: every attribute quoted with `"`,
/// every element but `br` closed.
fn parses_differently(html: &str) -> bool {
    const BLOCKS: [&str; 8] = ["p", "ul", "ol", "li", "blockquote", "h2", "h3", "h4"];
    const HEADINGS: [&str; 3] = ["h2", "h3", "h4"];
    const LISTS: [&str; 3] = ["li", "ul", "ol"];
    // The open elements, and counts of those the rules ask about, so each
    // tag costs the same however deep it is.
    let mut open: Vec<&str> = Vec::new();
    let mut lists: Vec<&str> = Vec::new();
    let (mut links, mut paragraphs, mut headings) = (0usize, 0usize, 0usize);
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let mut quoted = false;
        let Some(close) = rest.find(|c: char| {
            quoted ^= c == '"';
            c == '>' && !quoted
        }) else {
            return true;
        };
        let tag = &rest[..close];
        rest = &rest[close + 1..];
        let (name, opening) = match tag.strip_prefix('/') {
            Some(name) => (name, false),
            None => (tag.split(' ').next().unwrap_or_default(), true),
        };
        if name == "br" {
            continue;
        }
        if opening
            && ((name == "a" && links > 0)
                || (BLOCKS.contains(&name) && paragraphs > 0)
                || (HEADINGS.contains(&name) && headings > 0)
                || (name == "li" && lists.last() == Some(&"li")))
        {
            return true;
        }
        let counter = match name {
            "a" => Some(&mut links),
            "p" => Some(&mut paragraphs),
            name if HEADINGS.contains(&name) => Some(&mut headings),
            _ => None,
        };
        if opening {
            open.push(name);
            if let Some(count) = counter {
                *count += 1;
            }
            if LISTS.contains(&name) {
                lists.push(name);
            }
        } else {
            if open.pop() != Some(name) {
                return true;
            }
            if let Some(count) = counter {
                *count -= 1;
            }
            if LISTS.contains(&name) {
                lists.pop();
            }
        }
    }
    !open.is_empty()
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
    fn nestings_the_parser_undoes_are_recognised() {
        for (html, why) in [
            ("<h2><h3>x</h3></h2>", "a heading in a heading"),
            (
                "<h2><b><h3>x</h3></b></h2>",
                "a heading deeper in a heading",
            ),
            ("<a rel=\"x\">a<a rel=\"x\">b</a></a>", "a link in a link"),
            ("<p>a<ul><li>b</li></ul></p>", "a list in a paragraph"),
            (
                "<p><b><p>b</p></b></p>",
                "a paragraph deeper in a paragraph",
            ),
            (
                "<ul><li>a<li>b</li></li></ul>",
                "a list item in a list item",
            ),
            ("<p>a", "an element left open"),
        ] {
            assert!(parses_differently(html), "{why} must be recognised: {html}");
        }
        for html in [
            "<p>a <b>b</b><br><a href=\"https://x.se/?a>b\" rel=\"noopener noreferrer\">c</a></p>",
            "<ul><li>a<ol><li>b</li></ol></li></ul><blockquote><p>c</p></blockquote>",
            "<b><p>x</p></b><h2><em>y</em></h2>",
            "1 &lt; 2",
        ] {
            assert!(
                !parses_differently(html),
                "{html} parses back into itself, so one pass is enough"
            );
        }
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
