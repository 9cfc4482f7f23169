//! Plain JSON Feeds from a CMS (no `_infostand`) as the campaign's feed:
//! refused, signed or not, with a message that points to `[[news]]`, so a
//! CMS's feed never takes the campaign's films, contacts and details off
//! the screen. And an unsigned pack taken while no key was configured never
//! blocks the county's signed ones.

use infostand_sync::{load_active, ErrorCode, Outcome};
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
async fn a_plain_feed_is_never_the_campaign() {
    let server = TestServer::start().await;
    let signer = Signer::new();
    for keys in [Vec::new(), vec![signer.public()]] {
        let data = tempfile::tempdir().expect("a temporary data directory");
        let syncer = syncer_for(data.path(), Some(server.feed_url()), keys.clone());
        for feed in [cms_feed_1_1(false), cms_feed_1_1(true), cms_feed_1_0()] {
            let signature = (!keys.is_empty()).then(|| signer.sign(&feed));
            server.publish(feed, signature);
            let error = syncer
                .sync_once(EMBEDDED_REVISION)
                .await
                .expect_err("a CMS's feed would take the campaign's films and contacts away");
            assert_eq!(
                error.code(),
                ErrorCode::InvalidFeed,
                "keys={}: refused as not a pack, signed or not: {error}",
                keys.len()
            );
            assert!(
                error.to_string().contains("[[news]]"),
                "the message says how to show it instead: {error}"
            );
            let status = syncer.status();
            assert_eq!(
                (status.last_error.map(|error| error.code), status.revision),
                (Some(ErrorCode::InvalidFeed), None),
                "the status carries the refusal and nothing new is shown"
            );
        }
        assert!(
            load_active(data.path(), &keys).is_none(),
            "nothing was switched to: the built-in campaign stays"
        );
    }
}

#[tokio::test]
async fn an_unsigned_revision_never_blocks_the_signed_ones() {
    let server = TestServer::start().await;
    let data = tempfile::tempdir().expect("a temporary data directory");
    // Without a key, someone serves an unsigned pack numbered 2^64-1.
    let mut hijack: serde_json::Value =
        serde_json::from_slice(&fixture("feed-10.json")).expect("the fixture is JSON");
    hijack["_infostand"]["revision"] = json!(u64::MAX);
    server.publish(serde_json::to_vec(&hijack).expect("JSON serialises"), None);
    let unkeyed = syncer_for(data.path(), Some(server.feed_url()), Vec::new());
    unkeyed
        .sync_once(EMBEDDED_REVISION)
        .await
        .expect("with no key, an unsigned pack is taken (and marked unsigned)");
    // Then the county's key is configured: the unsigned revision is no
    // longer shown, and the county's signed revision 10 must apply.
    let signer = Signer::new();
    let keyed = syncer_for(data.path(), Some(server.feed_url()), vec![signer.public()]);
    assert!(
        load_active(data.path(), &[signer.public()]).is_none(),
        "the unsigned revision is not shown under a key"
    );
    let feed = fixture("feed-10.json");
    server.publish(feed.clone(), Some(signer.sign(&feed)));
    let outcome = keyed
        .sync_once(EMBEDDED_REVISION)
        .await
        .expect("the signed revision 10 is not a rollback of an unsigned 2^64-1");
    assert!(
        matches!(&outcome, Outcome::Applied { active, .. } if active.revision == 10 && active.signed),
        "the county's signed pack is live: {outcome:?}"
    );
    // And the signed revision is the floor for signed ones from now on.
    let mut older: serde_json::Value = serde_json::from_slice(&feed).expect("JSON");
    older["_infostand"]["revision"] = json!(9);
    let older = serde_json::to_vec(&older).expect("JSON serialises");
    server.publish(older.clone(), Some(signer.sign(&older)));
    let error = keyed
        .sync_once(10)
        .await
        .expect_err("a signed replay of an older revision is still refused");
    assert_eq!(error.code(), ErrorCode::Rollback, "a rollback: {error}");
}

#[tokio::test]
async fn a_pack_that_would_show_nothing_never_replaces_the_campaign() {
    let server = TestServer::start().await;
    let data = tempfile::tempdir().expect("a temporary data directory");
    let mut empty: serde_json::Value =
        serde_json::from_slice(&fixture("feed-10.json")).expect("the fixture is JSON");
    for item in empty["items"].as_array_mut().expect("items") {
        item["title"] = json!("");
    }
    server.publish(serde_json::to_vec(&empty).expect("JSON serialises"), None);
    let syncer = syncer_for(data.path(), Some(server.feed_url()), Vec::new());
    let error = syncer
        .sync_once(EMBEDDED_REVISION)
        .await
        .expect_err("a pack whose every item is dropped would blank the screen");
    assert_eq!(
        error.code(),
        ErrorCode::EmptyFeed,
        "refused as empty: {error}"
    );
    assert!(
        error.to_string().contains("left out"),
        "the message says why: {error}"
    );
    assert!(
        load_active(data.path(), &[]).is_none(),
        "nothing was switched to: the campaign on screen stays"
    );
}
