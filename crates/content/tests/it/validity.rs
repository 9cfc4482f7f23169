//! `valid_from` / `valid_until`: items appear and disappear at the right
//! instant, in Europe/Stockholm time, across the 2026 DST changes
//! (29 March 02:00 -> 03:00, 25 October 03:00 -> 02:00), without a new load.

use std::time::{Duration, SystemTime};

use infostand_content::{Language, Source};
use infostand_content::{Loaded, Pack, Presentation};

use crate::{read_fixture, workspace_file};

const FIXTURE: &str = "validity/feed.json";

fn load() -> Loaded {
    Pack::from_json(&read_fixture(FIXTURE), Source::Feed)
        .expect("the validity fixture is a good pack apart from two items")
}

/// An RFC 3339 instant as the `SystemTime` the app's clock gives.
fn at(text: &str) -> SystemTime {
    let at: infostand_content::validity::Timestamp =
        text.parse().expect("the test instant is well-formed");
    let seconds = u64::try_from(at.as_second()).expect("test instants are after 1970");
    SystemTime::UNIX_EPOCH + Duration::from_secs(seconds)
}

fn shown(view: &Presentation<'_>) -> Vec<String> {
    let mut ids: Vec<String> = view.articles.iter().map(|a| a.id.clone()).collect();
    ids.extend(view.method.iter().map(|a| a.id.clone()));
    ids.extend(view.campaign.iter().map(|a| a.id.clone()));
    ids
}

#[test]
fn malformed_and_empty_ranges_drop_the_item() {
    let warnings = load().warnings;
    let dropped: Vec<(Option<&str>, &str)> = warnings
        .iter()
        .map(|w| (w.item_id.as_deref(), w.reason.as_str()))
        .collect();
    assert_eq!(
        dropped.len(),
        2,
        "exactly the two bad items are dropped: {dropped:?}"
    );
    assert!(
        dropped[0].0 == Some("trasig-sv") && dropped[0].1.contains("\"snart\""),
        "a malformed valid_from drops the item, quoting it: {dropped:?}"
    );
    assert!(
        dropped[1].0 == Some("bakvand-sv") && dropped[1].1.contains("not after valid_from"),
        "valid_until at valid_from (a local date and an offset naming the same instant) drops it: {dropped:?}"
    );
}

#[test]
fn items_appear_and_disappear_on_time() {
    let pack = load().pack;
    // (instant, shown in Swedish, shown in English, why)
    let cases: [(&str, &[&str], &[&str], &str); 11] = [
        (
            "2026-03-29T01:29:59Z",
            &["alltid-sv", "host-sv"],
            &["alltid-sv", "host-sv"],
            "03:29:59 CEST: 02:30 local does not exist, so 'var' starts at the later instant",
        ),
        (
            "2026-03-29T01:30:00Z",
            &["alltid-sv", "var-sv", "host-sv"],
            &["alltid-sv", "var-sv", "host-sv"],
            "03:30 CEST: 'var' is shown; its English text is not valid yet, so Swedish stands in",
        ),
        (
            "2026-03-31T21:59:59Z",
            &["alltid-sv", "var-sv", "host-sv"],
            &["alltid-sv", "var-sv", "host-sv"],
            "one second before 1 April local (CEST)",
        ),
        (
            "2026-03-31T22:00:00Z",
            &["alltid-sv", "var-sv", "host-sv"],
            &["alltid-sv", "var-en", "host-sv"],
            "midnight 1 April CEST: the English translation takes over",
        ),
        (
            "2026-06-01T09:59:59Z",
            &["alltid-sv", "var-sv", "host-sv"],
            &["alltid-sv", "var-en", "host-sv"],
            "before 12:00+02:00",
        ),
        (
            "2026-06-01T10:00:00Z",
            &["alltid-sv", "var-sv", "host-sv", "absolut-sv"],
            &["alltid-sv", "var-en", "host-sv", "absolut-sv"],
            "absolute valid_from, inclusive",
        ),
        (
            "2026-06-01T13:00:00Z",
            &["alltid-sv", "var-sv", "host-sv"],
            &["alltid-sv", "var-en", "host-sv"],
            "absolute valid_until, exclusive",
        ),
        (
            "2026-10-25T00:29:59Z",
            &["alltid-sv", "var-sv", "host-sv"],
            &["alltid-sv", "var-en", "host-sv"],
            "02:29:59 CEST, before the first 02:30 of the fold",
        ),
        (
            "2026-10-25T00:30:00Z",
            &["alltid-sv", "var-sv"],
            &["alltid-sv", "var-en"],
            "the first (CEST) 02:30 of the fold ends 'host'",
        ),
        (
            "2026-12-23T23:00:00Z",
            &["alltid-sv", "var-sv", "jul-sv"],
            &["alltid-sv", "var-en", "jul-sv"],
            "midnight 24 December CET: the Christmas campaign message appears",
        ),
        (
            "2026-12-26T23:00:00Z",
            &["alltid-sv", "var-sv"],
            &["alltid-sv", "var-en"],
            "midnight 27 December CET: it is gone",
        ),
    ];
    for (now, swedish, english, why) in cases {
        for (language, expected) in [(Language::Sv, swedish), (Language::En, english)] {
            let view = pack.present(language, at(now));
            assert_eq!(shown(&view), expected, "{now} in {language:?}: {why}");
        }
        let mut both: Vec<&str> = swedish.iter().chain(english).copied().collect();
        both.sort_unstable();
        both.dedup();
        assert_eq!(
            pack.shown_ids_at(at(now)),
            both,
            "{now}: the status's item_ids are the ids shown in either language, sorted ({why})"
        );
    }
}

#[test]
fn the_next_change_is_the_next_appearance_or_disappearance() {
    let pack = load().pack;
    let expected = [
        "2026-03-29T01:30:00Z",
        "2026-03-31T22:00:00Z",
        "2026-06-01T10:00:00Z",
        "2026-06-01T13:00:00Z",
        "2026-10-25T00:30:00Z",
        "2026-12-23T23:00:00Z",
        "2026-12-26T23:00:00Z",
    ];
    let mut now = at("2026-01-01T00:00:00Z");
    for next in expected {
        let change = pack.next_change_after(now);
        assert_eq!(
            change,
            Some(at(next)),
            "after {now:?} the app must re-render exactly at {next}"
        );
        now = at(next);
    }
    assert_eq!(
        pack.next_change_after(now),
        None,
        "after the last change there is no timer to set"
    );
    let unlimited = crate::valid_pack();
    assert_eq!(
        unlimited.next_change_after(now),
        None,
        "a pack without validity times never needs a timer"
    );
}

#[test]
fn the_fixture_matches_the_schema_apart_from_the_malformed_time() {
    let schema: serde_json::Value = serde_json::from_slice(
        &std::fs::read(workspace_file("docs/feed.schema.json")).expect("the schema is checked in"),
    )
    .expect("docs/feed.schema.json is JSON");
    let feed: serde_json::Value =
        serde_json::from_slice(&read_fixture(FIXTURE)).expect("the fixture is JSON");
    let validator = jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema");
    let errors: Vec<String> = validator
        .iter_errors(&feed)
        .map(|error| error.instance_path().to_string())
        .collect();
    assert_eq!(
        errors,
        ["/items/6/_infostand/valid_from"],
        "the schema must accept all three time forms and refuse only \"snart\""
    );
}
