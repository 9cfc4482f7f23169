//! The decisions of a sync, as pure functions: whether fetched bytes may be
//! parsed at all ([`admit`], from their signature) and what to do with a
//! parsed candidate ([`decide`]: apply, nothing, or refuse).
//!
//! Kept free of I/O so every case is one row of a table test; the
//! orchestration in [`crate::syncer`] only gathers the inputs and carries
//! out the decision.

use infostand_content::{MediaEntry, Policy};

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

/// What is on this machine now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Current {
    /// The revision on screen (the embedded pack's when nothing synced is
    /// active).
    pub shown: u64,
    /// The newest revision ever switched to here (`active.json`), which may
    /// be above `shown` when its files were damaged and the app fell back.
    pub newest_applied: Option<u64>,
}

/// The candidate the server gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Candidate {
    /// The server answered 304 Not Modified.
    NotModified,
    /// A document that was admitted and parsed.
    Parsed {
        /// Its `_infostand.revision`.
        revision: u64,
        /// The manifest entries not in the media store yet.
        missing_media: Vec<MediaEntry>,
    },
}

/// What to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Download the missing media, then switch to this revision.
    Apply {
        /// The revision to switch to.
        revision: u64,
        /// What to download first.
        missing_media: Vec<MediaEntry>,
    },
    /// Nothing to do: the candidate is what is shown.
    UpToDate {
        /// The revision shown.
        revision: u64,
    },
    /// Refuse the candidate; nothing changes.
    Refuse(Refusal),
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

/// What to do with a candidate.
///
/// The same revision as shown is a no-op; an older one than the newest
/// applied or shown is a rollback (a replayed old feed) and refused; a
/// newer one is applied. A revision equal to the newest applied but above
/// the one shown is applied again: its files were damaged, this repairs
/// them.
pub fn decide(current: Current, candidate: Candidate) -> Decision {
    let (revision, missing_media) = match candidate {
        Candidate::NotModified => {
            return Decision::UpToDate {
                revision: current.shown,
            }
        }
        Candidate::Parsed {
            revision,
            missing_media,
        } => (revision, missing_media),
    };
    let newest = current.newest_applied.unwrap_or(0).max(current.shown);
    if revision == current.shown {
        Decision::UpToDate { revision }
    } else if revision < newest {
        Decision::Refuse(Refusal::Rollback {
            found: revision,
            newest,
        })
    } else {
        Decision::Apply {
            revision,
            missing_media,
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

/// The revision number a plain JSON Feed (no `_infostand`, so no revision
/// of its own) is kept under: the one shown when the document is
/// byte-for-byte the one shown (so [`decide`] finds it up to date), else
/// the next number above everything shown or applied (so it is applied).
///
/// A plain feed is only ever taken unsigned, and without a signature there
/// is nothing to protect against a replay, so every changed document is
/// simply newer.
pub fn plain_revision(current: Current, unchanged: bool) -> u64 {
    if unchanged {
        current.shown
    } else {
        current
            .newest_applied
            .unwrap_or(0)
            .max(current.shown)
            .saturating_add(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by(key: &str) -> Verification {
        Verification::Verified { key_id: key.into() }
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
        let film = MediaEntry {
            url: "media/f.webm".into(),
            mime_type: "video/webm".into(),
            sha256: "a".repeat(64),
            size_in_bytes: 3,
        };
        let parsed = |revision| Candidate::Parsed {
            revision,
            missing_media: vec![film.clone()],
        };
        let at = |shown, newest_applied| Current {
            shown,
            newest_applied,
        };
        let apply = |revision| Decision::Apply {
            revision,
            missing_media: vec![film.clone()],
        };
        let cases = [
            (
                at(1, None),
                Candidate::NotModified,
                Decision::UpToDate { revision: 1 },
                "304 changes nothing",
            ),
            (
                at(1, None),
                parsed(1),
                Decision::UpToDate { revision: 1 },
                "same revision as the embedded pack",
            ),
            (at(1, None), parsed(2), apply(2), "newer than embedded"),
            (
                at(5, Some(5)),
                parsed(5),
                Decision::UpToDate { revision: 5 },
                "same revision as active",
            ),
            (at(5, Some(5)), parsed(6), apply(6), "newer than active"),
            (
                at(5, Some(5)),
                parsed(4),
                Decision::Refuse(Refusal::Rollback {
                    found: 4,
                    newest: 5,
                }),
                "an older feed is a replay",
            ),
            (
                at(1, Some(5)),
                parsed(3),
                Decision::Refuse(Refusal::Rollback {
                    found: 3,
                    newest: 5,
                }),
                "falling back to embedded must not lower the floor",
            ),
            (
                at(1, Some(5)),
                parsed(5),
                apply(5),
                "the damaged newest revision is repaired",
            ),
            (
                at(9, Some(5)),
                parsed(7),
                Decision::Refuse(Refusal::Rollback {
                    found: 7,
                    newest: 9,
                }),
                "a newer embedded pack is a floor too",
            ),
        ];
        for (current, candidate, expected, why) in cases {
            assert_eq!(decide(current, candidate), expected, "{why}");
        }
    }

    #[test]
    fn plain_feeds_are_numbered_above_everything_seen() {
        let at = |shown, newest_applied| Current {
            shown,
            newest_applied,
        };
        let cases = [
            (
                at(1, None),
                false,
                2,
                "the first plain feed over the embedded pack",
            ),
            (at(1, None), true, 1, "unchanged bytes stay what is shown"),
            (
                at(4, Some(4)),
                false,
                5,
                "a changed document is the next revision",
            ),
            (
                at(4, Some(4)),
                true,
                4,
                "an unchanged document is up to date",
            ),
            (
                at(1, Some(9)),
                false,
                10,
                "after a fallback the number still climbs above the newest applied",
            ),
            (
                at(12, Some(9)),
                false,
                13,
                "a newer embedded pack is a floor too",
            ),
        ];
        for (current, unchanged, expected, why) in cases {
            let revision = plain_revision(current, unchanged);
            assert_eq!(revision, expected, "{why}");
            let decision = decide(
                current,
                Candidate::Parsed {
                    revision,
                    missing_media: Vec::new(),
                },
            );
            assert_eq!(
                matches!(decision, Decision::Apply { .. }),
                !unchanged,
                "{why}: a changed plain feed is applied, an unchanged one is not ({decision:?})"
            );
        }
    }
}
