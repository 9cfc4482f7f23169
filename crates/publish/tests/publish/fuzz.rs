//! Fuzzing the secret-key file reader (`SigningKey::load`): whatever file
//! the editor points `--key` at, the tool refuses it with a message or
//! loads a key that really signs.
//!
//! Under `cargo test` bolero replays the committed corpus
//! (`__fuzz__/fuzz__secret_key/corpus/`) and [`RANDOM_INPUTS`] random inputs;
//! `bash .ci/fuzz` runs it under libFuzzer. The input is the file's bytes.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use infostand_publish::keys::SigningKey;
use infostand_publish::Error;

/// Random inputs after the committed corpus under `cargo test` (which
/// replays the whole corpus first); `BOLERO_RANDOM_ITERATIONS` overrides
/// it. libFuzzer ignores it.
const RANDOM_INPUTS: usize = 500;

/// The password tried on an encrypted key.
const PASSWORD: &str = "fuzz";

/// Whether decrypting the key in `text` is cheap: minisign derives the
/// key with the scrypt cost the file states, and a fuzzer cannot wait
/// seconds per input. The layout: algorithm (2 bytes), KDF algorithm (2),
/// checksum algorithm (2), salt (32), opslimit (8), memlimit (8), ...
fn cheap_to_decrypt(text: &str) -> bool {
    let Some(bytes) = text
        .lines()
        .nth(1)
        .and_then(|line| BASE64.decode(line.trim()).ok())
    else {
        return false;
    };
    let limit = |at: usize| {
        bytes
            .get(at..at + 8)
            .and_then(|le| le.try_into().ok())
            .map(u64::from_le_bytes)
    };
    matches!((limit(38), limit(46)), (Some(ops), Some(mem)) if ops <= 1 << 16 && mem <= 1 << 20)
}

#[test]
fn fuzz_secret_key() {
    let dir = tempfile::tempdir().expect("a temporary directory is needed");
    let path = dir.path().join("infostand.key");
    bolero::check!()
        .with_iterations(RANDOM_INPUTS)
        .for_each(|bytes: &[u8]| {
            std::fs::write(&path, bytes).expect("the key file can be written");
            let text = String::from_utf8_lossy(bytes);
            let mut passwords = vec![None];
            if cheap_to_decrypt(&text) {
                passwords.push(Some(PASSWORD));
            }
            for password in passwords {
                match SigningKey::load(&path, password) {
                    Ok(key) => {
                        let signature = key
                            .sign(b"document", "revision:1")
                            .expect("a loaded key signs");
                        infostand_content::signature::verify(
                            b"document",
                            &signature,
                            &[key.public_key().clone()],
                        )
                        .expect("what a loaded key signs, its public key verifies");
                    }
                    Err(
                        Error::MalformedSecretKey { .. }
                        | Error::KeyNeedsPassword { .. }
                        | Error::WrongPassword { .. },
                    ) => {}
                    Err(Error::Io { .. }) => assert!(
                        std::str::from_utf8(bytes).is_err(),
                        "only a file that is not UTF-8 cannot be read"
                    ),
                    Err(other) => panic!("a bad key file is refused as such, got {other}"),
                }
            }
        });
}
