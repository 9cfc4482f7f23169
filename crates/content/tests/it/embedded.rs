//! The real pack shipped in the binary: `content/feed.json` must satisfy the
//! published schema, load without losing anything, and match its media.

use std::fs;

use infostand_content::Pack;
use infostand_content::{Language, Source};
use sha2::{Digest, Sha256};

use crate::workspace_file;

fn read(name: &str) -> Vec<u8> {
    let path = workspace_file(name);
    fs::read(&path)
        .unwrap_or_else(|error| panic!("the real pack needs {}: {error}", path.display()))
}

#[test]
fn the_embedded_feed_matches_the_schema() {
    let schema: serde_json::Value = serde_json::from_slice(&read("docs/feed.schema.json"))
        .expect("docs/feed.schema.json must be JSON");
    let feed: serde_json::Value =
        serde_json::from_slice(&read("content/feed.json")).expect("content/feed.json must be JSON");
    let validator = jsonschema::validator_for(&schema)
        .expect("docs/feed.schema.json must be a valid JSON Schema");
    let errors: Vec<String> = validator
        .iter_errors(&feed)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "content/feed.json breaks docs/feed.schema.json:\n{}",
        errors.join("\n")
    );
}

#[test]
fn the_embedded_feed_loads_whole() {
    let loaded = Pack::from_json(&read("content/feed.json"), Source::Embedded)
        .unwrap_or_else(|error| panic!("content/feed.json must load: {error}"));
    let warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings.is_empty(),
        "the shipped pack must not lose items:\n{}",
        warnings.join("\n")
    );
    for language in [Language::Sv, Language::En] {
        let view = loaded.pack.present(language, std::time::SystemTime::now());
        assert!(
            view.campaign.is_some(),
            "the start screen needs a campaign message in {language:?}"
        );
        assert!(
            !view.films.is_empty(),
            "the pack must offer films in {language:?}"
        );
    }
}

#[test]
fn the_embedded_media_match_the_manifest() {
    let loaded = Pack::from_json(&read("content/feed.json"), Source::Embedded)
        .unwrap_or_else(|error| panic!("content/feed.json must load: {error}"));
    let mut problems = Vec::new();
    for entry in loaded.pack.media() {
        let bytes = read(&format!("content/{}", entry.url));
        let sha256 = hex::encode(Sha256::digest(&bytes));
        if bytes.len() as u64 != entry.size_in_bytes {
            problems.push(format!(
                "{}: {} bytes, manifest says {}",
                entry.url,
                bytes.len(),
                entry.size_in_bytes
            ));
        }
        if sha256 != entry.sha256 {
            problems.push(format!(
                "{}: SHA-256 {sha256}, manifest says {}",
                entry.url, entry.sha256
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "content/media disagrees with the manifest:\n{}",
        problems.join("\n")
    );
}
