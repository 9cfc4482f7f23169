//! Checks before publishing: a list of [`Finding`]s, each linked to the
//! field it is about, so the window can take the editor there.
//!
//! **Errors** are everything a kiosk would refuse or leave out, found by
//! the kiosk's own code on the document the draft publishes: the schema
//! the publisher checks (`docs/feed.schema.json`) and the loader every
//! kiosk runs ([`infostand_content::Pack::from_json`]); `build` refuses to
//! publish while one remains. A few are also named more precisely (a text
//! or picture description missing, a media file gone).
//!
//! **Warnings** are what a kiosk accepts but the editor should know:
//! markup and links the sanitiser strips, links without `https://`, a
//! translation missing or older than the other language, films without
//! captions, an item whose showing time has passed, and contacts changed
//! while the "updated" date kiosks show stays the same.
//!
//! **Field paths** are stable and built from keys and ids, never
//! positions: `items/<key>` (the item), `items/<key>/<lang>` (one
//! language), `items/<key>/<field>/<lang>` for `title`, `summary`, `body`,
//! `url`, `image_alt`, `date_modified`, and `items/<key>/<field>` for what
//! both languages share: `image`, `video`, `captions` (or
//! `captions/<lang>`), `validity`. Then `contacts/<id>` and
//! `contacts/<id>/<field>` (`name`, `phone`, `email`, `role/sv`,
//! `role/en`), `contacts` for the list, `organisation/<field>`,
//! `media/<url>`, and `feed` for the document as a whole.

use std::path::Path;

use infostand_content::feed::Kind;
use infostand_content::validity::Timestamp;
use infostand_content::{Language, Pack, Source};
use serde::Serialize;

use crate::clock;
use crate::feed_io::{self, ItemIndex};
use crate::model::{Draft, Item, Version};
use crate::rich_text::{self, LinkNote, Removed};
use crate::storage::Layout;
use crate::views;

/// One thing the checks found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Whether it stops publishing.
    pub severity: Severity,
    /// What kind of finding it is.
    pub code: FindingCode,
    /// What is wrong and what to do, in a sentence or two.
    pub message: String,
    /// The field it is about (see the module docs).
    pub field: String,
}

/// Whether a finding stops publishing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A kiosk would refuse it: publishing is refused.
    Error,
    /// A kiosk accepts it, but the editor should know.
    Warning,
}

/// What a finding is about: a closed set the UI can explain and localise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingCode {
    /// Kiosks refuse the whole document (the loader's message).
    KioskRefuses,
    /// The document breaks `docs/feed.schema.json`.
    SchemaViolation,
    /// Kiosks leave one language's item out (the loader's reason).
    KioskDropsItem,
    /// A text (or a film's description) is empty.
    EmptyBody,
    /// A picture has no text alternative.
    ImageWithoutAlt,
    /// A media file the item uses is not in the draft.
    MissingMedia,
    /// Kiosks strip markup from a text.
    StrippedMarkup,
    /// Kiosks remove a link from a text.
    LinkRemoved,
    /// A link is `http://`, not `https://`.
    LinkNotHttps,
    /// A language version or a contact's role is missing in one language.
    MissingTranslation,
    /// One language changed after the other.
    OlderTranslation,
    /// A film has no captions (in one language or at all).
    FilmWithoutCaptions,
    /// An item's showing time has ended.
    NeverShown,
    /// Contacts or the county's details changed, but the date kiosks show
    /// as "updated" did not.
    UpdatedDateUnchanged,
}

impl crate::project::Project {
    /// Checks the draft as it is now. `previous` is what was published
    /// last (see [`crate::publish`]); without it the "updated date" check
    /// is skipped.
    pub fn check(&self) -> Vec<Finding> {
        let previous = crate::publish::last_published(self.layout());
        check_draft(self.draft(), self.layout(), previous.as_ref(), self.now())
    }
}

/// Every finding for `draft`, errors first.
pub fn check_draft(
    draft: &Draft,
    layout: &Layout,
    previous: Option<&Draft>,
    now: Timestamp,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for item in &draft.items {
        item_findings(item, &mut findings, now);
        media_findings(draft, item, layout, &mut findings);
    }
    contact_findings(draft, previous, &mut findings);
    let (document, index) = feed_io::feed_from_draft(draft);
    kiosk_findings(draft, &document, &index, &mut findings);
    findings.sort_by_key(|finding| finding.severity != Severity::Error);
    findings
}

fn finding(severity: Severity, code: FindingCode, field: String, message: String) -> Finding {
    Finding {
        severity,
        code,
        message,
        field,
    }
}

/// How an item is named in messages: its title and the language.
fn named(item: &Item, language: Option<Language>) -> String {
    match language {
        Some(language) => format!("{:?} ({})", item.title(), language.code()),
        None => format!("{:?}", item.title()),
    }
}

fn item_findings(item: &Item, findings: &mut Vec<Finding>, now: Timestamp) {
    let key = &item.key;
    for (language, version) in item.versions() {
        let lang = language.code();
        let name = named(item, Some(language));
        if version.body_html.trim().is_empty() {
            let what = if item.kind == Kind::Film { "what the film is about" } else { "the text" };
            findings.push(finding(Severity::Error, FindingCode::EmptyBody, format!("items/{key}/body/{lang}"),
                format!("{name} has no text: write {what}; kiosks do not show an item without one")));
        }
        if version.image.is_some() && version.image_alt.as_deref().is_none_or(|alt| alt.trim().is_empty()) {
            findings.push(finding(Severity::Error, FindingCode::ImageWithoutAlt, format!("items/{key}/image_alt/{lang}"),
                format!("{name}: describe the picture for visitors who cannot see it; kiosks do not show an item whose picture has no text alternative")));
        }
        body_findings(item, language, version, findings);
        if let Some(url) = version.url.as_deref().filter(|url| url.starts_with("http://")) {
            findings.push(finding(Severity::Warning, FindingCode::LinkNotHttps, format!("items/{key}/url/{lang}"),
                format!("{name}: the page {url:?} is not https://; visitors' phones may warn about it")));
        }
        if let Some(until) = version.valid_until.as_deref().and_then(clock::instant) {
            if until <= now {
                findings.push(finding(Severity::Warning, FindingCode::NeverShown, format!("items/{key}/validity"),
                    format!("{name} is shown only until {until}, which has passed: kiosks will not show it")));
            }
        }
    }
    for language in [Language::Sv, Language::En] {
        if item.version(language).is_none() {
            let other = if language == Language::Sv { "English" } else { "Swedish" };
            findings.push(finding(Severity::Warning, FindingCode::MissingTranslation, format!("items/{key}/{}", language.code()),
                format!("{} has no {} version; kiosks show the {other} one instead", named(item, None), language_name(language))));
        }
    }
    for behind in views::behind(item) {
        let lang = behind.language.code();
        let (field, what) = match behind.field {
            Some(field) => (format!("items/{key}/{}/{lang}", field.name()), field.name().replace('_', " ")),
            None => (format!("items/{key}/{lang}"), "text".to_owned()),
        };
        findings.push(finding(Severity::Warning, FindingCode::OlderTranslation, field,
            format!("{}: the {} version's {what} is older than the other language's; update it, or confirm the translation still matches", named(item, None), language_name(behind.language))));
    }
    if item.kind == Kind::Film {
        caption_findings(item, findings);
    }
}

fn language_name(language: Language) -> &'static str {
    match language {
        Language::Sv => "Swedish",
        Language::En => "English",
    }
}

fn body_findings(item: &Item, language: Language, version: &Version, findings: &mut Vec<Finding>) {
    let field = format!("items/{}/body/{}", item.key, language.code());
    let name = named(item, Some(language));
    let (removed, links) = rich_text::analyse(&version.body_html);
    let markup: Vec<String> = removed
        .iter()
        .filter(|removed| !matches!(removed, Removed::Link { .. }))
        .map(Removed::describe)
        .collect();
    if !markup.is_empty() {
        findings.push(finding(Severity::Warning, FindingCode::StrippedMarkup, field.clone(),
            format!("{name}: kiosks show this text without some of its formatting: {}", markup.join("; "))));
    }
    for removed in &removed {
        if let Removed::Link { href } = removed {
            findings.push(finding(Severity::Warning, FindingCode::LinkRemoved, field.clone(),
                format!("{name}: kiosks remove the link to {href:?} (only full web, e-mail and phone addresses are kept)")));
        }
    }
    for link in links {
        let (code, message) = match link {
            LinkNote::Completed { from, to } => (FindingCode::LinkRemoved,
                format!("{name}: kiosks remove the link to {from:?}; write it as {to:?} (saving the text in the Studio's editor does this)")),
            LinkNote::NotHttps { href } => (FindingCode::LinkNotHttps,
                format!("{name}: the link to {href:?} is not https://; visitors' phones may warn about it")),
        };
        findings.push(finding(Severity::Warning, code, field.clone(), message));
    }
}

fn caption_findings(item: &Item, findings: &mut Vec<Finding>) {
    let Some(main) = item.main() else { return };
    if main.captions.is_empty() {
        findings.push(finding(Severity::Warning, FindingCode::FilmWithoutCaptions, format!("items/{}/captions", item.key),
            format!("{} has no captions; visitors who cannot hear it (and kiosks playing it muted) need them", named(item, None))));
        return;
    }
    for (language, _) in item.versions() {
        if !main.captions.iter().any(|caption| caption.language == language) {
            findings.push(finding(Severity::Warning, FindingCode::FilmWithoutCaptions, format!("items/{}/captions/{}", item.key, language.code()),
                format!("{} has no {} captions", named(item, None), language_name(language))));
        }
    }
}

fn media_findings(draft: &Draft, item: &Item, layout: &Layout, findings: &mut Vec<Finding>) {
    let Some(main) = item.main() else { return };
    let key = &item.key;
    let mut uses: Vec<(String, &str)> = Vec::new();
    uses.extend(main.image.iter().map(|url| (format!("items/{key}/image"), url.as_str())));
    uses.extend(main.attachments.iter().map(|a| (format!("items/{key}/video"), a.url.as_str())));
    uses.extend(main.captions.iter().map(|c| (format!("items/{key}/captions/{}", c.language.code()), c.url.as_str())));
    for (field, url) in uses {
        let present = draft.media_entry(url).is_some_and(|entry| {
            std::fs::metadata(layout.media_file(url))
                .is_ok_and(|meta| meta.is_file() && meta.len() == entry.size_in_bytes)
        });
        if !present {
            findings.push(finding(Severity::Error, FindingCode::MissingMedia, field,
                format!("{}: the file {url:?} is not in the draft (or has changed); add it again", named(item, None))));
        }
    }
}

fn contact_findings(draft: &Draft, previous: Option<&Draft>, findings: &mut Vec<Finding>) {
    for contact in &draft.contacts {
        if contact.role.as_ref().is_some_and(|role| role.en.as_deref().is_none_or(|en| en.trim().is_empty())) {
            findings.push(finding(Severity::Warning, FindingCode::MissingTranslation, format!("contacts/{}/role/en", contact.id),
                format!("{}'s role has no English; kiosks show the Swedish one to English visitors", contact.name)));
        }
    }
    if let Some(url) = draft.organisation.as_ref().and_then(|o| o.url.as_deref()).filter(|url| url.starts_with("http://")) {
        findings.push(finding(Severity::Warning, FindingCode::LinkNotHttps, "organisation/url".into(),
            format!("the county's web address {url:?} is not https://")));
    }
    let Some(previous) = previous else { return };
    let newest = |draft: &Draft| {
        draft.items.iter()
            .flat_map(|item| item.versions().filter_map(|(_, v)| v.date_modified.as_deref().and_then(clock::instant)))
            .max()
    };
    if newest(draft) > newest(previous) {
        return;
    }
    for (changed, field, what) in [
        (draft.contacts != previous.contacts, "contacts", "The contacts"),
        (draft.organisation != previous.organisation, "organisation/name", "The county's details"),
    ] {
        if changed {
            findings.push(finding(Severity::Warning, FindingCode::UpdatedDateUnchanged, field.into(),
                format!("{what} changed since the last publish, but no text or film did, so kiosks keep showing the old \"updated\" date (the format dates only texts and films)")));
        }
    }
}

/// What the kiosk's own code says: the publisher's schema and the loader.
fn kiosk_findings(draft: &Draft, document: &serde_json::Value, index: &ItemIndex, findings: &mut Vec<Finding>) {
    let path = Path::new(infostand_publish::FEED_FILE);
    if let Err(infostand_publish::Error::Schema { errors, .. }) = infostand_publish::validate::schema(document, path) {
        for line in errors {
            let (pointer, message) = line.split_once(": ").unwrap_or(("/", line.as_str()));
            let segments: Vec<&str> = pointer.split('/').filter(|s| !s.is_empty()).collect();
            findings.push(finding(Severity::Error, FindingCode::SchemaViolation, field_of(&segments, index, draft, ""),
                format!("{pointer}: {message}")));
        }
    }
    let mut bytes = serde_json::to_vec_pretty(document).unwrap_or_default();
    bytes.push(b'\n');
    match Pack::from_json(&bytes, Source::Feed) {
        Err(error) => {
            let segments = loader_segments(&error);
            let refs: Vec<&str> = segments.iter().map(String::as_str).collect();
            findings.push(finding(Severity::Error, FindingCode::KioskRefuses, field_of(&refs, index, draft, ""),
                format!("kiosks would refuse the whole draft: {error}")));
        }
        Ok(loaded) => {
            for warning in &loaded.warnings {
                let Some((key, language)) = index.get(warning.index) else { continue };
                let specific = findings.iter().any(|f| f.severity == Severity::Error && f.field.starts_with(&format!("items/{key}/"))
                    && f.field.ends_with(&format!("/{}", language.code())));
                if specific {
                    continue;
                }
                let segments = ["items".to_owned(), warning.index.to_string(), field_in_reason(&warning.reason).to_owned()];
                let refs: Vec<&str> = segments.iter().map(String::as_str).collect();
                let item = draft.item(key).map(|item| named(item, Some(*language))).unwrap_or_default();
                findings.push(finding(Severity::Error, FindingCode::KioskDropsItem, field_of(&refs, index, draft, ""),
                    format!("kiosks would leave out {item}: {}", warning.reason)));
            }
            if loaded.pack.is_empty() {
                findings.push(finding(Severity::Error, FindingCode::KioskRefuses, "feed".into(),
                    "kiosks would show nothing from this draft, and refuse it: add a text or a film".into()));
            }
        }
    }
}

/// The document field a loader's reason for dropping an item is about.
fn field_in_reason(reason: &str) -> &'static str {
    [("image_alt", "image_alt"), ("title", "title"), ("valid_", "_infostand/valid_from"),
        ("content_html", "content_html"), ("body", "content_html"), ("attachments", "attachments"),
        ("url", "url"), ("date_modified", "date_modified")]
        .iter()
        .find(|(word, _)| reason.contains(word))
        .map_or("", |(_, field)| field)
}

/// The loader's error path (`items[3].attachments[0].url`) as segments.
fn loader_segments(error: &infostand_content::Error) -> Vec<String> {
    let path = match error {
        infostand_content::Error::Invalid { path, .. } | infostand_content::Error::Shape { path, .. } => path.as_str(),
        _ => "",
    };
    path.split('.')
        .flat_map(|part| part.split(['[', ']']))
        .filter(|segment| !segment.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A document location, as segments, as a field path.
fn field_of(segments: &[&str], index: &ItemIndex, draft: &Draft, _hint: &str) -> String {
    match segments {
        ["items", at, rest @ ..] => {
            let Some((key, language)) = at.parse::<usize>().ok().and_then(|at| index.get(at)) else {
                return "feed".into();
            };
            let lang = language.code();
            let rest: Vec<&str> = rest.iter().copied().filter(|s| *s != "_infostand").collect();
            match rest.first().copied() {
                Some("title") => format!("items/{key}/title/{lang}"),
                Some("summary") => format!("items/{key}/summary/{lang}"),
                Some("content_html" | "content_text") => format!("items/{key}/body/{lang}"),
                Some("url") => format!("items/{key}/url/{lang}"),
                Some("date_modified") => format!("items/{key}/date_modified/{lang}"),
                Some("image_alt") => format!("items/{key}/image_alt/{lang}"),
                Some("image") => format!("items/{key}/image"),
                Some("attachments") => format!("items/{key}/video"),
                Some("captions") => format!("items/{key}/captions"),
                Some("valid_from" | "valid_until") => format!("items/{key}/validity"),
                _ => format!("items/{key}/{lang}"),
            }
        }
        ["_infostand", "contacts", at, rest @ ..] => {
            let Some(contact) = at.parse::<usize>().ok().and_then(|at| draft.contacts.get(at)) else {
                return "contacts".into();
            };
            match rest {
                [] => format!("contacts/{}", contact.id),
                rest => format!("contacts/{}/{}", contact.id, rest.join("/")),
            }
        }
        ["_infostand", "organisation", rest @ ..] => match rest.first() {
            Some(field) => format!("organisation/{field}"),
            None => "organisation/name".into(),
        },
        ["_infostand", "media", at, ..] => {
            let referenced = draft.referenced_media();
            let listed: Vec<&str> = draft.media.iter().map(|e| e.url.as_str()).filter(|url| referenced.iter().any(|r| r == url)).collect();
            at.parse::<usize>().ok().and_then(|at| listed.get(at)).map_or("feed".into(), |url| format!("media/{url}"))
        }
        _ => "feed".into(),
    }
}
