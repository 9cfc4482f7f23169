//! Minisign public keys as the app is configured with them: parsing the
//! key line minisign prints (or a `minisign.pub` file) with errors that say
//! what is wrong, and key ids shown the way minisign shows them.

use std::fmt;
use std::str::FromStr;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;

use super::{ALGORITHM_ED25519, KEY_ID_BYTES, UNTRUSTED_COMMENT_PREFIX};
use crate::error::{Error, Result};

/// What a minisign public key decodes to: algorithm, key id, Ed25519 key.
const PUBLIC_KEY_BYTES: usize = 2 + KEY_ID_BYTES + 32;

/// What a minisign secret key decodes to; only used to recognise one given
/// by mistake where a public key belongs.
const SECRET_KEY_BYTES: usize = 158;

/// The 8-byte id minisign gives a key pair, shown as minisign shows it: 16
/// uppercase hex digits (the bytes read as a little-endian number), the
/// same text as in a `minisign.pub` file's comment.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyId([u8; KEY_ID_BYTES]);

impl KeyId {
    /// The id's raw bytes, as stored in keys and signatures.
    pub fn bytes(&self) -> [u8; KEY_ID_BYTES] {
        self.0
    }

    pub(super) fn from_slice(bytes: &[u8]) -> Self {
        let mut id = [0; KEY_ID_BYTES];
        id.copy_from_slice(&bytes[..KEY_ID_BYTES]);
        Self(id)
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016X}", u64::from_le_bytes(self.0))
    }
}

impl fmt::Debug for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyId({self})")
    }
}

/// A minisign public key that feeds may be signed with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicKey {
    pub(super) id: KeyId,
    /// The key line as given, for showing back to people.
    base64: String,
    pub(super) key: minisign_verify::PublicKey,
}

impl PublicKey {
    /// Parses a public key as minisign prints it: one base64 line starting
    /// `RW` (e.g. `RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3`).
    /// Surrounding whitespace is ignored.
    ///
    /// # Errors
    /// [`Error::MalformedPublicKey`] when the line is not base64, does not
    /// have a public key's length, or is not an Ed25519 key.
    pub fn from_base64(line: &str) -> Result<Self> {
        let line = line.trim();
        if line.is_empty() {
            return Err(malformed_key("the key is empty".into()));
        }
        let bytes = BASE64.decode(line).map_err(|_| {
            malformed_key(format!(
                "{} is not base64; a minisign public key is one line of 56 characters starting with \"RW\"",
                shorten(line)
            ))
        })?;
        if bytes.len() == SECRET_KEY_BYTES {
            return Err(malformed_key(
                "this is a minisign secret key, which must never leave the publisher; give the public key (the .pub file or its RW… line)".into(),
            ));
        }
        if bytes.len() != PUBLIC_KEY_BYTES {
            return Err(malformed_key(format!(
                "{} decodes to {} bytes, but a minisign public key has {PUBLIC_KEY_BYTES}",
                shorten(line),
                bytes.len()
            )));
        }
        if bytes[..2] != ALGORITHM_ED25519 {
            return Err(malformed_key(format!(
                "{} has algorithm {:?}, but minisign keys are Ed25519 (\"Ed\")",
                shorten(line),
                String::from_utf8_lossy(&bytes[..2])
            )));
        }
        let key = minisign_verify::PublicKey::from_base64(line)
            .map_err(|error| malformed_key(format!("{}: {error}", shorten(line))))?;
        Ok(Self {
            id: KeyId::from_slice(&bytes[2..]),
            base64: line.to_owned(),
            key,
        })
    }

    /// Parses either a key line (see [`PublicKey::from_base64`]) or the text
    /// of a `minisign.pub` file, whose `untrusted comment:` line is ignored
    /// (it is not signed, so it proves nothing).
    ///
    /// # Errors
    /// [`Error::MalformedPublicKey`] when there is no key line, more than one,
    /// or the key line is malformed.
    pub fn parse(text: &str) -> Result<Self> {
        let mut lines = text
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with(UNTRUSTED_COMMENT_PREFIX));
        let Some(line) = lines.next() else {
            return Err(malformed_key(
                "there is no key line, only comments or nothing".into(),
            ));
        };
        if lines.next().is_some() {
            return Err(malformed_key(
                "there is more than one line besides the comment; a minisign public key is a single base64 line".into(),
            ));
        }
        Self::from_base64(line)
    }

    /// The key's id.
    pub fn key_id(&self) -> KeyId {
        self.id
    }

    /// The key as one base64 line, the way minisign prints it.
    pub fn to_base64(&self) -> &str {
        &self.base64
    }
}

impl FromStr for PublicKey {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self> {
        Self::parse(text)
    }
}

fn malformed_key(problem: String) -> Error {
    Error::MalformedPublicKey { problem }
}

/// Enough of a bad key to recognise it in a message, never a whole screenful.
fn shorten(text: &str) -> String {
    const SHOWN: usize = 60;
    if text.chars().count() <= SHOWN {
        format!("{text:?}")
    } else {
        let head: String = text.chars().take(SHOWN).collect();
        format!("{head:?}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! fixture {
        ($name:literal) => {
            include_str!(concat!("../../tests/fixtures/signature/", $name))
        };
    }

    fn key_a() -> PublicKey {
        PublicKey::parse(fixture!("test-only-a.pub"))
            .expect("the fixture public key is well-formed")
    }

    #[test]
    fn public_keys_parse_from_a_line_or_a_pub_file() {
        let from_file = key_a();
        let line = fixture!("test-only-a.pub")
            .lines()
            .nth(1)
            .expect("a .pub file has the key on its second line");
        let from_line = PublicKey::from_base64(line).expect("the bare key line parses");
        assert_eq!(from_file, from_line, "both forms must give the same key");
        assert!(
            fixture!("test-only-a.pub").contains(&from_file.key_id().to_string()),
            "the key id must be shown as minisign shows it in the .pub comment"
        );
        assert_eq!(
            line.parse::<PublicKey>().map(|key| key.key_id()).ok(),
            Some(from_file.key_id()),
            "FromStr accepts the bare line too"
        );
    }

    #[test]
    fn bad_public_keys_are_refused_clearly() {
        let cases = [
            ("", "no key line"),
            ("untrusted comment: minisign public key\n", "no key line"),
            ("RW not base64 at all", "not base64"),
            ("RWQf6LRCGA9i", "decodes to 9 bytes"),
            (fixture!("test-only-a.key"), "secret key"),
            ("RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3\nRWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3", "more than one"),
        ];
        for (text, expected) in cases {
            let error = PublicKey::parse(text).expect_err("a malformed key must be refused");
            assert!(
                matches!(error, Error::MalformedPublicKey { .. })
                    && error.to_string().contains(expected),
                "the message for {text:?} must say {expected:?}, got {error}"
            );
        }
        let mut wrong_algorithm = BASE64
            .decode(key_a().to_base64())
            .expect("fixture is base64");
        wrong_algorithm[..2].copy_from_slice(b"Xx");
        let error = PublicKey::from_base64(&BASE64.encode(&wrong_algorithm))
            .expect_err("a key of another algorithm must be refused");
        assert!(
            error.to_string().contains("Ed25519"),
            "the message must say which algorithm is expected, got {error}"
        );
    }
}
