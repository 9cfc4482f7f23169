//! The fuzz harness of the news reader: any bytes, as a CMS's JSON Feed,
//! RSS or Atom document would reach it.
//!
//! Under `cargo test` bolero replays the committed corpus
//! (`__fuzz__/fuzz__news_feed/corpus/`: real feeds' shapes, hostile bodies,
//! broken documents) and any saved `crashes/`, then feeds
//! [`RANDOM_INPUTS`] random inputs; `bash .ci/fuzz` runs it under
//! libFuzzer. A failing input is a panic with the reason.

use std::collections::HashSet;

use infostand_content::sanitise;
use infostand_news::read;

/// Random inputs after the committed corpus under `cargo test`.
const RANDOM_INPUTS: usize = 500;

#[test]
fn fuzz_news_feed() {
    let base = url::Url::parse("https://kommun.example.org/feed/").expect("a valid base URL");
    bolero::check!()
        .with_iterations(RANDOM_INPUTS)
        .for_each(|bytes: &[u8]| {
            let Ok(feed) = read(bytes, Some(&base)) else {
                return;
            };
            let mut ids = HashSet::new();
            for item in &feed.items {
                assert!(
                    ids.insert(item.id.as_str()),
                    "each item shown has its own id, or the kiosk shows one twice: {:?}",
                    item.id
                );
                assert!(
                    !item.title.trim().is_empty(),
                    "an item shown has a title to show: {item:?}"
                );
                // The body is the sanitiser's output (of `content_html`, or
                // escaped text): sanitising it again drops no tag, so none
                // reached the webview unchecked. (Not byte for byte: text
                // escapes `"` as it is, the sanitiser as `&quot;`.)
                let again = sanitise::html(&item.html);
                assert_eq!(
                    sanitise::tag_count(&again),
                    sanitise::tag_count(&item.html),
                    "sanitising an item's body again must drop no tag: {:?}",
                    item.html
                );
                assert_eq!(
                    sanitise::plain_text(&again),
                    sanitise::plain_text(&item.html),
                    "sanitising an item's body again must drop no text"
                );
                for link in item
                    .url
                    .iter()
                    .chain(item.image.iter().map(|image| &image.url))
                {
                    let scheme = url::Url::parse(link).map(|url| url.scheme().to_owned());
                    assert!(
                        matches!(scheme.as_deref(), Ok("https" | "http")),
                        "a link or picture a stand may open is an absolute web address: {link:?}"
                    );
                }
            }
        });
}
