//! The admin PIN: its format, its argon2id hash (the only form in which it
//! is ever stored), checking a PIN typed on the touch keypad against that
//! hash, and reading a new one from standard input for `infostand set-pin`.

use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};

use crate::error::{Error, Result};

/// Fewer digits than this are guessed too quickly, even with the lockout.
pub const MIN_DIGITS: usize = 4;

/// More digits than this are more than staff will type on a touch keypad.
pub const MAX_DIGITS: usize = 12;

/// The start of every PHC string this module writes or accepts.
pub const PHC_PREFIX: &str = "$argon2";

/// Checks that `pin` is 4 to 12 ASCII digits: the keypad has nothing else.
///
/// # Errors
/// [`Error::PinFormat`] naming the rule and what broke it (never echoing the
/// PIN).
pub fn check_format(pin: &str) -> Result<()> {
    let problem = if pin.is_empty() {
        Some("it is empty".to_string())
    } else if !pin.chars().all(|c| c.is_ascii_digit()) {
        Some("it has characters other than digits".to_string())
    } else if pin.len() < MIN_DIGITS {
        Some(format!("it has only {} digits", pin.len()))
    } else if pin.len() > MAX_DIGITS {
        Some(format!("it has {} digits", pin.len()))
    } else {
        None
    };
    match problem {
        Some(problem) => Err(Error::PinFormat { problem }),
        None => Ok(()),
    }
}

/// Hashes a PIN with argon2id (default parameters, a fresh random salt from
/// the OS) into a PHC string such as `$argon2id$v=19$m=19456,t=2,p=1$…`.
///
/// # Errors
/// [`Error::PinFormat`] for a PIN of the wrong form, [`Error::Hash`] when the
/// OS cannot give randomness.
pub fn hash(pin: &str) -> Result<String> {
    check_format(pin)?;
    Argon2::default()
        .hash_password(pin.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|error| Error::Hash(error.to_string()))
}

/// Whether `pin` matches the stored PHC string `phc`: `Ok(false)` for a wrong
/// PIN (of any form), an error only when the stored hash itself is broken, so
/// a bad config is reported instead of looking like a wrong PIN forever.
///
/// # Errors
/// [`Error::StoredHash`] naming what is wrong with `phc`.
pub fn verify(pin: &str, phc: &str) -> Result<bool> {
    let stored = |problem: String| Error::StoredHash { problem };
    if !phc.starts_with(PHC_PREFIX) {
        return Err(stored(format!("it does not start with {PHC_PREFIX}")));
    }
    let parsed = PasswordHash::new(phc).map_err(|error| stored(error.to_string()))?;
    // Without both, argon2 reports a mismatch rather than a broken hash.
    if parsed.salt.is_none() || parsed.hash.is_none() {
        return Err(stored("it has no salt or no hash part".to_string()));
    }
    match Argon2::default().verify_password(pin.as_bytes(), &parsed) {
        Ok(()) => Ok(true),
        Err(argon2::password_hash::Error::PasswordInvalid) => Ok(false),
        Err(error) => Err(stored(error.to_string())),
    }
}

/// Reads exactly one line (the PIN) from `input`, without its line ending,
/// and checks its format. Nothing after the first line is read, so a script
/// can pipe the PIN in and keep using the stream.
///
/// # Errors
/// [`Error::PinInput`] when reading fails, [`Error::PinFormat`] for an empty
/// line, no input at all, or a PIN of the wrong form.
pub fn read_pin(input: &mut impl std::io::BufRead) -> Result<String> {
    let mut line = String::new();
    input.read_line(&mut line).map_err(Error::PinInput)?;
    let pin = line.strip_suffix('\n').unwrap_or(&line);
    let pin = pin.strip_suffix('\r').unwrap_or(pin);
    check_format(pin)?;
    Ok(pin.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_own_pin_and_no_other() {
        let phc = hash("4711").expect("a valid PIN hashes");
        assert!(
            phc.starts_with("$argon2id$"),
            "the hash is an argon2id PHC string: {phc}"
        );
        assert!(
            !phc.contains("4711"),
            "the PIN itself never appears in what is stored: {phc}"
        );
        assert!(
            verify("4711", &phc).expect("a good hash verifies"),
            "the PIN that was hashed is accepted"
        );
        assert!(
            !verify("4712", &phc).expect("a wrong PIN is not an error"),
            "another PIN is refused"
        );
        assert!(
            !verify("", &phc).expect("an empty PIN is not an error"),
            "an empty PIN is refused"
        );
    }

    #[test]
    fn the_salt_is_fresh_each_time() {
        let first = hash("123456").expect("hashes");
        let second = hash("123456").expect("hashes");
        assert_ne!(
            first, second,
            "a random salt makes equal PINs hash differently, so kiosks sharing a PIN do not share a hash"
        );
    }

    #[test]
    fn a_malformed_stored_hash_is_an_error_that_says_so() {
        for phc in [
            "",
            "4711",
            "$argon2id$v=19$m=19456,t=2,p=1",
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ",
            "$argon2id$v=19$m=1,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaGhhc2g",
            "$argon2x$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaGhhc2g",
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$!!!",
            "$pbkdf2-sha256$i=1000$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
        ] {
            let error = verify("4711", phc)
                .expect_err("a broken stored hash must not look like a wrong PIN");
            assert!(
                matches!(error, Error::StoredHash { .. }),
                "{phc:?} is reported as a bad stored hash: {error:?}"
            );
            assert!(
                error.to_string().contains("set-pin"),
                "the message says how to fix it: {error}"
            );
        }
    }

    #[test]
    fn the_format_is_four_to_twelve_digits() {
        let cases: [(&str, bool); 10] = [
            ("1234", true),
            ("000000000000", true),
            ("987654", true),
            ("123", false),
            ("1234567890123", false),
            ("", false),
            ("12a4", false),
            ("12 34", false),
            ("１２３４", false),
            ("-1234", false),
        ];
        for (pin, valid) in cases {
            let result = check_format(pin);
            assert_eq!(result.is_ok(), valid, "{pin:?} valid = {valid}: {result:?}");
            if let Err(error) = result {
                assert!(
                    error.to_string().contains("4 to 12 digits"),
                    "the error names the rule: {error}"
                );
            }
        }
        let error = hash("12").expect_err("a short PIN is never hashed");
        assert!(
            matches!(error, Error::PinFormat { .. }),
            "hashing checks the format first: {error:?}"
        );
    }

    #[test]
    fn read_pin_takes_one_line_without_its_ending() {
        let cases: [(&str, Option<&str>); 7] = [
            ("1234\n", Some("1234")),
            ("1234\r\n", Some("1234")),
            ("1234", Some("1234")),
            ("98765\nrest\n", Some("98765")),
            ("", None),
            ("\n", None),
            ("12a4\n", None),
        ];
        for (input, expected) in cases {
            let result = read_pin(&mut input.as_bytes());
            match expected {
                Some(pin) => assert_eq!(
                    result.expect("a valid line reads"),
                    pin,
                    "{input:?} gives the PIN without the line ending"
                ),
                None => assert!(
                    matches!(result, Err(Error::PinFormat { .. })),
                    "{input:?} is refused with the rule: {result:?}"
                ),
            }
        }
    }

    #[test]
    fn read_pin_leaves_the_rest_of_the_stream() {
        let mut input = std::io::Cursor::new("2468\nnext line\n");
        read_pin(&mut input).expect("the first line is a PIN");
        let mut rest = String::new();
        std::io::BufRead::read_line(&mut input, &mut rest).expect("reads");
        assert_eq!(rest, "next line\n", "only one line is consumed");
    }

    #[test]
    fn empty_input_says_it_is_empty() {
        let error = read_pin(&mut "".as_bytes()).expect_err("no input, no PIN");
        assert!(
            error.to_string().contains("empty"),
            "the error says the input was empty: {error}"
        );
    }
}
