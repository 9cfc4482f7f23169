//! The kiosk settings' values: their defaults and limits, and turning what
//! was written in a file, a variable or a flag into checked values with
//! errors that say what is allowed.

use std::time::Duration;

use bytesize::ByteSize;
use jiff::civil::Time;

use crate::error::Result;
use crate::settings::{invalid, Setting};

/// How long a kiosk waits without input before it asks "Är du kvar?" and
/// then resets, when nothing says otherwise: long enough to read a screen of
/// text, short enough that the next visitor finds the start screen.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(90);

/// Shorter would reset the screen while a visitor is still reading.
pub const MIN_IDLE_TIMEOUT: Duration = Duration::from_secs(5);

/// Longer and a stand shows whatever the last visitor left for most of an
/// hour.
pub const MAX_IDLE_TIMEOUT: Duration = Duration::from_secs(60 * 60);

/// The web process may use this much before the watchdog reloads the page:
/// the app's screens need a few hundred megabytes, so more means a leak.
pub const DEFAULT_MEMORY_LIMIT: u64 = 1024 * 1024 * 1024;

/// Below this WebKit cannot even show the app and the page would reload in
/// a loop.
pub const MIN_MEMORY_LIMIT: u64 = 200 * 1000 * 1000;

/// The daily reload, when nothing says otherwise: a stand is unattended at
/// four in the morning.
pub const DEFAULT_DAILY_RELOAD: Time = Time::constant(4, 0, 0, 0);

/// The value of `kiosk.daily_reload` that turns the daily reload off.
pub const DAILY_RELOAD_OFF: &str = "off";

/// The start of every argon2 PHC string (`$argon2id$`, `$argon2i$`, …).
pub const ARGON2_PREFIX: &str = "$argon2";

pub(crate) fn validate_idle_timeout(raw: Setting<Option<String>>) -> Result<Setting<Duration>> {
    let key = "kiosk.idle_timeout";
    let Some(text) = raw.value else {
        return Ok(Setting::new(DEFAULT_IDLE_TIMEOUT, raw.origin));
    };
    let timeout = humantime::parse_duration(text.trim()).map_err(|error| {
        invalid(
            key,
            &raw.origin,
            format!("{text:?} is not a duration like 90s or 2m: {error}"),
        )
    })?;
    if timeout < MIN_IDLE_TIMEOUT {
        return Err(invalid(
            key,
            &raw.origin,
            format!("{text:?} is shorter than the minimum of 5s"),
        ));
    }
    if timeout > MAX_IDLE_TIMEOUT {
        return Err(invalid(
            key,
            &raw.origin,
            format!("{text:?} is longer than the maximum of 1h"),
        ));
    }
    Ok(Setting::new(timeout, raw.origin))
}

/// A blank hash is no PIN: that is how a PIN is removed by hand.
pub(crate) fn validate_pin_hash(raw: Setting<Option<String>>) -> Result<Setting<Option<String>>> {
    let Some(hash) = raw.value.map(|hash| hash.trim().to_string()) else {
        return Ok(Setting::new(None, raw.origin));
    };
    if hash.is_empty() {
        return Ok(Setting::new(None, raw.origin));
    }
    if !hash.starts_with(ARGON2_PREFIX) {
        return Err(invalid(
            "kiosk.pin_hash",
            &raw.origin,
            format!("is not an argon2 hash (it must start with {ARGON2_PREFIX}); never write the PIN itself here, set it with `infostand set-pin`"),
        ));
    }
    Ok(Setting::new(Some(hash), raw.origin))
}

pub(crate) fn validate_memory_limit(raw: Setting<Option<String>>) -> Result<Setting<u64>> {
    let key = "kiosk.memory_limit";
    let Some(text) = raw.value else {
        return Ok(Setting::new(DEFAULT_MEMORY_LIMIT, raw.origin));
    };
    let bytes = parse_size(&text).map_err(|message| invalid(key, &raw.origin, message))?;
    if bytes < MIN_MEMORY_LIMIT {
        return Err(invalid(
            key,
            &raw.origin,
            format!("{text:?} is less than the minimum of 200MB"),
        ));
    }
    Ok(Setting::new(bytes, raw.origin))
}

pub(crate) fn validate_daily_reload(raw: Setting<Option<String>>) -> Result<Setting<Option<Time>>> {
    let Some(text) = raw.value else {
        return Ok(Setting::new(Some(DEFAULT_DAILY_RELOAD), raw.origin));
    };
    parse_daily_reload(&text)
        .map(|time| Setting::new(time, raw.origin.clone()))
        .map_err(|message| invalid("kiosk.daily_reload", &raw.origin, message))
}

/// A size such as `1GB` (10⁹ bytes), `800MiB` (2²⁰ × 800) or a plain
/// number of bytes.
fn parse_size(text: &str) -> std::result::Result<u64, String> {
    let trimmed = text.trim();
    // bytesize reads a leading "-" as no number at all, with a puzzling
    // message; a size must start with a digit.
    if !trimmed.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(format!("{text:?} is not a size like 1GB, 800MB or 800MiB"));
    }
    trimmed
        .parse::<ByteSize>()
        .map(|size| size.as_u64())
        .map_err(|error| format!("{text:?} is not a size like 1GB, 800MB or 800MiB: {error}"))
}

/// `HH:MM` (or `H:MM`) on the 24-hour clock, or `off`.
fn parse_daily_reload(text: &str) -> std::result::Result<Option<Time>, String> {
    let trimmed = text.trim();
    if trimmed.eq_ignore_ascii_case(DAILY_RELOAD_OFF) {
        return Ok(None);
    }
    let time = trimmed.split_once(':').and_then(|(hour, minute)| {
        let digits = |part: &str, lengths: &[usize]| {
            lengths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit())
        };
        if !digits(hour, &[1, 2]) || !digits(minute, &[2]) {
            return None;
        }
        Time::new(hour.parse().ok()?, minute.parse().ok()?, 0, 0).ok()
    });
    time.map(Some).ok_or_else(|| {
        format!("{text:?} is not a time of day like 04:00 (24-hour HH:MM), nor \"off\"")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_decimal_and_binary_units() {
        let table: [(&str, Option<u64>); 10] = [
            ("1GB", Some(1_000_000_000)),
            ("1GiB", Some(1 << 30)),
            ("800MB", Some(800_000_000)),
            ("800MiB", Some(800 << 20)),
            (" 1.5 GiB ", Some(3 << 29)),
            ("300000000", Some(300_000_000)),
            ("lots", None),
            ("", None),
            ("-1GB", None),
            ("1 parsec", None),
        ];
        for (text, expected) in table {
            let parsed = parse_size(text);
            assert_eq!(parsed.clone().ok(), expected, "{text:?}: {parsed:?}");
            if let Err(message) = parsed {
                assert!(
                    message.contains("800MiB"),
                    "the error shows what a size looks like: {message}"
                );
            }
        }
    }

    #[test]
    fn daily_reload_is_a_time_of_day_or_off() {
        let table: [(&str, Option<Option<Time>>); 11] = [
            ("04:00", Some(Some(Time::constant(4, 0, 0, 0)))),
            ("4:00", Some(Some(Time::constant(4, 0, 0, 0)))),
            ("23:59", Some(Some(Time::constant(23, 59, 0, 0)))),
            ("00:00", Some(Some(Time::midnight()))),
            ("off", Some(None)),
            (" OFF ", Some(None)),
            ("24:00", None),
            ("04:60", None),
            ("0400", None),
            ("04:00:00", None),
            ("4am", None),
        ];
        for (text, expected) in table {
            let parsed = parse_daily_reload(text);
            assert_eq!(parsed.clone().ok(), expected, "{text:?}: {parsed:?}");
            if let Err(message) = parsed {
                assert!(
                    message.contains("HH:MM") && message.contains("off"),
                    "the error says what is allowed: {message}"
                );
            }
        }
    }
}
