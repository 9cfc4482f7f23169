//! Admission: whether fetched bytes may be parsed at all, from their
//! signature check ([`admit`]). Decided before parsing, so a forged
//! document never reaches the JSON parser.

use super::Refusal;
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

/// Whether a signature is worth fetching: with no key configured [`admit`]
/// takes the bytes unsigned whatever a signature says, so the request is
/// not even made.
pub fn asks_for_signature(keys_configured: bool) -> bool {
    keys_configured
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by(key: &str) -> Verification {
        Verification::Verified { key_id: key.into() }
    }

    #[test]
    fn admission_table() {
        let bad = || Verification::Rejected(Rejection::BadSignature("mismatch".into()));
        let foreign = Verification::Rejected(Rejection::UnknownKey {
            key_id: "AB".into(),
        });
        let signed = Ok(Trust::Signed {
            key_id: "K1".into(),
        });
        let unsigned = Err(Refusal::Unsigned);
        let bad_signature = Err(Refusal::BadSignature("mismatch".into()));
        let unknown = Err(Refusal::UnknownKey {
            key_id: "AB".into(),
        });
        let cases = [
            (true, by("K1"), signed, "a verified feed is admitted"),
            (
                true,
                Verification::Missing,
                unsigned.clone(),
                "keys demand a signature",
            ),
            (
                true,
                Verification::NotChecked,
                unsigned,
                "keys demand a check",
            ),
            (true, bad(), bad_signature, "a bad signature is refused"),
            (true, foreign, unknown, "a foreign key is refused"),
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
                bad(),
                Ok(Trust::Unsigned),
                "no keys: nothing to check against, marked unsigned",
            ),
        ];
        for (keys, verification, expected, why) in cases {
            assert_eq!(admit(keys, &verification), expected, "{why}");
        }
    }

    #[test]
    fn a_signature_is_fetched_only_when_it_can_change_the_admission() {
        // Without a key nothing can verify a signature, so whatever one says
        // (none, a bad one) the admission is the same; with a key, having
        // none is a refusal.
        let bad = Verification::Rejected(Rejection::BadSignature("mismatch".into()));
        for keys in [false, true] {
            let differs = admit(keys, &Verification::NotChecked) != admit(keys, &bad)
                || admit(keys, &Verification::Missing).is_err();
            assert_eq!(
                asks_for_signature(keys),
                differs,
                "with keys={keys} a signature changes the admission: {differs}; fetch it exactly then"
            );
        }
    }
}
