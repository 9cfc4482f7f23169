//! The news sections of the content view: titles by language, items aged
//! out by `max_age` at the moment of viewing, pictures from loopback.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use infostand_content::{Language, MediaEntry};
use infostand_ipc::{NewsSection, NewsSectionView};
use infostand_news::{Format, ImageRef, NewsItem, Report};
use infostand_sync::StoredNews;

const DAY: i64 = 24 * 60 * 60;

fn item(id: &str, timestamp: Option<i64>, image: Option<&str>) -> NewsItem {
    NewsItem {
        id: id.into(),
        title: format!("Rubrik {id}"),
        title_derived: false,
        summary: None,
        html: "<p>x</p>".into(),
        url: None,
        date: None,
        timestamp,
        language: "sv".into(),
        image: image.map(|url| ImageRef {
            url: url.into(),
            alt: "Bild".into(),
        }),
    }
}

fn stored(items: Vec<NewsItem>, feed_title: Option<&str>) -> StoredNews {
    let picture = MediaEntry {
        url: "https://kommun.example.org/bild.png".into(),
        mime_type: "image/png".into(),
        sha256: "b".repeat(64),
        size_in_bytes: 10,
    };
    StoredNews {
        build: String::new(),
        url: "https://kommun.example.org/feed.json".into(),
        document_sha256: String::new(),
        max_items: 10,
        title: feed_title.map(str::to_owned),
        format: Format::JsonFeed,
        items,
        images: BTreeMap::from([(picture.url.clone(), picture)]),
        report: Report::default(),
        validators: Default::default(),
        read_at: time::OffsetDateTime::UNIX_EPOCH,
    }
}

fn at_day(day: i64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(u64::try_from(day * DAY).expect("positive"))
}

fn media_url(entry: &MediaEntry) -> String {
    format!("http://127.0.0.1:9/t/{}", entry.sha256)
}

#[test]
fn items_older_than_max_age_leave_on_time_and_undated_ones_stay() {
    let news = stored(
        vec![
            item(
                "new",
                Some(99 * DAY),
                Some("https://kommun.example.org/bild.png"),
            ),
            item("old", Some(80 * DAY), None),
            item("undated", None, None),
        ],
        None,
    );
    let section = NewsSection {
        id: "c1",
        title_sv: None,
        title_en: None,
        max_age: Some(Duration::from_secs(10 * 86_400)),
        stored: &news,
    };
    let view = NewsSectionView::of(&section, Language::Sv, at_day(100), &media_url)
        .expect("items are left to show");
    let ids: Vec<&str> = view.items.iter().map(|item| item.id.as_str()).collect();
    assert_eq!(
        ids,
        ["new", "undated"],
        "an item past max_age leaves without a sync; an undated one cannot be too old"
    );
    assert_eq!(
        view.items[0]
            .image
            .as_ref()
            .map(|image| (image.url.as_str(), image.alt.as_str())),
        Some((
            "http://127.0.0.1:9/t/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
            "Bild"
        )),
        "the stored picture is served from loopback, never from the CMS"
    );
    let all_old = stored(vec![item("old", Some(DAY), None)], None);
    assert!(
        NewsSectionView::of(
            &NewsSection {
                stored: &all_old,
                ..section
            },
            Language::Sv,
            at_day(100),
            &media_url
        )
        .is_none(),
        "a section with nothing left to show is not shown"
    );
}

#[test]
fn the_title_is_the_configured_one_by_language_else_the_feeds() {
    let news = stored(vec![item("a", None, None)], Some("Kommunens nyheter"));
    let cases = [
        (
            Some("Aktuellt"),
            Some("News"),
            Language::En,
            (Some("News"), Some(Language::En)),
            "English configured",
        ),
        (
            Some("Aktuellt"),
            None,
            Language::En,
            (Some("Aktuellt"), Some(Language::Sv)),
            "Swedish as the fallback, marked",
        ),
        (
            None,
            None,
            Language::Sv,
            (Some("Kommunens nyheter"), None),
            "the feed's own title",
        ),
    ];
    for (sv, en, language, (title, title_language), why) in cases {
        let section = NewsSection {
            id: "c1",
            title_sv: sv,
            title_en: en,
            max_age: None,
            stored: &news,
        };
        let view = NewsSectionView::of(&section, language, SystemTime::now(), &media_url)
            .expect("one item to show");
        assert_eq!(
            (view.title.as_deref(), view.title_language),
            (title, title_language),
            "{why}"
        );
    }
}
