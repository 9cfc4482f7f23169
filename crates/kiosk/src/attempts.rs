//! Slowing down guessing of the admin PIN: a few wrong PINs in a row are
//! free (fingers slip on a touch screen), after that each wrong PIN locks
//! the keypad for a while, twice as long each time. Pure: the caller passes
//! the time in, so the policy is tested without waiting.
//!
//! The state lives in memory only. Restarting the app to reset it takes far
//! longer than a lockout on a kiosk that restarts itself, and a file would
//! be one more thing that can lock staff out for good.

use std::time::{Duration, Instant};

/// Wrong PINs in a row that cost nothing: the fourth wrong one in a row
/// starts the first lockout.
pub const FREE_ATTEMPTS: u32 = 3;

/// The lockout after the first wrong PIN beyond the free ones. Each further
/// wrong PIN doubles it.
pub const FIRST_LOCKOUT: Duration = Duration::from_secs(30);

/// The longest lockout: long enough that guessing a 4-digit PIN takes
/// months, short enough that staff who forgot it are not shut out all day.
pub const MAX_LOCKOUT: Duration = Duration::from_secs(15 * 60);

/// Wrong PINs in a row, and until when the keypad is locked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attempts {
    failures: u32,
    locked_until: Option<Instant>,
}

impl Attempts {
    /// No wrong PINs yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether a PIN may be tried at `now`; if not, how long is left.
    ///
    /// # Errors
    /// The wait left until the lockout ends.
    pub fn check(&self, now: Instant) -> std::result::Result<(), Duration> {
        match self.locked_until {
            Some(until) if until > now => Err(until - now),
            _ => Ok(()),
        }
    }

    /// Takes one attempt at `now`: refused with the wait left while the
    /// keypad is locked, otherwise counted as a wrong PIN at once, before
    /// the PIN is even verified, and forgiven by [`Self::succeeded`] if it
    /// turns out right. Counting up front is what makes simultaneous
    /// attempts queue behind the lockout: each one reserved moves it on for
    /// the next, instead of all of them passing the check while the first
    /// is still hashing.
    ///
    /// # Errors
    /// The wait left until the lockout ends.
    pub fn reserve(&mut self, now: Instant) -> std::result::Result<(), Duration> {
        self.check(now)?;
        self.failed(now);
        Ok(())
    }

    /// A wrong PIN was entered at `now`.
    pub fn failed(&mut self, now: Instant) {
        self.failures = self.failures.saturating_add(1);
        if let Some(lockout) = lockout_after(self.failures) {
            self.locked_until = Some(now + lockout);
        }
    }

    /// The right PIN was entered: everything is forgiven.
    pub fn succeeded(&mut self) {
        *self = Self::new();
    }

    /// Wrong PINs in a row so far.
    pub fn failures(&self) -> u32 {
        self.failures
    }
}

/// The lockout that `failures` wrong PINs in a row impose, if any.
pub fn lockout_after(failures: u32) -> Option<Duration> {
    let doublings = failures.checked_sub(FREE_ATTEMPTS + 1)?;
    let factor = 2u32.checked_pow(doublings).unwrap_or(u32::MAX);
    Some(
        FIRST_LOCKOUT
            .checked_mul(factor)
            .map_or(MAX_LOCKOUT, |lockout| lockout.min(MAX_LOCKOUT)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn secs(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    #[test]
    fn the_lockout_grows_by_doubling_up_to_the_cap() {
        let table: [(u32, Option<Duration>); 12] = [
            (0, None),
            (1, None),
            (2, None),
            (3, None),
            (4, Some(secs(30))),
            (5, Some(secs(60))),
            (6, Some(secs(120))),
            (7, Some(secs(240))),
            (8, Some(secs(480))),
            (9, Some(secs(900))),
            (10, Some(secs(900))),
            (u32::MAX, Some(secs(900))),
        ];
        for (failures, expected) in table {
            assert_eq!(
                lockout_after(failures),
                expected,
                "{failures} wrong PINs in a row: three are free, then 30 s doubling to 15 min"
            );
        }
    }

    #[test]
    fn three_wrong_pins_are_free() {
        let start = Instant::now();
        let mut attempts = Attempts::new();
        for n in 1..=FREE_ATTEMPTS {
            attempts.failed(start);
            assert_eq!(
                attempts.check(start),
                Ok(()),
                "wrong PIN number {n} does not lock the keypad"
            );
        }
        attempts.failed(start);
        assert_eq!(
            attempts.check(start),
            Err(FIRST_LOCKOUT),
            "the fourth wrong PIN in a row locks for the first lockout"
        );
    }

    #[test]
    fn the_wait_counts_down_and_ends() {
        let start = Instant::now();
        let mut attempts = Attempts::new();
        for _ in 0..4 {
            attempts.failed(start);
        }
        let table: [(u64, std::result::Result<(), Duration>); 4] = [
            (0, Err(secs(30))),
            (10, Err(secs(20))),
            (29, Err(secs(1))),
            (30, Ok(())),
        ];
        for (after, expected) in table {
            assert_eq!(
                attempts.check(start + secs(after)),
                expected,
                "{after} s after the lockout started"
            );
        }
    }

    #[test]
    fn each_further_failure_doubles_from_its_own_time() {
        let start = Instant::now();
        let mut attempts = Attempts::new();
        let mut now = start;
        for _ in 0..4 {
            attempts.failed(now);
        }
        for expected in [60, 120, 240, 480, 900, 900] {
            now += attempts.check(now).expect_err("locked after a failure");
            assert_eq!(attempts.check(now), Ok(()), "the lockout has ended");
            attempts.failed(now);
            assert_eq!(
                attempts.check(now),
                Err(secs(expected)),
                "the next wrong PIN after {} failures locks for {expected} s",
                attempts.failures() - 1
            );
        }
    }

    #[test]
    fn a_reserved_attempt_counts_as_wrong_until_forgiven() {
        let start = Instant::now();
        let mut attempts = Attempts::new();
        for n in 1..=FREE_ATTEMPTS + 1 {
            assert_eq!(
                attempts.reserve(start),
                Ok(()),
                "attempt {n} is allowed: the keypad was not locked yet"
            );
        }
        assert_eq!(
            attempts.reserve(start),
            Err(FIRST_LOCKOUT),
            "the fourth reservation locked the keypad before any PIN was verified"
        );
        assert_eq!(
            attempts.failures(),
            FREE_ATTEMPTS + 1,
            "a refused reservation is not counted: it verified nothing"
        );
        attempts.succeeded();
        assert_eq!(
            attempts.reserve(start),
            Ok(()),
            "a right PIN forgives the reservations"
        );
    }

    #[test]
    fn the_right_pin_resets_everything() {
        let start = Instant::now();
        let mut attempts = Attempts::new();
        for _ in 0..6 {
            attempts.failed(start);
        }
        attempts.succeeded();
        assert_eq!(attempts.check(start), Ok(()), "a success lifts the lockout");
        assert_eq!(attempts.failures(), 0, "and forgets the failures");
        for _ in 0..FREE_ATTEMPTS {
            attempts.failed(start);
        }
        assert_eq!(
            attempts.check(start),
            Ok(()),
            "after a success three wrong PINs are free again"
        );
    }
}
