//! Integration tests of infostand-content: loading checked-in fixture packs
//! and the real embedded pack, what a pack shows per language and instant,
//! sanitising and the media store. (The views built from it, and the
//! TypeScript bindings, are tested in infostand-ipc.)

mod embedded;
mod fuzz;
mod load;
mod plain;
mod sanitise;
mod store;
mod validity;

use std::path::PathBuf;

use infostand_content::Source;
use infostand_content::{Loaded, Pack};

/// A file under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A file relative to the workspace root.
pub fn workspace_file(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join(name)
}

/// Reads a fixture file, failing the test with the path when it is missing.
pub fn read_fixture(name: &str) -> Vec<u8> {
    let path = fixture(name);
    std::fs::read(&path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

/// Loads a fixture feed as an embedded pack.
pub fn load_fixture(name: &str) -> infostand_content::Result<Loaded> {
    Pack::from_json(&read_fixture(name), Source::Embedded)
}

/// The valid fixture pack, which must load without warnings.
pub fn valid_pack() -> Pack {
    let loaded = load_fixture("valid/feed.json").expect("the valid fixture pack must load");
    assert!(
        loaded.warnings.is_empty(),
        "the valid fixture must not lose items: {:?}",
        loaded.warnings
    );
    loaded.pack
}
