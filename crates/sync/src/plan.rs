//! The decisions of a sync, as pure functions of explicit inputs, for one
//! channel (today the campaign's `[feed]`, a signed pack with rollback
//! protection):
//!
//! - [`admission`]: whether fetched bytes may be parsed at all, from their
//!   signature check ([`admit`]), and what the loader may accept
//!   ([`load_policy`]).
//! - [`decide`]: what to do with what the server or folder gave: a 304, a
//!   pack with its own revision, or a plain feed numbered here; whether
//!   those bytes are what is shown already; the rollback floor.
//! - [`switch`]: what an applying plan carries out, with the `active.json`
//!   that switches to it ([`next_active`]).
//!
//! Kept free of I/O so every case is one row of a table test. The
//! orchestration in [`crate::syncer`] only gathers the facts, once per
//! attempt ([`Current`]: `active.json` as read, the hash of the shown
//! document; [`Candidate`]: the new document's numbering, hash, trust and
//! missing media), and carries out the returned [`Plan`] without further
//! decisions. Everything the plan knows of a channel is in those two
//! values, so another channel (a plain news feed with no revision and no
//! floor of its own) can be planned beside this one without sharing state.

pub mod admission;
pub mod switch;

use infostand_content::{MediaEntry, Source};
use sha2::{Digest, Sha256};

use crate::active::ActiveInfo;

pub use admission::{admit, asks_for_signature, load_policy, Trust, Verification};
pub use switch::{next_active, Switch};

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

#[cfg(test)]
mod tests {
    use super::*;

    const NOT_MODIFIED: Candidate<()> = Candidate::NotModified;

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

    fn up(revision: u64) -> Plan<()> {
        Plan::UpToDate { revision }
    }

    fn rollback(found: u64, newest: u64) -> Plan<()> {
        Plan::Refuse(Refusal::Rollback { found, newest })
    }

    /// What [`decide`] returns when it applies `revision` over `current`.
    fn apply(current: &Current, revision: u64) -> Plan<()> {
        let active = next_active(
            current.active.as_ref(),
            revision,
            Source::Feed,
            &Trust::Unsigned,
        );
        Plan::Apply(Switch {
            active,
            missing_media: vec![film()],
            document: (),
        })
    }

    #[test]
    fn decision_table() {
        let cases = [
            (at(1, None), NOT_MODIFIED, up(1), "304 changes nothing"),
            (
                at(5, Some(5)),
                NOT_MODIFIED,
                up(5),
                "a 304 confirms the synced revision shown",
            ),
            (
                at(1, Some(5)),
                NOT_MODIFIED,
                up(1),
                "after a fallback, a 304 confirms the fallback",
            ),
            (
                at(1, None),
                pack(1),
                up(1),
                "same revision as the embedded pack",
            ),
            (
                at(1, None),
                pack(2),
                apply(&at(1, None), 2),
                "newer than embedded",
            ),
            (at(5, Some(5)), pack(5), up(5), "same revision as active"),
            (
                at(5, Some(5)),
                pack(6),
                apply(&at(5, Some(5)), 6),
                "newer than active",
            ),
            (
                at(5, Some(5)),
                pack(4),
                rollback(4, 5),
                "an older feed is a replay",
            ),
            (
                at(1, Some(5)),
                pack(3),
                rollback(3, 5),
                "falling back must not lower the floor",
            ),
            (
                at(1, Some(5)),
                pack(5),
                apply(&at(1, Some(5)), 5),
                "the damaged newest is repaired",
            ),
            (
                at(9, Some(5)),
                pack(7),
                rollback(7, 9),
                "a newer embedded pack is a floor too",
            ),
            (
                at(9, Some(5)),
                pack(9),
                up(9),
                "the embedded pack's revision is what is shown",
            ),
        ];
        for (current, candidate, expected, why) in cases {
            assert_eq!(decide(&current, candidate), expected, "{why}");
        }
    }

    const SAME: &[u8] = b"the CMS feed";
    const EDITED: &[u8] = b"the CMS feed, edited";

    /// Showing `shown`, whose folder holds [`SAME`]; active.json names
    /// `live` and `previous` before it.
    fn on(shown: u64, live: Option<u64>, previous: Option<u64>) -> Current {
        Current {
            shown,
            active: live.map(|revision| active(revision, previous)),
            shown_document: Some(DocumentHash::of(SAME)),
        }
    }

    /// The number a plain feed of `bytes` gets over `current`, and whether
    /// it is applied.
    fn plan_plain(current: &Current, bytes: &[u8]) -> (u64, bool) {
        match decide(current, parsed(Numbering::Local, DocumentHash::of(bytes))) {
            Plan::Apply(switch) => (switch.active.revision, true),
            Plan::UpToDate { revision } => (revision, false),
            Plan::Refuse(refusal) => panic!("a plain feed is never refused: {refusal:?}"),
        }
    }

    #[test]
    fn plain_feeds_are_numbered_above_everything_seen() {
        let unreadable = Current {
            shown_document: None,
            ..on(4, Some(4), None)
        };
        let cases = [
            (
                on(1, None, None),
                2,
                "the first plain feed over the embedded pack",
            ),
            (
                on(4, Some(4), None),
                5,
                "a changed document is the next revision",
            ),
            (
                on(1, Some(9), None),
                10,
                "after a fallback: above the newest applied",
            ),
            (
                on(12, Some(9), None),
                13,
                "a newer embedded pack is a floor too",
            ),
            (unreadable, 5, "what cannot be read cannot be the same"),
        ];
        for (current, expected, why) in cases {
            assert_eq!(
                plan_plain(&current, EDITED),
                (expected, true),
                "{why}: a changed plain feed is applied under the next number"
            );
        }
    }

    #[test]
    fn the_same_plain_feed_is_recognised_only_where_it_is_shown() {
        let cases = [
            (
                on(4, Some(4), None),
                (4, false),
                "unchanged bytes stay what is shown",
            ),
            (
                on(4, Some(5), Some(4)),
                (4, false),
                "the previous one, shown",
            ),
            (
                on(1, Some(9), None),
                (10, true),
                "a folder active.json omits is a leftover",
            ),
            (
                on(1, None, None),
                (2, true),
                "no active.json: nothing synced is shown",
            ),
        ];
        for (current, expected, why) in cases {
            assert_eq!(
                plan_plain(&current, SAME),
                expected,
                "{why}: (number, applied) for the very bytes of the shown folder"
            );
        }
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
