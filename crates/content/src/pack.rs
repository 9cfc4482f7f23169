//! The one load path for content: a feed document in, a validated,
//! sanitised [`Pack`] out. The embedded pack and synced feeds both come
//! through here, so whatever reaches the UI has passed the same checks.
//!
//! Problems with the feed as a whole refuse it, naming the JSON path; a bad
//! single item is dropped alone and reported as a [`Warning`], because one
//! broken article should not take the whole campaign off the screen.

mod entry;
mod present;
pub mod stored;

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::feed::{Contact, Feed, ItemSlot, Kind, MediaEntry, Organisation, JSON_FEED_VERSIONS};
use crate::{Language, Source};

pub use entry::Entry;
pub use present::Presentation;

/// The largest feed document accepted, in bytes (16 MiB).
///
/// A feed holds only text — media are separate files — and the real one is a
/// few tens of kilobytes, so this is generous; it exists so a broken or
/// hostile synced feed cannot make the app parse an unbounded document.
pub const MAX_FEED_BYTES: usize = 16 * 1024 * 1024;

/// The newest version of the `_infostand` extension this build reads.
pub const SUPPORTED_FORMAT: u32 = 1;

/// A validated content pack, ready to be viewed in any language.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pack {
    title: String,
    revision: u64,
    source: Source,
    organisation: Option<Organisation>,
    contacts: Vec<Contact>,
    media: Vec<MediaEntry>,
    /// Manifest position of each media URL.
    media_index: HashMap<String, usize>,
    entries: Vec<Entry>,
    /// The newest `date_modified`, as written in the feed.
    updated: Option<String>,
    /// `_infostand.attract`: film keys for the kiosk's attract loop.
    attract: Vec<String>,
}

/// A pack together with what was dropped from it on the way in.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Loaded {
    /// The pack.
    pub pack: Pack,
    /// One warning per dropped item, in feed order.
    pub warnings: Vec<Warning>,
}

/// An item that was dropped of the pack, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// The item's position in `items`.
    pub index: usize,
    /// The item's `id`, when it had a readable one.
    pub item_id: Option<String>,
    /// Why it was dropped.
    pub reason: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.item_id {
            Some(id) => write!(
                f,
                "items[{}] (id {id:?}) was dropped: {}",
                self.index, self.reason
            ),
            None => write!(f, "items[{}] was dropped: {}", self.index, self.reason),
        }
    }
}

impl Pack {
    /// Parses, validates and sanitises an Infostand pack: the one load
    /// path for the pack built into the app and every synced or imported
    /// revision. A feed without `_infostand` (a CMS's plain JSON Feed) is
    /// refused ([`Error::MissingExtension`]): such a feed is a news feed,
    /// shown beside the campaign, never in its place.
    ///
    /// # Errors
    /// When the document is empty, too large, not JSON, not shaped like a
    /// feed, or breaks a rule of the pack format as a whole; the error names
    /// the JSON path at fault.
    pub fn from_json(bytes: &[u8], source: Source) -> Result<Loaded> {
        if bytes.len() > MAX_FEED_BYTES {
            return Err(Error::TooLarge {
                size: bytes.len(),
                limit: MAX_FEED_BYTES,
            });
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(Error::Empty);
        }
        let document: Value = serde_json::from_slice(bytes).map_err(Error::Json)?;
        // Read before the strict parse: a newer format may add fields that
        // this build's model would reject with a less helpful message.
        check_version(&document)?;
        check_format(&document)?;
        Self::from_feed(parse_feed(document)?, source)
    }

    fn from_feed(feed: Feed, source: Source) -> Result<Loaded> {
        let extension = feed.infostand.ok_or(Error::MissingExtension)?;
        if extension.format == 0 {
            return Err(invalid(
                "_infostand.format",
                "is 0; the first format is 1".into(),
            ));
        }
        if extension.revision < 1 {
            return Err(invalid(
                "_infostand.revision",
                "is 0; revisions start at 1".into(),
            ));
        }
        if extension
            .organisation
            .as_ref()
            .is_some_and(|organisation| organisation.name.trim().is_empty())
        {
            return Err(invalid("_infostand.organisation.name", "is empty".into()));
        }
        let media_index = index_manifest(&extension.media)?;
        check_contacts(&extension.contacts)?;
        let contacts = extension.contacts.into_iter().map(tidy_contact).collect();
        let organisation = extension.organisation.map(tidy_organisation).transpose()?;

        let (entries, warnings) = load_items(
            feed.items,
            feed.language.as_deref(),
            &extension.media,
            &media_index,
        )?;

        let updated = entry::newest_modified(&entries);
        let pack = Pack {
            title: feed.title,
            revision: extension.revision,
            source,
            organisation,
            contacts,
            media: extension.media,
            media_index,
            entries,
            updated,
            attract: extension.attract,
        };
        Ok(Loaded { pack, warnings })
    }

    /// The document's `_infostand.revision`.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Where the pack came from.
    pub fn source(&self) -> Source {
        self.source
    }

    /// The feed's title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The newest `date_modified` of the pack's items, as written in the feed.
    pub fn updated(&self) -> Option<&str> {
        self.updated.as_deref()
    }

    /// The media manifest: every file the pack refers to, in feed order.
    pub fn media(&self) -> &[MediaEntry] {
        &self.media
    }

    /// Whether the pack has no item at all (every one was dropped, or the
    /// document has none): such a pack would show nothing but contacts.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The people to contact, in feed order. Blank phone numbers and
    /// e-mail addresses are `None`, so nothing empty is shown.
    pub fn contacts(&self) -> &[Contact] {
        &self.contacts
    }

    /// The contact with this id.
    pub fn contact(&self, id: &str) -> Option<&Contact> {
        self.contacts.iter().find(|contact| contact.id == id)
    }

    /// The organisation behind the campaign, if the pack names one; its
    /// blank fields are `None`.
    pub fn organisation(&self) -> Option<&Organisation> {
        self.organisation.as_ref()
    }

    /// The manifest entry for a relative media URL.
    pub fn media_entry(&self, url: &str) -> Option<&MediaEntry> {
        self.media_index.get(url).map(|&at| &self.media[at])
    }
}

fn invalid(path: &str, problem: String) -> Error {
    Error::Invalid {
        path: path.to_owned(),
        problem,
    }
}

/// Validates the items one by one: refuses the feed for a fault of the
/// whole (a repeated id or key, a reference outside the manifest) and drops a
/// single bad item with a warning.
fn load_items(
    mut items: Vec<ItemSlot>,
    feed_language: Option<&str>,
    media: &[MediaEntry],
    media_index: &HashMap<String, usize>,
) -> Result<(Vec<Entry>, Vec<Warning>)> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut warnings = Vec::new();
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut keys: HashMap<(String, Language), usize> = HashMap::new();
    // The kind of each key and where it was first seen: translations of one
    // thing must be the same kind of thing.
    let mut kinds: HashMap<String, (Kind, usize)> = HashMap::new();
    let bodies = entry::bodies(&mut items)?;
    for ((index, slot), html) in items.into_iter().enumerate().zip(bodies) {
        let id = match &slot {
            ItemSlot::Parsed(item) => Some(item.id.clone()),
            ItemSlot::Malformed { id, .. } => id.clone(),
        };
        if let Some(id) = &id {
            if let Some(first) = ids.insert(id.clone(), index) {
                return Err(invalid(
                    &format!("items[{index}].id"),
                    format!("{id:?} is used twice (first at items[{first}])"),
                ));
            }
        }
        let mut drop = |reason: String| {
            warnings.push(Warning {
                index,
                item_id: id.clone(),
                reason,
            });
        };
        let item = match slot {
            ItemSlot::Parsed(item) => item,
            ItemSlot::Malformed { problem, .. } => {
                drop(problem);
                continue;
            }
        };
        entry::check_references(index, &item, media, media_index)?;
        let html = html.unwrap_or_else(|| Err("its body could not be read".into()));
        let entry = match Entry::from_parts(*item, feed_language, html) {
            Ok(entry) => entry,
            Err(reason) => {
                drop(reason);
                continue;
            }
        };
        let (kind, first) = *kinds
            .entry(entry.key.clone())
            .or_insert((entry.kind, index));
        if kind != entry.kind {
            drop(format!(
                "its key {:?} has kind {:?} at items[{first}] but {:?} here",
                entry.key,
                kind.as_str(),
                entry.kind.as_str()
            ));
            continue;
        }
        if let Some(first) = keys.insert((entry.key.clone(), entry.language), index) {
            return Err(invalid(
                &format!("items[{index}]._infostand.key"),
                format!(
                    "{:?} is used twice in language {:?} (first at items[{first}])",
                    entry.key,
                    entry.language.code()
                ),
            ));
        }
        entries.push(entry);
    }
    Ok((entries, warnings))
}

fn parse_feed(document: Value) -> Result<Feed> {
    serde_path_to_error::deserialize(document).map_err(|error| {
        let path = error.path().to_string();
        Error::Shape {
            path,
            message: error.into_inner().to_string(),
        }
    })
}

fn check_version(document: &Value) -> Result<()> {
    match document.get("version") {
        Some(Value::String(version)) if JSON_FEED_VERSIONS.contains(&version.as_str()) => Ok(()),
        Some(other) => Err(invalid(
            "version",
            format!(
                "{other} is not a JSON Feed version URL (expected {})",
                JSON_FEED_VERSIONS.join(" or ")
            ),
        )),
        None => Err(invalid("version", "is missing".into())),
    }
}

fn check_format(document: &Value) -> Result<()> {
    let Some(extension) = document.get("_infostand") else {
        return Err(Error::MissingExtension);
    };
    if let Some(found) = extension.get("format").and_then(Value::as_u64) {
        if found > u64::from(SUPPORTED_FORMAT) {
            return Err(Error::FormatTooNew {
                found,
                supported: SUPPORTED_FORMAT,
            });
        }
    }
    Ok(())
}

fn index_manifest(media: &[MediaEntry]) -> Result<HashMap<String, usize>> {
    let mut index = HashMap::with_capacity(media.len());
    for (at, entry) in media.iter().enumerate() {
        if let Some(problem) = relative_url_problem(&entry.url) {
            return Err(invalid(
                &format!("_infostand.media[{at}].url"),
                format!("{:?} {problem}", entry.url),
            ));
        }
        if !is_sha256(&entry.sha256) {
            return Err(invalid(
                &format!("_infostand.media[{at}].sha256"),
                format!("{:?} is not 64 lowercase hex digits", entry.sha256),
            ));
        }
        if entry.mime_type.trim().is_empty() {
            return Err(invalid(
                &format!("_infostand.media[{at}].mime_type"),
                "is empty".into(),
            ));
        }
        if let Some(first) = index.insert(entry.url.clone(), at) {
            return Err(invalid(
                &format!("_infostand.media[{at}].url"),
                format!("{:?} is listed twice (first at media[{first}])", entry.url),
            ));
        }
    }
    Ok(index)
}

fn check_contacts(contacts: &[Contact]) -> Result<()> {
    let mut ids = HashMap::new();
    for (at, contact) in contacts.iter().enumerate() {
        if let Some(first) = ids.insert(contact.id.as_str(), at) {
            return Err(invalid(
                &format!("_infostand.contacts[{at}].id"),
                format!(
                    "{:?} is used twice (first at contacts[{first}])",
                    contact.id
                ),
            ));
        }
        let role = contact.role.as_ref().map(|role| &role.sv);
        for (field, value) in [
            ("id", Some(&contact.id)),
            ("name", Some(&contact.name)),
            ("role.sv", role),
        ] {
            if value.is_some_and(|value| value.trim().is_empty()) {
                return Err(invalid(
                    &format!("_infostand.contacts[{at}].{field}"),
                    "is empty".into(),
                ));
            }
        }
    }
    Ok(())
}

/// A contact with its blank optional fields as `None`.
fn tidy_contact(contact: Contact) -> Contact {
    Contact {
        phone: entry::non_blank(contact.phone),
        email: entry::non_blank(contact.email),
        ..contact
    }
}

/// The organisation with its blank optional fields as `None`.
///
/// # Errors
/// [`Error::Invalid`] when its `url` is not a web address: the whole pack
/// is refused, as for an empty name.
fn tidy_organisation(organisation: Organisation) -> Result<Organisation> {
    let url = entry::web_page(organisation.url)
        .map_err(|problem| invalid("_infostand.organisation.url", problem))?;
    Ok(Organisation {
        visiting_address: entry::non_blank(organisation.visiting_address),
        postal_address: entry::non_blank(organisation.postal_address),
        organisation_number: entry::non_blank(organisation.organisation_number),
        governor: entry::non_blank(organisation.governor),
        url,
        ..organisation
    })
}

/// Whether `text` is a SHA-256 digest as the manifest writes it.
pub fn is_sha256(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Why `url` cannot be a media URL inside a pack, if it cannot.
///
/// Media URLs are resolved against the pack's own location, so they must stay
/// inside it: no scheme, no leading slash, no `..`, nothing that a file
/// system or URL parser would read differently.
fn relative_url_problem(url: &str) -> Option<&'static str> {
    if url.is_empty() {
        return Some("is empty");
    }
    let scheme_end = url.find(':');
    let first_separator = url.find(['/', '?', '#']);
    if matches!((scheme_end, first_separator), (Some(colon), Some(slash)) if colon < slash)
        || (scheme_end.is_some() && first_separator.is_none())
        || url.starts_with('/')
    {
        return Some("is absolute; media URLs are relative to the feed");
    }
    if url.contains('\\') {
        return Some("contains a backslash");
    }
    if url.contains(['?', '#']) {
        return Some("has a query or fragment");
    }
    if url.split('/').any(|segment| segment == "..") {
        return Some("climbs out of the pack with `..`");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_urls_must_stay_inside_the_pack() {
        for url in [
            "https://example.org/a.webm",
            "/media/a.webm",
            "media/../../etc/passwd",
            "..",
            "file:a",
            "media\\a.webm",
            "",
            "media/a.webm?x=1",
            "a:b/../c",
        ] {
            assert!(
                relative_url_problem(url).is_some(),
                "{url:?} escapes the pack or is ambiguous and must be refused"
            );
        }
        for url in ["media/film-1.webm", "media/film-1.sv.vtt", "media/a:b.vtt"] {
            assert!(
                relative_url_problem(url).is_none(),
                "{url:?} is an ordinary relative URL and must be accepted"
            );
        }
    }

    #[test]
    fn sha256_is_64_lowercase_hex() {
        assert!(
            is_sha256(&"ab".repeat(32)),
            "64 lowercase hex digits are a digest"
        );
        assert!(
            !is_sha256(&"AB".repeat(32)),
            "the manifest writes digests in lowercase"
        );
        assert!(!is_sha256(&"ab".repeat(31)), "a short digest is malformed");
        assert!(!is_sha256(&"zz".repeat(32)), "non-hex digits are malformed");
    }
}
