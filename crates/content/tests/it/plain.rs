//! Plain JSON Feeds (no `_infostand`) from any CMS: refused by the strict
//! path, taken as articles under [`Policy::ALLOW_PLAIN`].

use infostand_content::pack::PLAIN_REVISION;
use infostand_content::{Error, Loaded, Pack, Policy};
use infostand_content::{Language, Source};
use std::time::SystemTime;

use crate::read_fixture;

fn load_plain(name: &str) -> Loaded {
    Pack::from_json_with(&read_fixture(name), Source::Feed, Policy::ALLOW_PLAIN)
        .unwrap_or_else(|error| panic!("{name} is a good plain JSON Feed and must load: {error}"))
}

fn article_ids(pack: &Pack, language: Language) -> Vec<String> {
    pack.present(language, SystemTime::now())
        .articles
        .into_iter()
        .map(|article| article.id.clone())
        .collect()
}

#[test]
fn the_strict_path_still_refuses_plain_feeds() {
    for name in ["plain/cms-1.1.json", "plain/cms-1.0.json"] {
        let error = Pack::from_json(&read_fixture(name), Source::Feed)
            .expect_err("from_json serves the embedded pack and keyed syncs: Infostand only");
        assert!(
            matches!(error, Error::MissingExtension),
            "{name}: the refusal must say the extension is missing, got {error}"
        );
    }
}

#[test]
fn a_json_feed_1_1_becomes_articles() {
    let Loaded { pack, warnings } = load_plain("plain/cms-1.1.json");
    assert!(
        pack.is_plain(),
        "the pack must say it came from a plain feed"
    );
    assert_eq!(
        pack.revision(),
        PLAIN_REVISION,
        "a plain feed has no revision until its holder numbers it"
    );
    assert!(
        pack.media().is_empty(),
        "a plain feed has no manifest: its images and attachments are remote"
    );
    let dropped: Vec<(Option<&str>, &str)> = warnings
        .iter()
        .map(|warning| (warning.item_id.as_deref(), warning.reason.as_str()))
        .collect();
    assert_eq!(
        dropped.len(),
        2,
        "only the Finnish item and the one without a body are dropped: {dropped:?}"
    );
    assert!(
        dropped[0].0 == Some("cms-103") && dropped[0].1.contains("\"fi\""),
        "an item in a language the app is not offered in is dropped, naming it: {dropped:?}"
    );
    assert!(
        dropped[1].0 == Some("cms-104") && dropped[1].1.contains("content_html nor content_text"),
        "an item without a body is dropped: {dropped:?}"
    );

    let view = pack.present(Language::Sv, SystemTime::now());
    let ids: Vec<&str> = view.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        ["cms-101", "cms-102", "cms-105"],
        "every good item is an article, in feed order; the English-only one falls back"
    );
    assert!(
        view.campaign.is_none()
            && view.method.is_none()
            && view.films.is_empty()
            && pack.contacts().is_empty()
            && pack.organisation().is_none(),
        "a plain feed has nothing but articles, and the UI hides the rest"
    );
    let first = view.articles[0];
    assert_eq!(
        (first.key.as_str(), first.language),
        ("cms-101", Language::Sv),
        "the key is the id, the language the feed's"
    );
    assert_eq!(
        first.html, "<p>Läs mer </p>",
        "content_html goes through the same allow-list: no remote image, no script"
    );
    assert!(
        first.image.is_none(),
        "the CSP forbids remote images, so a plain item's image is dropped"
    );
    assert_eq!(
        first.url.as_deref(),
        Some("https://cms.example.org/nyheter/101"),
        "the item's web page is kept"
    );
    let english = view.articles[1];
    assert_eq!(
        english.language,
        Language::En,
        "an item's own language wins"
    );
    assert_eq!(
        english.html, "<p>Plain &lt;b&gt;text&lt;/b&gt; &amp; more</p>",
        "content_text is shown as text, escaped"
    );
    assert_eq!(
        view.articles[2].key, "cms-105",
        "a CMS's own _infostand object in an item is ignored, not a reason to drop it"
    );
    assert_eq!(
        pack.updated(),
        Some("2026-11-02T10:00:00+01:00"),
        "the newest of date_modified (or, lacking it, date_published) is the update time"
    );
}

#[test]
fn a_json_feed_1_0_without_language_is_swedish() {
    let Loaded { pack, warnings } = load_plain("plain/cms-1.0.json");
    assert!(
        warnings.is_empty(),
        "JSON Feed 1.0's singular `author` and missing `language` are fine: {warnings:?}"
    );
    assert_eq!(
        article_ids(&pack, Language::Sv),
        ["1", "2"],
        "both items are Swedish articles"
    );
    assert_eq!(
        article_ids(&pack, Language::En),
        ["1", "2"],
        "English visitors see the Swedish articles, as for an untranslated pack"
    );
    let view = pack.present(Language::En, SystemTime::now());
    assert!(
        view.articles.iter().all(|a| a.language == Language::Sv),
        "with no language anywhere, the campaign's own language is assumed"
    );
    assert_eq!(
        pack.updated(),
        Some("2026-10-02T08:00:00Z"),
        "date_published counts when date_modified is missing"
    );
}

#[test]
fn an_infostand_pack_is_strict_under_either_policy() {
    let bytes = read_fixture("valid/feed.json");
    let loaded = Pack::from_json_with(&bytes, Source::Feed, Policy::ALLOW_PLAIN)
        .expect("the valid pack loads under the permissive policy too");
    assert!(
        !loaded.pack.is_plain() && loaded.pack.revision() == 7,
        "a feed with _infostand is always read as a pack, with its own revision"
    );
    assert_eq!(
        loaded.pack.with_local_revision(99).revision(),
        7,
        "a pack's published revision is never renumbered: rollback protection relies on it"
    );
    let error = Pack::from_json_with(
        &read_fixture("duplicate-id.json"),
        Source::Feed,
        Policy::ALLOW_PLAIN,
    )
    .expect_err("allowing plain feeds must not relax the pack rules");
    assert!(
        matches!(error, Error::Invalid { .. }),
        "a broken pack is still refused: {error}"
    );
}

#[test]
fn a_plain_feed_is_numbered_by_its_holder() {
    let pack = load_plain("plain/cms-1.0.json")
        .pack
        .with_local_revision(12);
    assert_eq!(
        pack.revision(),
        12,
        "the local number is what the status and the UI show (infostand-ipc's view carries pack.revision())"
    );
}

#[test]
fn a_repeated_id_refuses_a_plain_feed() {
    let json = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [
        {"id": "a", "title": "A", "content_text": "a"}, {"id": "a", "title": "B", "content_text": "b"}]}"#;
    let error = Pack::from_json_with(json.as_bytes(), Source::Feed, Policy::ALLOW_PLAIN)
        .expect_err("ids identify items in the status; they must be unique");
    assert!(
        error.to_string().contains("items[1].id"),
        "the error must point at the repeated id: {error}"
    );
}
