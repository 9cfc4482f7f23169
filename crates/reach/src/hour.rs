//! Time as the counts know it: the UTC hour and nothing finer. Counts are
//! kept per UTC hour (a clock change never makes an hour twice or skips
//! one), in one file per UTC day; people read them by the day as it falls
//! in [`TIME_ZONE`], where every UTC hour lies wholly inside one day since
//! Sweden's offsets are whole hours.

use std::time::SystemTime;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::Timestamp;

use crate::error::{Error, Result};

/// The time zone days are read in by `infostand stats`.
pub const TIME_ZONE: &str = "Europe/Stockholm";

const SECONDS_PER_HOUR: i64 = 60 * 60;
const HOURS_PER_DAY: i64 = 24;

/// One UTC hour: the finest time a count has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hour(i64);

impl Hour {
    /// The hour `at` falls in.
    pub fn containing(at: Timestamp) -> Self {
        Self(at.as_second().div_euclid(SECONDS_PER_HOUR))
    }

    /// The hour `at` falls in; a clock before 1970 or beyond the calendar
    /// counts in the epoch's hour (it is broken either way, and a count
    /// is better kept somewhere than lost).
    pub fn of(at: SystemTime) -> Self {
        Self::containing(Timestamp::try_from(at).unwrap_or(Timestamp::UNIX_EPOCH))
    }

    /// The hour `hour` (0 to 23) of the UTC day `day`.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] for an hour past 23 or a day beyond the calendar.
    pub fn on_utc_day(day: Date, hour: u8) -> Result<Self> {
        let hour = i64::from(hour);
        if hour >= HOURS_PER_DAY {
            return Err(Error::OutOfRange(format!("hour {hour} of {day}")));
        }
        let midnight = day
            .to_zoned_datetime(TimeZone::UTC)
            .map_err(|_| Error::OutOfRange(day.to_string()))?;
        Ok(Self(Self::containing(midnight.timestamp()).0 + hour))
    }

    /// When it begins.
    pub fn start(self) -> Timestamp {
        // Every Hour comes from a Timestamp or a Date, whose ranges jiff
        // keeps well inside what this product can hold.
        self.0
            .checked_mul(SECONDS_PER_HOUR)
            .and_then(|second| Timestamp::from_second(second).ok())
            .unwrap_or(Timestamp::UNIX_EPOCH)
    }

    /// The hour after it.
    pub fn next(self) -> Self {
        Self(self.0.saturating_add(1))
    }

    /// The UTC day it is in: the day file it is kept in.
    pub fn utc_day(self) -> Date {
        self.start().to_zoned_datetime(TimeZone::UTC).date()
    }

    /// Its hour of the UTC day, 0 to 23.
    pub fn of_utc_day(self) -> u8 {
        // rem_euclid by 24 is always 0..24.
        u8::try_from(self.0.rem_euclid(HOURS_PER_DAY)).unwrap_or(0)
    }

    /// The day it is in, in [`TIME_ZONE`].
    pub fn local_day(self) -> Date {
        self.start().to_zoned_datetime(stockholm()).date()
    }
}

/// The hours from `from` up to, not including, `until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// The first hour in it.
    pub from: Hour,
    /// The first hour after it.
    pub until: Hour,
}

impl Period {
    /// Every hour there is.
    pub const ALL: Self = Self {
        from: Hour(i64::MIN),
        until: Hour(i64::MAX),
    };

    /// The days `from` to `to`, both included, as they fall in
    /// [`TIME_ZONE`] (a day of 23 or 25 hours at a clock change); either
    /// end may be open.
    ///
    /// # Errors
    /// [`Error::EmptyPeriod`] when `from` is after `to`;
    /// [`Error::OutOfRange`] for a day at the calendar's very end.
    pub fn local_days(from: Option<Date>, to: Option<Date>) -> Result<Self> {
        if let (Some(from), Some(to)) = (from, to) {
            if from > to {
                return Err(Error::EmptyPeriod { from, to });
            }
        }
        let start = |day: Date| {
            day.to_zoned_datetime(stockholm())
                .map(|midnight| Hour::containing(midnight.timestamp()))
                .map_err(|_| Error::OutOfRange(day.to_string()))
        };
        Ok(Self {
            from: from.map(start).transpose()?.unwrap_or(Self::ALL.from),
            until: to
                .map(|day| {
                    day.tomorrow()
                        .map_err(|_| Error::OutOfRange(day.to_string()))
                        .and_then(start)
                })
                .transpose()?
                .unwrap_or(Self::ALL.until),
        })
    }

    /// Whether `hour` is in it.
    pub fn contains(&self, hour: Hour) -> bool {
        self.from <= hour && hour < self.until
    }

    /// Whether any hour of the UTC day `day` is in it.
    pub fn touches_utc_day(&self, day: Date) -> bool {
        let Ok(first) = Hour::on_utc_day(day, 0) else {
            return false;
        };
        first < self.until && self.from < Hour(first.0.saturating_add(HOURS_PER_DAY))
    }
}

/// The day `at` falls in, in [`TIME_ZONE`]: `infostand stats`'s today.
pub fn local_day(at: Timestamp) -> Date {
    at.to_zoned_datetime(stockholm()).date()
}

/// The Stockholm zone from the bundled database.
fn stockholm() -> TimeZone {
    // The bundled tzdb always has this zone; UTC+1 is only reached if the
    // crate were built without it, and then summer days would be an hour
    // off rather than the report failing.
    TimeZone::get(TIME_ZONE).unwrap_or_else(|_| TimeZone::fixed(jiff::tz::offset(1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn at(text: &str) -> Timestamp {
        text.parse().expect("the test's instant parses")
    }

    #[test]
    fn an_hour_holds_every_instant_in_it_and_nothing_finer() {
        let first = Hour::containing(at("2026-12-05T13:00:00Z"));
        let last = Hour::containing(at("2026-12-05T13:59:59.999Z"));
        assert_eq!(first, last, "the minutes of one hour are one bucket");
        assert_eq!(
            first.start(),
            at("2026-12-05T13:00:00Z"),
            "a bucket is known only by the start of its hour"
        );
        assert_ne!(
            Hour::containing(at("2026-12-05T14:00:00Z")),
            first,
            "the next hour is another bucket"
        );
        assert_eq!(first.utc_day(), date(2026, 12, 5), "its day file");
        assert_eq!(first.of_utc_day(), 13, "its hour in the day file");
        assert_eq!(
            Hour::on_utc_day(date(2026, 12, 5), 13).expect("a real hour"),
            first,
            "a day file's hour reads back as the same bucket"
        );
        assert!(
            Hour::on_utc_day(date(2026, 12, 5), 24).is_err(),
            "a day has hours 0 to 23"
        );
    }

    #[test]
    fn hours_before_1970_bucket_downwards() {
        let hour = Hour::containing(at("1969-12-31T23:30:00Z"));
        assert_eq!(
            hour.start(),
            at("1969-12-31T23:00:00Z"),
            "division rounds towards the past, not towards zero"
        );
        assert_eq!(hour.of_utc_day(), 23, "and its hour of day is 23, not -1");
    }

    #[test]
    fn local_days_follow_stockholm_clock_changes() {
        // 2026-03-29: clocks go from 02:00 to 03:00, so the day has 23 hours.
        let spring = Period::local_days(Some(date(2026, 3, 29)), Some(date(2026, 3, 29)))
            .expect("a real day");
        assert_eq!(
            spring.from.start(),
            at("2026-03-28T23:00:00Z"),
            "midnight in winter time is 23:00 UTC the day before"
        );
        assert_eq!(
            spring.until.start(),
            at("2026-03-29T22:00:00Z"),
            "the next midnight is in summer time, 22:00 UTC"
        );
        let autumn = Period::local_days(Some(date(2026, 10, 25)), Some(date(2026, 10, 25)))
            .expect("a real day");
        assert_eq!(
            autumn.until.0 - autumn.from.0,
            25,
            "the day clocks go back has 25 hours"
        );
        assert_eq!(
            Hour::containing(at("2026-10-24T22:30:00Z")).local_day(),
            date(2026, 10, 25),
            "00:30 in Stockholm belongs to the Stockholm day, not the UTC one"
        );
    }

    #[test]
    fn open_ends_and_backwards_periods() {
        let open = Period::local_days(None, Some(date(2026, 1, 1))).expect("an open start");
        assert_eq!(
            open.from,
            Period::ALL.from,
            "no first day reaches back to the first count"
        );
        assert!(
            matches!(
                Period::local_days(Some(date(2026, 2, 1)), Some(date(2026, 1, 1))),
                Err(Error::EmptyPeriod { .. })
            ),
            "a period that ends before it begins is a mistake to report, not an empty table"
        );
        let day = Period::local_days(Some(date(2026, 12, 5)), Some(date(2026, 12, 5)))
            .expect("a real day");
        assert!(
            day.touches_utc_day(date(2026, 12, 4)),
            "a Stockholm day begins at 23:00 UTC the day before, so that UTC day is read"
        );
        assert!(
            !day.touches_utc_day(date(2026, 12, 6)),
            "and it ends at 23:00 UTC, so the next UTC day is not"
        );
    }
}
