//! News channels beside the campaign, against the real HTTP server: read
//! as CMSs publish them, stored with their pictures, each with its own
//! status; a channel going down or going empty keeps its last good items;
//! and nothing a news channel does touches the campaign or its floor.

use std::fs;
use std::path::Path;

use infostand_sync::layout::Layout;
use infostand_sync::{
    load_active, ErrorCode, NewsOutcome, NewsSource, Outcome, PublicKey, SyncConfig, Syncer,
};
use reqwest::Url;
use serde_json::json;

use super::{fixture, Signer, TestServer, EMBEDDED_REVISION, INTERVAL, TEST_TIMEOUTS};

/// A news feed fixture of infostand-news (written as real CMSs publish).
fn cms_fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../news/tests/fixtures")
        .join(name);
    fs::read(&path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

/// A JSON Feed from the test server whose items name pictures on it.
fn feed_with_pictures(server: &TestServer, titles: &[&str]) -> Vec<u8> {
    let items: Vec<_> = titles
        .iter()
        .enumerate()
        .map(|(n, title)| {
            json!({
                "id": format!("n{n}"),
                "title": title,
                "content_html": format!("<p>{title}</p>"),
                "date_published": format!("2026-12-0{}T08:00:00Z", n + 1),
                "image": format!("{}/img/picture.jpg", server.base),
            })
        })
        .collect();
    serde_json::to_vec(&json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Exempel: kommunens nyheter (testdata)",
        "language": "sv-SE",
        "items": items
    }))
    .expect("JSON serialises")
}

fn source(url: &str, key: Option<PublicKey>) -> NewsSource {
    NewsSource {
        url: Url::parse(url).expect("test URLs parse"),
        key,
        max_items: 10,
    }
}

fn syncer(
    data: &Path,
    feed_url: Option<String>,
    keys: Vec<PublicKey>,
    news: Vec<NewsSource>,
) -> Syncer {
    let mut config = SyncConfig::new(data);
    config.feed_url = feed_url;
    config.keys = keys;
    config.interval = INTERVAL;
    config.timeouts = TEST_TIMEOUTS;
    config.news = news;
    Syncer::new(config).expect("the test configuration is valid")
}

fn titles(syncer: &Syncer, channel: usize) -> Vec<String> {
    syncer.stored_news()[channel]
        .as_ref()
        .map(|news| news.items.iter().map(|item| item.title.clone()).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn two_channels_are_read_stored_and_reported_on_their_own() {
    let server = TestServer::start().await;
    let wordpress = server.put("/news/wordpress.json", Some(cms_fixture("wordpress.json")));
    let drupal = server.put("/news/drupal.xml", Some(cms_fixture("drupal.xml")));
    let data = tempfile::tempdir().expect("a temporary data directory");
    let syncer = syncer(
        data.path(),
        None,
        Vec::new(),
        vec![source(&wordpress, None), source(&drupal, None)],
    );
    let attempts = syncer
        .sync_news(true)
        .await
        .expect("nobody else is syncing");
    assert_eq!(attempts.len(), 2, "both channels are tried");
    for attempt in &attempts {
        assert!(
            matches!(attempt.result, Ok(NewsOutcome::Updated(_))),
            "{}: read and stored: {:?}",
            attempt.url,
            attempt.result
        );
    }
    assert_eq!(
        titles(&syncer, 0),
        ["Exempelnyhet ett", "Exempelnyhet två"],
        "WordPress's sv-SE JSON Feed, newest first"
    );
    assert_eq!(
        titles(&syncer, 1),
        ["Exempelnyhet från Drupal", "Andra exempelnyheten"],
        "Drupal's RSS"
    );
    let status = syncer.status();
    assert_eq!(
        status
            .news
            .iter()
            .map(|channel| (channel.items, channel.last_error.is_none()))
            .collect::<Vec<_>>(),
        [(2, true), (2, true)],
        "each channel's own status: items shown, no error"
    );
    assert!(
        status.news[0]
            .notes
            .iter()
            .any(|note| note.text.contains("picture cannot be shown")),
        "WordPress's picture is on a host this test cannot reach: noted, the item kept: {:?}",
        status.news[0].notes
    );
    assert!(
        load_active(data.path(), &[]).is_none() && status.revision.is_none(),
        "news never becomes the campaign: nothing was switched to"
    );

    // Unchanged: a 304 for each, nothing stored again.
    let again = syncer
        .sync_news(true)
        .await
        .expect("nobody else is syncing");
    assert!(
        again
            .iter()
            .all(|attempt| matches!(attempt.result, Ok(NewsOutcome::UpToDate))),
        "an unchanged feed is a 304: {again:?}"
    );
}

#[tokio::test]
async fn pictures_are_downloaded_checked_and_kept_through_a_campaign_switch() {
    let server = TestServer::start().await;
    server.put("/img/picture.jpg", Some(fixture("media/picture.png")));
    let news = server.put(
        "/news/a.json",
        Some(feed_with_pictures(&server, &["Ett", "Två"])),
    );
    let data = tempfile::tempdir().expect("a temporary data directory");
    let syncer = syncer(
        data.path(),
        Some(server.feed_url()),
        Vec::new(),
        vec![source(&news, None)],
    );
    syncer
        .sync_news(true)
        .await
        .expect("nobody else is syncing");
    let stored = syncer.stored_news()[0]
        .clone()
        .expect("the channel is stored");
    let picture = stored
        .image(&stored.items[0])
        .expect("the picture was downloaded")
        .clone();
    assert_eq!(
        picture.mime_type, "image/png",
        "known by its bytes, whatever its name says"
    );
    let store = Layout::new(data.path())
        .media_store()
        .expect("the store opens");
    assert!(
        store.contains(&picture),
        "stored by its hash, for the loopback server"
    );
    assert!(
        stored
            .items
            .iter()
            .all(|item| stored.image(item) == Some(&picture)),
        "one picture named twice is one file"
    );

    // A campaign switch collects unused media, but not the news pictures.
    server.publish(fixture("feed-10.json"), None);
    let applied = syncer
        .sync_once(EMBEDDED_REVISION)
        .await
        .expect("the campaign applies");
    assert!(
        matches!(applied, Outcome::Applied { .. }),
        "revision 10 is live"
    );
    assert!(
        store.contains(&picture),
        "a news picture on screen is never collected"
    );

    // A picture that is not one (an HTML error page) is left out, noted.
    server.put("/img/picture.jpg", Some(b"<html>Not here</html>".to_vec()));
    server.put(
        "/news/a.json",
        Some(feed_with_pictures(&server, &["Ett", "Två", "Tre"])),
    );
    fs::remove_file(store.path(&picture.sha256)).expect("the test removes the stored picture");
    syncer
        .sync_news(true)
        .await
        .expect("nobody else is syncing");
    let status = syncer.status();
    assert_eq!(
        status.news[0].items, 3,
        "the items are shown without the picture"
    );
    assert!(
        status.news[0]
            .notes
            .iter()
            .any(|note| note.text.contains("not a picture")),
        "the refusal is noted: {:?}",
        status.news[0].notes
    );
}

#[tokio::test]
async fn a_channel_down_or_empty_keeps_its_last_good_items() {
    let server = TestServer::start().await;
    let first = server.put("/news/a.json", Some(cms_fixture("wordpress.json")));
    let second = server.put("/news/b.xml", Some(cms_fixture("sitevision.xml")));
    let data = tempfile::tempdir().expect("a temporary data directory");
    let syncer = syncer(
        data.path(),
        None,
        Vec::new(),
        vec![source(&first, None), source(&second, None)],
    );
    syncer
        .sync_news(true)
        .await
        .expect("nobody else is syncing");
    let before = (titles(&syncer, 0), titles(&syncer, 1));

    server.set_down("/news/a.json", true);
    server.put("/news/b.xml", Some(cms_fixture("empty.json")));
    let attempts = syncer
        .sync_news(true)
        .await
        .expect("nobody else is syncing");
    let codes: Vec<Option<ErrorCode>> = attempts
        .iter()
        .map(|attempt| attempt.result.as_ref().err().map(|error| error.code()))
        .collect();
    assert_eq!(
        codes,
        [Some(ErrorCode::HttpStatus), Some(ErrorCode::EmptyFeed)],
        "a server down and a feed gone empty are each their channel's error"
    );
    assert_eq!(
        (titles(&syncer, 0), titles(&syncer, 1)),
        before,
        "the screen keeps the last good items of both"
    );
    let status = syncer.status();
    assert!(
        status.news.iter().all(|channel| channel.items == 2
            && channel.last_error.is_some()
            && channel.last_success.is_some()
            && channel.next_attempt.is_some()),
        "each channel reports its error, keeps its count and last success, and is tried again: {:?}",
        status.news
    );

    server.put("/news/b.xml", Some(cms_fixture("nothing-to-show.json")));
    syncer
        .sync_news(true)
        .await
        .expect("nobody else is syncing");
    let status = syncer.status();
    assert_eq!(
        status.news[1].dropped.len(),
        3,
        "a feed whose every item is unusable reports each reason: {:?}",
        status.news[1]
    );
}

#[tokio::test]
async fn news_never_touches_the_campaign_or_its_floor() {
    let server = TestServer::start().await;
    let signer = Signer::new();
    let news = server.put("/news/a.json", Some(cms_fixture("bom.json")));
    let data = tempfile::tempdir().expect("a temporary data directory");
    let syncer = syncer(
        data.path(),
        Some(server.feed_url()),
        vec![signer.public()],
        vec![source(&news, None)],
    );
    syncer
        .sync_news(true)
        .await
        .expect("nobody else is syncing");
    let feed = fixture("feed-10.json");
    server.publish(feed.clone(), Some(signer.sign(&feed)));
    let outcome = syncer
        .sync_once(EMBEDDED_REVISION)
        .await
        .expect("a signed campaign update applies whatever the news did");
    assert!(
        matches!(&outcome, Outcome::Applied { active, .. } if active.revision == 10 && active.signed),
        "revision 10 is live: {outcome:?}"
    );
    server.put("/news/a.json", Some(cms_fixture("atom.xml")));
    syncer
        .sync_news(true)
        .await
        .expect("nobody else is syncing");
    let (loaded, active) =
        load_active(data.path(), &[signer.public()]).expect("the campaign is still live");
    assert_eq!(
        (loaded.pack.revision(), active.revision, active.signed),
        (10, 10, true),
        "a news update switches nothing"
    );
}

#[tokio::test]
async fn a_channel_with_a_key_takes_only_signed_feeds() {
    let server = TestServer::start().await;
    let signer = Signer::new();
    let bytes = cms_fixture("wordpress.json");
    let url = server.put("/news/a.json", Some(bytes.clone()));
    let data = tempfile::tempdir().expect("a temporary data directory");
    let syncer = syncer(
        data.path(),
        None,
        Vec::new(),
        vec![source(&url, Some(signer.public()))],
    );
    let attempts = syncer
        .sync_news(true)
        .await
        .expect("nobody else is syncing");
    assert_eq!(
        attempts[0].result.as_ref().err().map(|error| error.code()),
        Some(ErrorCode::Unsigned),
        "no signature beside the feed: refused"
    );
    assert!(titles(&syncer, 0).is_empty(), "nothing is shown");
    server.put(
        "/news/a.json.minisig",
        Some(signer.sign(&bytes).into_bytes()),
    );
    let attempts = syncer
        .sync_news(true)
        .await
        .expect("nobody else is syncing");
    assert!(
        matches!(attempts[0].result, Ok(NewsOutcome::Updated(_))),
        "signed by its key: taken: {:?}",
        attempts[0].result
    );
}

#[tokio::test]
async fn a_password_in_a_feed_address_is_never_stored_or_shown() {
    let server = TestServer::start().await;
    let url = server.put("/news/a.json", None);
    let with_password = url.replacen("http://", "http://editor:hemligt-l%C3%B6senord@", 1);
    let campaign = server
        .feed_url()
        .replacen("http://", "http://editor:hemligt-l%C3%B6senord@", 1);
    let data = tempfile::tempdir().expect("a temporary data directory");
    let syncer = syncer(
        data.path(),
        Some(campaign),
        Vec::new(),
        vec![source(&with_password, None)],
    );
    let campaign_error = syncer
        .sync_once(EMBEDDED_REVISION)
        .await
        .expect_err("nothing is published at the campaign's address");
    let attempts = syncer
        .sync_news(true)
        .await
        .expect("nobody else is syncing");
    let news_error = attempts[0]
        .result
        .as_ref()
        .expect_err("nothing at the news address");
    let status =
        fs::read_to_string(data.path().join("status.json")).expect("the status is written");
    for (what, text) in [
        ("the campaign's error", campaign_error.to_string()),
        ("the news error", news_error.to_string()),
        ("status.json", status),
        ("the channel's address", attempts[0].url.clone()),
    ] {
        assert!(
            !text.contains("hemligt") && !text.contains("editor"),
            "{what} must not hold the user name or password: {text}"
        );
    }
}
