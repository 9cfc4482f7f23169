//! Integration tests of infostand-studio, on the campaign built into the
//! app and on the checked-in fixtures under `tests/fixtures/` (see its
//! README: every file there is labelled example material, and says how it
//! was made).
//!
//! - `editing`: edits, dates, translations, times, rich text, undo.
//! - `media`: films, pictures and captions in, and every refusal.
//! - `checks`: what the checks find, linked to fields.
//! - `publishing`: from the campaign to a kiosk's import, and refusals.
//! - `crash`: a draft survives a crash mid-save.

// Kept in `tests/studio/` so the crate has one integration test binary.
#[path = "studio/checks.rs"]
mod checks;
#[path = "studio/crash.rs"]
mod crash;
#[path = "studio/editing.rs"]
mod editing;
#[path = "studio/media.rs"]
mod media;
#[path = "studio/publishing.rs"]
mod publishing;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use infostand_content::validity::Timestamp;
use infostand_studio::{FixedClock, Opened, Project};
use tempfile::TempDir;

/// The instant the tests' clock starts at: 17:00 in Stockholm.
pub const START: &str = "2026-12-05T16:00:00Z";

/// [`START`] as the Studio stamps it.
pub const START_STAMPED: &str = "2026-12-05T17:00:00+01:00";

/// A file under `tests/fixtures/`.
pub fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(relative)
}

/// A fresh temporary folder.
pub fn temp() -> TempDir {
    tempfile::tempdir().expect("a temporary folder is needed")
}

/// A clock standing at [`START`].
pub fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::new(
        START.parse::<Timestamp>().expect("START is an instant"),
    ))
}

/// A draft of the campaign in `dir/draft`, on the test clock.
pub fn campaign(dir: &Path) -> (Project, Arc<FixedClock>) {
    let Opened { mut project, notes } = Project::from_campaign(&dir.join("draft"))
        .expect("a draft can be made from the campaign in an empty folder");
    assert!(
        notes.is_empty(),
        "the campaign opens without notes: {notes:?}"
    );
    let clock = clock();
    project.set_clock(clock.clone());
    (project, clock)
}

/// The key of the campaign's article ("Tillsammans sätter vi stopp…").
pub const ARTICLE: &str = "drogflodet";

/// A sparse file of `size` bytes: as large as the tests need, yet no disk.
pub fn sparse(path: &Path, size: u64) {
    let file = fs::File::create(path).expect("the test can create a file");
    file.set_len(size).expect("the test can size a sparse file");
}

/// The names of the files in `dir`, sorted.
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}
