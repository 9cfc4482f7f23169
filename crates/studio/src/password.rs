//! The signing key's password, as the window hands it over: kept in a
//! `secrecy` box (wiped from memory when dropped), never printed
//! (`Debug` shows `Password([hidden])`), never serialised, never stored.
//! It can be deserialised, so a Tauri command can take it as an argument.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Deserializer};

/// A password for a signing key.
pub struct Password(SecretString);

impl Password {
    /// Wraps `text`.
    pub fn new(text: impl Into<String>) -> Self {
        Self(SecretString::from(text.into()))
    }

    /// The password itself, for the key code only.
    pub(crate) fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    /// How many characters it has.
    pub fn chars(&self) -> usize {
        self.expose().chars().count()
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password([hidden])")
    }
}

impl<'de> Deserialize<'de> for Password {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        SecretString::deserialize(deserializer).map(Self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_is_never_printed() {
        let password: Password = serde_json::from_str("\"correct horse battery staple\"")
            .expect("a JSON string is a password");
        let shown = format!("{password:?} {:?}", Some(&password));
        assert!(
            !shown.contains("horse"),
            "Debug output (logs, panic messages) must not show the password: {shown}"
        );
        assert_eq!(
            password.chars(),
            28,
            "the password itself is kept for the key"
        );
    }
}
