//! The endpoint's bearer token: kept out of every `Debug` and log line,
//! and compared in constant time so its bytes cannot be guessed one by
//! one from how fast a refusal comes.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// The bearer token. Its `Debug` shows no part of it.
#[derive(Clone)]
pub struct Token {
    /// The token's SHA-256: comparing digests of equal length leaks neither
    /// the bytes nor the length of the token.
    digest: [u8; 32],
}

impl Token {
    /// The token `text` (trimmed); `None` when blank.
    pub fn new(text: &str) -> Option<Self> {
        let text = text.trim();
        (!text.is_empty()).then(|| Self {
            digest: Sha256::digest(text.as_bytes()).into(),
        })
    }

    /// Whether `given` is the token.
    pub fn matches(&self, given: &str) -> bool {
        let digest: [u8; 32] = Sha256::digest(given.as_bytes()).into();
        self.digest.ct_eq(&digest).into()
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_never_shown_and_blank_is_none() {
        let token = Token::new(" hunter2-but-longer ").expect("a token");
        assert_eq!(
            format!("{token:?}"),
            "Token(***)",
            "a token in a log line must show nothing of itself"
        );
        assert!(
            token.matches("hunter2-but-longer"),
            "surrounding spaces in the config are not part of the token"
        );
        assert!(Token::new("  ").is_none(), "a blank token is no token");
    }
}
