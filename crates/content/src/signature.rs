//! Detached minisign signatures over feed documents: the public keys the app
//! trusts ([`PublicKey`]) and the check ([`verify`]) that every synced or
//! imported feed passes before anything parses it.
//!
//! A feed is published as `feed.json` with `feed.json.minisig` beside it, the
//! text of a minisign signature file. The signature is checked over the raw
//! bytes as received, so a tampered document is refused before the JSON
//! parser, the sanitiser or the media store ever see it.
//!
//! Several keys can be configured at once so that the county can rotate its
//! signing key: kiosks are given the new public key next to the old one, the
//! publisher switches keys, and the old key is removed later.
//!
//! Both minisign signature algorithms are accepted:
//! - **prehashed** (`ED`): the BLAKE2b-512 hash of the document is signed.
//!   This is what `minisign` writes by default (since 0.10), and what
//!   `infostand-publish` writes.
//! - **legacy** (`Ed`): the document itself is signed (`minisign -S -l`).
//!   It is accepted because it is no weaker for a document this size (a feed
//!   is at most [`crate::pack::MAX_FEED_BYTES`] and is held in memory
//!   anyway), and older tools write it.
//!
//! The cryptography is `minisign-verify`'s. This module (and `key`, which
//! owns [`PublicKey`] and [`KeyId`]) decodes the key and signature texts
//! itself only to give errors that say what is wrong and to name key ids the
//! way minisign prints them.

mod key;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;

use crate::error::{Error, Result};

pub use key::{KeyId, PublicKey};

/// The largest signature file accepted, in bytes: the one limit for the
/// parser here, the sync's download and import of a `.minisig`, and the
/// publisher's `verify`.
///
/// A minisign signature file is about 300 bytes plus its trusted comment,
/// which minisign keeps to one short line; this bound only stops a hostile
/// server from handing the app an unbounded "signature".
pub const MAX_SIGNATURE_BYTES: usize = 8 * 1024;

/// What a signature line decodes to: algorithm, key id, Ed25519 signature.
const SIGNATURE_BYTES: usize = 2 + KEY_ID_BYTES + 64;

/// What the global signature (over the signature and trusted comment) decodes to.
const GLOBAL_SIGNATURE_BYTES: usize = 64;

/// Length of a key id.
const KEY_ID_BYTES: usize = 8;

/// The algorithm bytes of a public key (and of a legacy signature).
const ALGORITHM_ED25519: [u8; 2] = *b"Ed";

/// The algorithm bytes of a prehashed signature.
const ALGORITHM_PREHASHED: [u8; 2] = *b"ED";

/// How the first line of a minisign key or signature file starts.
const UNTRUSTED_COMMENT_PREFIX: &str = "untrusted comment:";

/// How the third line of a signature file starts.
const TRUSTED_COMMENT_PREFIX: &str = "trusted comment: ";

/// Which of minisign's two signature algorithms a signature uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    /// `ED`: the BLAKE2b-512 hash of the document is signed (the default).
    Prehashed,
    /// `Ed`: the document itself is signed (`minisign -l`).
    Legacy,
}

/// What a successful [`verify`] established.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedBy {
    /// The configured key that verified the signature.
    pub key_id: KeyId,
    /// The signature's algorithm.
    pub algorithm: Algorithm,
    /// The signature's trusted comment, without its `trusted comment: `
    /// prefix. It is signed too, so it can be believed; the publisher puts
    /// the feed's revision in it.
    pub trusted_comment: String,
}

/// Checks a detached minisign signature over `document`, the raw bytes as
/// received, against any of the configured `keys`.
///
/// `signature` is the text of the `.minisig` file. Nothing in `document` is
/// looked at before the signature has been verified.
///
/// # Errors
/// - [`Error::NoSigningKeys`] when `keys` is empty;
/// - [`Error::MalformedSignature`] when `signature` is not a minisign
///   signature file;
/// - [`Error::UnknownSigningKey`] when it was made by a key that is not
///   configured (naming that key's id);
/// - [`Error::SignatureMismatch`] when the key is configured but the
///   signature does not match the bytes or its trusted comment (the document
///   was changed after signing, or the signature belongs to another one).
pub fn verify(document: &[u8], signature: &str, keys: &[PublicKey]) -> Result<VerifiedBy> {
    if keys.is_empty() {
        return Err(Error::NoSigningKeys);
    }
    let decoded = decode_signature(signature)?;
    let candidates: Vec<&PublicKey> = keys.iter().filter(|key| key.id == decoded.key_id).collect();
    if candidates.is_empty() {
        return Err(Error::UnknownSigningKey {
            key_id: decoded.key_id,
            configured: keys.iter().map(PublicKey::key_id).collect(),
        });
    }
    // Two configured keys can share an id only by mistake or by malice; the
    // signature decides which (if either) it belongs to.
    let verified = candidates
        .iter()
        .any(|key| key.key.verify(document, &decoded.signature, true).is_ok());
    if !verified {
        return Err(Error::SignatureMismatch {
            key_id: decoded.key_id,
        });
    }
    Ok(VerifiedBy {
        key_id: decoded.key_id,
        algorithm: decoded.algorithm,
        trusted_comment: decoded.signature.trusted_comment().to_owned(),
    })
}

/// Formats key ids for an error message: `A, B`, or `none`.
pub(crate) fn key_list(ids: &[KeyId]) -> String {
    if ids.is_empty() {
        return "none".into();
    }
    ids.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A signature file taken apart.
struct Decoded {
    key_id: KeyId,
    algorithm: Algorithm,
    signature: minisign_verify::Signature,
}

/// Checks the file's layout line by line, so the error can say which line is
/// wrong, and hands a normalised copy to `minisign-verify`.
fn decode_signature(text: &str) -> Result<Decoded> {
    if text.len() > MAX_SIGNATURE_BYTES {
        return Err(malformed_signature(format!(
            "it is {} bytes, but a minisign signature file is at most {MAX_SIGNATURE_BYTES}",
            text.len()
        )));
    }
    let lines: Vec<&str> = text.lines().collect();
    let content = lines
        .iter()
        .rposition(|line| !line.trim().is_empty())
        .map_or(0, |last| last + 1);
    if content != 4 {
        return Err(malformed_signature(format!(
            "it has {content} lines, but a minisign signature file has 4 (untrusted comment, signature, trusted comment, global signature)"
        )));
    }
    let [untrusted, signature_line, trusted, global_line] = [0, 1, 2, 3].map(|at| lines[at]);
    if !untrusted.starts_with(UNTRUSTED_COMMENT_PREFIX) {
        return Err(malformed_signature(format!(
            "line 1 must start with {UNTRUSTED_COMMENT_PREFIX:?}"
        )));
    }
    if !trusted.starts_with(TRUSTED_COMMENT_PREFIX) {
        return Err(malformed_signature(format!(
            "line 3 must start with {TRUSTED_COMMENT_PREFIX:?}"
        )));
    }
    let signature_line = signature_line.trim();
    let global_line = global_line.trim();
    let signature = decode_line(signature_line, 2, SIGNATURE_BYTES)?;
    decode_line(global_line, 4, GLOBAL_SIGNATURE_BYTES)?;
    let algorithm = match [signature[0], signature[1]] {
        ALGORITHM_PREHASHED => Algorithm::Prehashed,
        ALGORITHM_ED25519 => Algorithm::Legacy,
        other => {
            return Err(malformed_signature(format!(
                "line 2 has algorithm {:?}; minisign signatures are \"ED\" (prehashed) or \"Ed\" (legacy)",
                String::from_utf8_lossy(&other)
            )))
        }
    };
    // The comments are kept byte for byte (the trusted one is signed); only
    // the base64 lines lose stray whitespace.
    let normalised = format!("{untrusted}\n{signature_line}\n{trusted}\n{global_line}\n");
    let decoded = minisign_verify::Signature::decode(&normalised)
        .map_err(|error| malformed_signature(error.to_string()))?;
    Ok(Decoded {
        key_id: KeyId::from_slice(&signature[2..]),
        algorithm,
        signature: decoded,
    })
}

fn decode_line(line: &str, number: usize, expected: usize) -> Result<Vec<u8>> {
    let bytes = BASE64
        .decode(line)
        .map_err(|_| malformed_signature(format!("line {number} is not base64")))?;
    if bytes.len() != expected {
        return Err(malformed_signature(format!(
            "line {number} decodes to {} bytes, but must be {expected}",
            bytes.len()
        )));
    }
    Ok(bytes)
}

fn malformed_signature(problem: String) -> Error {
    Error::MalformedSignature { problem }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fixtures were made once with `infostand-publish keygen` and
    /// `minisign`; see `tests/fixtures/signature/README.md`.
    macro_rules! fixture {
        ($name:literal) => {
            include_str!(concat!("../tests/fixtures/signature/", $name))
        };
    }

    const DOCUMENT: &str = fixture!("document.json");

    fn key(text: &str) -> PublicKey {
        PublicKey::parse(text).expect("the fixture public keys are well-formed")
    }

    fn key_a() -> PublicKey {
        key(fixture!("test-only-a.pub"))
    }

    fn key_b() -> PublicKey {
        key(fixture!("test-only-b.pub"))
    }

    #[test]
    fn a_signed_document_verifies() {
        let verified = verify(
            DOCUMENT.as_bytes(),
            fixture!("document.json.minisig"),
            &[key_a()],
        )
        .expect("the fixture document is signed with key A");
        assert_eq!(
            verified.key_id,
            key_a().key_id(),
            "the result must name the key that verified"
        );
        assert_eq!(
            verified.algorithm,
            Algorithm::Prehashed,
            "the publisher signs prehashed, as minisign does by default"
        );
        assert!(
            verified.trusted_comment.contains("revision:7"),
            "the signed trusted comment must come back whole, got {:?}",
            verified.trusted_comment
        );
    }

    #[test]
    fn a_legacy_signature_verifies() {
        let verified = verify(
            DOCUMENT.as_bytes(),
            fixture!("document.json.legacy.minisig"),
            &[key_a()],
        )
        .expect("a legacy (`minisign -l`) signature by a configured key is accepted");
        assert_eq!(
            verified.algorithm,
            Algorithm::Legacy,
            "the algorithm must be reported as the file states it"
        );
    }

    #[test]
    fn one_flipped_byte_is_refused() {
        for signature in [
            fixture!("document.json.minisig"),
            fixture!("document.json.legacy.minisig"),
        ] {
            let mut tampered = DOCUMENT.as_bytes().to_vec();
            tampered[DOCUMENT.len() / 2] ^= 0x01;
            let error = verify(&tampered, signature, &[key_a()])
                .expect_err("a document changed after signing must be refused");
            assert!(
                matches!(error, Error::SignatureMismatch { key_id } if key_id == key_a().key_id()),
                "the error must say the signature does not match, naming the key, got {error}"
            );
        }
    }

    #[test]
    fn a_tampered_trusted_comment_is_refused() {
        let signature = fixture!("document.json.minisig").replace("revision:7", "revision:8");
        let error = verify(DOCUMENT.as_bytes(), &signature, &[key_a()])
            .expect_err("the trusted comment is signed and must not be changeable");
        assert!(
            matches!(error, Error::SignatureMismatch { .. }),
            "a changed trusted comment is a mismatch, got {error}"
        );
    }

    #[test]
    fn a_signature_by_another_key_names_it() {
        let error = verify(
            DOCUMENT.as_bytes(),
            fixture!("document.json.b.minisig"),
            &[key_a()],
        )
        .expect_err("a signature by a key that is not configured must be refused");
        let b = key_b().key_id();
        assert!(
            matches!(&error, Error::UnknownSigningKey { key_id, configured } if *key_id == b && configured == &[key_a().key_id()]),
            "the error must name the signing key and the configured ones, got {error:?}"
        );
        let message = error.to_string();
        assert!(
            message.contains(&b.to_string()) && message.contains(&key_a().key_id().to_string()),
            "the message must name both key ids so the operator can fix the configuration, got {message:?}"
        );
    }

    #[test]
    fn any_configured_key_may_have_signed() {
        let verified = verify(
            DOCUMENT.as_bytes(),
            fixture!("document.json.b.minisig"),
            &[key_a(), key_b()],
        )
        .expect("during key rotation a signature by the second configured key is good");
        assert_eq!(
            verified.key_id,
            key_b().key_id(),
            "the result must name the key that actually signed"
        );
    }

    #[test]
    fn a_key_with_the_right_id_but_wrong_bytes_is_a_mismatch() {
        // Key B's bytes under key A's id: a forged or corrupted configuration.
        let a = BASE64
            .decode(key_a().to_base64())
            .expect("fixture is base64");
        let mut b = BASE64
            .decode(key_b().to_base64())
            .expect("fixture is base64");
        b[2..10].copy_from_slice(&a[2..10]);
        let impostor = PublicKey::from_base64(&BASE64.encode(&b)).expect("the key is well-formed");
        let error = verify(
            DOCUMENT.as_bytes(),
            fixture!("document.json.minisig"),
            &[impostor],
        )
        .expect_err("a key id alone must never be trusted");
        assert!(
            matches!(error, Error::SignatureMismatch { .. }),
            "the wrong key bytes must fail the signature check, got {error}"
        );
    }

    #[test]
    fn garbage_signatures_are_refused_clearly() {
        let error = verify(DOCUMENT.as_bytes(), fixture!("garbage.minisig"), &[key_a()])
            .expect_err("a file that is not a minisign signature must be refused");
        assert!(
            matches!(error, Error::MalformedSignature { .. }),
            "garbage is a malformed signature, got {error}"
        );
        let valid = fixture!("document.json.minisig");
        let cases = [
            (String::new(), "0 lines"),
            (
                valid.replacen("untrusted comment:", "comment:", 1),
                "line 1",
            ),
            (
                valid.replacen("\ntrusted comment: ", "\ncomment: ", 1),
                "line 3",
            ),
            (
                valid.replacen(valid.lines().nth(1).unwrap_or_default(), "RWQ!!", 1),
                "line 2 is not base64",
            ),
            ("x".repeat(MAX_SIGNATURE_BYTES + 1), "at most"),
        ];
        for (text, expected) in cases {
            let error = verify(DOCUMENT.as_bytes(), &text, &[key_a()])
                .expect_err("a malformed signature file must be refused");
            assert!(
                error.to_string().contains(expected),
                "the message must point at the problem ({expected:?}), got {error}"
            );
        }
    }

    #[test]
    fn windows_line_endings_are_fine() {
        let signature = fixture!("document.json.minisig").replace('\n', "\r\n");
        verify(DOCUMENT.as_bytes(), &signature, &[key_a()]).expect(
            "a signature file that passed through a Windows editor is still the same signature",
        );
    }

    #[test]
    fn no_keys_means_no_trust() {
        let error = verify(DOCUMENT.as_bytes(), fixture!("document.json.minisig"), &[])
            .expect_err("without a configured key nothing can be verified");
        assert!(
            matches!(error, Error::NoSigningKeys),
            "the error must say no key is configured, got {error}"
        );
    }
}
