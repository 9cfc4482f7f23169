//! The admin PIN as the keypad checks it: the stored hash and the lockout
//! together, so that however many attempts arrive at once, only as many
//! are verified as the lockout allows one after another.

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use crate::attempts::Attempts;
use crate::error::{Error, Result};
use crate::pin;

/// Checks PINs against one stored argon2 hash, with the lockout of
/// [`Attempts`]. Shared between threads: the app runs each unlock command
/// on its own.
#[derive(Debug)]
pub struct PinGate {
    phc: String,
    attempts: Mutex<Attempts>,
}

impl PinGate {
    /// A gate for the PHC string `phc` that `infostand set-pin` stored.
    pub fn new(phc: String) -> Self {
        Self {
            phc,
            attempts: Mutex::new(Attempts::new()),
        }
    }

    /// Tries `pin`. Slow on purpose (argon2): call it off the UI thread.
    ///
    /// # Errors
    /// [`Error::TooManyAttempts`] while a lockout lasts (the PIN is not
    /// looked at), [`Error::WrongPin`], or [`Error::StoredHash`] when the
    /// stored hash is broken.
    pub fn try_pin(&self, pin: &str) -> Result<()> {
        self.try_pin_at(pin, Instant::now())
    }

    /// [`Self::try_pin`] at `now`, so tests can step past a lockout.
    pub(crate) fn try_pin_at(&self, pin: &str, now: Instant) -> Result<()> {
        // Reserved under the lock and counted as wrong before the slow
        // hash: checking first and counting after let every attempt that
        // arrived during one hash through the check (40 at once were all
        // verified). The hash itself runs outside the lock, so a refusal
        // never waits for someone else's hash.
        self.attempts()
            .reserve(now)
            .map_err(|wait| Error::TooManyAttempts { wait })?;
        // A broken stored hash leaves the attempt counted: nobody can get
        // in with it anyway, and it must not become a free retry.
        if pin::verify(pin, &self.phc)? {
            self.attempts().succeeded();
            Ok(())
        } else {
            Err(Error::WrongPin)
        }
    }

    fn attempts(&self) -> MutexGuard<'_, Attempts> {
        // Attempts is two plain fields, each written whole: a panic
        // elsewhere cannot leave it half-updated, and refusing every PIN
        // from then on would lock staff out until a restart.
        self.attempts.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attempts::{FIRST_LOCKOUT, FREE_ATTEMPTS};
    use std::sync::{Arc, Barrier};
    use std::time::Duration;

    /// The PIN the tests' gates are set to.
    const RIGHT: &str = "4711";

    /// How many wrong PINs the tests send at once, as the security review
    /// did.
    const SIMULTANEOUS: usize = 40;

    fn gate() -> Arc<PinGate> {
        Arc::new(PinGate::new(pin::hash(RIGHT).expect("a valid PIN hashes")))
    }

    /// Sends `SIMULTANEOUS` different wrong PINs at `now` from as many
    /// threads, released together, and counts how many were verified (and
    /// found wrong) and how many were told to wait.
    fn storm(gate: &Arc<PinGate>, now: Instant) -> (usize, usize) {
        let start = Arc::new(Barrier::new(SIMULTANEOUS));
        let threads: Vec<_> = (0..SIMULTANEOUS)
            .map(|n| {
                let gate = Arc::clone(gate);
                let start = Arc::clone(&start);
                std::thread::spawn(move || {
                    let guess = format!("{:04}", 1000 + n);
                    start.wait();
                    gate.try_pin_at(&guess, now)
                })
            })
            .collect();
        let (mut wrong, mut waits) = (0, 0);
        for thread in threads {
            match thread.join().expect("a guessing thread does not panic") {
                Err(Error::WrongPin) => wrong += 1,
                Err(Error::TooManyAttempts { wait }) => {
                    assert!(wait > Duration::ZERO, "a refusal says how long to wait");
                    waits += 1;
                }
                other => panic!("a wrong PIN must never open: {other:?}"),
            }
        }
        (wrong, waits)
    }

    #[test]
    fn simultaneous_wrong_pins_cannot_bypass_the_lockout() {
        let gate = gate();
        let (wrong, waits) = storm(&gate, Instant::now());
        assert_eq!(
            wrong,
            FREE_ATTEMPTS as usize + 1,
            "only the free attempts and the one that starts the lockout may be verified, \
             however many arrive at once"
        );
        assert_eq!(
            waits,
            SIMULTANEOUS - wrong,
            "every other simultaneous attempt is refused unverified"
        );
    }

    #[test]
    fn after_a_lockout_a_storm_gets_one_guess() {
        let gate = gate();
        let start = Instant::now();
        storm(&gate, start);
        let (wrong, waits) = storm(&gate, start + FIRST_LOCKOUT);
        assert_eq!(
            (wrong, waits),
            (1, SIMULTANEOUS - 1),
            "when a lockout ends, one guess is verified and starts the next, longer one"
        );
    }

    #[test]
    fn the_right_pin_opens_and_clears_the_count() {
        let gate = gate();
        let now = Instant::now();
        for _ in 0..FREE_ATTEMPTS {
            assert!(
                matches!(gate.try_pin_at("0000", now), Err(Error::WrongPin)),
                "a wrong PIN is refused as wrong"
            );
        }
        gate.try_pin_at(RIGHT, now)
            .expect("the right PIN opens within the free attempts");
        for _ in 0..FREE_ATTEMPTS {
            assert!(
                matches!(gate.try_pin_at("0000", now), Err(Error::WrongPin)),
                "after a success the free attempts are free again"
            );
        }
    }

    #[test]
    fn during_a_lockout_even_the_right_pin_waits() {
        let gate = gate();
        let now = Instant::now();
        for _ in 0..=FREE_ATTEMPTS {
            let _ = gate.try_pin_at("0000", now);
        }
        assert!(
            matches!(
                gate.try_pin_at(RIGHT, now),
                Err(Error::TooManyAttempts { wait }) if wait == FIRST_LOCKOUT
            ),
            "the PIN is not even looked at during a lockout, so guessing gains nothing"
        );
        gate.try_pin_at(RIGHT, now + FIRST_LOCKOUT)
            .expect("once the lockout ends the right PIN opens");
    }

    #[test]
    fn a_broken_stored_hash_is_reported_not_taken_for_a_wrong_pin() {
        let gate = PinGate::new("not a hash".into());
        assert!(
            matches!(gate.try_pin(RIGHT), Err(Error::StoredHash { .. })),
            "a bad config must be reported, not look like a wrong PIN forever"
        );
    }
}
