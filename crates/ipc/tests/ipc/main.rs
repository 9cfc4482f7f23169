//! Integration tests of infostand-ipc: the views built from real fixture
//! packs, and the TypeScript bindings the UI compiles against.

mod bindings;
mod news;
mod view;

use std::path::PathBuf;

use infostand_content::{Pack, Source};

/// A file under the content crate's `tests/fixtures/`, where the fixture
/// packs live.
pub fn content_fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../content/tests/fixtures")
        .join(name)
}

/// Reads a content fixture, failing the test with the path when it is
/// missing.
pub fn read_fixture(name: &str) -> Vec<u8> {
    let path = content_fixture(name);
    std::fs::read(&path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

/// The valid fixture pack, which must load without warnings.
pub fn valid_pack() -> Pack {
    let loaded = Pack::from_json(&read_fixture("valid/feed.json"), Source::Embedded)
        .expect("the valid fixture pack must load");
    assert!(
        loaded.warnings.is_empty(),
        "the valid fixture must not lose items: {:?}",
        loaded.warnings
    );
    loaded.pack
}
