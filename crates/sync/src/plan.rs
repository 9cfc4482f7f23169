//! The decisions of a sync, as pure functions of explicit inputs, for one
//! channel: the campaign's `[feed]`, an Infostand pack with rollback
//! protection. (News feeds have their own, smaller plan:
//! [`crate::news::plan`].)
//!
//! - [`admission`]: whether fetched bytes may be parsed at all, from their
//!   signature check ([`admit`]).
//! - [`decide`]: what to do with what the server or folder gave: a 304,
//!   a pack of the revision shown, a newer one, or one under the rollback
//!   floor ([`rollback_floor`]: signed candidates answer only to signed
//!   revisions).
//! - [`switch`]: what an applying plan carries out, with the `active.json`
//!   that switches to it ([`next_active`]).
//!
//! Kept free of I/O so every case is one row of a table test. The
//! orchestration in [`crate::syncer`] only gathers the facts, once per
//! attempt ([`Current`]: `active.json` as read and the revision shown;
//! [`Candidate`]: the new document's revision, trust and missing media),
//! and carries out the returned [`Plan`] without further decisions.

pub mod admission;
pub mod switch;

use infostand_content::{MediaEntry, Source};

use crate::active::ActiveInfo;

pub use admission::{admit, asks_for_signature, Trust, Verification};
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
}

/// The facts of a document that was admitted and parsed, and the document
/// itself (`D`, which the plan never looks at: it only hands it back in a
/// [`Switch`], so the orchestrator has it when it carries the switch out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed<D> {
    /// Its `_infostand.revision`, which the publisher signed.
    pub revision: u64,
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
pub fn decide<D>(current: &Current, candidate: Candidate<D>) -> Plan<D> {
    let parsed = match candidate {
        Candidate::NotModified => {
            return Plan::UpToDate {
                revision: current.shown,
            }
        }
        Candidate::Parsed(parsed) => parsed,
    };
    let floor = rollback_floor(current, &parsed.trust);
    let revision = parsed.revision;
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

/// The lowest revision a candidate trusted as `trust` may have: nothing
/// older than what was switched to here or is shown (a newer embedded pack
/// counts too) is taken again, and falling back to an older revision does
/// not lower it.
///
/// A signed candidate answers only to what was trusted as much: the
/// newest *signed* revision ever switched to (`signed_floor`) and the
/// revision shown, which under configured keys is signed or built in. An
/// unsigned revision, taken while no key was configured, can never block
/// the county's signed ones (one numbered 2^64-1 would otherwise block
/// every signed update for good).
pub fn rollback_floor(current: &Current, trust: &Trust) -> u64 {
    let applied = current.active.as_ref().map_or(0, |active| {
        if trust.is_signed() {
            active.signed_floor.unwrap_or(0)
        } else {
            active.revision
        }
    });
    applied.max(current.shown)
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

    fn signed() -> Trust {
        Trust::Signed {
            key_id: "K1".into(),
        }
    }

    /// `active.json` naming `revision` (from the feed) with `previous` as
    /// its fallback; signed switches up to `signed_floor`.
    fn active(revision: u64, previous: Option<u64>, signed_floor: Option<u64>) -> ActiveInfo {
        ActiveInfo {
            revision,
            previous,
            source: Source::Feed,
            signed: signed_floor == Some(revision),
            key_id: None,
            previous_source: previous.map(|_| Source::Feed),
            signed_floor,
        }
    }

    /// The machine showing `shown` with `active.json` naming
    /// `newest_applied` (no previous), every switch unsigned.
    fn at(shown: u64, newest_applied: Option<u64>) -> Current {
        Current {
            shown,
            active: newest_applied.map(|revision| active(revision, None, None)),
        }
    }

    fn pack_as(revision: u64, trust: Trust) -> Candidate<()> {
        Candidate::Parsed(Parsed {
            revision,
            source: Source::Feed,
            trust,
            missing_media: vec![film()],
            document: (),
        })
    }

    fn pack(revision: u64) -> Candidate<()> {
        pack_as(revision, Trust::Unsigned)
    }

    fn up(revision: u64) -> Plan<()> {
        Plan::UpToDate { revision }
    }

    fn rollback(found: u64, newest: u64) -> Plan<()> {
        Plan::Refuse(Refusal::Rollback { found, newest })
    }

    /// What [`decide`] returns when it applies `revision` over `current`.
    fn apply_as(current: &Current, revision: u64, trust: &Trust) -> Plan<()> {
        let active = next_active(current.active.as_ref(), revision, Source::Feed, trust);
        Plan::Apply(Switch {
            active,
            missing_media: vec![film()],
            document: (),
        })
    }

    fn apply(current: &Current, revision: u64) -> Plan<()> {
        apply_as(current, revision, &Trust::Unsigned)
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

    #[test]
    fn a_signed_candidate_answers_only_to_signed_revisions() {
        // Unsigned revision u64::MAX taken while no key was configured;
        // keys configured since, so the app fell back to the embedded 1.
        let hijacked = Current {
            shown: 1,
            active: Some(active(u64::MAX, None, None)),
        };
        let cases = [
            (
                hijacked.clone(),
                pack_as(10, signed()),
                apply_as(&hijacked, 10, &signed()),
                "an unsigned revision never sets the floor for signed ones",
            ),
            (
                Current {
                    shown: 1,
                    active: Some(active(u64::MAX, Some(7), Some(7))),
                },
                pack_as(6, signed()),
                rollback(6, 7),
                "the newest signed revision is still the floor for signed ones",
            ),
            (
                at(12, Some(5)),
                pack_as(11, signed()),
                rollback(11, 12),
                "the built-in pack shown is trusted: a floor for signed ones too",
            ),
            (
                hijacked,
                pack(10),
                rollback(10, u64::MAX),
                "without keys nothing is verified, and the floor is every revision seen",
            ),
        ];
        for (current, candidate, expected, why) in cases {
            assert_eq!(decide(&current, candidate), expected, "{why}");
        }
    }

    #[test]
    fn the_document_rides_along_untouched() {
        let candidate = Candidate::Parsed(Parsed {
            revision: 2,
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
