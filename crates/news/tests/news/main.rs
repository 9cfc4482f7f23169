//! Integration tests of infostand-news: feeds written as real CMSs publish
//! them (see `tests/fixtures/README.md`), read into items the kiosk can
//! show, with a report of what was left out or noticed.

use std::path::PathBuf;

use infostand_news::{read, Error, Format, NewsFeed, NewsItem};

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

fn load(name: &str) -> NewsFeed {
    read(&fixture(name), None).unwrap_or_else(|error| panic!("{name} must be read: {error}"))
}

fn item<'a>(feed: &'a NewsFeed, id: &str) -> &'a NewsItem {
    feed.items
        .iter()
        .find(|item| item.id == id)
        .unwrap_or_else(|| panic!("no item {id:?} in {:?}", feed.items))
}

#[test]
fn a_wordpress_json_feed_in_sv_se_is_read_whole() {
    let feed = load("wordpress.json");
    assert_eq!(feed.format, Format::JsonFeed, "a JSON Feed");
    assert_eq!(
        feed.items.len(),
        2,
        "a region in the language tag drops nothing: {:?}",
        feed.report
    );
    let first = item(&feed, "https://kommun.example.org/?p=2051");
    assert_eq!(
        first.language, "sv",
        "sv-SE is Swedish by its primary subtag"
    );
    assert_eq!(first.title, "Exempelnyhet ett", "the title as written");
    assert_eq!(
        item(&feed, "https://kommun.example.org/?p=2040").title,
        "Exempelnyhet två",
        "WordPress's HTML entities in a title become their characters"
    );
    assert!(
        first.html.contains("<strong>exempelnyhet</strong>") && !first.html.contains("<img"),
        "the body is sanitised: markup kept, the remote image gone: {}",
        first.html
    );
    assert!(
        first.html.contains(
            r#"<a href="https://kommun.example.org/kontakt/" rel="noopener noreferrer">"#
        ),
        "a web link is kept: {}",
        first.html
    );
    assert_eq!(
        first.summary.as_deref(),
        Some("Det här är en exempelnyhet från en kommuns webbplats. Läs mer på kontaktsidan."),
        "the summary is plain text with its entities read"
    );
    assert_eq!(
        first.date.as_deref(),
        Some("2026-12-03T08:15:00Z"),
        "the publication date, in UTC"
    );
    assert_eq!(
        first.image.as_ref().map(|image| image.url.as_str()),
        Some("https://kommun.example.org/wp-content/uploads/2026/12/exempel.jpg"),
        "the item's image is named for the sync to download"
    );
    assert!(
        feed.report.dropped.is_empty(),
        "nothing dropped: {:?}",
        feed.report
    );
}

#[test]
fn drupal_rss_with_html_in_the_description_is_read_and_sanitised() {
    let feed = load("drupal.xml");
    assert_eq!(feed.format, Format::Rss, "RSS 2.0");
    assert_eq!(feed.items.len(), 2, "both items: {:?}", feed.report);
    let first = &feed.items[0];
    assert_eq!(first.title, "Exempelnyhet från Drupal", "the title");
    assert!(
        first.html.contains("<em>exempelnyhet</em>") && !first.html.contains("script"),
        "the escaped HTML of description is the body, sanitised: {}",
        first.html
    );
    assert!(
        !first.html.contains("href=\"/kontakt\""),
        "a relative link has nothing to resolve against on a stand, so it loses its href: {}",
        first.html
    );
    assert_eq!(
        first.url.as_deref(),
        Some("https://kommun.example.org/nyheter/exempelnyhet-fran-drupal"),
        "the item's page"
    );
    assert_eq!(first.language, "sv", "the channel's language");
    assert_eq!(
        first.date.as_deref(),
        Some("2026-12-02T07:30:00Z"),
        "the RFC 822 pubDate"
    );
}

#[test]
fn a_swedish_public_sector_cms_rss_with_cdata_and_an_enclosure() {
    let feed = load("sitevision.xml");
    let first = &feed.items[0];
    assert_eq!(
        first.image.as_ref().map(|image| image.url.as_str()),
        Some("https://lan.example.org/images/18.1234567890abcdef/1764760000000/exempel.jpg"),
        "an image enclosure is the item's picture"
    );
    assert!(
        first
            .html
            .contains(r#"<a href="https://lan.example.org/om-oss.html""#)
            && !first.html.contains("javascript"),
        "CDATA HTML is sanitised: the web link stays, the script link loses its href: {}",
        first.html
    );
    assert_eq!(
        first.date.as_deref(),
        Some("2026-12-03T12:47:00Z"),
        "a GMT pubDate"
    );
    assert!(feed.items[1].image.is_none(), "no enclosure, no image");
}

#[test]
fn atom_with_html_and_xhtml_content_and_languages() {
    let feed = load("atom.xml");
    assert_eq!(feed.format, Format::Atom, "Atom");
    let first = &feed.items[0];
    assert_eq!(first.title, "Exempel & test", "an HTML title as text");
    assert_eq!(
        first.html, "<p>Brödtext i <strong>Atom</strong>.</p>",
        "content type=html is the body; the image and its handler are gone"
    );
    assert_eq!(
        first.summary.as_deref(),
        Some("Sammanfattning av exemplet."),
        "the summary beside the content"
    );
    assert_eq!(first.language, "sv", "the feed's xml:lang sv-SE");
    let second = &feed.items[1];
    assert_eq!(second.language, "en", "the content's own xml:lang en-GB (feed-rs reads xml:lang on the feed and on content, not on entry)");
    assert!(
        second.html.contains("<em>XHTML</em>"),
        "xhtml content is read too: {}",
        second.html
    );
    assert_eq!(
        second
            .image
            .as_ref()
            .map(|image| (image.url.as_str(), image.alt.as_str())),
        Some((
            "https://forvaltning.example.org/en/news/example.png",
            "A grey square"
        )),
        "an image enclosure link, its title the text alternative"
    );
}

#[test]
fn microblog_items_without_titles_are_kept_with_derived_titles() {
    let feed = load("microblog.json");
    assert_eq!(feed.items.len(), 2, "both items: {:?}", feed.report);
    assert_eq!(
        (feed.items[0].title.as_str(), feed.items[0].title_derived),
        ("Ett kort inlägg utan rubrik", true),
        "the first sentence, marked as derived"
    );
    let long = &feed.items[1];
    assert!(
        long.title_derived && long.title.ends_with('…'),
        "a long first sentence is cut at a word: {}",
        long.title
    );
    assert_eq!(
        long.language, "sv",
        "JSON Feed 1.0 has no language: Swedish"
    );
    assert_eq!(
        feed.report.notes.len(),
        2,
        "each derived title is reported: {:?}",
        feed.report
    );
}

#[test]
fn broken_dates_keep_the_item_without_a_date_and_are_reported() {
    let feed = load("dates.json");
    assert_eq!(feed.items.len(), 4, "no item is dropped for its date");
    assert_eq!(
        item(&feed, "a").date,
        None,
        "Swedish words are no RFC 3339 date"
    );
    assert_eq!(
        item(&feed, "b").date.as_deref(),
        Some("2026-12-03T10:00:00Z"),
        "a space for the T is read"
    );
    assert_eq!(
        item(&feed, "c").date,
        None,
        "an unreadable publication date is not replaced by another date"
    );
    assert_eq!(item(&feed, "d").date, None, "no date is no date");
    let noted: Vec<&str> = feed
        .report
        .notes
        .iter()
        .filter_map(|note| note.id.as_deref())
        .collect();
    assert_eq!(
        noted,
        ["a", "c"],
        "each unreadable date is reported with its item"
    );
    assert!(
        feed.report.notes[0].text.contains("\"3 december 2026\""),
        "the report quotes the date: {}",
        feed.report.notes[0]
    );

    let feed = load("dates.xml");
    assert_eq!(feed.items.len(), 2, "RSS too keeps the item");
    assert!(
        feed.items[0].date.is_some() && feed.items[1].date.is_none(),
        "the good date is read, the bad one left out"
    );
    assert!(
        feed.report
            .notes
            .iter()
            .any(|note| note.text.contains("\"torsdag 3 december 2026\"")),
        "the unreadable date is reported: {:?}",
        feed.report
    );
}

#[test]
fn a_byte_order_mark_and_numeric_ids_are_fine() {
    let feed = load("bom.json");
    assert_eq!(feed.items.len(), 3, "all items: {:?}", feed.report);
    assert_eq!(feed.items[0].id, "101", "a number id is its digits");
    assert_eq!(feed.items[1].id, "102.5", "a decimal id too");
    assert_eq!(
        feed.items[2].id, "https://kommun.example.org/c",
        "an id of another type is replaced by the item's link"
    );
}

#[test]
fn a_feed_with_nothing_to_show_is_an_error_with_every_reason() {
    match read(&fixture("empty.json"), None) {
        Err(Error::Empty { report }) => assert!(
            report.dropped.is_empty(),
            "no items: nothing to list: {report:?}"
        ),
        other => panic!("an empty feed must be an error, not an empty success: {other:?}"),
    }
    match read(&fixture("nothing-to-show.json"), None) {
        Err(error @ Error::Empty { .. }) => {
            let Error::Empty { report } = &error else {
                unreachable!("matched above")
            };
            assert_eq!(report.dropped.len(), 3, "every item's reason: {report:?}");
            assert!(
                error.to_string().contains("all 3 items were left out"),
                "the message says why the feed is refused: {error}"
            );
        }
        other => panic!("a feed of unusable items must be an error: {other:?}"),
    }
}

#[test]
fn hostile_markup_and_links_never_reach_the_screen() {
    let feed = load("hostile.json");
    let item = &feed.items[0];
    assert_eq!(item.title, "Rubrik", "a title holding markup is its text");
    assert_eq!(
        item.url, None,
        "a javascript: link is no page to send a visitor to"
    );
    assert_eq!(item.image, None, "a data: image is never fetched");
    for forbidden in ["onclick", "style", "javascript", "iframe", "evil"] {
        assert!(
            !item.html.contains(forbidden),
            "{forbidden} must not survive sanitising: {}",
            item.html
        );
    }
    assert!(
        feed.report
            .notes
            .iter()
            .any(|note| note.text.contains("not a web address")),
        "the dropped link is reported: {:?}",
        feed.report
    );
}

#[test]
fn what_is_not_a_feed_is_named() {
    for (bytes, expected) in [
        (&b"Hello"[..], "neither"),
        (&b"{\"title\": \"x\"}"[..], "no `items` array"),
        (&b"<html><body>Not found</body></html>"[..], "RSS or Atom"),
        (&b"{ broken"[..], "not valid JSON"),
    ] {
        let error = read(bytes, None).expect_err("not a feed");
        assert!(
            error.to_string().contains(expected),
            "the message says what is wrong ({expected}): {error}"
        );
    }
}

#[test]
fn a_pathological_body_is_dropped_fast_with_its_reason() {
    let body = "<b><i>x</b>".repeat(200_000 / 11);
    let feed = format!(
        r#"{{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[
            {{"id":"bad","title":"Misnested","content_html":{}}},
            {{"id":"good","title":"Fine","content_text":"ok"}}]}}"#,
        serde_json::to_string(&body).expect("a string serialises")
    );
    let started = std::time::Instant::now();
    let feed = read(feed.as_bytes(), None).expect("the good item keeps the feed");
    assert_eq!(feed.items.len(), 1, "only the good item is kept");
    assert!(
        feed.report.dropped[0]
            .text
            .contains("tags, more than the limit"),
        "the quadratic body is refused by its tag count: {:?}",
        feed.report
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "refusing it costs a scan, not the parser's quadratic time: {:?}",
        started.elapsed()
    );
}

#[test]
fn a_feed_too_complex_in_all_is_cut_short_and_says_so() {
    let per_item = infostand_content::sanitise::MAX_BODY_TAGS - 1;
    let fitting = infostand_content::sanitise::MAX_DOCUMENT_TAGS / per_item;
    let body = serde_json::to_string(&"<i>x".repeat(per_item)).expect("a string serialises");
    let items: Vec<String> = (0..fitting + 2)
        .map(|n| format!(r#"{{"id": "i{n}", "title": "T{n}", "content_html": {body}}}"#))
        .collect();
    let json = format!(
        r#"{{"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [{}]}}"#,
        items.join(",")
    );
    let feed = read(json.as_bytes(), None).expect("the items within the budget are kept");
    assert_eq!(
        feed.items.len(),
        fitting,
        "items are kept until the feed's tag budget is spent"
    );
    assert!(
        feed.report.dropped.len() == 2 && feed.report.dropped[0].text.contains("tags in all"),
        "the rest are dropped with the reason: {:?}",
        feed.report
    );
}

// The fuzz harness, in its own file of this one test binary.
mod fuzz;
