//! Checks before publishing: a list of [`Finding`]s, each linked to the
//! field it is about, so the window can take the editor there.
//!
//! **Errors** are everything a kiosk would refuse or leave out, found by
//! the kiosk's own code on the document the draft publishes: the schema
//! the publisher checks (`docs/feed.schema.json`) and the loader every
//! kiosk runs ([`infostand_content::Pack::from_json`]); `build` refuses to
//! publish while one remains. The commonest are named more precisely (a
//! text, a picture's text alternative, a film's poster or captions
//! missing, a media file gone); while an item has such a finding, the
//! schema's and the loader's own messages about that item are left out, so
//! one problem is not listed three times (they appear if anything is left
//! once the precise ones are fixed).
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

mod kiosk;

use infostand_content::feed::Kind;
use infostand_content::validity::Timestamp;
use infostand_content::Language;
use serde::Serialize;

use crate::clock;
use crate::feed_io;
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
    /// A film has no captions: an error with none at all (the schema every
    /// publish passes requires a track), a warning for one language.
    FilmWithoutCaptions,
    /// A film has no poster (the schema requires one, with its text
    /// alternative).
    FilmWithoutPoster,
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
    let mut kiosk = Vec::new();
    kiosk::kiosk_findings(draft, &document, &index, &mut kiosk);
    // The schema and the loader may both name one field: keep the loader's,
    // which says what kiosks do.
    let mut seen = std::collections::HashSet::new();
    kiosk.reverse();
    kiosk.retain(|finding| seen.insert(finding.field.clone()));
    kiosk.reverse();
    // The kiosk's own messages about an item the precise findings cover.
    kiosk.retain(|generic| {
        let Some(item) = item_of(&generic.field) else {
            return true;
        };
        !findings.iter().any(|specific| {
            specific.severity == Severity::Error && item_of(&specific.field) == Some(item)
        })
    });
    findings.extend(kiosk);
    findings.sort_by_key(|finding| finding.severity != Severity::Error);
    findings
}

/// The item key a field path is about.
fn item_of(field: &str) -> Option<&str> {
    field.strip_prefix("items/")?.split('/').next()
}

pub(crate) fn finding(
    severity: Severity,
    code: FindingCode,
    field: String,
    message: String,
) -> Finding {
    Finding {
        severity,
        code,
        message,
        field,
    }
}

/// How an item is named in messages: its title and the language.
pub(crate) fn named(item: &Item, language: Option<Language>) -> String {
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
            let what = if item.kind == Kind::Film {
                "what the film is about"
            } else {
                "the text"
            };
            findings.push(finding(
                Severity::Error,
                FindingCode::EmptyBody,
                format!("items/{key}/body/{lang}"),
                format!("{name} has no text: write {what}; kiosks do not show an item without one"),
            ));
        }
        if version.image.is_some()
            && version
                .image_alt
                .as_deref()
                .is_none_or(|alt| alt.trim().is_empty())
        {
            findings.push(finding(Severity::Error, FindingCode::ImageWithoutAlt, format!("items/{key}/image_alt/{lang}"),
                format!("{name}: describe the picture for visitors who cannot see it; kiosks do not show an item whose picture has no text alternative")));
        }
        body_findings(item, language, version, findings);
        if let Some(url) = version
            .url
            .as_deref()
            .filter(|url| url.starts_with("http://"))
        {
            findings.push(finding(
                Severity::Warning,
                FindingCode::LinkNotHttps,
                format!("items/{key}/url/{lang}"),
                format!(
                    "{name}: the page {url:?} is not https://; visitors' phones may warn about it"
                ),
            ));
        }
        if let Some(until) = version.valid_until.as_deref().and_then(clock::instant) {
            if until <= now {
                findings.push(finding(Severity::Warning, FindingCode::NeverShown, format!("items/{key}/validity"),
                    format!("{name} is shown only until {until}, which has passed: kiosks will not show it")));
            }
        }
    }
    translation_findings(item, findings);
    if item.kind == Kind::Film {
        caption_findings(item, findings);
    }
}

/// A language missing, or behind the other.
fn translation_findings(item: &Item, findings: &mut Vec<Finding>) {
    let key = &item.key;
    for language in [Language::Sv, Language::En] {
        if item.version(language).is_none() {
            let other = if language == Language::Sv {
                "English"
            } else {
                "Swedish"
            };
            findings.push(finding(
                Severity::Warning,
                FindingCode::MissingTranslation,
                format!("items/{key}/{}", language.code()),
                format!(
                    "{} has no {} version; kiosks show the {other} one instead",
                    named(item, None),
                    language_name(language)
                ),
            ));
        }
    }
    for behind in views::behind(item) {
        let lang = behind.language.code();
        let (field, what) = match behind.field {
            Some(field) => (
                format!("items/{key}/{}/{lang}", field.name()),
                field.name().replace('_', " "),
            ),
            None => (format!("items/{key}/{lang}"), "text".to_owned()),
        };
        findings.push(finding(Severity::Warning, FindingCode::OlderTranslation, field,
            format!("{}: the {} version's {what} is older than the other language's; update it, or confirm the translation still matches", named(item, None), language_name(behind.language))));
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
        findings.push(finding(
            Severity::Warning,
            FindingCode::StrippedMarkup,
            field.clone(),
            format!(
                "{name}: kiosks show this text without some of its formatting: {}",
                markup.join("; ")
            ),
        ));
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
    if main.image.is_none() {
        findings.push(finding(
            Severity::Error,
            FindingCode::FilmWithoutPoster,
            format!("items/{}/image", item.key),
            format!(
                "{} has no poster: add a picture shown before it plays, with its text alternative",
                named(item, None)
            ),
        ));
    }
    if main.captions.is_empty() {
        findings.push(finding(Severity::Error, FindingCode::FilmWithoutCaptions, format!("items/{}/captions", item.key),
            format!("{} has no captions: add them (.vtt or .srt); visitors who cannot hear it, and kiosks playing it muted, need them", named(item, None))));
        return;
    }
    for (language, _) in item.versions() {
        if !main
            .captions
            .iter()
            .any(|caption| caption.language == language)
        {
            findings.push(finding(
                Severity::Warning,
                FindingCode::FilmWithoutCaptions,
                format!("items/{}/captions/{}", item.key, language.code()),
                format!(
                    "{} has no {} captions",
                    named(item, None),
                    language_name(language)
                ),
            ));
        }
    }
}

fn media_findings(draft: &Draft, item: &Item, layout: &Layout, findings: &mut Vec<Finding>) {
    let Some(main) = item.main() else { return };
    let key = &item.key;
    let mut uses: Vec<(String, &str)> = Vec::new();
    uses.extend(
        main.image
            .iter()
            .map(|url| (format!("items/{key}/image"), url.as_str())),
    );
    uses.extend(
        main.attachments
            .iter()
            .map(|a| (format!("items/{key}/video"), a.url.as_str())),
    );
    uses.extend(main.captions.iter().map(|c| {
        (
            format!("items/{key}/captions/{}", c.language.code()),
            c.url.as_str(),
        )
    }));
    for (field, url) in uses {
        let present = draft.media_entry(url).is_some_and(|entry| {
            std::fs::metadata(layout.media_file(url))
                .is_ok_and(|meta| meta.is_file() && meta.len() == entry.size_in_bytes)
        });
        if !present {
            findings.push(finding(
                Severity::Error,
                FindingCode::MissingMedia,
                field,
                format!(
                    "{}: the file {url:?} is not in the draft (or has changed); add it again",
                    named(item, None)
                ),
            ));
        }
    }
}

fn contact_findings(draft: &Draft, previous: Option<&Draft>, findings: &mut Vec<Finding>) {
    for contact in &draft.contacts {
        if contact
            .role
            .as_ref()
            .is_some_and(|role| role.en.as_deref().is_none_or(|en| en.trim().is_empty()))
        {
            findings.push(finding(
                Severity::Warning,
                FindingCode::MissingTranslation,
                format!("contacts/{}/role/en", contact.id),
                format!(
                    "{}'s role has no English; kiosks show the Swedish one to English visitors",
                    contact.name
                ),
            ));
        }
    }
    if let Some(url) = draft
        .organisation
        .as_ref()
        .and_then(|o| o.url.as_deref())
        .filter(|url| url.starts_with("http://"))
    {
        findings.push(finding(
            Severity::Warning,
            FindingCode::LinkNotHttps,
            "organisation/url".into(),
            format!("the county's web address {url:?} is not https://"),
        ));
    }
    let Some(previous) = previous else { return };
    let newest = |draft: &Draft| {
        draft
            .items
            .iter()
            .flat_map(|item| {
                item.versions()
                    .filter_map(|(_, v)| v.date_modified.as_deref().and_then(clock::instant))
            })
            .max()
    };
    if newest(draft) > newest(previous) {
        return;
    }
    for (changed, field, what) in [
        (
            draft.contacts != previous.contacts,
            "contacts",
            "The contacts",
        ),
        (
            draft.organisation != previous.organisation,
            "organisation/name",
            "The county's details",
        ),
    ] {
        if changed {
            findings.push(finding(Severity::Warning, FindingCode::UpdatedDateUnchanged, field.into(),
                format!("{what} changed since the last publish, but no text or film did, so kiosks keep showing the old \"updated\" date (the format dates only texts and films)")));
        }
    }
}
