//! The content-addressed media store.

use std::borrow::Cow;
use std::cell::Cell;
use std::fs;
use std::path::Path;

use infostand_content::{Error, MediaEntry, MediaStore};

use crate::{fixture, valid_pack};

fn open_store() -> (tempfile::TempDir, MediaStore) {
    let dir = tempfile::tempdir().expect("a temporary directory is needed for the store");
    let store =
        MediaStore::open(dir.path().join("media")).expect("the store must create its directory");
    (dir, store)
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("the store directory must be listable")
        .map(|entry| {
            entry
                .expect("directory entries are readable")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

fn fixture_media(url: &str) -> Option<Cow<'static, [u8]>> {
    fs::read(fixture("valid").join(url)).ok().map(Cow::Owned)
}

fn poster() -> MediaEntry {
    valid_pack()
        .media_entry("media/poster.jpg")
        .expect("the fixture lists its poster")
        .clone()
}

#[test]
fn put_stores_verified_bytes_under_their_hash() {
    let (_dir, store) = open_store();
    let entry = poster();
    let bytes = fixture_media(&entry.url).expect("the fixture poster exists");
    assert!(!store.contains(&entry), "an empty store contains nothing");
    store
        .put(&entry, &bytes)
        .expect("matching bytes must be stored");
    assert!(
        store.contains(&entry),
        "a stored file must be found by its entry"
    );
    assert_eq!(
        fs::read(store.path(&entry.sha256)).expect("the file is named by its hash"),
        bytes.as_ref(),
        "the stored bytes must be the given bytes"
    );
    assert_eq!(
        listing(store.root()),
        [entry.sha256.as_str()],
        "no temporary file may stay behind"
    );
}

#[test]
fn a_wrong_hash_is_refused_and_leaves_nothing_behind() {
    let (_dir, store) = open_store();
    let entry = poster();
    let mut forged = fixture_media(&entry.url)
        .expect("the fixture poster exists")
        .into_owned();
    forged[0] ^= 0xff;
    let error = store
        .put(&entry, &forged)
        .expect_err("bytes with another hash must be refused");
    match &error {
        Error::HashMismatch {
            url,
            expected,
            actual,
        } => {
            assert_eq!(url, "media/poster.jpg", "the error must name the URL");
            assert_eq!(
                expected, &entry.sha256,
                "the error must give the manifest's hash"
            );
            assert_ne!(actual, expected, "the error must give the bytes' own hash");
        }
        other => panic!("expected a hash mismatch, got {other}"),
    }
    let message = error.to_string();
    assert!(
        message.contains("media/poster.jpg") && message.contains(&entry.sha256),
        "the message must name the URL and the hashes: {message}"
    );
    assert!(
        listing(store.root()).is_empty(),
        "a refused file must leave no trace, not even a temporary one"
    );
    assert!(
        !store.contains(&entry),
        "a refused file must not count as stored"
    );
}

#[test]
fn contains_checks_the_size() {
    let (_dir, store) = open_store();
    let entry = poster();
    fs::write(store.path(&entry.sha256), b"truncated").expect("the test can plant a bad file");
    assert!(
        !store.contains(&entry),
        "a file of the wrong size is not the entry's file"
    );
}

#[test]
fn ensure_all_installs_only_what_is_missing() {
    let (_dir, store) = open_store();
    let pack = valid_pack();
    let poster = poster();
    store
        .put(
            &poster,
            &fixture_media(&poster.url).expect("the fixture poster exists"),
        )
        .expect("the poster can be stored first");
    let fetched = Cell::new(0);
    store
        .ensure_all(pack.media(), |url| {
            assert_ne!(
                url, poster.url,
                "a file already stored must not be fetched again"
            );
            fetched.set(fetched.get() + 1);
            fixture_media(url)
        })
        .expect("every fixture file is available");
    assert_eq!(
        fetched.get(),
        pack.media().len() - 1,
        "each missing file is fetched once"
    );
    for entry in pack.media() {
        assert!(store.contains(entry), "{} must be installed", entry.url);
    }
}

#[test]
fn ensure_all_names_a_file_it_cannot_find() {
    let (_dir, store) = open_store();
    let pack = valid_pack();
    let error = store
        .ensure_all(pack.media(), |url| {
            (url != "media/film.sv.vtt")
                .then(|| fixture_media(url))
                .flatten()
        })
        .expect_err("a missing file must be reported");
    assert!(
        matches!(&error, Error::MissingMedia { url } if url == "media/film.sv.vtt"),
        "the error must name the missing URL: {error}"
    );
}

#[test]
fn an_unwritable_store_names_the_path() {
    let dir = tempfile::tempdir().expect("a temporary directory is needed");
    let blocker = dir.path().join("not-a-directory");
    fs::write(&blocker, b"x").expect("the test can create a file");
    let error =
        MediaStore::open(blocker.join("media")).expect_err("a store cannot live under a file");
    assert!(
        error.to_string().contains("not-a-directory"),
        "an I/O error must name the path it failed on: {error}"
    );
}
