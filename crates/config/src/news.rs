//! The `[[news]]` channels: news feeds (JSON Feed, RSS or Atom) from a
//! municipality's or the county's website, each shown as its own section
//! beside the campaign, never in its place. This module owns their checked
//! form ([`NewsChannel`]), their defaults and limits, the names their values
//! go by in errors and in `config check` (`news[1].max_items`), and turning
//! what a config file holds into channels with errors that say what is
//! allowed.
//!
//! Config files only: a list of tables fits no flag or variable. Like every
//! other key, the last file that has `news` wins as a whole: a user's file
//! with any `[[news]]` (or `news = []`) replaces the system-wide list.

use std::fmt;
use std::time::Duration;

use url::Url;

use crate::error::Result;
use crate::file::{NewsSection, NewsTitle};
use crate::report::{redact_url, redact_url_text};
use crate::settings::{invalid, is_public_key, Origin, Setting, PUBLIC_KEY_HINT};

/// The key of the list in a config file, and of the report's one line when
/// the list is empty.
pub const NEWS_KEY: &str = "news";

/// How many of a channel's items are shown when `max_items` is not set: a
/// screenful of headlines, newest first.
pub const DEFAULT_NEWS_ITEMS: u32 = 10;

/// A channel with no item to show is a mistake, not a way to hide it:
/// remove the `[[news]]` table instead.
pub const MIN_NEWS_ITEMS: u32 = 1;

/// More is an archive, not news, and would make a kiosk scroll for ever.
pub const MAX_NEWS_ITEMS: u32 = 100;

/// The value of `max_age` that shows items however old they are (the
/// default).
pub const NEWS_MAX_AGE_OFF: &str = "off";

/// Seconds in a day: a `max_age` of whole days is shown in days (`90d`),
/// as it is usually written, not as humantime's months and hours.
const SECONDS_PER_DAY: u64 = 24 * 60 * 60;

/// One news channel, checked: a feed shown as its own section beside the
/// campaign. Its `Debug` form hides a user name and password in the URL,
/// so a channel can be logged.
#[derive(Clone, PartialEq, Eq)]
pub struct NewsChannel {
    /// The feed's address, as written (trimmed). Only parsed here: the sync
    /// refuses anything but https (plain http on loopback) at each attempt,
    /// so the refusal shows in the status. It may hold a user name and
    /// password; show it with [`crate::report::redact_url`].
    pub url: Url,
    /// The minisign public key (base64, the `RW…` line, as written) that
    /// must sign the feed (its signature at the feed's URL + `.minisig`);
    /// `None`: the feed need not be signed.
    pub key: Option<String>,
    /// The section's Swedish title; `None`: the UI's fallback (the feed's
    /// own title, else "Aktuellt").
    pub title_sv: Option<String>,
    /// The section's English title; `None`: the UI's fallback (the feed's
    /// own title, else "News").
    pub title_en: Option<String>,
    /// At most this many items are shown, the newest first;
    /// [`MIN_NEWS_ITEMS`] to [`MAX_NEWS_ITEMS`], by default
    /// [`DEFAULT_NEWS_ITEMS`].
    pub max_items: u32,
    /// Items older than this are left out when shown; `None` (`"off"`, the
    /// default): however old.
    pub max_age: Option<Duration>,
}

impl fmt::Debug for NewsChannel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewsChannel")
            .field("url", &redact_url(&self.url))
            .field("key", &self.key)
            .field("title_sv", &self.title_sv)
            .field("title_en", &self.title_en)
            .field("max_items", &self.max_items)
            .field("max_age", &self.max_age)
            .finish()
    }
}

/// The name of `field` of the channel at `index` (0-based) in errors and in
/// `config check`: `news[1].url` for the first channel's URL, counting from
/// 1 as people count the `[[news]]` tables in a file.
/// [`crate::file::locate`] finds a value by this name.
pub fn channel_key(index: usize, field: &str) -> String {
    format!("{NEWS_KEY}[{}].{field}", index + 1)
}

/// `max_age` as `config check` shows it: whole days as days (`90d`), else
/// humantime's form, or [`NEWS_MAX_AGE_OFF`].
pub fn format_max_age(max_age: Option<Duration>) -> String {
    match max_age {
        None => NEWS_MAX_AGE_OFF.to_string(),
        Some(age) if age.subsec_nanos() == 0 && age.as_secs() % SECONDS_PER_DAY == 0 => {
            format!("{}d", age.as_secs() / SECONDS_PER_DAY)
        }
        Some(age) => humantime::format_duration(age).to_string(),
    }
}

/// The channels of the list that won (`raw`, from the file named in its
/// origin), checked in the file's order; the first bad value is the error,
/// naming `news[N].key`, the file, line and column.
pub(crate) fn validate(
    raw: Setting<Option<Vec<NewsSection>>>,
) -> Result<Setting<Vec<NewsChannel>>> {
    let origin = raw.origin;
    let sections = raw.value.unwrap_or_default();
    let mut channels: Vec<NewsChannel> = Vec::with_capacity(sections.len());
    for (index, section) in sections.iter().enumerate() {
        let channel = validate_channel(index, section, &origin)?;
        // Two sections of one feed are a copy-paste slip, and the sync keeps
        // its state per feed URL.
        if let Some(first) = channels.iter().position(|c| c.url == channel.url) {
            return Err(invalid(
                &channel_key(index, "url"),
                &origin,
                format!(
                    "{:?} is already the URL of {}: each channel must be a different feed",
                    redact_url(&channel.url),
                    channel_key(first, "url"),
                ),
            ));
        }
        channels.push(channel);
    }
    Ok(Setting::new(channels, origin))
}

fn validate_channel(index: usize, section: &NewsSection, origin: &Origin) -> Result<NewsChannel> {
    let fail = |field: &str, message: String| invalid(&channel_key(index, field), origin, message);
    let url = parse_url(&section.url).map_err(|message| fail("url", message))?;
    let key = parse_key(section.key.as_deref()).map_err(|message| fail("key", message))?;
    let title = section.title.clone().unwrap_or_default();
    let NewsTitle { sv, en } = title;
    let title_sv = check_title(sv).map_err(|message| fail("title.sv", message))?;
    let title_en = check_title(en).map_err(|message| fail("title.en", message))?;
    let max_items =
        check_max_items(section.max_items).map_err(|message| fail("max_items", message))?;
    let max_age =
        parse_max_age(section.max_age.as_deref()).map_err(|message| fail("max_age", message))?;
    Ok(NewsChannel {
        url,
        key,
        title_sv,
        title_en,
        max_items,
        max_age,
    })
}

/// Any absolute URL: which schemes and hosts may be fetched is the sync's
/// decision, made (and shown in the status) at each attempt.
fn parse_url(text: &str) -> std::result::Result<Url, String> {
    // The messages show the URL without its user name and password.
    let shown = redact_url_text(text);
    Url::parse(text.trim()).map_err(|error| {
        format!("{shown:?} is not a URL like \"https://example.org/nyheter/feed.json\": {error}")
    })
}

/// A blank key is no key, as a blank `pin_hash` is no PIN: the house's way
/// of unsetting a value by hand.
fn parse_key(key: Option<&str>) -> std::result::Result<Option<String>, String> {
    let Some(key) = key.map(str::trim).filter(|key| !key.is_empty()) else {
        return Ok(None);
    };
    if !is_public_key(key) {
        return Err(format!(
            "{key:?} is not a minisign public key ({PUBLIC_KEY_HINT})"
        ));
    }
    Ok(Some(key.to_string()))
}

/// An empty title would show a section with no heading; leaving the key
/// out gets the UI's fallback instead.
fn check_title(title: Option<String>) -> std::result::Result<Option<String>, String> {
    match title {
        Some(title) if title.trim().is_empty() => Err(format!(
            "{title:?} is empty: leave the key out to use the feed's own title"
        )),
        title => Ok(title.map(|title| title.trim().to_string())),
    }
}

fn check_max_items(max_items: Option<i64>) -> std::result::Result<u32, String> {
    let Some(number) = max_items else {
        return Ok(DEFAULT_NEWS_ITEMS);
    };
    u32::try_from(number)
        .ok()
        .filter(|n| (MIN_NEWS_ITEMS..=MAX_NEWS_ITEMS).contains(n))
        .ok_or_else(|| {
            format!("{number} is not a number of items from {MIN_NEWS_ITEMS} to {MAX_NEWS_ITEMS}")
        })
}

/// A humantime duration (`90d`, `12weeks`) or [`NEWS_MAX_AGE_OFF`].
fn parse_max_age(text: Option<&str>) -> std::result::Result<Option<Duration>, String> {
    let Some(text) = text else {
        return Ok(None);
    };
    let trimmed = text.trim();
    if trimmed.eq_ignore_ascii_case(NEWS_MAX_AGE_OFF) {
        return Ok(None);
    }
    let age = humantime::parse_duration(trimmed).map_err(|error| {
        format!(
            "{text:?} is not a duration like 90d or 12weeks, nor \"{NEWS_MAX_AGE_OFF}\": {error}"
        )
    })?;
    // A zero age would hide every item: a section that never shows anything.
    if age.is_zero() {
        return Err(format!(
            "{text:?} would leave every item out; \"{NEWS_MAX_AGE_OFF}\" shows them however old"
        ));
    }
    Ok(Some(age))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_age_is_a_duration_or_off() {
        let day = Duration::from_secs(SECONDS_PER_DAY);
        let table: [(&str, Option<Option<Duration>>); 9] = [
            ("90d", Some(Some(day * 90))),
            ("12weeks", Some(Some(day * 84))),
            (" 36h ", Some(Some(Duration::from_secs(36 * 3600)))),
            ("off", Some(None)),
            (" OFF ", Some(None)),
            ("0s", None),
            ("90", None),
            ("soon", None),
            ("", None),
        ];
        for (text, expected) in table {
            let parsed = parse_max_age(Some(text));
            assert_eq!(parsed.clone().ok(), expected, "{text:?}: {parsed:?}");
            if let Err(message) = parsed {
                assert!(
                    message.contains("off"),
                    "the error says how to show items however old: {message}"
                );
            }
        }
        assert_eq!(
            parse_max_age(None),
            Ok(None),
            "not set is off: items are shown however old"
        );
    }

    #[test]
    fn max_items_is_one_to_a_hundred() {
        let table: [(Option<i64>, Option<u32>); 7] = [
            (None, Some(DEFAULT_NEWS_ITEMS)),
            (Some(1), Some(1)),
            (Some(100), Some(100)),
            (Some(0), None),
            (Some(101), None),
            (Some(-1), None),
            (Some(i64::from(u32::MAX) + 1), None),
        ];
        for (number, expected) in table {
            let checked = check_max_items(number);
            assert_eq!(checked.clone().ok(), expected, "{number:?}: {checked:?}");
            if let Err(message) = checked {
                assert!(
                    message.contains("1 to 100"),
                    "the error says what is allowed: {message}"
                );
            }
        }
    }

    #[test]
    fn whole_days_are_shown_in_days() {
        let day = Duration::from_secs(SECONDS_PER_DAY);
        assert_eq!(
            format_max_age(Some(day * 90)),
            "90d",
            "90d reads back as written, not as humantime's 2months 29days …"
        );
        assert_eq!(
            format_max_age(Some(Duration::from_secs(36 * 3600))),
            "1day 12h",
            "other ages in humantime's form, which parses back"
        );
        assert_eq!(format_max_age(None), "off", "no limit shows as off");
    }

    #[test]
    fn a_channels_debug_form_hides_its_password() {
        let channel = NewsChannel {
            url: Url::parse("https://cms:n3ws-s3cret@example.org/feed.json").expect("a URL"),
            key: None,
            title_sv: None,
            title_en: None,
            max_items: DEFAULT_NEWS_ITEMS,
            max_age: None,
        };
        let shown = format!("{channel:?}");
        assert!(
            !shown.contains("n3ws-s3cret") && !shown.contains("cms:"),
            "a logged channel must not leak its credentials: {shown}"
        );
        assert!(
            shown.contains("example.org/feed.json"),
            "the host and path stay, to tell channels apart: {shown}"
        );
    }

    #[test]
    fn the_first_channel_is_news_1() {
        assert_eq!(
            channel_key(0, "max_items"),
            "news[1].max_items",
            "people count [[news]] tables from 1, and the docs say so"
        );
    }
}
