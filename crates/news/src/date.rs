//! Reading the dates real feeds write. JSON Feed and Atom ask for RFC 3339
//! and RSS for RFC 822, and CMSs write near misses of both: a space for the
//! `T`, no seconds, no zone, the date alone. Each form tried here is one a
//! publisher plausibly meant; anything else is unreadable, and the item is
//! shown without a date rather than with a wrong one.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// Date-and-time forms without a zone, read as UTC.
const NAIVE_DATE_TIMES: [&str; 4] = [
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
];

/// Date-and-time forms with a numeric zone that RFC 3339 does not allow
/// (a space for the `T`, a zone without a colon).
const ZONED_DATE_TIMES: [&str; 4] = [
    "%Y-%m-%d %H:%M:%S%.f%:z",
    "%Y-%m-%d %H:%M:%S%.f%z",
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f %z",
];

/// Reads `text` as a date, or `None` when no form fits.
pub fn parse(text: &str) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at);
    }
    if let Ok(at) = DateTime::parse_from_rfc2822(text) {
        return Some(at);
    }
    // RFC 822 with a named zone chrono does not know ("CET", "CEST" are
    // what a Swedish server may write): the numeric offset they stand for.
    if let Some(at) = with_named_zone(text) {
        return Some(at);
    }
    for form in ZONED_DATE_TIMES {
        if let Ok(at) = DateTime::parse_from_str(text, form) {
            return Some(at);
        }
    }
    let utc = FixedOffset::east_opt(0)?;
    for form in NAIVE_DATE_TIMES {
        if let Ok(at) = NaiveDateTime::parse_from_str(text, form) {
            return Some(utc.from_utc_datetime(&at));
        }
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    Some(utc.from_utc_datetime(&date.and_hms_opt(0, 0, 0)?))
}

/// `Tue, 1 Dec 2026 10:00:00 CET` as `… +0100`.
fn with_named_zone(text: &str) -> Option<DateTime<FixedOffset>> {
    let (rest, zone) = text.rsplit_once(' ')?;
    let offset = match zone {
        "CET" => "+0100",
        "CEST" => "+0200",
        "UTC" | "Z" => "+0000",
        _ => return None,
    };
    DateTime::parse_from_rfc2822(&format!("{rest} {offset}")).ok()
}

/// `at` as chrono's fixed-offset type, for dates a parser gave in UTC.
pub fn from_utc(at: DateTime<Utc>) -> DateTime<FixedOffset> {
    at.fixed_offset()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forms_feeds_write_are_read() {
        let cases = [
            (
                "2026-12-05T10:00:00+01:00",
                "2026-12-05T09:00:00Z",
                "RFC 3339",
            ),
            (
                "2026-12-05T09:00:00Z",
                "2026-12-05T09:00:00Z",
                "RFC 3339 in UTC",
            ),
            (
                "Sat, 05 Dec 2026 10:00:00 +0100",
                "2026-12-05T09:00:00Z",
                "RFC 822 as RSS asks",
            ),
            (
                "Sat, 5 Dec 2026 10:00:00 GMT",
                "2026-12-05T10:00:00Z",
                "RFC 822 with GMT",
            ),
            (
                "Sat, 05 Dec 2026 10:00:00 CET",
                "2026-12-05T09:00:00Z",
                "RFC 822 with CET",
            ),
            (
                "2026-12-05 10:00:00",
                "2026-12-05T10:00:00Z",
                "a space for the T, no zone",
            ),
            (
                "2026-12-05 10:00:00+01:00",
                "2026-12-05T09:00:00Z",
                "a space for the T",
            ),
            (
                "2026-12-05T10:00:00+0100",
                "2026-12-05T09:00:00Z",
                "a zone without a colon",
            ),
            ("2026-12-05", "2026-12-05T00:00:00Z", "the date alone"),
        ];
        for (text, expected, why) in cases {
            let at = parse(text).unwrap_or_else(|| panic!("{why}: {text:?} must be read"));
            assert_eq!(
                at.with_timezone(&Utc)
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                expected,
                "{why}: {text:?}"
            );
        }
    }

    #[test]
    fn what_is_not_a_date_is_unreadable() {
        for text in [
            "",
            "igår",
            "32 januari 2026",
            "2026-13-45",
            "Sat, 99 Dec 2026 10:00:00 +0100",
        ] {
            assert_eq!(
                parse(text),
                None,
                "{text:?} is no date; a wrong date would be worse than none"
            );
        }
    }
}
