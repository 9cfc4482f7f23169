//! The decisions of a sync, as pure functions of explicit inputs, for one
//! channel (today the campaign's `[feed]`, a signed pack with rollback
//! protection):
//!
//! - [`admit`]: whether fetched bytes may be parsed at all, from their
//!   signature check, and [`load_policy`]: what the loader may accept.
//! - [`decide`]: what to do with what the server or folder gave: a 304, a
//!   pack with its own revision, or a plain feed numbered here; whether
//!   those bytes are what is shown already; the rollback floor; and the
//!   `active.json` that switches to it ([`next_active`]).
//!
//! Kept free of I/O so every case is one row of a table test. The
//! orchestration in [`crate::syncer`] only gathers the facts, once per
//! attempt ([`Current`]: `active.json` as read, the hash of the shown
//! document; [`Candidate`]: the new document's numbering, hash, trust and
//! missing media), and carries out the returned [`Plan`] without further
//! decisions.

use infostand_content::{MediaEntry, Policy, Source};
use sha2::{Digest, Sha256};

use crate::active::ActiveInfo;
use crate::trust::Rejection;

/// What checking the detached signature of raw bytes found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    /// No keys are configured, so no signature was asked for.
    NotChecked,
    /// Keys are configured and there is no signature.
    Missing,
    /// A configured key verified the bytes.
    Verified {
        /// The key's id, as minisign prints it.
        key_id: String,
    },
    /// The signature is bad or by a key that is not configured.
    Rejected(Rejection),
}

/// How far the accepted bytes are trusted, for the status and `active.json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trust {
    /// Verified by the key with this id.
    Signed {
        /// The key's id.
        key_id: String,
    },
    /// Accepted without a signature, because no key is configured.
    Unsigned,
}

impl Trust {
    /// Whether the bytes were verified.
    pub fn is_signed(&self) -> bool {
        matches!(self, Self::Signed { .. })
    }

    /// The verifying key's id, when signed.
    pub fn key_id(&self) -> Option<&str> {
        match self {
            Self::Signed { key_id } => Some(key_id),
            Self::Unsigned => None,
        }
    }
}

/// Why a candidate is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Keys are configured and there is no signature.
    Unsigned,
    /// The signature is malformed or does not match.
    BadSignature(String),
    /// The signature is by a key that is not configured.
    UnknownKey {
        /// The signing key's id.
        key_id: String,
    },
    /// The candidate is older than what was already applied.
    Rollback {
        /// The candidate's revision.
        found: u64,
        /// The newest revision applied or shown.
        newest: u64,
    },
}

/// The SHA-256 of a document's raw bytes: how a plain feed, which has no
/// revision, is recognised as the one shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DocumentHash([u8; 32]);

impl DocumentHash {
    /// The hash of `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        Self(Sha256::digest(bytes).into())
    }
}

/// The channel on this machine at the start of an attempt, gathered once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Current {
    /// The revision on screen (the embedded pack's when nothing synced is
    /// shown).
    pub shown: u64,
    /// `active.json` as read for this attempt; `None` when there is none or
    /// it cannot be read. Its revision may be above `shown` when that
    /// revision's files were damaged and the app fell back.
    pub active: Option<ActiveInfo>,
    /// The hash of `revisions/<shown>/feed.json`, when that file could be
    /// read (whether or not `active` names it).
    pub shown_document: Option<DocumentHash>,
}

/// How a parsed document is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// An Infostand pack's `_infostand.revision`, which the publisher
    /// signed and the rollback floor is checked against.
    Published(u64),
    /// A plain JSON Feed: no revision of its own, so [`decide`] numbers it.
    Local,
}

/// The facts of a document that was admitted and parsed, and the document
/// itself (`D`, which the plan never looks at: it only hands it back in a
/// [`Switch`], so the orchestrator has it when it carries the switch out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed<D> {
    /// Its revision, or that it has none.
    pub numbering: Numbering,
    /// The hash of its raw bytes.
    pub hash: DocumentHash,
    /// Where it came from.
    pub source: Source,
    /// How far it is trusted.
    pub trust: Trust,
    /// The manifest entries not in the media store yet.
    pub missing_media: Vec<MediaEntry>,
    /// The document, passed through.
    pub document: D,
}

/// What the server or folder gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Candidate<D> {
    /// The server answered 304 Not Modified to validators that belong to
    /// the revision shown.
    NotModified,
    /// A document that was admitted and parsed.
    Parsed(Parsed<D>),
}

/// What to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan<D> {
    /// Download the missing media, stage the document, then switch to it.
    Apply(Switch<D>),
    /// Nothing to do: the candidate is what is shown.
    UpToDate {
        /// The revision shown.
        revision: u64,
    },
    /// Refuse the candidate; nothing changes.
    Refuse(Refusal),
}

/// A switch to carry out, in this order: fetch `missing_media`, stage
/// `document` as `revisions/<active.revision>/` (with its signature only
/// when `active.signed`), write `active`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Switch<D> {
    /// The `active.json` that switches to the new revision; its `revision`
    /// is the number the document is staged and shown under (a plain
    /// feed's local number).
    pub active: ActiveInfo,
    /// What to download first.
    pub missing_media: Vec<MediaEntry>,
    /// The document, as the candidate carried it.
    pub document: D,
}

/// Whether raw bytes may be parsed, given their signature check. Runs
/// before parsing so a forged document never reaches the JSON parser.
///
/// With keys configured only a verified signature admits the bytes. With
/// none, the feed is taken unsigned, and the status says so.
///
/// # Errors
/// The [`Refusal`] for a missing, bad or foreign signature.
pub fn admit(keys_configured: bool, verification: &Verification) -> Result<Trust, Refusal> {
    match (keys_configured, verification) {
        (_, Verification::Verified { key_id }) => Ok(Trust::Signed {
            key_id: key_id.clone(),
        }),
        (false, _) => Ok(Trust::Unsigned),
        (true, Verification::NotChecked | Verification::Missing) => Err(Refusal::Unsigned),
        (true, Verification::Rejected(Rejection::BadSignature(why))) => {
            Err(Refusal::BadSignature(why.clone()))
        }
        (true, Verification::Rejected(Rejection::UnknownKey { key_id })) => {
            Err(Refusal::UnknownKey {
                key_id: key_id.clone(),
            })
        }
    }
}

/// What the content crate may load from admitted bytes: plain JSON Feeds
/// (no `_infostand`) only when no key is configured. With a key, whatever
/// was verified must be an Infostand pack, so a CMS feed is refused even if
/// somehow signed.
pub fn load_policy(keys_configured: bool) -> Policy {
    if keys_configured {
        Policy::INFOSTAND_ONLY
    } else {
        Policy::ALLOW_PLAIN
    }
}

/// What to do with a candidate.
///
/// - A 304 confirms what is shown.
/// - A pack of the revision shown is a no-op; one older than the
///   [`rollback_floor`] is a rollback (a replayed old feed) and refused; a
///   newer one is applied. A revision equal to the floor but above the one
///   shown is applied again: its files were damaged, this repairs them.
/// - A plain feed is numbered here: the revision shown when its bytes are
///   the shown document's, else the next number above the floor. A plain
///   feed is only ever taken unsigned, and without a signature there is
///   nothing to protect against a replay, so every changed document is
///   simply newer.
pub fn decide<D>(current: &Current, candidate: Candidate<D>) -> Plan<D> {
    let parsed = match candidate {
        Candidate::NotModified => {
            return Plan::UpToDate {
                revision: current.shown,
            }
        }
        Candidate::Parsed(parsed) => parsed,
    };
    let floor = rollback_floor(current);
    let revision = match parsed.numbering {
        Numbering::Published(revision) => revision,
        Numbering::Local if shows(current, parsed.hash) => current.shown,
        // At u64::MAX there is no next number; re-applying under the floor
        // keeps the kiosk working rather than refusing every change.
        Numbering::Local => floor.saturating_add(1),
    };
    if revision == current.shown {
        Plan::UpToDate { revision }
    } else if revision < floor {
        Plan::Refuse(Refusal::Rollback {
            found: revision,
            newest: floor,
        })
    } else {
        Plan::Apply(Switch {
            active: next_active(
                current.active.as_ref(),
                revision,
                parsed.source,
                &parsed.trust,
            ),
            missing_media: parsed.missing_media,
            document: parsed.document,
        })
    }
}

/// The newest revision ever switched to here (`active.json`) or shown
/// (a newer embedded pack counts too): nothing older is taken again.
/// Falling back to an older revision does not lower it.
pub fn rollback_floor(current: &Current) -> u64 {
    current
        .active
        .as_ref()
        .map_or(0, |active| active.revision)
        .max(current.shown)
}

/// Whether a document with `hash` is exactly the synced document on
/// screen. Only a revision that `active.json` names (live or previous) can
/// be on screen; any other folder of that number is a leftover.
fn shows(current: &Current, hash: DocumentHash) -> bool {
    let named = current.active.as_ref().is_some_and(|active| {
        active.revision == current.shown || active.previous == Some(current.shown)
    });
    named && current.shown_document == Some(hash)
}

/// The `active.json` that switches to `revision`: the revision live until
/// now becomes the previous one, kept as the fallback; re-applying the live
/// revision (a repair) keeps its previous.
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
    ActiveInfo {
        revision,
        previous,
        source,
        signed: trust.is_signed(),
        key_id: trust.key_id().map(str::to_owned),
        previous_source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by(key: &str) -> Verification {
        Verification::Verified { key_id: key.into() }
    }

    fn film() -> MediaEntry {
        MediaEntry {
            url: "media/f.webm".into(),
            mime_type: "video/webm".into(),
            sha256: "a".repeat(64),
            size_in_bytes: 3,
        }
    }

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
        }
    }

    /// The machine showing `shown` with `active.json` naming
    /// `newest_applied` (no previous) and no shown document on disk.
    fn at(shown: u64, newest_applied: Option<u64>) -> Current {
        Current {
            shown,
            active: newest_applied.map(|revision| active(revision, None)),
            shown_document: None,
        }
    }

    fn parsed(numbering: Numbering, hash: DocumentHash) -> Candidate<()> {
        Candidate::Parsed(Parsed {
            numbering,
            hash,
            source: Source::Feed,
            trust: Trust::Unsigned,
            missing_media: vec![film()],
            document: (),
        })
    }

    fn pack(revision: u64) -> Candidate<()> {
        parsed(Numbering::Published(revision), DocumentHash::of(b"pack"))
    }

    /// What [`decide`] returns when it applies `revision` over `current`.
    fn apply(current: &Current, revision: u64) -> Plan<()> {
        Plan::Apply(Switch {
            active: next_active(
                current.active.as_ref(),
                revision,
                Source::Feed,
                &Trust::Unsigned,
            ),
            missing_media: vec![film()],
            document: (),
        })
    }

    #[test]
    fn admission_table() {
        let bad = Verification::Rejected(Rejection::BadSignature("mismatch".into()));
        let foreign = Verification::Rejected(Rejection::UnknownKey {
            key_id: "AB".into(),
        });
        let signed = Ok(Trust::Signed {
            key_id: "K1".into(),
        });
        let cases: [(bool, Verification, Result<Trust, Refusal>, &str); 8] = [
            (
                true,
                by("K1"),
                signed.clone(),
                "a verified feed is admitted",
            ),
            (
                true,
                Verification::Missing,
                Err(Refusal::Unsigned),
                "keys demand a signature",
            ),
            (
                true,
                Verification::NotChecked,
                Err(Refusal::Unsigned),
                "keys demand a check",
            ),
            (
                true,
                bad.clone(),
                Err(Refusal::BadSignature("mismatch".into())),
                "a bad signature is refused",
            ),
            (
                true,
                foreign.clone(),
                Err(Refusal::UnknownKey {
                    key_id: "AB".into(),
                }),
                "a foreign key is refused",
            ),
            (
                false,
                Verification::NotChecked,
                Ok(Trust::Unsigned),
                "no keys: unsigned is accepted",
            ),
            (
                false,
                Verification::Missing,
                Ok(Trust::Unsigned),
                "no keys: no signature is fine",
            ),
            (
                false,
                bad,
                Ok(Trust::Unsigned),
                "no keys: nothing to check against, marked unsigned",
            ),
        ];
        for (keys, verification, expected, why) in cases {
            assert_eq!(admit(keys, &verification), expected, "{why}");
        }
    }

    #[test]
    fn decision_table() {
        let cases = [
            (
                at(1, None),
                Candidate::NotModified,
                Plan::UpToDate { revision: 1 },
                "304 changes nothing",
            ),
            (
                at(5, Some(5)),
                Candidate::NotModified,
                Plan::UpToDate { revision: 5 },
                "a 304 confirms the synced revision shown, media and all",
            ),
            (
                at(1, Some(5)),
                Candidate::NotModified,
                Plan::UpToDate { revision: 1 },
                "a 304 after a fallback is still what is shown, not the damaged active one",
            ),
            (
                at(1, None),
                pack(1),
                Plan::UpToDate { revision: 1 },
                "same revision as the embedded pack",
            ),
            (
                at(1, None),
                pack(2),
                apply(&at(1, None), 2),
                "newer than embedded",
            ),
            (
                at(5, Some(5)),
                pack(5),
                Plan::UpToDate { revision: 5 },
                "same revision as active",
            ),
            (
                at(5, Some(5)),
                pack(6),
                apply(&at(5, Some(5)), 6),
                "newer than active",
            ),
            (
                at(5, Some(5)),
                pack(4),
                Plan::Refuse(Refusal::Rollback {
                    found: 4,
                    newest: 5,
                }),
                "an older feed is a replay",
            ),
            (
                at(1, Some(5)),
                pack(3),
                Plan::Refuse(Refusal::Rollback {
                    found: 3,
                    newest: 5,
                }),
                "falling back to embedded must not lower the floor",
            ),
            (
                at(1, Some(5)),
                pack(5),
                apply(&at(1, Some(5)), 5),
                "the damaged newest revision is repaired",
            ),
            (
                at(9, Some(5)),
                pack(7),
                Plan::Refuse(Refusal::Rollback {
                    found: 7,
                    newest: 9,
                }),
                "a newer embedded pack is a floor too",
            ),
            (
                at(9, Some(5)),
                pack(9),
                Plan::UpToDate { revision: 9 },
                "the embedded pack's own revision from the server is what is shown",
            ),
        ];
        for (current, candidate, expected, why) in cases {
            assert_eq!(decide(&current, candidate), expected, "{why}");
        }
    }

    #[test]
    fn plain_feeds_are_numbered_above_everything_seen() {
        let document = DocumentHash::of(b"the CMS feed");
        let other = DocumentHash::of(b"the CMS feed, edited");
        // `at` with the shown revision's folder holding `document`, and
        // active.json naming `newest_applied` live and `previous` before it.
        let on_disk = |shown, newest_applied: Option<u64>, previous| Current {
            shown,
            active: newest_applied.map(|revision| active(revision, previous)),
            shown_document: Some(document),
        };
        let cases = [
            (
                on_disk(1, None, None),
                other,
                2,
                true,
                "the first plain feed over the embedded pack",
            ),
            (
                on_disk(4, Some(4), None),
                document,
                4,
                false,
                "unchanged bytes stay what is shown",
            ),
            (
                on_disk(4, Some(4), None),
                other,
                5,
                true,
                "a changed document is the next revision",
            ),
            (
                on_disk(1, Some(9), None),
                other,
                10,
                true,
                "after a fallback the number still climbs above the newest applied",
            ),
            (
                on_disk(12, Some(9), None),
                other,
                13,
                true,
                "a newer embedded pack is a floor too",
            ),
            (
                on_disk(4, Some(5), Some(4)),
                document,
                4,
                false,
                "shown after a fallback to the previous revision, whose bytes they are",
            ),
            (
                on_disk(1, Some(9), None),
                document,
                10,
                true,
                "a leftover folder of the shown number that active.json does not name is not on screen",
            ),
            (
                on_disk(1, None, None),
                document,
                2,
                true,
                "with no active.json nothing synced is on screen, whatever folders exist",
            ),
            (
                Current {
                    shown_document: None,
                    ..on_disk(4, Some(4), None)
                },
                document,
                5,
                true,
                "an unreadable shown document cannot be confirmed, so it is replaced",
            ),
        ];
        for (current, hash, expected, applied, why) in cases {
            let plan = decide(&current, parsed(Numbering::Local, hash));
            let revision = match &plan {
                Plan::Apply(switch) => switch.active.revision,
                Plan::UpToDate { revision } => *revision,
                Plan::Refuse(refusal) => {
                    panic!("{why}: a plain feed is never refused: {refusal:?}")
                }
            };
            assert_eq!(revision, expected, "{why}");
            assert_eq!(
                matches!(plan, Plan::Apply(_)),
                applied,
                "{why}: a changed plain feed is applied, an unchanged one is not ({plan:?})"
            );
        }
    }

    #[test]
    fn a_switch_keeps_one_fallback() {
        let signed = Trust::Signed {
            key_id: "K1".into(),
        };
        let live = ActiveInfo {
            revision: 5,
            previous: Some(4),
            source: Source::Import,
            signed: true,
            key_id: Some("K0".into()),
            previous_source: Some(Source::Feed),
        };
        let cases = [
            (
                None,
                7,
                ActiveInfo {
                    revision: 7,
                    previous: None,
                    source: Source::Feed,
                    signed: true,
                    key_id: Some("K1".into()),
                    previous_source: None,
                },
                "the first switch has nothing to fall back to",
            ),
            (
                Some(live.clone()),
                7,
                ActiveInfo {
                    revision: 7,
                    previous: Some(5),
                    source: Source::Feed,
                    signed: true,
                    key_id: Some("K1".into()),
                    previous_source: Some(Source::Import),
                },
                "the live revision becomes the fallback, with where it came from",
            ),
            (
                Some(live),
                5,
                ActiveInfo {
                    revision: 5,
                    previous: Some(4),
                    source: Source::Feed,
                    signed: true,
                    key_id: Some("K1".into()),
                    previous_source: Some(Source::Feed),
                },
                "repairing the live revision must not make it its own fallback",
            ),
        ];
        for (before, revision, expected, why) in cases {
            assert_eq!(
                next_active(before.as_ref(), revision, Source::Feed, &signed),
                expected,
                "{why}"
            );
        }
        assert_eq!(
            next_active(None, 2, Source::Feed, &Trust::Unsigned).key_id,
            None,
            "unsigned content records no key"
        );
    }

    #[test]
    fn the_document_rides_along_untouched() {
        let candidate = Candidate::Parsed(Parsed {
            numbering: Numbering::Published(2),
            hash: DocumentHash::of(b"x"),
            source: Source::Import,
            trust: Trust::Unsigned,
            missing_media: Vec::new(),
            document: "the bytes",
        });
        let Plan::Apply(switch) = decide(&at(1, None), candidate) else {
            panic!("revision 2 over the embedded 1 is applied");
        };
        assert_eq!(
            (switch.document, switch.active.source),
            ("the bytes", Source::Import),
            "the orchestrator stages the very document the plan was asked about, from its source"
        );
    }
}
