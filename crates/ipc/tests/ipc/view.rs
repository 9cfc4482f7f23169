//! Building one language's view of the valid fixture pack.

use std::time::SystemTime;

use infostand_content::{Language, MediaEntry, Pack};
use infostand_ipc::{CaptionView, ContentView, ImageView, MediaSourceView};

use crate::valid_pack;

/// `pack` in `language` now, with media URLs from [`media_url`].
fn view_of(pack: &Pack, language: Language) -> ContentView {
    ContentView::of(pack, &[], language, SystemTime::now(), media_url)
}

/// Stands in for the media server: a URL that shows which entry it was made from.
fn media_url(entry: &MediaEntry) -> String {
    format!("http://127.0.0.1:9/token/{}", entry.sha256)
}

const POSTER_SHA: &str = "34c78410bb95f9f355ece6a900bdf567f6f14d9241689a6108fcfbfeeaf2415d";
const FILM_SHA: &str = "b93a7a3b982b9a917e6860671b2bece6263adaeef193f7a627c98d04b3e58237";

#[test]
fn swedish_view_has_every_thing_in_feed_order() {
    let view = view_of(&valid_pack(), Language::Sv);
    assert_eq!(
        view.language,
        Language::Sv,
        "the view says which language was asked for"
    );
    assert_eq!(view.revision, 7, "the view carries the pack's revision");
    assert_eq!(
        view.title, "Tillsammans mot illegala försändelser",
        "the feed title is the campaign name"
    );
    assert_eq!(
        view.campaign.as_ref().map(|c| c.id.as_str()),
        Some("kampanj-sv"),
        "the campaign message must be the Swedish one"
    );
    let ids: Vec<&str> = view.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        ["artikel-sv", "bara-svenska"],
        "one article per key, in feed order"
    );
    assert_eq!(
        view.method.as_ref().map(|m| m.id.as_str()),
        Some("metod-sv"),
        "the method page must be found by its kind"
    );
    assert_eq!(
        view.articles[0].html,
        "<p>Den 2 januari 2023 trädde lagen i kraft.</p><p>Sedan dess &lt;har&gt; tusentals beslag gjorts.</p>",
        "content_text must become escaped paragraphs"
    );
    assert_eq!(
        view.articles[1].language,
        Language::Sv,
        "an item without its own language is in the feed's"
    );
}

#[test]
fn missing_translations_fall_back_to_swedish_per_key() {
    let view = view_of(&valid_pack(), Language::En);
    let articles: Vec<(&str, Language)> = view
        .articles
        .iter()
        .map(|a| (a.id.as_str(), a.language))
        .collect();
    assert_eq!(
        articles,
        [("artikel-en", Language::En), ("bara-svenska", Language::Sv)],
        "translated things come in English, the rest in Swedish, each saying which"
    );
    let method = view
        .method
        .expect("an untranslated method page still shows");
    assert_eq!(
        method.language,
        Language::Sv,
        "the fallback must be labelled Swedish"
    );
    let campaign = view.campaign.expect("the campaign is translated");
    assert_eq!(
        campaign.language,
        Language::En,
        "a translation must win over Swedish"
    );
}

#[test]
fn empty_strings_and_nulls_become_none() {
    let view = view_of(&valid_pack(), Language::En);
    let campaign = view.campaign.expect("the campaign is translated");
    assert_eq!(campaign.summary, None, "an empty summary must be hidden");
    let article = &view.articles[0];
    assert_eq!(article.summary, None, "a null summary must be hidden");
    assert_eq!(article.url, None, "an empty url must be hidden");
    let organisation = view
        .organisation
        .expect("a pack always has an organisation");
    assert_eq!(
        organisation.governor, None,
        "an empty governor must be hidden"
    );
    assert_eq!(organisation.url, None, "a null url must be hidden");
    assert_eq!(
        organisation.postal_address.as_deref(),
        Some("871 86 Härnösand"),
        "given fields are kept"
    );
    assert_eq!(
        view.contacts[1].phone, None,
        "an empty phone number must be hidden"
    );
    assert_eq!(view.contacts[0].email, None, "a null e-mail must be hidden");
}

#[test]
fn contact_roles_fall_back_to_swedish() {
    let view = view_of(&valid_pack(), Language::En);
    let roles: Vec<(&str, Language)> = view
        .contacts
        .iter()
        .map(|c| (c.role.as_str(), c.role_language))
        .collect();
    assert_eq!(
        roles,
        [
            ("County coordinator for ANDTS issues", Language::En),
            ("Samordnare för brottsförebyggande arbete", Language::Sv),
        ],
        "each role is in English when translated, else Swedish, and says which"
    );
}

#[test]
fn updated_is_the_newest_date_by_time_not_by_text() {
    let pack = valid_pack();
    // "2026-12-01T10:00:00+02:00" sorts after "…T09:30:00Z" as text but is
    // half an hour earlier; the newest change is the one at 09:30 UTC.
    assert_eq!(
        view_of(&pack, Language::Sv).updated.as_deref(),
        Some("2026-12-01T09:30:00Z"),
        "updated must be the newest date_modified in the pack"
    );
    assert_eq!(
        view_of(&pack, Language::En).updated,
        view_of(&pack, Language::Sv).updated,
        "the pack's age does not depend on the language viewed"
    );
}

#[test]
fn films_resolve_media_through_the_manifest() {
    let view = view_of(&valid_pack(), Language::Sv);
    assert_eq!(
        view.films.len(),
        1,
        "both translations of a film are one film"
    );
    let film = &view.films[0];
    assert_eq!(
        film.id, "film-sv",
        "the Swedish view shows the Swedish film"
    );
    assert!(film.example, "the stand-in flag must reach the UI");
    assert_eq!(
        film.duration_seconds,
        Some(32.0),
        "the duration comes from the attachment"
    );
    assert_eq!(
        film.poster,
        Some(ImageView {
            url: format!("http://127.0.0.1:9/token/{POSTER_SHA}"),
            alt: "Titelbild för exempelfilmen".into(),
        }),
        "the poster must be an absolute URL with its text alternative"
    );
    assert_eq!(
        film.sources,
        [MediaSourceView {
            url: format!("http://127.0.0.1:9/token/{FILM_SHA}"),
            mime_type: "video/webm".into(),
        }],
        "each attachment is a playable source"
    );
    assert_eq!(
        film.captions,
        [
            CaptionView {
                language: Language::Sv,
                label: "Svenska".into(),
                url: "http://127.0.0.1:9/token/0ab765c9c74612efb502246ec2f92eba5d92fd86ed82ead4dc8927dff37757d1".into(),
            },
            CaptionView {
                language: Language::En,
                label: "English".into(),
                url: "http://127.0.0.1:9/token/08716a928daee5baec5d993a380365cb34427e48f438e3a19a33afe35c15dcc5".into(),
            },
        ],
        "caption tracks keep their order, language and label"
    );
    assert_eq!(
        film.summary.as_deref(),
        Some("Exempelfilm. Alla som köper & säljer."),
        "without a summary, a film is described by the text of its body"
    );
    let english = &view_of(&valid_pack(), Language::En).films[0];
    assert_eq!(
        english.summary.as_deref(),
        Some("An example film."),
        "a film's own summary wins over its body"
    );
}

#[test]
fn optional_organisation_and_role_may_be_left_out() {
    // docs/feed.schema.json requires neither, so the loader must not either.
    let json = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [],
        "_infostand": {"format": 1, "revision": 1,
                       "contacts": [{"id": "c", "name": "Anna Karlsson"}]}}"#;
    let loaded =
        infostand_content::Pack::from_json(json.as_bytes(), infostand_content::Source::Feed)
            .expect("a feed without organisation or roles is still a pack");
    let view = view_of(&loaded.pack, Language::En);
    assert_eq!(
        view.organisation, None,
        "no organisation means none to show"
    );
    assert_eq!(
        view.contacts[0].role, "",
        "a missing role is empty, for the UI to hide"
    );
    assert_eq!(view.updated, None, "a pack without dated items has no date");
}

/// The valid fixture with a second film (`film-2`, a copy of `film`) and
/// `_infostand.attract` set to `attract`.
fn pack_with_attract(attract: serde_json::Value) -> infostand_content::Pack {
    let mut feed: serde_json::Value =
        serde_json::from_slice(&crate::read_fixture("valid/feed.json"))
            .expect("the fixture is JSON");
    let items = feed["items"].as_array_mut().expect("items");
    let mut second = items
        .iter()
        .find(|item| item["_infostand"]["key"] == "film")
        .expect("the fixture has a film")
        .clone();
    second["id"] = "film-2-sv".into();
    second["_infostand"]["key"] = "film-2".into();
    items.push(second);
    feed["_infostand"]["attract"] = attract;
    let bytes = serde_json::to_vec(&feed).expect("JSON serialises");
    infostand_content::Pack::from_json(&bytes, infostand_content::Source::Feed)
        .expect("the fixture with an attract list loads")
        .pack
}

#[test]
fn the_attract_loop_plays_the_named_films_or_else_every_film() {
    let cases = [
        (
            serde_json::json!(null),
            vec!["film", "film-2"],
            "no list: every film, in feed order",
        ),
        (
            serde_json::json!(["film-2", "film"]),
            vec!["film-2", "film"],
            "the feed's order wins",
        ),
        (
            serde_json::json!(["postlagen", "nope", "film-2"]),
            vec!["film-2"],
            "an article's key and an unknown key are skipped",
        ),
        (
            serde_json::json!(["nope"]),
            vec!["film", "film-2"],
            "nothing left: every film, so a kiosk always has a loop",
        ),
    ];
    for (attract, expected, why) in cases {
        let attract = if attract.is_null() {
            serde_json::json!([])
        } else {
            attract
        };
        let view = view_of(&pack_with_attract(attract), Language::En);
        assert_eq!(view.attract, expected, "{why}");
    }
}
