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

/// Elements without content, which cannot leave anything behind when they
/// are removed.
const VOID_ELEMENTS: [&str; 16] = [
    "area", "base", "basefont", "bgsound", "col", "embed", "frame", "hr", "image", "img", "input",
    "keygen", "link", "meta", "source", "track",
];

/// Sanitises an item's `content_html` with the policy above.
///
/// The result parses back into the tree that was checked: sanitising it
/// again changes nothing. Removing an element but keeping its contents can
/// leave a nesting the HTML parser never builds (`<h2><span><h3>` becomes
/// `<h2><h3>`, `<a><table><td><a>` becomes `<a><a>`), which the webview
/// would parse into another tree; found by fuzzing. So when the body has
/// such an element, the output is cleaned once more, which parses it as the
/// webview will.
pub fn html(untrusted: &str) -> String {
    let once = POLICY.clean(untrusted).to_string();
    if may_unwrap(untrusted) {
        POLICY.clean(&once).to_string()
    } else {
        once
    }
}

/// Whether `untrusted` has a tag of an element that cleaning removes while
/// keeping its contents: any but the allowed, the dropped-with-content and
/// the void elements. Errs on the side of yes (it reads every `<name` as a
/// tag, wherever it is).
fn may_unwrap(untrusted: &str) -> bool {
    let mut rest = untrusted;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let tag = rest.strip_prefix('/').unwrap_or(rest);
        if !tag.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let end = tag
            .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
            .unwrap_or(tag.len());
        let name = &tag[..end];
        let known = |list: &[&str]| list.iter().any(|known| known.eq_ignore_ascii_case(name));
        if !known(&ALLOWED_TAGS) && !known(&DROPPED_WITH_CONTENT) && !known(&VOID_ELEMENTS) {
            return true;
        }
    }
    false
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
    fn only_elements_whose_contents_stay_need_a_second_pass() {
        for body in [
            "<h2><span><h3>x</h3></span></h2>",
            "<DIV>x</DIV>",
            "<p>a<table><td>b",
            "x</font>",
            "<h2\0>x",
        ] {
            assert!(
                may_unwrap(body),
                "{body:?} has an element that is removed with its contents kept"
            );
        }
        for body in [
            "<p>a <b>b</b><br><a href=\"https://x.se/\">c</a></p>",
            "<P>a<script>x</script><img src=x><HR></P>",
            "1 < 2 and <3 and <!-- c --> and </ 4>",
        ] {
            assert!(
                !may_unwrap(body),
                "{body:?} keeps, drops whole or has no elements: one pass is enough"
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
