//! Time in the Studio: the clock edits are stamped with, and dates and
//! times in Europe/Stockholm.
//!
//! The editor picks dates and times on the Swedish wall clock; the feed
//! stores RFC 3339 with the offset that was in force
//! (`2026-12-24T15:00:00+01:00`), so every kiosk reads the same instant.
//! A local time is turned into an instant by the kiosk's own reading
//! ([`infostand_content::validity::parse_instant`]): a time the clock
//! skips in spring means the later instant, one it repeats in autumn the
//! earlier, exactly as the kiosk would read it. The zone comes from jiff's
//! bundled tz database, never from the computer's settings.

use std::fmt;
use std::sync::Mutex;

use infostand_content::validity::{self, Timestamp, TIME_ZONE};
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Where the Studio gets "now" from: the system clock, or a fixed one in
/// tests and demonstrations.
pub trait Clock: Send + Sync + fmt::Debug {
    /// The current instant.
    fn now(&self) -> Timestamp;
}

/// The computer's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// A clock that says what it is told: for tests, and for a UI that wants
/// reproducible screenshots.
#[derive(Debug)]
pub struct FixedClock(Mutex<Timestamp>);

impl FixedClock {
    /// A clock standing at `at`.
    pub fn new(at: Timestamp) -> Self {
        Self(Mutex::new(at))
    }

    /// Moves the clock to `at`.
    pub fn set(&self, at: Timestamp) {
        *self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = at;
    }

    /// Moves the clock forward by `seconds`.
    pub fn advance(&self, seconds: i64) {
        let mut now = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *now = now
            .checked_add(jiff::SignedDuration::from_secs(seconds))
            .unwrap_or(*now);
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        *self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A date and time on the Swedish wall clock, as a date and a time picker
/// give it: `date` is `YYYY-MM-DD`, `time` is `HH:MM` (or `HH:MM:SS`);
/// without a time it means the start of the day (00:00).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalDateTime {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM` or `HH:MM:SS`; `None` is 00:00.
    #[serde(default)]
    pub time: Option<String>,
}

/// The Stockholm zone from the bundled tz database.
pub fn stockholm() -> TimeZone {
    // The bundled database always has the zone (the content crate's tests
    // depend on it too); a fixed +01:00 is only a last resort.
    TimeZone::get(TIME_ZONE).unwrap_or_else(|_| TimeZone::fixed(jiff::tz::offset(1)))
}

/// `at` as RFC 3339 on the Stockholm clock, to the second, with its offset:
/// `2026-12-05T17:04:09+01:00`. What `date_modified` and validity times
/// are stored as.
pub fn rfc3339(at: Timestamp) -> String {
    at.to_zoned_datetime(stockholm())
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// The instant a Swedish wall-clock time names, as RFC 3339 with offset.
///
/// # Errors
/// [`Error::InvalidValue`] naming `field` when the date or time is not a
/// real one (`2026-02-30`, `25:00`).
pub fn local_to_rfc3339(local: &LocalDateTime, field: &str) -> Result<String> {
    let time = match local.time.as_deref().map(str::trim) {
        None | Some("") => "00:00:00".to_owned(),
        Some(time) if time.len() == "HH:MM".len() => format!("{time}:00"),
        Some(time) => time.to_owned(),
    };
    let text = format!("{}T{time}", local.date.trim());
    let at = validity::parse_instant(&text).map_err(|_| {
        Error::invalid(
            field,
            format!(
                "{:?} at {:?} is not a date (YYYY-MM-DD) and time (HH:MM) on the calendar",
                local.date, local.time
            ),
        )
    })?;
    Ok(rfc3339(at))
}

/// Any time the feed accepts (RFC 3339, a local date-time or a date), read
/// as the kiosk reads it and shown on the Swedish wall clock; `None` when
/// the kiosk would not read it either.
pub fn to_local(text: &str) -> Option<LocalDateTime> {
    let at = validity::parse_instant(text.trim()).ok()?;
    let zoned = at.to_zoned_datetime(stockholm());
    Some(LocalDateTime {
        date: zoned.strftime("%Y-%m-%d").to_string(),
        time: Some(zoned.strftime("%H:%M").to_string()),
    })
}

/// The instant a feed time names, as the kiosk reads it.
pub fn instant(text: &str) -> Option<Timestamp> {
    validity::parse_instant(text.trim()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(date: &str, time: Option<&str>) -> LocalDateTime {
        LocalDateTime {
            date: date.into(),
            time: time.map(Into::into),
        }
    }

    #[test]
    fn local_times_get_the_offset_in_force() {
        for (date, time, expected, why) in [
            (
                "2026-12-24",
                Some("15:00"),
                "2026-12-24T15:00:00+01:00",
                "winter time is +01:00",
            ),
            (
                "2026-06-01",
                Some("12:00"),
                "2026-06-01T12:00:00+02:00",
                "summer time is +02:00",
            ),
            (
                "2026-12-24",
                None,
                "2026-12-24T00:00:00+01:00",
                "a date alone is the start of the day",
            ),
            (
                "2026-03-29",
                Some("02:30"),
                "2026-03-29T03:30:00+02:00",
                "a skipped time is the later instant, as kiosks read it",
            ),
            (
                "2026-10-25",
                Some("02:30"),
                "2026-10-25T02:30:00+02:00",
                "a repeated time is the earlier instant, as kiosks read it",
            ),
        ] {
            assert_eq!(
                local_to_rfc3339(&local(date, time), "f").expect("a real date and time"),
                expected,
                "{why}"
            );
        }
    }

    #[test]
    fn impossible_dates_are_refused_with_the_field() {
        let error = local_to_rfc3339(&local("2026-02-30", Some("12:00")), "items/a/validity")
            .expect_err("30 February does not exist");
        assert!(
            error.to_string().starts_with("items/a/validity"),
            "the message names the field the picker belongs to: {error}"
        );
    }

    #[test]
    fn stored_times_read_back_on_the_swedish_clock() {
        assert_eq!(
            to_local("2026-06-01T10:00:00Z"),
            Some(local("2026-06-01", Some("12:00"))),
            "10:00 UTC in June is 12:00 in Stockholm"
        );
        assert_eq!(
            to_local("not a time"),
            None,
            "what the kiosk cannot read has no local reading"
        );
    }

    #[test]
    fn a_fixed_clock_is_stamped_in_stockholm() {
        let clock = FixedClock::new("2026-12-05T16:04:09Z".parse().expect("a valid instant"));
        assert_eq!(
            rfc3339(clock.now()),
            "2026-12-05T17:04:09+01:00",
            "date_modified is written on the Swedish clock with its offset"
        );
        clock.advance(60);
        assert_eq!(
            rfc3339(clock.now()),
            "2026-12-05T17:05:09+01:00",
            "advancing moves the clock"
        );
    }
}
