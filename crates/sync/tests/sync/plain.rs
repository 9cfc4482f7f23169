//! Plain JSON Feeds from a CMS (no `_infostand`): with no key configured
//! they are applied as articles and marked unsigned; with a key they are
//! refused, signed or not.

use std::fs;

use infostand_sync::layout::FETCH_CACHE_FILE;
use infostand_sync::{load_active, ErrorCode, Outcome, SyncConfig, Syncer};
use serde_json::json;

use super::{fixture, syncer_for, Signer, TestServer, EMBEDDED_REVISION};

/// A JSON Feed 1.1 as a CMS writes it: remote images, tags, an item in a
/// language the app is not offered in.
fn cms_feed_1_1(extra_item: bool) -> Vec<u8> {
    let mut items = vec![
        json!({
            "id": "https://cms.example.org/?p=101",
            "url": "https://cms.example.org/nyheter/101",
            "title": "Ny vägledning om försändelser",
            "content_html": "<p>Läs mer</p><img src=\"https://cms.example.org/bild.jpg\">",
            "image": "https://cms.example.org/bild.jpg",
            "date_published": "2026-11-01T09:00:00+01:00",
            "tags": ["nyhet"]
        }),
        json!({
            "id": "https://cms.example.org/?p=102",
            "language": "en",
            "title": "News in English",
            "content_text": "Plain text",
            "date_modified": "2026-11-02T10:00:00+01:00"
        }),
        json!({ "id": "https://cms.example.org/?p=103", "language": "fi", "title": "Uutiset", "content_text": "Suomeksi" }),
    ];
    if extra_item {
        items.push(json!({
            "id": "https://cms.example.org/?p=104",
            "title": "En till",
            "content_text": "Publicerad senare",
            "date_published": "2026-11-03T08:00:00+01:00"
        }));
    }
    serde_json::to_vec_pretty(&json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Kommunens nyheter",
        "home_page_url": "https://cms.example.org/",
        "language": "sv",
        "items": items
    }))
    .expect("a JSON value serialises")
}

/// A JSON Feed 1.0: singular `author`, no `language` anywhere.
fn cms_feed_1_0() -> Vec<u8> {
    serde_json::to_vec(&json!({
        "version": "https://jsonfeed.org/version/1",
        "title": "Kommunen",
        "author": { "name": "Kommunen" },
        "items": [
            { "id": "1", "title": "Första", "content_html": "<p>Hej</p>", "date_published": "2026-10-01T08:00:00Z" },
            { "id": "2", "title": "Andra", "content_text": "Hej igen" }
        ]
    }))
    .expect("a JSON value serialises")
}

#[tokio::test]
async fn a_plain_json_feed_1_1_without_a_key_is_applied_unsigned() {
    let server = TestServer::start().await;
    server.publish(cms_feed_1_1(false), None);
    let data = tempfile::tempdir().expect("a temporary data directory");
    let syncer = syncer_for(data.path(), Some(server.feed_url()), Vec::new());
    let outcome = syncer
        .sync_once(EMBEDDED_REVISION)
        .await
        .expect("with no key configured a CMS's plain feed is accepted");
    let Outcome::Applied { loaded, active, .. } = outcome else {
        panic!("a plain feed over the embedded pack must be applied: {outcome:?}");
    };
    assert!(
        loaded.pack.is_plain() && loaded.pack.media().is_empty(),
        "it is shown as a plain feed: articles only, nothing to download"
    );
    assert_eq!(
        loaded.warnings.len(),
        1,
        "only the Finnish item is dropped: {:?}",
        loaded.warnings
    );
    assert_eq!(
        (active.revision, active.signed),
        (EMBEDDED_REVISION + 1, false),
        "a plain feed is numbered just above what was shown, and is unsigned"
    );
    let status = syncer.status();
    assert_eq!(
        (
            status.revision,
            status.source,
            status.signed,
            status.item_ids.clone()
        ),
        (
            Some(2),
            infostand_content::Source::Feed,
            false,
            vec![
                "https://cms.example.org/?p=101".to_owned(),
                "https://cms.example.org/?p=102".to_owned()
            ]
        ),
        "the status says: source feed, unsigned, showing the CMS's items"
    );
    assert!(
        status.last_error.is_none(),
        "a success clears the error: {:?}",
        status.last_error
    );
    assert!(
        !server
            .take_requests()
            .iter()
            .any(|request| request.path.ends_with(".minisig")),
        "with no key there is nothing to verify, so no signature is asked for"
    );

    let (reloaded, info) =
        load_active(data.path(), &[]).expect("the applied plain feed loads at start");
    assert_eq!(
        (
            reloaded.pack.revision(),
            info.revision,
            reloaded.pack.is_plain()
        ),
        (2, 2, true),
        "at start the plain feed comes back under the number it was applied as"
    );
    assert!(
        load_active(data.path(), &[Signer::new().public()]).is_none(),
        "once a key is configured, the unsigned CMS content is no longer shown"
    );

    // Unchanged: first a 304, then (without the ETag) the same bytes.
    let again = syncer.sync_once(2).await.expect("a repeat sync works");
    assert!(
        matches!(again, Outcome::UpToDate { revision: 2 }),
        "an unchanged feed is a 304: {again:?}"
    );
    fs::remove_file(data.path().join(FETCH_CACHE_FILE)).expect("the ETag was remembered");
    let same = syncer
        .sync_once(2)
        .await
        .expect("a full fetch of the same feed works");
    assert!(
        matches!(same, Outcome::UpToDate { revision: 2 }),
        "the same bytes are the same content, with or without a 304: {same:?}"
    );

    // The CMS publishes another item: the next number, applied.
    server.publish(cms_feed_1_1(true), None);
    let changed = syncer.sync_once(2).await.expect("the changed feed applies");
    assert!(
        matches!(&changed, Outcome::Applied { active, .. } if active.revision == 3),
        "a changed plain feed is the next revision: {changed:?}"
    );
    assert_eq!(
        syncer.status().item_ids.len(),
        3,
        "the new CMS item is shown: {:?}",
        syncer.status().item_ids
    );
}

#[tokio::test]
async fn a_plain_json_feed_1_0_without_a_key_is_applied_unsigned() {
    let server = TestServer::start().await;
    server.publish(cms_feed_1_0(), None);
    let data = tempfile::tempdir().expect("a temporary data directory");
    let syncer = syncer_for(data.path(), Some(server.feed_url()), Vec::new());
    syncer
        .sync_once(EMBEDDED_REVISION)
        .await
        .expect("JSON Feed 1.0 is accepted like 1.1");
    let status = syncer.status();
    assert_eq!(
        (
            status.source,
            status.signed,
            status.item_ids.clone(),
            status.revision
        ),
        (
            infostand_content::Source::Feed,
            false,
            vec!["1".to_owned(), "2".to_owned()],
            Some(2)
        ),
        "both 1.0 items are shown, unsigned, from the feed"
    );
}

#[tokio::test]
async fn a_plain_feed_is_refused_when_a_key_is_configured() {
    let server = TestServer::start().await;
    let signer = Signer::new();
    let data = tempfile::tempdir().expect("a temporary data directory");
    let syncer = syncer_for(data.path(), Some(server.feed_url()), vec![signer.public()]);
    for feed in [cms_feed_1_1(false), cms_feed_1_0()] {
        server.publish(feed, None);
        let error = syncer
            .sync_once(EMBEDDED_REVISION)
            .await
            .expect_err("with a key configured an unsigned CMS feed must be refused");
        assert_eq!(
            error.code(),
            ErrorCode::Unsigned,
            "the refusal must say the feed is unsigned: {error}"
        );
        let status = syncer.status();
        assert_eq!(
            (status.last_error.map(|error| error.code), status.revision),
            (Some(ErrorCode::Unsigned), None),
            "the status carries the refusal and nothing new is shown"
        );
    }

    // Even a CMS feed signed by the configured key is not a pack.
    let plain = cms_feed_1_1(false);
    server.publish(plain.clone(), Some(signer.sign(&plain)));
    let error = syncer
        .sync_once(EMBEDDED_REVISION)
        .await
        .expect_err("a keyed kiosk takes Infostand packs only");
    assert_eq!(
        error.code(),
        ErrorCode::InvalidFeed,
        "a signed plain feed is refused as not a pack: {error}"
    );
    assert!(
        error.to_string().contains("_infostand is missing"),
        "the message must say what is missing: {error}"
    );
    assert!(
        !data.path().join("active.json").exists(),
        "nothing was switched to"
    );
}

#[tokio::test]
async fn an_infostand_pack_still_replaces_a_plain_feed() {
    let server = TestServer::start().await;
    server.publish(cms_feed_1_0(), None);
    let data = tempfile::tempdir().expect("a temporary data directory");
    let mut config = SyncConfig::new(data.path());
    config.feed_url = Some(server.feed_url());
    config.interval = super::INTERVAL;
    config.timeouts = super::TEST_TIMEOUTS;
    let syncer = Syncer::new(config).expect("the test configuration is valid");
    syncer
        .sync_once(EMBEDDED_REVISION)
        .await
        .expect("the plain feed applies as revision 2");
    server.publish(fixture("feed-10.json"), None);
    let outcome = syncer
        .sync_once(2)
        .await
        .expect("the county's pack (revision 10) replaces the CMS feed");
    assert!(
        matches!(&outcome, Outcome::Applied { active, loaded, .. }
            if active.revision == 10 && !loaded.pack.is_plain()),
        "a pack keeps its published revision: {outcome:?}"
    );
}
