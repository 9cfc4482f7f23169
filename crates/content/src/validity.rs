//! When an item is shown: its `_infostand.valid_from` / `valid_until`.
//!
//! The county's editor thinks in Swedish wall-clock time, so besides an
//! absolute RFC 3339 instant (`2026-03-29T02:30:00+01:00`) a value may be a
//! local date-time without offset (`2026-03-29T02:30:00`) or a plain date
//! (`2026-12-24`, meaning 00:00), both read in [`TIME_ZONE`]. The zone's
//! rules come from jiff's bundled copy of the IANA tz database, never from
//! hand-written DST rules or the kiosk's own settings (a kiosk set to UTC
//! must still switch at Swedish midnight).
//!
//! Local times that the clock skips or repeats are resolved the way
//! RFC 5545 and JavaScript's Temporal do ("compatible"):
//!
//! - a **gap** (spring forward, e.g. 2026-03-29 02:30 does not exist) means
//!   the later instant: the local time read with the offset before the gap,
//!   so `02:30` becomes 03:30 CEST (01:30 UTC);
//! - a **fold** (fall back, e.g. 2026-10-25 02:30 happens twice) means the
//!   earlier instant, the first 02:30 (CEST, 00:30 UTC).
//!
//! An item is shown from `valid_from` (inclusive) until `valid_until`
//! (exclusive).

use std::time::SystemTime;

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// An instant, as validity times are kept (jiff's, re-exported so callers
/// need not depend on jiff themselves).
pub use jiff::Timestamp;

/// The time zone local validity times are read in.
pub const TIME_ZONE: &str = "Europe/Stockholm";

/// `YYYY-MM-DD`.
const DATE_LEN: usize = "2026-12-24".len();
/// `YYYY-MM-DDTHH:MM:SS`.
const LOCAL_DATE_TIME_LEN: usize = "2026-12-24T00:00:00".len();

/// When an item may be shown: an instant range, either end open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Validity {
    /// The first instant it is shown, if it has one.
    pub from: Option<Timestamp>,
    /// The first instant it is no longer shown, if it has one.
    pub until: Option<Timestamp>,
}

impl Validity {
    /// Reads an item's `valid_from` and `valid_until`.
    ///
    /// # Errors
    /// A sentence naming the field, for the warning that drops the item:
    /// either value is malformed, or `valid_until` is not after
    /// `valid_from` (the item could never be shown).
    pub fn parse(from: Option<&str>, until: Option<&str>) -> Result<Self, String> {
        let read = |field: &str, text: Option<&str>| {
            text.map(|text| {
                parse_instant(text).map_err(|problem| format!("its _infostand.{field} {problem}"))
            })
            .transpose()
        };
        let validity = Self {
            from: read("valid_from", from)?,
            until: read("valid_until", until)?,
        };
        if let (Some(start), Some(end)) = (validity.from, validity.until) {
            if end <= start {
                return Err(format!(
                    "its _infostand.valid_until ({end}) is not after valid_from ({start}), so it could never be shown"
                ));
            }
        }
        Ok(validity)
    }

    /// Whether the item is shown at `now`.
    pub fn contains(&self, now: Timestamp) -> bool {
        self.from.is_none_or(|from| from <= now) && self.until.is_none_or(|until| now < until)
    }

    /// The first instant after `now` at which the item appears or
    /// disappears, if any.
    pub fn next_change_after(&self, now: Timestamp) -> Option<Timestamp> {
        [self.from, self.until]
            .into_iter()
            .flatten()
            .filter(|at| *at > now)
            .min()
    }
}

/// Reads one validity value as an instant (see the module docs for the
/// three accepted forms and how gaps and folds resolve).
///
/// # Errors
/// A phrase saying why the text is not a validity time, quoting it.
pub fn parse_instant(text: &str) -> Result<Timestamp, String> {
    let malformed = || {
        format!(
            "{text:?} is not a time: write an RFC 3339 date-time with offset, a local date-time \
             (YYYY-MM-DDTHH:MM:SS) or a date (YYYY-MM-DD), local ones in {TIME_ZONE}"
        )
    };
    let local = match text.len() {
        DATE_LEN if is_date_shape(text) => text
            .parse::<Date>()
            .map_err(|_| malformed())?
            .to_datetime(jiff::civil::Time::midnight()),
        LOCAL_DATE_TIME_LEN if is_local_date_time_shape(text) => {
            text.parse::<DateTime>().map_err(|_| malformed())?
        }
        _ => {
            // Anything else must carry its own offset: it is absolute.
            let at = OffsetDateTime::parse(text, &Rfc3339).map_err(|_| malformed())?;
            let nanos = i32::try_from(at.nanosecond()).map_err(|_| malformed())?;
            return Timestamp::new(at.unix_timestamp(), nanos).map_err(|_| malformed());
        }
    };
    stockholm()
        .to_ambiguous_timestamp(local)
        .compatible()
        .map_err(|_| malformed())
}

/// `now` as the instant type validity is kept in; a clock before 1970 or
/// beyond jiff's range counts as the epoch (it is broken either way).
pub fn timestamp(now: SystemTime) -> Timestamp {
    Timestamp::try_from(now).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// An instant as a [`SystemTime`], for timers.
pub fn system_time(at: Timestamp) -> SystemTime {
    SystemTime::try_from(at).unwrap_or(SystemTime::UNIX_EPOCH)
}

/// The Stockholm zone from the bundled database.
fn stockholm() -> TimeZone {
    // The bundled tzdb always has this zone; UTC+1 is only reached if the
    // crate were built without it, and then summer times would be an hour
    // off rather than the app failing.
    TimeZone::get(TIME_ZONE).unwrap_or_else(|_| TimeZone::fixed(jiff::tz::offset(1)))
}

fn digits(bytes: &[u8], positions: std::ops::Range<usize>) -> bool {
    bytes[positions].iter().all(u8::is_ascii_digit)
}

/// `YYYY-MM-DD` at the start of `bytes` (bytes, not `str` slicing, so any
/// text, multi-byte or not, is safely refused).
fn starts_with_date(bytes: &[u8]) -> bool {
    bytes.len() >= DATE_LEN
        && digits(bytes, 0..4)
        && bytes[4] == b'-'
        && digits(bytes, 5..7)
        && bytes[7] == b'-'
        && digits(bytes, 8..10)
}

fn is_date_shape(text: &str) -> bool {
    text.len() == DATE_LEN && starts_with_date(text.as_bytes())
}

fn is_local_date_time_shape(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == LOCAL_DATE_TIME_LEN
        && starts_with_date(bytes)
        && bytes[10] == b'T'
        && digits(bytes, 11..13)
        && bytes[13] == b':'
        && digits(bytes, 14..16)
        && bytes[16] == b':'
        && digits(bytes, 17..19)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> Timestamp {
        text.parse().expect("the test instant is well-formed")
    }

    #[test]
    fn the_three_forms_across_the_2026_dst_changes() {
        let cases = [
            (
                "2026-03-29T01:59:59",
                "2026-03-29T00:59:59Z",
                "just before spring forward: still CET (+01:00)",
            ),
            (
                "2026-03-29T02:30:00",
                "2026-03-29T01:30:00Z",
                "in the spring gap: the later instant (03:30 CEST)",
            ),
            (
                "2026-03-29T03:00:00",
                "2026-03-29T01:00:00Z",
                "just after spring forward: CEST (+02:00)",
            ),
            (
                "2026-10-25T02:30:00",
                "2026-10-25T00:30:00Z",
                "in the autumn fold: the earlier instant (the first 02:30, CEST)",
            ),
            (
                "2026-10-25T03:00:00",
                "2026-10-25T02:00:00Z",
                "after falling back: CET (+01:00)",
            ),
            (
                "2026-07-01",
                "2026-06-30T22:00:00Z",
                "a summer date is midnight CEST",
            ),
            (
                "2026-12-24",
                "2026-12-23T23:00:00Z",
                "a winter date is midnight CET",
            ),
            (
                "2026-03-29T02:30:00+01:00",
                "2026-03-29T01:30:00Z",
                "an offset makes the time absolute",
            ),
            (
                "2026-10-25T02:30:00+01:00",
                "2026-10-25T01:30:00Z",
                "an offset picks the second 02:30 of the fold",
            ),
            (
                "2026-06-01T10:00:00Z",
                "2026-06-01T10:00:00Z",
                "UTC is absolute",
            ),
        ];
        for (text, expected, why) in cases {
            assert_eq!(parse_instant(text), Ok(utc(expected)), "{text:?}: {why}");
        }
    }

    #[test]
    fn malformed_values_are_refused() {
        for text in [
            "",
            "tomorrow",
            "2026-13-01",
            "2026-02-30",
            "2026-03-29 02:30:00",
            "2026-03-29T02:30",
            "2026-03-29T25:00:00",
            "24/12/2026",
        ] {
            let problem = parse_instant(text).expect_err(text);
            assert!(
                problem.contains(&format!("{text:?}")),
                "the problem must quote the bad value {text:?}, got {problem:?}"
            );
        }
    }

    #[test]
    fn until_must_be_after_from() {
        let why = Validity::parse(Some("2026-12-24"), Some("2026-12-23T23:00:00Z"))
            .expect_err("an empty range can never be shown");
        assert!(
            why.contains("valid_until"),
            "the reason must name the field, got {why:?}"
        );
        let why = Validity::parse(Some("soon"), None).expect_err("a malformed value");
        assert!(
            why.contains("valid_from"),
            "the reason must name the field, got {why:?}"
        );
    }

    #[test]
    fn from_is_inclusive_and_until_exclusive() {
        let validity = Validity::parse(Some("2026-03-29T02:30:00"), Some("2026-10-25T02:30:00"))
            .expect("a valid range");
        let cases = [
            ("2026-03-29T01:29:59Z", false, "before it starts"),
            ("2026-03-29T01:30:00Z", true, "the first instant"),
            ("2026-10-25T00:29:59Z", true, "the last instant"),
            (
                "2026-10-25T00:30:00Z",
                false,
                "valid_until itself is outside",
            ),
        ];
        for (now, shown, why) in cases {
            assert_eq!(validity.contains(utc(now)), shown, "{now}: {why}");
        }
        assert_eq!(
            validity.next_change_after(utc("2026-01-01T00:00:00Z")),
            Some(utc("2026-03-29T01:30:00Z")),
            "before it starts, the next change is its appearance"
        );
        assert_eq!(
            validity.next_change_after(utc("2026-03-29T01:30:00Z")),
            Some(utc("2026-10-25T00:30:00Z")),
            "once shown, the next change is its disappearance"
        );
        assert_eq!(
            validity.next_change_after(utc("2026-10-25T00:30:00Z")),
            None,
            "after it ended nothing changes any more"
        );
    }
}
