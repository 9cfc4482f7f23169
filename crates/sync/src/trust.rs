//! The one path from raw bytes to a loaded pack: the detached signature
//! checked against the configured keys (the content crate's minisign
//! verifier, shared with the publisher and the CLI), the plan's admission
//! ([`crate::plan::admit`]), then the pack loader. A fresh download and an
//! import go through [`verify_and_load`]; a stored revision re-loaded at
//! start goes through the same [`admit_bytes`], then its stored pack
//! ([`crate::stored`]).

pub use infostand_content::signature::{KeyId, PublicKey, VerifiedBy};

use infostand_content::{Error as ContentError, Loaded, Pack, Source};

use crate::error::{Error, Result};
use crate::plan::{self, Refusal, Trust, Verification};

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

/// Where bytes came from: what messages name, and the loaded pack's source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The document's URL or path.
    pub feed: String,
    /// Its signature's URL or path.
    pub signature: String,
    /// Where the content came from.
    pub source: Source,
}

/// Bytes that were verified (or taken unsigned, with no key configured)
/// and loaded.
#[derive(Debug, Clone)]
pub struct Admitted {
    /// How far they are trusted.
    pub trust: Trust,
    /// The pack, with the loader's warnings (items dropped).
    pub loaded: Loaded,
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
) -> std::result::Result<VerifiedBy, Rejection> {
    infostand_content::signature::verify(document, minisig_text, keys).map_err(
        |error| match error {
            ContentError::UnknownSigningKey { key_id, .. } => Rejection::UnknownKey {
                key_id: key_id.to_string(),
            },
            other => Rejection::BadSignature(other.to_string()),
        },
    )
}

/// Verifies `bytes` (before anything parses them) against `signature` and
/// `keys`, then loads them as a pack.
///
/// # Errors
/// As [`admit_bytes`]; [`Error::InvalidFeed`] when they are not a pack.
pub fn verify_and_load(
    origin: &Origin,
    bytes: &[u8],
    signature: Option<&str>,
    keys: &[PublicKey],
) -> Result<Admitted> {
    let trust = admit_bytes(origin, bytes, signature, keys)?;
    let loaded = Pack::from_json(bytes, origin.source).map_err(|error| Error::InvalidFeed {
        url: origin.feed.clone(),
        problem: error.to_string(),
    })?;
    Ok(Admitted { trust, loaded })
}

/// Verifies `bytes` against `signature` and `keys` and decides whether
/// they may be parsed at all: the first step of every load, a fresh
/// download's, an import's and a stored revision's at start.
///
/// # Errors
/// [`Error::Unsigned`], [`Error::BadSignature`] or [`Error::UnknownKey`]
/// when the plan does not admit the bytes; [`Error::InvalidFeed`] when they
/// are not UTF-8.
pub fn admit_bytes(
    origin: &Origin,
    bytes: &[u8],
    signature: Option<&str>,
    keys: &[PublicKey],
) -> Result<Trust> {
    let verification = match (keys.is_empty(), signature) {
        (true, _) => Verification::NotChecked,
        (false, None) => Verification::Missing,
        (false, Some(text)) => match verify(bytes, text, keys) {
            Ok(by) => Verification::Verified {
                key_id: by.key_id.to_string(),
            },
            Err(rejection) => Verification::Rejected(rejection),
        },
    };
    let trust = plan::admit(!keys.is_empty(), &verification)
        .map_err(|refusal| refused(origin, refusal, keys))?;
    if let Err(error) = std::str::from_utf8(bytes) {
        return Err(Error::InvalidFeed {
            url: origin.feed.clone(),
            problem: format!(
                "the feed is not valid UTF-8 (at byte {})",
                error.valid_up_to()
            ),
        });
    }
    Ok(trust)
}

/// The error for a refusal of what `origin` gave, naming the configured
/// keys when a foreign one signed.
pub fn refused(origin: &Origin, refusal: Refusal, keys: &[PublicKey]) -> Error {
    match refusal {
        Refusal::Unsigned => Error::Unsigned {
            url: origin.signature.clone(),
        },
        Refusal::BadSignature(problem) => Error::BadSignature {
            url: origin.signature.clone(),
            problem,
        },
        Refusal::UnknownKey { key_id } => Error::UnknownKey {
            url: origin.signature.clone(),
            key_id,
            configured: keys
                .iter()
                .map(|key| key.key_id().to_string())
                .collect::<Vec<_>>()
                .join(", "),
        },
        Refusal::Rollback { found, newest } => Error::Rollback {
            url: origin.feed.clone(),
            found,
            newest,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    fn origin() -> Origin {
        Origin {
            feed: "/stick/feed.json".into(),
            signature: "/stick/feed.json.minisig".into(),
            source: Source::Import,
        }
    }

    const PLAIN: &[u8] =
        br#"{"version": "https://jsonfeed.org/version/1.1", "title": "CMS", "items": []}"#;

    #[test]
    fn a_malformed_signature_is_a_bad_signature() {
        let outcome = verify(b"{}", "untrusted comment: x\nnot base64\n", &[]);
        assert!(
            matches!(outcome, Err(Rejection::BadSignature(_))),
            "a signature that cannot be checked is bad, not from an unknown key: {outcome:?}"
        );
    }

    #[test]
    fn without_keys_bytes_are_admitted_unsigned_and_a_plain_feed_is_no_pack() {
        let trust = admit_bytes(&origin(), PLAIN, Some("ignored"), &[])
            .expect("with no key the bytes are taken unsigned");
        assert_eq!(trust, Trust::Unsigned, "nothing was verified");
        let error = verify_and_load(&origin(), PLAIN, None, &[])
            .expect_err("a CMS's plain feed is no pack");
        assert!(
            error.code() == ErrorCode::InvalidFeed && error.to_string().contains("[[news]]"),
            "refused as not a pack, pointing to news feeds: {error}"
        );
    }

    #[test]
    fn refusals_and_bad_bytes_are_the_crates_errors_naming_the_file() {
        let key =
            PublicKey::from_base64("RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3")
                .expect("minisign's documented example key parses");
        let cases = [
            (
                PLAIN,
                None,
                true,
                ErrorCode::Unsigned,
                "/stick/feed.json.minisig",
                "a key demands a signature, and the message names where it should be",
            ),
            (
                PLAIN,
                Some("untrusted comment: x\nnot base64\n"),
                true,
                ErrorCode::BadSignature,
                "/stick/feed.json.minisig",
                "a malformed signature is refused before parsing",
            ),
            (
                &b"\xff{}"[..],
                None,
                false,
                ErrorCode::InvalidFeed,
                "UTF-8",
                "bytes that are not text are refused by name",
            ),
            (
                &b"{"[..],
                None,
                false,
                ErrorCode::InvalidFeed,
                "/stick/feed.json",
                "a broken document names its file",
            ),
        ];
        for (bytes, signature, keyed, code, message_has, why) in cases {
            let keys = if keyed { vec![key.clone()] } else { Vec::new() };
            let error = verify_and_load(&origin(), bytes, signature, &keys)
                .expect_err("each case is refused");
            assert_eq!(error.code(), code, "{why}: {error}");
            assert!(error.to_string().contains(message_has), "{why}: {error}");
        }
    }
}
