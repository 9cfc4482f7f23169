//! When to try next: the interval after a success, jittered so a fleet of
//! kiosks started together does not poll in step; exponential backoff with
//! full jitter after failures; a server's Retry-After taking precedence.
//!
//! Pure functions of `now`, the failure count and a uniform random number,
//! so every rule is a row in a table test.

use std::time::Duration;

use time::OffsetDateTime;

/// The sync interval when none is configured.
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(60 * 60);

/// The shortest interval accepted: more often would only load the county's
/// server, the content changes a few times a month.
pub const MIN_INTERVAL: Duration = Duration::from_secs(60);

/// The interval is stretched or shrunk by up to this fraction (±10 %).
pub const INTERVAL_JITTER: f64 = 0.10;

/// The first backoff step after a failure; it doubles with each further
/// failure up to the interval.
pub const BACKOFF_BASE: Duration = Duration::from_secs(30);

/// The shortest wait after a failure, whatever the jitter or Retry-After
/// say, so a broken server is never hammered in a tight loop.
pub const BACKOFF_FLOOR: Duration = Duration::from_secs(5);

/// The next attempt after a success: `interval` ± [`INTERVAL_JITTER`].
/// `unit` is a uniform random number in `[0, 1)`.
pub fn after_success(now: OffsetDateTime, interval: Duration, unit: f64) -> OffsetDateTime {
    let factor = 1.0 + INTERVAL_JITTER * (2.0 * unit.clamp(0.0, 1.0) - 1.0);
    now + interval.mul_f64(factor)
}

/// The next attempt after the `failures`-th failure in a row (counting from
/// 1): a uniform delay in `[0, min(interval, BACKOFF_BASE·2^(failures-1))]`
/// ("full jitter"), no less than [`BACKOFF_FLOOR`]; or the server's
/// Retry-After when it gave one.
pub fn after_failure(
    now: OffsetDateTime,
    interval: Duration,
    failures: u32,
    unit: f64,
    retry_after: Option<Duration>,
) -> OffsetDateTime {
    let delay = match retry_after {
        Some(wait) => wait,
        None => {
            let doublings = failures.saturating_sub(1).min(20);
            let ceiling = BACKOFF_BASE.saturating_mul(1 << doublings).min(interval);
            ceiling.mul_f64(unit.clamp(0.0, 1.0))
        }
    };
    now + delay.max(BACKOFF_FLOOR)
}

/// A uniform random number in `[0, 1)` from the OS. Jitter needs spread,
/// not secrecy; should the OS source fail, the middle of the range is fine.
pub fn random_unit() -> f64 {
    match getrandom::u64() {
        // The top 53 bits fill an f64's mantissa exactly.
        Ok(bits) => (bits >> 11) as f64 / (1u64 << 53) as f64,
        Err(_) => 0.5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: Duration = Duration::from_secs(3600);

    fn at(seconds: u64) -> OffsetDateTime {
        OffsetDateTime::UNIX_EPOCH + Duration::from_secs(seconds)
    }

    #[test]
    fn success_waits_the_interval_with_ten_percent_jitter() {
        for (unit, expected, why) in [
            (0.0, 3240, "lowest jitter is -10 %"),
            (0.5, 3600, "the middle is the interval itself"),
            (1.0, 3960, "highest jitter is +10 %"),
        ] {
            assert_eq!(after_success(at(0), HOUR, unit), at(expected), "{why}");
        }
    }

    #[test]
    fn failures_back_off_exponentially_with_full_jitter() {
        let cases = [
            (1, 1.0, None, 30, "first failure: up to the 30 s base"),
            (2, 1.0, None, 60, "doubles"),
            (4, 1.0, None, 240, "and doubles again"),
            (
                4,
                0.5,
                None,
                120,
                "full jitter spreads it uniformly below the ceiling",
            ),
            (30, 1.0, None, 3600, "never more than the interval"),
            (1, 0.0, None, 5, "never less than the floor"),
            (
                1,
                0.9,
                Some(Duration::from_secs(7200)),
                7200,
                "Retry-After overrides the backoff",
            ),
            (
                9,
                0.9,
                Some(Duration::ZERO),
                5,
                "a zero Retry-After still waits the floor",
            ),
        ];
        for (failures, unit, retry_after, expected, why) in cases {
            assert_eq!(
                after_failure(at(0), HOUR, failures, unit, retry_after),
                at(expected),
                "{why}"
            );
        }
    }

    #[test]
    fn random_units_are_in_range() {
        for _ in 0..1000 {
            let unit = random_unit();
            assert!((0.0..1.0).contains(&unit), "{unit} must be in [0, 1)");
        }
    }
}
