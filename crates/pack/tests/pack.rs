//! The embedded pack as the app receives it: the feed is there, it loads,
//! and every file its manifest lists can be installed from the embed.

use infostand_content::Source;
use infostand_content::{MediaStore, Pack};

#[test]
fn the_feed_is_embedded_and_is_a_json_feed() {
    let bytes = infostand_pack::feed_json();
    assert!(!bytes.is_empty(), "content/feed.json must be embedded");
    let feed: serde_json::Value =
        serde_json::from_slice(&bytes).expect("the embedded feed must be JSON");
    assert_eq!(
        feed["version"], "https://jsonfeed.org/version/1.1",
        "the embedded feed must declare JSON Feed 1.1"
    );
    let manifest = feed["_infostand"]["media"]
        .as_array()
        .expect("the embedded feed must carry a media manifest");
    for entry in manifest {
        let url = entry["url"]
            .as_str()
            .expect("every manifest entry has a url");
        let data = infostand_pack::media(url)
            .unwrap_or_else(|| panic!("{url} is in the manifest but not embedded"));
        assert_eq!(
            Some(data.len() as u64),
            entry["size_in_bytes"].as_u64(),
            "{url} must be embedded with the size the manifest declares"
        );
    }
}

#[test]
fn every_manifest_file_installs_from_the_embed() {
    let loaded = Pack::from_json(&infostand_pack::feed_json(), Source::Embedded)
        .unwrap_or_else(|error| panic!("the embedded pack must load: {error}"));
    let dir = tempfile::tempdir().expect("a temporary directory is needed for the store");
    let store = MediaStore::open(dir.path()).expect("the store opens in an empty directory");
    // `put` checks each file's SHA-256 and size against the manifest.
    store
        .ensure_all(loaded.pack.media(), infostand_pack::media)
        .unwrap_or_else(|error| panic!("the embedded media must match the manifest: {error}"));
    for entry in loaded.pack.media() {
        assert!(
            store.contains(entry),
            "{} must be installed from the embed",
            entry.url
        );
    }
}
