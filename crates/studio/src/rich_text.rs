//! Text bodies from the editor: cleaned by the kiosk's own sanitiser
//! ([`infostand_content::sanitise`]), so what the Studio stores and shows
//! is exactly what a visitor sees, with a list of what was taken out so
//! the editor is told rather than surprised.
//!
//! **Links written without a scheme.** `www.lansstyrelsen.se` as a link's
//! address is a relative link to a kiosk, which removes it. When the
//! address is plainly a host name (labels of letters, digits and dashes
//! separated by dots, starting with `www.` or ending in one of
//! [`COMPLETED_TLDS`], optionally followed by a path), the Studio
//! completes it to
//! `https://www.lansstyrelsen.se` and says so ([`LinkNote::Completed`]):
//! the county's sites and practically every site a campaign links to are
//! served over https. Anything else relative (`/sida`, `#del`) is removed,
//! as kiosks remove it, and reported. A link to `http://` is kept and
//! reported ([`LinkNote::NotHttps`]), since a visitor's phone may warn.
//!
//! **What was removed** is found by walking the editor's HTML with
//! html5ever's tokenizer (the HTML parser the sanitiser itself uses),
//! switching to raw text inside `<script>`, `<style>` and the like as a
//! browser does, so their content is not mistaken for tags.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

use ammonia::{Builder, UrlRelative};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, StartTag, Tag, TagToken, Token, TokenSink, TokenSinkResult, Tokenizer,
    TokenizerOpts,
};
use infostand_content::sanitise::{self, ALLOWED_TAGS, ALLOWED_URL_SCHEMES};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::limits::{MAX_BODY_BYTES, MAX_BODY_TAGS};

/// Elements the sanitiser removes with everything inside them
/// (`infostand_content::sanitise`'s list, which is private there; the unit
/// tests hold this copy to the kiosk's behaviour).
const DROPPED_WITH_CONTENT: [&str; 10] = [
    "script", "style", "iframe", "noscript", "template", "object", "svg", "math", "textarea",
    "select",
];

/// The top-level domains a host name without `www.` may end in to be
/// completed with `https://`: Sweden's, the EU's and the common generic
/// ones. A closed list, because `sida.html` has the shape of a host name
/// too; anything else is reported so the editor writes the whole address.
pub const COMPLETED_TLDS: [&str; 7] = ["se", "nu", "eu", "com", "org", "net", "info"];

/// Link attributes editors add (Tiptap's link adds `target="_blank"` and
/// `rel`), which the sanitiser replaces with its own `rel`: removing them
/// changes nothing a visitor sees, so it is not reported.
pub const UNREPORTED_LINK_ATTRIBUTES: [&str; 2] = ["target", "rel"];

/// A body cleaned for kiosks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cleaned {
    /// The HTML kiosks keep: what to store and show.
    pub html: String,
    /// What was taken out.
    pub removed: Vec<Removed>,
    /// Links completed or worth a second look.
    pub links: Vec<LinkNote>,
}

/// Something the sanitiser takes out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Removed {
    /// An element kiosks do not show; its text stays unless
    /// `with_content`.
    Element {
        /// Its name, e.g. `h1`, `table`, `img`.
        name: String,
        /// How many there were.
        count: usize,
        /// Whether its content goes too (`script`, `svg`…).
        with_content: bool,
    },
    /// An attribute kiosks drop (`style`, `class`, `target`…).
    Attribute {
        /// The element it was on.
        element: String,
        /// Its name.
        name: String,
        /// How many there were.
        count: usize,
    },
    /// A link's address kiosks cannot open; the text stays, unlinked.
    Link {
        /// The address.
        href: String,
    },
}

/// A link worth telling the editor about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LinkNote {
    /// A bare host name completed with `https://`.
    Completed {
        /// As written.
        from: String,
        /// As kept.
        to: String,
    },
    /// A plain `http://` link: kept, but not encrypted.
    NotHttps {
        /// The address.
        href: String,
    },
}

impl Removed {
    /// A sentence for a finding's message.
    pub fn describe(&self) -> String {
        match self {
            Self::Element { name, count, with_content: true } => {
                format!("<{name}> ({count}×) is removed with its content")
            }
            Self::Element { name, count, with_content: false } => {
                format!("<{name}> ({count}×) is removed; its text stays")
            }
            Self::Attribute { element, name, count } => {
                format!("the {name} attribute of <{element}> ({count}×) is removed")
            }
            Self::Link { href } => format!("the link to {href:?} is removed (kiosks open only full web, e-mail and phone addresses)"),
        }
    }
}

/// Cleans a body from the editor as kiosks will, completing bare host
/// names in links, and says what was removed. `field` names the field in
/// errors.
///
/// # Errors
/// [`Error::BodyTooLarge`] and [`Error::BodyTooComplex`] over the kiosk's
/// limits (a kiosk would drop the whole text).
pub fn clean(editor_html: &str, field: &str) -> Result<Cleaned> {
    if editor_html.len() > MAX_BODY_BYTES {
        return Err(Error::BodyTooLarge {
            field: field.to_owned(),
            size: editor_html.len(),
            limit: MAX_BODY_BYTES,
        });
    }
    let tags = sanitise::tag_count(editor_html);
    if tags > MAX_BODY_TAGS {
        return Err(Error::BodyTooComplex {
            field: field.to_owned(),
            tags,
            limit: MAX_BODY_TAGS,
        });
    }
    let (removed, links) = analyse(editor_html);
    let completed = COMPLETING.clean(editor_html).to_string();
    Ok(Cleaned {
        // The kiosk's sanitiser has the last word on what is kept.
        html: sanitise::html(&completed),
        removed,
        links,
    })
}

/// What kiosks would take out of a stored body, and its links worth a
/// look, without changing it: for bodies that did not come through
/// [`clean`] (a content folder's). A [`LinkNote::Completed`] here is a link
/// kiosks remove until the body is saved from the editor.
pub fn analyse(html: &str) -> (Vec<Removed>, Vec<LinkNote>) {
    let sink = Scanner::default();
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.found.into_inner().finish()
}

/// The kiosk's policy, except that a relative link that is a bare host
/// name becomes `https://` plus it instead of being removed.
static COMPLETING: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut builder = Builder::default();
    builder
        .tags(HashSet::from(ALLOWED_TAGS))
        .clean_content_tags(HashSet::from(DROPPED_WITH_CONTENT))
        .generic_attributes(HashSet::new())
        .tag_attributes(HashMap::from([("a", HashSet::from(["href"]))]))
        .url_schemes(HashSet::from(ALLOWED_URL_SCHEMES))
        .url_relative(UrlRelative::Custom(Box::new(complete)))
        .link_rel(None)
        .strip_comments(true);
    builder
});

fn complete(url: &str) -> Option<Cow<'_, str>> {
    bare_host(url).map(Cow::Owned)
}

/// `https://` plus `href` when `href` is a host name without a scheme
/// (`www.lansstyrelsen.se`, `lansstyrelsen.se/vasternorrland`).
pub fn bare_host(href: &str) -> Option<String> {
    let href = href.trim();
    let host = href.split(['/', '?', '#']).next()?;
    let labels: Vec<&str> = host.split('.').collect();
    let well_formed = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && (labels[0].eq_ignore_ascii_case("www")
            || labels.last().is_some_and(|tld| {
                COMPLETED_TLDS
                    .iter()
                    .any(|known| known.eq_ignore_ascii_case(tld))
            }));
    if !well_formed {
        return None;
    }
    let full = format!("https://{href}");
    url::Url::parse(&full).ok().map(|_| full)
}

/// What the tokenizer found, gathered.
#[derive(Debug, Default)]
struct Found {
    elements: BTreeMap<String, (usize, bool)>,
    attributes: BTreeMap<(String, String), usize>,
    links: Vec<LinkNote>,
    removed_links: Vec<String>,
    /// Open elements dropped with their content: nothing inside counts.
    inside_dropped: Vec<String>,
}

impl Found {
    fn tag(&mut self, tag: &Tag) {
        let name = tag.name.to_string();
        if tag.kind != StartTag {
            if self.inside_dropped.last() == Some(&name) {
                self.inside_dropped.pop();
            }
            return;
        }
        if !self.inside_dropped.is_empty() {
            return;
        }
        if !ALLOWED_TAGS.contains(&name.as_str()) {
            let with_content = DROPPED_WITH_CONTENT.contains(&name.as_str());
            let entry = self
                .elements
                .entry(name.clone())
                .or_insert((0, with_content));
            entry.0 += 1;
            if with_content && !tag.self_closing {
                self.inside_dropped.push(name);
            }
            return;
        }
        for attribute in &tag.attrs {
            let attribute_name = attribute.name.local.to_string();
            if name == "a" && attribute_name == "href" {
                self.link(attribute.value.trim());
            } else if name == "a" && UNREPORTED_LINK_ATTRIBUTES.contains(&attribute_name.as_str()) {
                continue;
            } else {
                *self
                    .attributes
                    .entry((name.clone(), attribute_name))
                    .or_insert(0) += 1;
            }
        }
    }

    fn link(&mut self, href: &str) {
        if href.is_empty() {
            return;
        }
        match url::Url::parse(href) {
            Ok(url) if ALLOWED_URL_SCHEMES.contains(&url.scheme()) => {
                if url.scheme() == "http" {
                    self.links.push(LinkNote::NotHttps {
                        href: href.to_owned(),
                    });
                }
            }
            Err(url::ParseError::RelativeUrlWithoutBase) => match bare_host(href) {
                Some(to) => self.links.push(LinkNote::Completed {
                    from: href.to_owned(),
                    to,
                }),
                None => self.removed_links.push(href.to_owned()),
            },
            _ => self.removed_links.push(href.to_owned()),
        }
    }

    fn finish(self) -> (Vec<Removed>, Vec<LinkNote>) {
        let elements = self
            .elements
            .into_iter()
            .map(|(name, (count, with_content))| Removed::Element {
                name,
                count,
                with_content,
            });
        let attributes =
            self.attributes
                .into_iter()
                .map(|((element, name), count)| Removed::Attribute {
                    element,
                    name,
                    count,
                });
        let links = self
            .removed_links
            .into_iter()
            .map(|href| Removed::Link { href });
        (
            elements.chain(attributes).chain(links).collect(),
            self.links,
        )
    }
}

/// The tokenizer's sink: records tags, and switches the tokenizer to raw
/// text where a browser would.
#[derive(Debug, Default)]
struct Scanner {
    found: RefCell<Found>,
}

impl TokenSink for Scanner {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        self.found.borrow_mut().tag(&tag);
        if tag.kind != StartTag || tag.self_closing {
            return TokenSinkResult::Continue;
        }
        match &*tag.name {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
            "plaintext" => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FROM_A_WORD_PROCESSOR: &str = concat!(
        "<h1>Rubrik</h1>",
        "<p style=\"color:red\" class=\"x\">Text <a href=\"www.lansstyrelsen.se\" target=\"_blank\">länk</a> ",
        "<a href=\"http://example.org\">x</a> <a href=\"javascript:alert(1)\">y</a> <a href=\"/sida\">z</a></p>",
        "<table><tr><td>cell</td></tr></table><img src=\"a.png\" alt=\"a\">",
        "<script>if (a<b && c) { document.write('<p>') }</script>"
    );

    #[test]
    fn the_editor_learns_what_kiosks_remove() {
        let cleaned = clean(FROM_A_WORD_PROCESSOR, "items/a/body/sv")
            .expect("a small body is within the limits");
        assert_eq!(
            cleaned.html,
            concat!(
                "Rubrik<p>Text <a href=\"https://www.lansstyrelsen.se\" rel=\"noopener noreferrer\">länk</a> ",
                "<a href=\"http://example.org\" rel=\"noopener noreferrer\">x</a> <a rel=\"noopener noreferrer\">y</a> ",
                "<a rel=\"noopener noreferrer\">z</a></p>cell"
            ),
            "the kept HTML is the kiosk's, with the bare host completed"
        );
        let names: Vec<String> = cleaned
            .removed
            .iter()
            .map(|removed| match removed {
                Removed::Element { name, .. } => format!("<{name}>"),
                Removed::Attribute { element, name, .. } => format!("{element}@{name}"),
                Removed::Link { href } => format!("link {href}"),
            })
            .collect();
        assert_eq!(
            names,
            ["<h1>", "<img>", "<script>", "<table>", "<td>", "<tr>", "p@class", "p@style", "link javascript:alert(1)", "link /sida"],
            "every removed element, attribute and link is named once (a link's target is no news), and the script's text is not read as tags"
        );
        assert_eq!(
            cleaned.links,
            [
                LinkNote::Completed {
                    from: "www.lansstyrelsen.se".into(),
                    to: "https://www.lansstyrelsen.se".into()
                },
                LinkNote::NotHttps {
                    href: "http://example.org".into()
                },
            ],
            "the completed link and the unencrypted one are reported"
        );
    }

    #[test]
    fn clean_html_is_kept_as_the_kiosk_keeps_it() {
        for html in [
            "<p>Ett <strong>två</strong> <em>tre</em></p><ul><li>a</li></ul><blockquote><p>– X</p></blockquote>",
            "<h2>R</h2><h3>r</h3><p><a href=\"https://x.se/a?b=c\">l</a><br>m</p>",
            "<svg><p>x</p></svg><math>y</math><template>t</template><select>s</select><noscript>n</noscript><object>o</object><iframe>i</iframe><textarea>t</textarea><style>s</style>",
        ] {
            let cleaned = clean(html, "f").expect("small bodies are within the limits");
            assert_eq!(
                cleaned.html,
                sanitise::html(html),
                "without bare links the Studio keeps exactly what a kiosk keeps: {html}"
            );
            assert_eq!(
                sanitise::html(&cleaned.html),
                cleaned.html,
                "a stored body passes the kiosk's sanitiser unchanged"
            );
        }
    }

    #[test]
    fn only_host_names_are_completed() {
        for (href, expected) in [
            ("www.lansstyrelsen.se", Some("https://www.lansstyrelsen.se")),
            (
                "lansstyrelsen.se/vasternorrland",
                Some("https://lansstyrelsen.se/vasternorrland"),
            ),
            ("sida.html", None),
            ("www.example.fi/sivu", Some("https://www.example.fi/sivu")),
            ("/sida", None),
            ("#del", None),
            ("localhost", None),
            ("1.2.3.4", None),
        ] {
            assert_eq!(bare_host(href).as_deref(), expected, "{href:?}");
        }
    }

    #[test]
    fn bodies_over_the_kiosk_limits_are_refused() {
        let long = "<p>x</p>".repeat(MAX_BODY_BYTES / 8 + 1);
        assert!(
            matches!(clean(&long, "f"), Err(Error::BodyTooLarge { .. })),
            "kiosks drop longer texts"
        );
        let busy = "<b>".repeat(MAX_BODY_TAGS + 1);
        assert!(
            matches!(clean(&busy, "f"), Err(Error::BodyTooComplex { .. })),
            "kiosks drop texts with more tags"
        );
    }
}
