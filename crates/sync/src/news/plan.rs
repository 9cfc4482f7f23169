//! The decisions of a news channel, as pure functions: whether what the
//! server gave changes anything ([`decide`]), and which items are kept
//! ([`select`]).
//!
//! A news channel has no revision and no rollback floor: what its server
//! publishes now is the news. So there is nothing to refuse but a feed
//! that cannot be shown at all, and then the last good items stay.

use std::collections::BTreeMap;

use infostand_content::MediaEntry;
use infostand_news::{NewsFeed, NewsItem};

/// The channel as stored on this machine, gathered once per attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Current {
    /// The SHA-256 of the document the stored items were read from.
    pub document_sha256: String,
    /// Whether they were read by this build (else they are read again,
    /// even from the same bytes: the sanitiser may have changed).
    pub same_build: bool,
    /// The images already downloaded, by their address.
    pub images: BTreeMap<String, MediaEntry>,
}

/// What the server gave.
#[derive(Debug)]
pub enum Candidate {
    /// 304 Not Modified to the stored items' validators.
    NotModified,
    /// A document, read.
    Read {
        /// The SHA-256 of its bytes.
        document_sha256: String,
        /// What reading it gave.
        feed: NewsFeed,
    },
}

/// What to do.
#[derive(Debug, PartialEq)]
pub enum Plan {
    /// Nothing changed: the stored items stay as they are.
    UpToDate,
    /// Keep these items (the newest first), after fetching these images.
    Keep {
        /// The items to store and show.
        items: Vec<NewsItem>,
        /// Images the kept items name that are not downloaded yet.
        missing_images: Vec<String>,
    },
}

/// What to do with a candidate for a channel that shows at most
/// `max_items` items. `current` is `None` before the first success.
pub fn decide(current: Option<&Current>, candidate: Candidate, max_items: usize) -> Plan {
    let (document_sha256, feed) = match candidate {
        Candidate::NotModified if current.is_some_and(|current| current.same_build) => {
            return Plan::UpToDate
        }
        // Validators are only sent with stored items, so a 304 without a
        // usable store is the server's mistake: nothing to change either.
        Candidate::NotModified => return Plan::UpToDate,
        Candidate::Read {
            document_sha256,
            feed,
        } => (document_sha256, feed),
    };
    if current
        .is_some_and(|current| current.same_build && current.document_sha256 == document_sha256)
    {
        return Plan::UpToDate;
    }
    let items = select(feed.items, max_items);
    let known = current.map(|current| &current.images);
    let mut missing_images: Vec<String> = items
        .iter()
        .filter_map(|item| item.image.as_ref())
        .map(|image| image.url.clone())
        .filter(|url| known.is_none_or(|images| !images.contains_key(url)))
        .collect();
    missing_images.sort();
    missing_images.dedup();
    Plan::Keep {
        items,
        missing_images,
    }
}

/// The `max_items` newest items, the newest first; items without a date
/// come after the dated ones, in the feed's order (most feeds list the
/// newest first anyway).
pub fn select(mut items: Vec<NewsItem>, max_items: usize) -> Vec<NewsItem> {
    // A stable sort keeps the feed's order among equals and undated items.
    items.sort_by(|a, b| match (a.timestamp, b.timestamp) {
        (Some(a), Some(b)) => b.cmp(&a),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    items.truncate(max_items);
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use infostand_news::{Format, ImageRef, Report};

    fn item(id: &str, timestamp: Option<i64>, image: Option<&str>) -> NewsItem {
        NewsItem {
            id: id.into(),
            title: id.into(),
            title_derived: false,
            summary: None,
            html: "<p>x</p>".into(),
            url: None,
            date: None,
            timestamp,
            language: "sv".into(),
            image: image.map(|url| ImageRef {
                url: url.into(),
                alt: String::new(),
            }),
        }
    }

    fn read(sha: &str, items: Vec<NewsItem>) -> Candidate {
        Candidate::Read {
            document_sha256: sha.into(),
            feed: NewsFeed {
                format: Format::Rss,
                title: None,
                items,
                report: Report::default(),
            },
        }
    }

    fn stored(sha: &str, same_build: bool, images: &[&str]) -> Current {
        Current {
            document_sha256: sha.into(),
            same_build,
            images: images
                .iter()
                .map(|url| {
                    (
                        (*url).to_owned(),
                        MediaEntry {
                            url: (*url).to_owned(),
                            mime_type: "image/png".into(),
                            sha256: "a".repeat(64),
                            size_in_bytes: 1,
                        },
                    )
                })
                .collect(),
        }
    }

    fn ids(plan: &Plan) -> Vec<&str> {
        match plan {
            Plan::Keep { items, .. } => items.iter().map(|item| item.id.as_str()).collect(),
            Plan::UpToDate => Vec::new(),
        }
    }

    #[test]
    fn decision_table() {
        let one = || vec![item("a", Some(1), Some("https://x/a.png"))];
        let cases: [(Option<Current>, Candidate, bool, &str); 6] = [
            (None, read("s1", one()), true, "the first read is kept"),
            (
                Some(stored("s1", true, &[])),
                read("s1", one()),
                false,
                "the same bytes change nothing",
            ),
            (
                Some(stored("s1", true, &[])),
                read("s2", one()),
                true,
                "other bytes are the news now",
            ),
            (
                Some(stored("s1", false, &[])),
                read("s1", one()),
                true,
                "items another build read are read again",
            ),
            (
                Some(stored("s1", true, &[])),
                Candidate::NotModified,
                false,
                "a 304 changes nothing",
            ),
            (
                None,
                Candidate::NotModified,
                false,
                "a stray 304 changes nothing either",
            ),
        ];
        for (current, candidate, kept, why) in cases {
            let plan = decide(current.as_ref(), candidate, 10);
            assert_eq!(matches!(plan, Plan::Keep { .. }), kept, "{why}: {plan:?}");
        }
    }

    #[test]
    fn only_images_not_downloaded_yet_are_fetched() {
        let items = vec![
            item("a", Some(3), Some("https://x/a.png")),
            item("b", Some(2), Some("https://x/b.png")),
            item("c", Some(1), Some("https://x/a.png")),
        ];
        let plan = decide(
            Some(&stored("s1", true, &["https://x/b.png"])),
            read("s2", items),
            10,
        );
        assert_eq!(
            plan,
            Plan::Keep {
                items: vec![
                    item("a", Some(3), Some("https://x/a.png")),
                    item("b", Some(2), Some("https://x/b.png")),
                    item("c", Some(1), Some("https://x/a.png")),
                ],
                missing_images: vec!["https://x/a.png".into()],
            },
            "a stored image is not fetched again, and one named twice is fetched once"
        );
    }

    #[test]
    fn the_newest_items_are_kept_and_undated_ones_last() {
        let items = vec![
            item("undated-1", None, None),
            item("old", Some(10), None),
            item("new", Some(30), None),
            item("undated-2", None, None),
            item("middle", Some(20), None),
        ];
        let plan = decide(None, read("s", items.clone()), 10);
        assert_eq!(
            ids(&plan),
            ["new", "middle", "old", "undated-1", "undated-2"],
            "newest first; undated after, in the feed's order"
        );
        let plan = decide(None, read("s", items), 2);
        assert_eq!(ids(&plan), ["new", "middle"], "at most max_items");
    }
}
