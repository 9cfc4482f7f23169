//! Writes the published folders `bench/feeds.sh` imports and starts the
//! app on (issue 13's start-up targets): a plain program, not a test.
//!
//! ```text
//! cargo run --release -p infostand-sync --example bench_feeds -- OUT_DIR
//! ```
//!
//! Into `OUT_DIR` (each a folder as `infostand-publish build` lays it out,
//! unsigned, text only):
//! - `largest/`: the largest pack a sync accepts: just under the feed cap
//!   (`MAX_FEED_BYTES`), long articles of ordinary HTML, within every
//!   sanitiser limit.
//! - `quadratic-accepted/`: the worst case of the issue's quadratic input
//!   a sync still accepts: bodies of `<b><i>x</b>` repeated up to the
//!   per-body tag limit, as many as the document's tag budget allows.
//! - `nested-accepted/`: the same for the other costly shape, elements
//!   nested as deep as the per-body limit allows.
//! - `quadratic-issue/`: the issue's own input, a 3.5 MB feed of
//!   `<b><i>x</b>` repeated, whose bodies a sync now drops before
//!   sanitising them (each is over the per-body tag limit).
//!
//! It prints one line per folder: its name, bytes, items and tags.

use std::fs;
use std::path::Path;

use infostand_content::pack::MAX_FEED_BYTES;
use infostand_content::sanitise::{tag_count, MAX_BODY_TAGS, MAX_DOCUMENT_TAGS};
use serde_json::{json, Value};

/// Room left under the feed cap for the JSON around the last item.
const CAP_MARGIN: usize = 64 * 1024;

/// A long paragraph of ordinary prose: few tags for its length, like an
/// article's body text.
const PARAGRAPH: &str = concat!(
    "<p>Sedan den 2 januari 2023 får Tullverket och Polisen öppna försändelser som misstänks ",
    "innehålla narkotika. Den som köper droger på nätet och får dem skickade med posten bidrar till ",
    "den <strong>organiserade brottsligheten</strong>, och varje köp håller den vid liv. Testtext ",
    "för prestandamätningen: en lång artikel som en redaktör kan tänkas publicera, med stycken av ",
    "vanlig löptext och någon enstaka betoning, så att tolkningen får arbeta som med en riktig text. ",
    "Testtext för prestandamätningen, upprepad för att fylla ut artikeln till den storlek mätningen ",
    "kräver. Den innehåller inga uppgifter utöver kampanjsidans.</p>",
);

/// The issue's quadratic unit.
const TANGLE: &str = "<b><i>x</b>";

fn main() {
    let out = std::env::args_os()
        .nth(1)
        .expect("usage: bench_feeds OUT_DIR");
    let out = Path::new(&out);
    write(out, "largest", largest());
    write(out, "quadratic-accepted", quadratic_accepted());
    write(out, "nested-accepted", nested_accepted());
    write(out, "quadratic-issue", quadratic_issue());
}

/// A pack of `items` (pairs of Swedish and English articles).
fn pack(revision: u64, items: Vec<Value>) -> Value {
    json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Testpaket för prestandamätning",
        "language": "sv",
        "items": items,
        "_infostand": { "format": 1, "revision": revision }
    })
}

fn article(n: usize, html: String) -> Value {
    let (language, pair) = (if n.is_multiple_of(2) { "sv" } else { "en" }, n / 2);
    json!({
        "id": format!("artikel-{pair}-{language}"),
        "language": language,
        "title": format!("Testartikel {pair}"),
        "content_html": html,
        "date_modified": "2026-12-05T12:00:00+01:00",
        "_infostand": { "key": format!("artikel-{pair}"), "kind": "article" }
    })
}

fn largest() -> Value {
    // Bodies of about 60 KiB: long articles, well under the body limits.
    let body = PARAGRAPH.repeat(60 * 1024 / PARAGRAPH.len());
    let per_item = body.len() + 300;
    let count = (MAX_FEED_BYTES - CAP_MARGIN) / per_item;
    assert!(
        count * tag_count(&body) <= MAX_DOCUMENT_TAGS,
        "the largest pack must be one a sync accepts"
    );
    pack(
        1_000_000,
        (0..count).map(|n| article(n, body.clone())).collect(),
    )
}

fn quadratic_accepted() -> Value {
    let body = TANGLE.repeat((MAX_BODY_TAGS - 1) / 3);
    let count = MAX_DOCUMENT_TAGS / tag_count(&body);
    pack(
        1_000_001,
        (0..count).map(|n| article(n, body.clone())).collect(),
    )
}

fn nested_accepted() -> Value {
    // Opening tags only: the parser keeps every one open.
    let body = format!("{}x", "<div>".repeat(MAX_BODY_TAGS - 1));
    let count = MAX_DOCUMENT_TAGS / tag_count(&body);
    pack(
        1_000_003,
        (0..count).map(|n| article(n, body.clone())).collect(),
    )
}

fn quadratic_issue() -> Value {
    // 3.5 MB in all, split into bodies under the byte limit, as a feed
    // that wants to pass every per-item check would be.
    let body = TANGLE.repeat(200 * 1024 / TANGLE.len());
    let count = 3_500_000 / body.len();
    pack(
        1_000_002,
        (0..count).map(|n| article(n, body.clone())).collect(),
    )
}

fn write(out: &Path, name: &str, feed: Value) {
    let dir = out.join(name);
    fs::create_dir_all(dir.join("media")).expect("the folder can be made");
    let bytes = serde_json::to_vec(&feed).expect("JSON serialises");
    assert!(
        bytes.len() <= MAX_FEED_BYTES,
        "{name} is under the feed cap"
    );
    let tags: usize = feed["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|item| item["content_html"].as_str())
        .map(tag_count)
        .sum();
    fs::write(dir.join("feed.json"), &bytes).expect("the feed can be written");
    println!(
        "{name} bytes={} items={} tags={tags}",
        bytes.len(),
        feed["items"].as_array().map_or(0, Vec::len)
    );
}
