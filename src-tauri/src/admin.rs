//! The staff's admin session: whether it is open, how long an unlocked
//! session lasts, and what the admin screen shows. Checking the PIN (a slow
//! hash, and a wait after repeated wrong ones, however many arrive at once)
//! is the kiosk crate's [`PinGate`].

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use infostand_ipc::{AdminView, StatusView};
use infostand_kiosk::{health, PinGate};
use infostand_sync::Syncer;

use crate::error::Error;
use crate::library::Library;
use crate::vitals::Vitals;

/// An unlocked session ends this long after the last admin command, so a
/// screen left open by staff does not stay open for the next visitor (the
/// idle reset also locks it).
const SESSION: Duration = Duration::from_secs(10 * 60);

/// The admin session.
pub struct Admin {
    gate: Option<PinGate>,
    data_dir: PathBuf,
    unlocked_at: Mutex<Option<Instant>>,
    started: Instant,
}

impl Admin {
    /// A locked session checking PINs against `pin_hash` (an argon2 PHC
    /// string from `infostand set-pin`); `data_dir` is where the free disk
    /// space is measured.
    pub fn new(pin_hash: Option<String>, data_dir: PathBuf) -> Self {
        Self {
            gate: pin_hash.map(PinGate::new),
            data_dir,
            unlocked_at: Mutex::new(None),
            started: Instant::now(),
        }
    }

    /// Unlocks with `pin`. Without a configured PIN only office mode opens
    /// (an office computer's user is already trusted by its login); a kiosk
    /// stays shut. Slow on purpose (argon2): call it off the main thread.
    ///
    /// # Errors
    /// [`Error::TooManyAttempts`] while a wait is imposed, [`Error::WrongPin`],
    /// [`Error::PinNotSet`] in kiosk mode without a PIN.
    pub fn unlock(&self, pin: &str, kiosk: bool) -> Result<(), Error> {
        let Some(gate) = &self.gate else {
            if kiosk {
                return Err(Error::PinNotSet);
            }
            return self.open();
        };
        match gate.try_pin(pin) {
            Ok(()) => {
                tracing::info!("admin screen unlocked");
                self.open()
            }
            Err(infostand_kiosk::Error::WrongPin) => {
                tracing::warn!("wrong admin PIN");
                Err(Error::WrongPin)
            }
            Err(infostand_kiosk::Error::TooManyAttempts { wait }) => {
                Err(Error::TooManyAttempts { wait })
            }
            Err(error) => Err(Error::Internal(error.to_string())),
        }
    }

    /// Checks that a session is open, and keeps it open.
    ///
    /// # Errors
    /// [`Error::Locked`] when none is, or it lapsed.
    pub fn require(&self) -> Result<(), Error> {
        let mut unlocked = self.unlocked_at.lock().map_err(|_| poisoned())?;
        match *unlocked {
            Some(at) if at.elapsed() < SESSION => {
                *unlocked = Some(Instant::now());
                Ok(())
            }
            _ => {
                *unlocked = None;
                Err(Error::Locked)
            }
        }
    }

    /// Ends the session.
    pub fn lock(&self) {
        if let Ok(mut unlocked) = self.unlocked_at.lock() {
            *unlocked = None;
        }
    }

    /// What the admin screen shows now.
    pub fn view(
        &self,
        library: &Library,
        syncer: &Syncer,
        vitals: &Vitals,
        kiosk: bool,
    ) -> AdminView {
        let own = std::process::id();
        AdminView {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            kiosk,
            status: StatusView::from(&syncer.status()),
            content_updated: library.updated(),
            free_disk_bytes: health::free_disk(&self.data_dir),
            uptime_seconds: self.started.elapsed().as_secs(),
            memory_bytes: health::tree_memory(own),
            web_memory_bytes: health::web_process_memory(own),
            web_process_restarts: vitals.web_process_restarts(),
            watchdog_reloads: vitals.watchdog_reloads(),
        }
    }

    fn open(&self) -> Result<(), Error> {
        *self.unlocked_at.lock().map_err(|_| poisoned())? = Some(Instant::now());
        Ok(())
    }
}

/// A session lock poisoned by a panic elsewhere: a fault, not a policy.
fn poisoned() -> Error {
    Error::Internal("the admin session is unusable after an earlier failure".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use infostand_kiosk::pin;

    #[test]
    fn the_right_pin_opens_and_a_wrong_one_does_not() {
        let admin = Admin::new(
            Some(pin::hash("4711").expect("a valid PIN hashes")),
            PathBuf::new(),
        );
        assert!(
            matches!(admin.require(), Err(Error::Locked)),
            "a new session is locked"
        );
        assert!(
            matches!(admin.unlock("1234", true), Err(Error::WrongPin)),
            "a wrong PIN is refused"
        );
        assert!(
            matches!(admin.require(), Err(Error::Locked)),
            "and leaves it locked"
        );
        admin.unlock("4711", true).expect("the right PIN opens");
        admin
            .require()
            .expect("the session is open after the right PIN");
        admin.lock();
        assert!(
            matches!(admin.require(), Err(Error::Locked)),
            "locking ends the session"
        );
    }

    #[test]
    fn repeated_wrong_pins_impose_a_wait_even_for_the_right_one() {
        let admin = Admin::new(
            Some(pin::hash("4711").expect("a valid PIN hashes")),
            PathBuf::new(),
        );
        let mut refused = 0;
        for _ in 0..10 {
            match admin.unlock("0000", true) {
                Err(Error::WrongPin) => {}
                Err(Error::TooManyAttempts { wait }) => {
                    assert!(wait > Duration::ZERO, "the wait left is reported");
                    refused += 1;
                }
                other => panic!("a wrong PIN must never open: {other:?}"),
            }
        }
        assert!(
            refused > 0,
            "guessing is slowed down after a few wrong PINs"
        );
        assert!(
            matches!(
                admin.unlock("4711", true),
                Err(Error::TooManyAttempts { .. })
            ),
            "during the wait even the right PIN is not checked, so guessing gains nothing"
        );
    }

    #[test]
    fn simultaneous_unlocks_cannot_bypass_the_lockout() {
        const SIMULTANEOUS: usize = 40;
        let admin = std::sync::Arc::new(Admin::new(
            Some(pin::hash("4711").expect("a valid PIN hashes")),
            PathBuf::new(),
        ));
        let start = std::sync::Arc::new(std::sync::Barrier::new(SIMULTANEOUS));
        let threads: Vec<_> = (0..SIMULTANEOUS)
            .map(|n| {
                let (admin, start) = (admin.clone(), start.clone());
                std::thread::spawn(move || {
                    start.wait();
                    admin.unlock(&format!("{:04}", 1000 + n), true)
                })
            })
            .collect();
        let verified = threads
            .into_iter()
            .map(|thread| thread.join().expect("an unlock does not panic"))
            .filter(|result| matches!(result, Err(Error::WrongPin)))
            .count();
        assert_eq!(
            verified,
            infostand_kiosk::attempts::FREE_ATTEMPTS as usize + 1,
            "40 unlock commands at once get the free attempts and one more, as they would one by one"
        );
    }

    #[test]
    fn without_a_pin_only_office_mode_opens() {
        let admin = Admin::new(None, PathBuf::new());
        assert!(
            matches!(admin.unlock("", true), Err(Error::PinNotSet)),
            "a kiosk without a PIN never opens its admin screen"
        );
        admin
            .unlock("", false)
            .expect("an office computer's user is trusted by their login");
    }
}
