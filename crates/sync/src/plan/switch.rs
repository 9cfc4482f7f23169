//! The switch a plan carries out, and the `active.json` it writes
//! ([`next_active`]): which revision stays behind as the fallback.

use infostand_content::{MediaEntry, Source};

use super::Trust;
use crate::active::ActiveInfo;

/// A switch to carry out, in this order: fetch `missing_media`, stage
/// `document` as `revisions/<active.revision>/` (with its signature only
/// when `active.signed`), write `active`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Switch<D> {
    /// The `active.json` that switches to the new revision; its `revision`
    /// is the number the document is staged and shown under.
    pub active: ActiveInfo,
    /// What to download first.
    pub missing_media: Vec<MediaEntry>,
    /// The document, as the candidate carried it.
    pub document: D,
}

/// The `active.json` that switches to `revision`: the revision live until
/// now becomes the previous one, kept as the fallback; re-applying the live
/// revision (a repair) keeps its previous. A signed switch raises the
/// signed floor; an unsigned one leaves it where it was.
pub fn next_active(
    before: Option<&ActiveInfo>,
    revision: u64,
    source: Source,
    trust: &Trust,
) -> ActiveInfo {
    let (previous, previous_source) = match before {
        Some(old) if old.revision != revision => (Some(old.revision), Some(old.source)),
        Some(old) => (old.previous, old.previous_source),
        None => (None, None),
    };
    let signed_before = before.and_then(|old| old.signed_floor);
    let signed_floor = if trust.is_signed() {
        Some(signed_before.map_or(revision, |floor| floor.max(revision)))
    } else {
        signed_before
    };
    ActiveInfo {
        revision,
        previous,
        source,
        signed: trust.is_signed(),
        key_id: trust.key_id().map(str::to_owned),
        previous_source,
        signed_floor,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `active.json` naming `revision` (from the feed, unsigned) with
    /// `previous` as its fallback.
    fn active(revision: u64, previous: Option<u64>) -> ActiveInfo {
        ActiveInfo {
            revision,
            previous,
            source: Source::Feed,
            signed: false,
            key_id: None,
            previous_source: previous.map(|_| Source::Feed),
            signed_floor: None,
        }
    }

    #[test]
    fn only_a_signed_switch_raises_the_signed_floor() {
        let signed = Trust::Signed {
            key_id: "K1".into(),
        };
        let first = next_active(None, 3, Source::Feed, &signed);
        assert_eq!(first.signed_floor, Some(3), "a signed switch sets it");
        let unsigned = next_active(Some(&first), 9, Source::Feed, &Trust::Unsigned);
        assert_eq!(
            unsigned.signed_floor,
            Some(3),
            "an unsigned switch keeps it, so it can never block a signed revision"
        );
        assert_eq!(
            next_active(None, 9, Source::Feed, &Trust::Unsigned).signed_floor,
            None,
            "nothing signed yet: no signed floor"
        );
    }

    #[test]
    fn a_switch_keeps_one_fallback() {
        let signed = Trust::Signed {
            key_id: "K1".into(),
        };
        let live = ActiveInfo {
            source: Source::Import,
            signed: true,
            key_id: Some("K0".into()),
            signed_floor: Some(5),
            ..active(5, Some(4))
        };
        // (active.json before, the new revision, its previous and where
        // that came from, why)
        let cases = [
            (
                None,
                7,
                None,
                None,
                "the first switch has nothing to fall back to",
            ),
            (
                Some(&live),
                7,
                Some(5),
                Some(Source::Import),
                "the live revision becomes the fallback",
            ),
            (
                Some(&live),
                5,
                Some(4),
                Some(Source::Feed),
                "a repair must not be its own fallback",
            ),
        ];
        for (before, revision, previous, previous_source, why) in cases {
            assert_eq!(
                next_active(before, revision, Source::Feed, &signed),
                ActiveInfo {
                    revision,
                    previous,
                    source: Source::Feed,
                    signed: true,
                    key_id: Some("K1".into()),
                    previous_source,
                    signed_floor: Some(revision.max(before.map_or(0, |_| 5))),
                },
                "{why}"
            );
        }
        assert_eq!(
            next_active(None, 2, Source::Feed, &Trust::Unsigned).key_id,
            None,
            "unsigned content records no key"
        );
    }
}
