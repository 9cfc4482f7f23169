//! Loading packs: what refuses a whole feed, what drops a single item.

use infostand_content::pack::{MAX_FEED_BYTES, SUPPORTED_FORMAT};
use infostand_content::Source;
use infostand_content::{Error, Pack};

use crate::{load_fixture, valid_pack};

fn refusal(name: &str) -> Error {
    match load_fixture(name) {
        Ok(loaded) => panic!(
            "{name} must be refused, but it loaded with {} media",
            loaded.pack.media().len()
        ),
        Err(error) => error,
    }
}

#[test]
fn a_valid_pack_loads_with_its_manifest() {
    let pack = valid_pack();
    assert_eq!(
        pack.revision(),
        7,
        "the revision must come from _infostand.revision"
    );
    assert_eq!(
        pack.source(),
        Source::Embedded,
        "the pack must remember where it came from"
    );
    let urls: Vec<&str> = pack
        .media()
        .iter()
        .map(|entry| entry.url.as_str())
        .collect();
    assert_eq!(
        urls,
        [
            "media/film.webm",
            "media/poster.jpg",
            "media/film.sv.vtt",
            "media/film.en.vtt"
        ],
        "the manifest must be kept whole and in feed order"
    );
    let poster = pack
        .media_entry("media/poster.jpg")
        .expect("listed URLs must be found");
    assert_eq!(
        poster.size_in_bytes, 33,
        "manifest entries keep their declared size"
    );
}

#[test]
fn a_duplicate_id_refuses_the_feed_naming_the_path() {
    let message = refusal("duplicate-id.json").to_string();
    assert_eq!(
        message, r#"items[1].id "a" is used twice (first at items[0])"#,
        "the message must give the path and the repeated id"
    );
}

#[test]
fn a_media_url_missing_from_the_manifest_refuses_the_feed() {
    let message = refusal("missing-manifest-entry.json").to_string();
    assert_eq!(
        message, r#"items[1].image "media/missing.jpg" is not in _infostand.media"#,
        "an unplayable reference must be named with its path"
    );
}

#[test]
fn a_malformed_sha256_refuses_the_feed() {
    let message = refusal("bad-sha256.json").to_string();
    assert!(
        message.starts_with("_infostand.media[0].sha256 ")
            && message.contains("is not 64 lowercase hex digits"),
        "the message must point at the manifest entry's hash, got {message:?}"
    );
}

#[test]
fn a_foreign_version_refuses_the_feed() {
    let message = refusal("wrong-version.json").to_string();
    assert!(
        message.starts_with(
            r#"version "https://jsonfeed.org/version/2" is not a JSON Feed version URL"#
        ),
        "the message must name the field and the value, got {message:?}"
    );
}

#[test]
fn a_newer_format_is_refused_before_its_unknown_fields_are_read() {
    let error = refusal("format-too-high.json");
    assert!(
        matches!(
            error,
            Error::FormatTooNew {
                found: 2,
                supported: SUPPORTED_FORMAT
            }
        ),
        "a newer format must be reported as such, not as an unknown field: {error}"
    );
    assert!(
        error.to_string().contains("update the app"),
        "the message must tell people what to do: {error}"
    );
}

#[test]
fn bad_items_are_dropped_alone_with_warnings() {
    let loaded =
        load_fixture("dropped-items.json").expect("bad single items must not refuse the feed");
    let view = loaded.pack.present(
        infostand_content::Language::Sv,
        std::time::SystemTime::now(),
    );
    let kept: Vec<&str> = view
        .articles
        .iter()
        .map(|article| article.id.as_str())
        .collect();
    assert_eq!(
        kept,
        ["a", "b"],
        "the good items must survive their bad neighbours"
    );
    let dropped: Vec<(Option<&str>, &str)> = loaded
        .warnings
        .iter()
        .map(|warning| (warning.item_id.as_deref(), warning.reason.as_str()))
        .collect();
    assert_eq!(
        dropped.len(),
        4,
        "each bad item gets exactly one warning: {dropped:?}"
    );
    let expectations = [
        ("unknown-kind", "_infostand.kind"),
        ("no-title", "no title"),
        ("german", "\"de\""),
        ("silent-film", "without a source"),
    ];
    for ((id, reason), (expected_id, expected_reason)) in dropped.iter().zip(expectations) {
        assert_eq!(
            *id,
            Some(expected_id),
            "warnings must name the dropped item, in feed order"
        );
        assert!(
            reason.contains(expected_reason),
            "the warning for {expected_id} must say why ({expected_reason}), got {reason:?}"
        );
    }
    assert_eq!(
        loaded.warnings[0].to_string().split(':').next(),
        Some(r#"items[2] (id "unknown-kind") was dropped"#),
        "the displayed warning must give the item's position and id"
    );
}

fn load_str(json: &str) -> infostand_content::Result<infostand_content::Loaded> {
    Pack::from_json(json.as_bytes(), Source::Feed)
}

const MINIMAL_EXTENSION: &str =
    r#""_infostand": {"format": 1, "revision": 1, "organisation": {"name": "Org"}}"#;

#[test]
fn the_strict_path_refuses_a_plain_json_feed() {
    let error =
        load_str(r#"{"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": []}"#)
            .expect_err("from_json is Infostand-only: the embedded pack and keyed syncs");
    assert!(
        matches!(error, Error::MissingExtension),
        "the error must say the extension is missing: {error}"
    );
}

#[test]
fn empty_oversized_and_non_json_documents_are_refused() {
    assert!(
        matches!(load_str(" \n"), Err(Error::Empty)),
        "a blank document must be called empty"
    );
    let mut huge = vec![b' '; MAX_FEED_BYTES + 1];
    huge[0] = b'{';
    assert!(
        matches!(
            Pack::from_json(&huge, Source::Feed),
            Err(Error::TooLarge { .. })
        ),
        "a document over the cap must be refused before parsing"
    );
    let error = load_str("{\"version\": ").expect_err("truncated JSON must be refused");
    assert!(
        matches!(error, Error::Json(_)) && error.to_string().contains("line 1"),
        "a JSON error must say where it is: {error}"
    );
}

#[test]
fn shape_errors_name_the_path() {
    let json = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [],
        "_infostand": {"format": 1, "revision": 1, "organisation": {"name": "Org"},
        "media": [{"url": "media/a", "mime_type": "x/y", "sha256": 5, "size_in_bytes": 1}]}}"#;
    let message = load_str(json)
        .expect_err("a number is not a hash")
        .to_string();
    assert!(
        message.starts_with("_infostand.media[0].sha256: invalid type"),
        "the message must lead with the path of the bad value, got {message:?}"
    );
}

#[test]
fn revision_zero_and_empty_organisation_refuse_the_feed() {
    let zero = r#"{"version": "https://jsonfeed.org/version/1", "title": "t", "items": [],
        "_infostand": {"format": 1, "revision": 0, "organisation": {"name": "Org"}}}"#;
    let message = load_str(zero)
        .expect_err("revision 0 is not a revision")
        .to_string();
    assert!(
        message.starts_with("_infostand.revision "),
        "the path must be named: {message}"
    );

    let unnamed = r#"{"version": "https://jsonfeed.org/version/1", "title": "t", "items": [],
        "_infostand": {"format": 1, "revision": 1, "organisation": {"name": " "}}}"#;
    let message = load_str(unnamed)
        .expect_err("an organisation needs a name")
        .to_string();
    assert_eq!(
        message, "_infostand.organisation.name is empty",
        "the path must be named"
    );
}

#[test]
fn a_repeated_key_in_one_language_refuses_the_feed() {
    let json = format!(
        r#"{{"version": "https://jsonfeed.org/version/1.1", "title": "t", "language": "sv", "items": [
            {{"id": "1", "title": "A", "content_text": "a", "_infostand": {{"key": "k", "kind": "article"}}}},
            {{"id": "2", "title": "B", "content_text": "b", "_infostand": {{"key": "k", "kind": "article"}}}}
        ], {MINIMAL_EXTENSION}}}"#
    );
    let message = load_str(&json)
        .expect_err("two Swedish versions of one thing are ambiguous")
        .to_string();
    assert_eq!(
        message,
        r#"items[1]._infostand.key "k" is used twice in language "sv" (first at items[0])"#,
        "the message must name the key, the language and both places"
    );
}

#[test]
fn an_attachment_size_must_match_the_manifest() {
    let json = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "t", "language": "sv", "items": [
        {"id": "f", "title": "F", "content_text": "f",
         "attachments": [{"url": "media/f.webm", "mime_type": "video/webm", "size_in_bytes": 2}],
         "_infostand": {"key": "f", "kind": "film"}}],
        "_infostand": {"format": 1, "revision": 1, "organisation": {"name": "Org"},
         "media": [{"url": "media/f.webm", "mime_type": "video/webm",
                    "sha256": "b93a7a3b982b9a917e6860671b2bece6263adaeef193f7a627c98d04b3e58237", "size_in_bytes": 70}]}}"#;
    let message = load_str(json)
        .expect_err("a size disagreement means a broken pack")
        .to_string();
    assert!(
        message.starts_with("items[0].attachments[0].size_in_bytes is 2"),
        "the message must name the attachment's size field, got {message:?}"
    );
}

#[test]
fn content_html_is_sanitised_once_at_load() {
    let pack = valid_pack();
    let view = pack.present(
        infostand_content::Language::Sv,
        std::time::SystemTime::now(),
    );
    let campaign = view.campaign.expect("the fixture has a campaign message");
    assert_eq!(
        campaign.html,
        "<p>Avstå från att stödja <strong>den organiserade brottsligheten</strong>.</p>",
        "the script in the fixture must be gone and the allowed markup kept"
    );
}

#[test]
fn a_translation_of_another_kind_is_dropped() {
    let json = format!(
        r#"{{"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [
            {{"id": "1", "language": "sv", "title": "A", "content_text": "a", "_infostand": {{"key": "k", "kind": "article"}}}},
            {{"id": "2", "language": "en", "title": "B", "content_text": "b", "_infostand": {{"key": "k", "kind": "method"}}}}
        ], {MINIMAL_EXTENSION}}}"#
    );
    let loaded = load_str(&json).expect("a mismatched translation is a bad item, not a bad feed");
    assert_eq!(
        loaded.warnings.len(),
        1,
        "only the mismatched item is dropped"
    );
    assert_eq!(
        loaded.warnings[0].reason,
        r#"its key "k" has kind "article" at items[0] but "method" here"#,
        "the warning must name both kinds and where the first was"
    );
}

#[test]
fn a_body_over_the_limits_drops_its_item_alone() {
    let long = serde_json::to_string(
        &"<p>x</p>".repeat(infostand_content::sanitise::MAX_BODY_BYTES / 8 + 1),
    )
    .expect("a string serialises");
    let tangled = serde_json::to_string(
        &"<b><i>x</b>".repeat(infostand_content::sanitise::MAX_BODY_TAGS / 3 + 1),
    )
    .expect("a string serialises");
    let json = format!(
        r#"{{"version": "https://jsonfeed.org/version/1.1", "title": "t", "language": "sv", "items": [
            {{"id": "long", "title": "L", "content_html": {long}, "_infostand": {{"key": "l", "kind": "article"}}}},
            {{"id": "tangled", "title": "T", "content_html": {tangled}, "_infostand": {{"key": "t", "kind": "article"}}}},
            {{"id": "fine", "title": "F", "content_text": "ok", "_infostand": {{"key": "f", "kind": "article"}}}}
        ], {MINIMAL_EXTENSION}}}"#
    );
    let loaded = load_str(&json).expect("oversized bodies are bad items, not a bad feed");
    let reasons: Vec<(&str, &str)> = loaded
        .warnings
        .iter()
        .map(|w| (w.item_id.as_deref().unwrap_or(""), w.reason.as_str()))
        .collect();
    assert!(
        reasons.len() == 2
            && reasons[0].0 == "long"
            && reasons[0].1.contains("bytes, more than the limit")
            && reasons[1].0 == "tangled"
            && reasons[1].1.contains("tags, more than the limit"),
        "each body over a limit is dropped with the limit it passed: {reasons:?}"
    );
}

#[test]
fn a_feed_whose_bodies_are_too_complex_in_all_is_refused_before_sanitising() {
    // Each body is under the per-body limit; together they pass the
    // document's, which is what bounds a hostile feed's cost.
    let per_item = infostand_content::sanitise::MAX_BODY_TAGS - 1;
    let items = infostand_content::sanitise::MAX_DOCUMENT_TAGS / per_item + 1;
    let body = serde_json::to_string(&"<i>".repeat(per_item)).expect("a string serialises");
    let items: Vec<String> = (0..items)
        .map(|n| {
            format!(
                r#"{{"id": "i{n}", "title": "T", "content_html": {body}, "_infostand": {{"key": "k{n}", "kind": "article"}}}}"#
            )
        })
        .collect();
    let json = format!(
        r#"{{"version": "https://jsonfeed.org/version/1.1", "title": "t", "language": "sv", "items": [{}], {MINIMAL_EXTENSION}}}"#,
        items.join(",")
    );
    let started = std::time::Instant::now();
    let error = load_str(&json).expect_err("a feed past the document's tag budget is refused");
    assert!(
        matches!(error, infostand_content::Error::TooComplex { .. }),
        "the refusal names the complexity: {error}"
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "refused by counting, not by sanitising first: {:?}",
        started.elapsed()
    );
}

#[test]
fn links_that_are_not_web_addresses_are_refused_at_load() {
    for bad in [
        "javascript:alert(1)",
        "data:text/html,x",
        "file:///etc/passwd",
        "vbscript:x",
    ] {
        let json = format!(
            r#"{{"version": "https://jsonfeed.org/version/1.1", "title": "t", "language": "sv", "items": [
                {{"id": "a", "title": "A", "content_text": "a", "url": {bad:?}, "_infostand": {{"key": "a", "kind": "article"}}}},
                {{"id": "b", "title": "B", "content_text": "b", "url": "https://example.org/b", "_infostand": {{"key": "b", "kind": "article"}}}}
            ], {MINIMAL_EXTENSION}}}"#
        );
        let loaded = load_str(&json).expect("a bad link drops its item, not the pack");
        assert_eq!(
            loaded
                .warnings
                .iter()
                .map(|w| w.item_id.as_deref())
                .collect::<Vec<_>>(),
            [Some("a")],
            "{bad}: the item whose page is no web address is dropped, with the reason: {:?}",
            loaded.warnings
        );
        assert!(
            loaded.warnings[0].reason.contains("not a web address"),
            "{bad}: the reason names the problem: {}",
            loaded.warnings[0]
        );
        let organisation = format!(
            r#"{{"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [],
                "_infostand": {{"format": 1, "revision": 1, "organisation": {{"name": "N", "url": {bad:?}}}}}}}"#
        );
        let error = load_str(&organisation).expect_err("the organisation's link is the pack's");
        assert!(
            error.to_string().contains("_infostand.organisation.url"),
            "{bad}: the refusal names the field: {error}"
        );
    }
}
