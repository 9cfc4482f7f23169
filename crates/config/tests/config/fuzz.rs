//! Fuzzing the config file: reading it into settings (the TOML parser, the
//! checks of every value and the error that points at a line), and
//! `set-pin`'s in-place edit of it.
//!
//! Under `cargo test` bolero replays the committed corpus
//! (`__fuzz__/fuzz__config_file/corpus/`) and [`RANDOM_INPUTS`] random inputs;
//! `bash .ci/fuzz` runs it under libFuzzer. The input is the file's bytes.

use std::panic::AssertUnwindSafe;
use std::path::Path;

use infostand_config::file::Readers;
use infostand_config::file::{self, FileConfig};
use infostand_config::{set_value, Error, Parsed};

/// Random inputs after the committed corpus under `cargo test` (which
/// replays the whole corpus first); `BOLERO_RANDOM_ITERATIONS` overrides
/// it. libFuzzer ignores it.
const RANDOM_INPUTS: usize = 500;

/// What `set-pin` writes: an argon2 PHC string.
const PIN_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";

#[test]
fn fuzz_config_file() {
    // Settings read INFOSTAND_* variables too; none may be set meanwhile.
    let _env = crate::ENV.lock().unwrap_or_else(|e| e.into_inner());
    crate::clear_env();
    // Parsed once; the fuzzer's panics are its findings, so unwinding
    // through a borrowed `Parsed` leaves nothing half-done that matters.
    let parsed = AssertUnwindSafe(Parsed::from_args(["infostand"]).expect("no arguments parse"));
    let parsed = &parsed;
    let dir = tempfile::tempdir().expect("a temporary directory is needed");
    let path = dir.path().join("config.toml");
    bolero::check!()
        .with_iterations(RANDOM_INPUTS)
        .for_each(|bytes: &[u8]| {
            std::fs::write(&path, bytes).expect("the config file can be written");
            let text = std::str::from_utf8(bytes).ok();
            let lines = bytes.split(|&b| b == b'\n').count();
            match parsed.settings_with_files(std::slice::from_ref(&path)) {
                Ok(settings) => {
                    assert!(
                        text.is_some_and(|text| file::parse(&path, text).is_ok()),
                        "settings come only from a file that parses"
                    );
                    if let Some(url) = &settings.feed_url.value {
                        assert!(
                            url.scheme() == "https"
                                || (url.scheme() == "http"
                                    && infostand_config::settings::is_loopback(url)),
                            "a feed is fetched over https, or plain http on loopback only: {url}"
                        );
                    }
                }
                Err(Error::Parse { line, column, .. }) => assert!(
                    (1..=lines).contains(&line) && column >= 1,
                    "a parse error points into the file: line {line} of {lines}"
                ),
                Err(Error::Invalid { .. }) => {}
                Err(Error::Read { .. }) => assert!(
                    text.is_none(),
                    "only a file that is not UTF-8 cannot be read"
                ),
                Err(other) => panic!("reading settings never writes, got {other}"),
            }
            if let Some(text) = text {
                check_set_pin(&path, text, lines);
            }
        });
}

/// `set-pin` on a file holding `text`: it either refuses and leaves the
/// file alone, or sets the one key and keeps everything else.
fn check_set_pin(path: &Path, text: &str, lines: usize) {
    let before = file::parse(path, text).ok();
    match set_value(path, "kiosk", "pin_hash", PIN_HASH, Readers::Owner) {
        Ok(()) => {
            let written = std::fs::read_to_string(path).expect("the edited file can be read");
            let document: toml_edit::Document<String> = written.parse().unwrap_or_else(|error| {
                panic!("set-pin writes valid TOML: {error}\nbefore: {text:?}\nafter: {written:?}")
            });
            assert_eq!(
                document
                    .get("kiosk")
                    .and_then(|kiosk| kiosk.get("pin_hash"))
                    .and_then(|item| item.as_str()),
                Some(PIN_HASH),
                "set-pin stores the hash where the settings look for it\nbefore: {text:?}\nafter: {written:?}"
            );
            if let Some(before) = before {
                let after = file::parse(path, &written).unwrap_or_else(|error| {
                    panic!("a valid config file stays valid after set-pin: {error}\nbefore: {text:?}\nafter: {written:?}")
                });
                let expected = FileConfig {
                    kiosk: infostand_config::file::KioskSection {
                        pin_hash: Some(PIN_HASH.into()),
                        ..before.kiosk.clone()
                    },
                    ..before
                };
                assert_eq!(
                    after, expected,
                    "set-pin changes the PIN's hash and nothing else\nbefore: {text:?}\nafter: {written:?}"
                );
            }
        }
        Err(Error::Parse { line, column, .. }) => {
            assert!(
                (1..=lines).contains(&line) && column >= 1,
                "a refusal points into the file: line {line} of {lines}"
            );
            assert_eq!(
                std::fs::read_to_string(path).ok().as_deref(),
                Some(text),
                "a file set-pin refuses is left as it was"
            );
        }
        Err(other) => panic!("set-pin on a readable file only refuses bad TOML, got {other}"),
    }
}
