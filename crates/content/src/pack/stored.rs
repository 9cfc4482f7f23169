//! A pack as it is kept once it was loaded: the validated, sanitised
//! result, so starting the app never parses and sanitises a stored feed
//! again (sanitising is most of a load's cost, and a hostile body's).
//!
//! The stored form names the exact feed bytes it was made from (their
//! SHA-256) and the build that made it. It is only ever used for those
//! bytes, after their signature was checked, and only by the same build:
//! a new version of the app, whose sanitiser or model may differ, makes it
//! again from the feed.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Loaded, Pack};
use crate::Source;

/// What a stored pack must have been made by to be used: this crate's
/// version and the stored form's own version (the `stored-N`, raised when
/// the model or the sanitiser changes between releases). A pack stored by
/// any other build is made again from its feed.
pub const BUILD: &str = concat!(env!("CARGO_PKG_VERSION"), "+stored-1");

/// The stored form.
#[derive(Serialize, Deserialize)]
struct Stored {
    /// [`BUILD`] of the build that wrote it.
    build: String,
    /// The SHA-256 of the feed bytes it was loaded from, in hex.
    feed_sha256: String,
    /// What was loaded.
    loaded: Loaded,
}

impl Loaded {
    /// The stored form of this pack, loaded from `feed`.
    ///
    /// # Panics
    /// Never: every part of a pack serialises.
    pub fn to_stored(&self, feed: &[u8]) -> Vec<u8> {
        let stored = Stored {
            build: BUILD.to_owned(),
            feed_sha256: hex::encode(Sha256::digest(feed)),
            loaded: self.clone(),
        };
        serde_json::to_vec(&stored)
            .unwrap_or_else(|error| unreachable!("a loaded pack always serialises: {error}"))
    }

    /// The pack stored in `stored`, when it was made from exactly `feed` by
    /// this build; `None` otherwise (then load `feed` again), with `source`
    /// as where it came from this time.
    pub fn from_stored(stored: &[u8], feed: &[u8], source: Source) -> Option<Self> {
        let stored: Stored = serde_json::from_slice(stored).ok()?;
        if stored.build != BUILD || stored.feed_sha256 != hex::encode(Sha256::digest(feed)) {
            return None;
        }
        let Loaded { pack, warnings } = stored.loaded;
        Some(Self {
            pack: Pack { source, ..pack },
            warnings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FEED: &str = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "T",
        "language": "sv", "items": [
            {"id": "a", "title": "A", "content_html": "<p>x<script>y</script></p>",
             "date_modified": "2026-12-01T10:00:00+01:00",
             "_infostand": {"key": "a", "kind": "article", "valid_from": "2026-12-01 08:00"}},
            {"id": "b", "title": "", "content_text": "dropped",
             "_infostand": {"key": "b", "kind": "article"}}],
        "_infostand": {"format": 1, "revision": 3,
            "contacts": [{"id": "c", "name": "N", "phone": " "}]}}"#;

    #[test]
    fn a_stored_pack_is_the_pack_it_was_made_from() {
        let loaded = Pack::from_json(FEED.as_bytes(), Source::Feed).expect("the feed loads");
        let stored = loaded.to_stored(FEED.as_bytes());
        let again = Loaded::from_stored(&stored, FEED.as_bytes(), Source::Import)
            .expect("a pack stored by this build for these bytes is used");
        let now = std::time::SystemTime::now();
        let shown = |loaded: &Loaded| {
            let presented = loaded.pack.present(crate::Language::Sv, now);
            presented
                .articles
                .iter()
                .map(|entry| {
                    (
                        entry.id.clone(),
                        entry.html.clone(),
                        entry.date_modified().map(str::to_owned),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            shown(&again),
            shown(&loaded),
            "the same items, bodies and dates"
        );
        assert_eq!(again.warnings, loaded.warnings, "the same warnings");
        assert_eq!(
            again.pack.next_change_after(now),
            loaded.pack.next_change_after(now),
            "the same validity times"
        );
        assert_eq!(
            again.pack.contact("c").map(|contact| contact.phone.clone()),
            Some(None),
            "contacts as tidied at load"
        );
        assert_eq!(
            again.pack.source(),
            Source::Import,
            "the source of this load"
        );
        assert!(
            !String::from_utf8_lossy(&stored).contains("<script"),
            "what is stored is the sanitised body"
        );
    }

    #[test]
    fn a_stored_pack_for_other_bytes_or_another_build_is_not_used() {
        let loaded = Pack::from_json(FEED.as_bytes(), Source::Feed).expect("the feed loads");
        let stored = loaded.to_stored(FEED.as_bytes());
        let other = FEED.replace("\"T\"", "\"U\"");
        assert!(
            Loaded::from_stored(&stored, other.as_bytes(), Source::Feed).is_none(),
            "a stored pack is only ever the pack of the bytes it names"
        );
        let mut value: serde_json::Value =
            serde_json::from_slice(&stored).expect("the stored form is JSON");
        value["build"] = "0.0.0+stored-0".into();
        let older = serde_json::to_vec(&value).expect("JSON serialises");
        assert!(
            Loaded::from_stored(&older, FEED.as_bytes(), Source::Feed).is_none(),
            "another build's sanitiser may differ: its stored pack is made again"
        );
        assert!(
            Loaded::from_stored(b"{ torn", FEED.as_bytes(), Source::Feed).is_none(),
            "a damaged stored pack is made again, never a failure"
        );
    }
}
