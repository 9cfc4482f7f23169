//! The sync's view of signature checking: the content crate's minisign
//! verifier (`infostand_content::signature`, shared with the publisher and
//! the CLI), with its outcome reduced to the two refusals the plan
//! distinguishes and the status reports (`bad_signature`, `unknown_key`).

pub use infostand_content::signature::{KeyId, PublicKey, VerifiedBy};

use infostand_content::Error as ContentError;

/// Why a signature was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// The signature is malformed, or does not match the bytes.
    BadSignature(String),
    /// The signature is by a key that is not configured.
    UnknownKey {
        /// The signing key's id, as minisign prints it.
        key_id: String,
    },
}

/// Verifies `document` against the detached signature `minisig_text` with
/// any of `keys` (which should not be empty: with no keys there is nothing
/// to verify against, and the plan does not ask).
///
/// # Errors
/// [`Rejection::UnknownKey`] when no configured key made the signature,
/// [`Rejection::BadSignature`] for everything else, with the verifier's
/// message.
pub fn verify(
    document: &[u8],
    minisig_text: &str,
    keys: &[PublicKey],
) -> Result<VerifiedBy, Rejection> {
    infostand_content::signature::verify(document, minisig_text, keys).map_err(
        |error| match error {
            ContentError::UnknownSigningKey { key_id, .. } => Rejection::UnknownKey {
                key_id: key_id.to_string(),
            },
            other => Rejection::BadSignature(other.to_string()),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_malformed_signature_is_a_bad_signature() {
        let outcome = verify(b"{}", "untrusted comment: x\nnot base64\n", &[]);
        assert!(
            matches!(outcome, Err(Rejection::BadSignature(_))),
            "a signature that cannot be checked is bad, not from an unknown key: {outcome:?}"
        );
    }
}
