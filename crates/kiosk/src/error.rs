//! The one error type of the kiosk crate. Every message names the rule that
//! was broken, because the reader is IT staff at a stand, not a developer.

/// What can go wrong with the PIN, trying it, or a QR code.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A PIN that is not 4 to 12 ASCII digits.
    #[error("the PIN must be {min} to {max} digits (0-9) and nothing else: {problem}", min = crate::pin::MIN_DIGITS, max = crate::pin::MAX_DIGITS)]
    PinFormat {
        /// What is wrong with the given PIN (never the PIN itself).
        problem: String,
    },
    /// Standard input could not be read.
    #[error("cannot read the PIN from standard input: {0}")]
    PinInput(#[source] std::io::Error),
    /// Hashing a PIN failed (the OS random source, most likely).
    #[error("cannot hash the PIN: {0}")]
    Hash(String),
    /// The stored `kiosk.pin_hash` is not an argon2 PHC string.
    #[error("the stored PIN hash is not a valid argon2 PHC string ($argon2id$v=19$m=…,t=…,p=…$salt$hash): {problem}; set the PIN again with `infostand set-pin`")]
    StoredHash {
        /// What is wrong with it.
        problem: String,
    },
    /// The PIN typed is not the admin PIN.
    #[error("wrong PIN")]
    WrongPin,
    /// Too many wrong PINs in a row: no PIN is checked until the wait ends.
    #[error("too many wrong PINs: try again in {} s", wait.as_secs().max(1))]
    TooManyAttempts {
        /// How long until a PIN is checked again.
        wait: std::time::Duration,
    },
    /// A QR code was asked for no text at all.
    #[error("a QR code needs some text to encode; this one is empty")]
    QrEmpty,
    /// The text does not fit in the largest QR code.
    #[error("{bytes} bytes is too long for a QR code: at most {max} bytes fit at error-correction level M", max = crate::qr::MAX_BYTES)]
    QrTooLong {
        /// The text's length in bytes (UTF-8).
        bytes: usize,
    },
    /// The QR encoder refused the text for another reason.
    #[error("cannot make a QR code: {0}")]
    Qr(String),
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, Error>;
