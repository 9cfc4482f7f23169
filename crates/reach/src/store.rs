//! The store the app counts into: events are added in memory, under a lock
//! held for one insert (counting never waits for a disk), and written to
//! the day files by [`Store::flush`], which the app calls every
//! [`FLUSH_INTERVAL`] and once more at a clean exit. A crash, a power cut
//! or a SIGKILL therefore loses at most the counts of the last interval
//! (and of a flush under way), never a day file: each is replaced
//! atomically. Flushing also removes days older than [`RETENTION_DAYS`](crate::RETENTION_DAYS)
//! (see [`crate::retention`]).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use jiff::civil::Date;

use crate::counts::{Counts, Totals};
use crate::day_file;
use crate::error::{Error, Result};
use crate::event::Event;
use crate::hour::Hour;
use crate::query;
use crate::retention;

/// How often the app writes what it counted: the most a crash can lose.
/// A minute keeps the loss small while a stand that is used all day writes
/// its day file about 1,400 times a day (a few kilobytes each), which an SD
/// card takes in its stride.
pub const FLUSH_INTERVAL: Duration = Duration::from_secs(60);

/// The most hours of counts kept in memory while flushes fail (a full or
/// read-only disk): three days. Beyond that the oldest hour is dropped,
/// with a warning, so memory stays bounded however long the disk is out.
pub const MAX_PENDING_HOURS: usize = 72;

/// What a day file that cannot be read is renamed to (after its day), so
/// the day's new counts can be kept without destroying what was there.
const SET_ASIDE_SUFFIX: &str = ".unreadable";

/// The counts of one app, kept in `stats/` of its data directory.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    pending: Mutex<Counts>,
    flushing: Mutex<Flushing>,
}

/// What only a flush touches; its lock also keeps flushes one at a time.
#[derive(Debug, Default)]
struct Flushing {
    /// The all-time totals on disk, read at the first call to
    /// [`Store::totals`] and kept up to date by every flush since.
    totals: Option<Totals>,
    /// The UTC day old files were last removed on.
    pruned_on: Option<Date>,
}

impl Store {
    /// The store of the app whose data directory is `data_dir`. Nothing is
    /// read or written until the first flush: opening never slows a start.
    pub fn open(data_dir: &Path) -> Self {
        Self {
            dir: query::folder(data_dir),
            pending: Mutex::default(),
            flushing: Mutex::default(),
        }
    }

    /// The folder the day files are kept in.
    pub fn folder(&self) -> &Path {
        &self.dir
    }

    /// Counts `event` now.
    pub fn count(&self, event: Event) {
        self.count_at(event, SystemTime::now());
    }

    /// Counts `event` in the hour of `at`.
    pub fn count_at(&self, event: Event, at: SystemTime) {
        lock(&self.pending).add(Hour::of(at), event, 1);
    }

    /// How many (hour, kind, value) counts wait for the next flush.
    pub fn unflushed(&self) -> usize {
        lock(&self.pending).len()
    }

    /// Writes what was counted since the last flush, and on the first
    /// flush of a UTC day removes the days older than [`RETENTION_DAYS`](crate::RETENTION_DAYS).
    ///
    /// # Errors
    /// The first day that could not be written; its counts stay in memory
    /// for the next flush, and every other day is written all the same.
    pub fn flush(&self) -> Result<()> {
        self.flush_at(SystemTime::now())
    }

    /// [`Store::flush`] as if the time were `now` (which only decides what
    /// is old enough to remove).
    ///
    /// # Errors
    /// As [`Store::flush`].
    pub fn flush_at(&self, now: SystemTime) -> Result<()> {
        let mut flushing = lock(&self.flushing);
        let taken = std::mem::take(&mut *lock(&self.pending));
        let mut first_error = None;
        for (day, counts) in taken.by_utc_day() {
            let totals = counts.totals();
            match self.add_to_day(day, counts.clone()) {
                Ok(()) => {
                    if let Some(on_disk) = flushing.totals.as_mut() {
                        on_disk.merge(&totals);
                    }
                }
                Err(error) => {
                    // Kept for the next flush. (Had the rename succeeded and
                    // only the folder's flush failed, the next flush counts
                    // these twice: the rarer fault, and the lesser harm.)
                    lock(&self.pending).merge(counts);
                    first_error.get_or_insert(error);
                }
            }
        }
        self.bound_pending();
        let today = Hour::of(now).utc_day();
        if flushing.pruned_on != Some(today) {
            retention::prune(&self.dir, today);
            flushing.pruned_on = Some(today);
        }
        first_error.map_or(Ok(()), Err)
    }

    /// Every count since the data began, by kind and value, with what is
    /// not flushed yet: cumulative counters, as Prometheus wants them. The
    /// day files are read on the first call only; later calls cost no
    /// disk. Removing old days never makes a total go down while the app
    /// runs.
    ///
    /// # Errors
    /// [`Error::Io`] when the folder cannot be listed (unreadable day
    /// files are left out with a warning).
    pub fn totals(&self) -> Result<Totals> {
        let mut flushing = lock(&self.flushing);
        let on_disk = match flushing.totals.take() {
            Some(totals) => totals,
            None => query::totals(&self.dir)?,
        };
        let mut totals = on_disk.clone();
        flushing.totals = Some(on_disk);
        totals.merge(&lock(&self.pending).totals());
        Ok(totals)
    }

    /// Adds `counts` to the file of `day`.
    fn add_to_day(&self, day: Date, counts: Counts) -> Result<()> {
        let mut on_disk = match day_file::read(&self.dir, day) {
            Ok(on_disk) => on_disk,
            Err(error @ Error::Unreadable { .. }) => {
                self.set_aside(day, &error)?;
                Counts::new()
            }
            Err(error) => return Err(error),
        };
        on_disk.merge(counts);
        day_file::write(&self.dir, day, &on_disk)
    }

    /// Renames a day file that cannot be read out of the way, keeping it
    /// for whoever wants to look (it is removed with its day).
    fn set_aside(&self, day: Date, problem: &Error) -> Result<()> {
        let path = day_file::path(&self.dir, day);
        let mut aside = path.clone().into_os_string();
        aside.push(SET_ASIDE_SUFFIX);
        std::fs::rename(&path, &aside).map_err(crate::error::io("set aside", &path))?;
        tracing::warn!(%problem, aside = %Path::new(&aside).display(), "a day of counts could not be read; set aside, and the day counted afresh");
        Ok(())
    }

    /// Drops the oldest hours in memory beyond [`MAX_PENDING_HOURS`].
    fn bound_pending(&self) {
        let mut pending = lock(&self.pending);
        let hours = pending.hours();
        let excess = hours.len().saturating_sub(MAX_PENDING_HOURS);
        for hour in hours.into_iter().take(excess) {
            let dropped = pending.take_hour(hour);
            tracing::warn!(
                hour = %hour.start(),
                counts = dropped.len(),
                "counts dropped: the day files have not been writable for {MAX_PENDING_HOURS} hours"
            );
        }
    }
}

/// The lock, even if a thread panicked holding it: counts are plain
/// numbers, never left half-changed.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Kind;
    use crate::hour::Period;
    use crate::OTHER;
    use jiff::civil::date;
    use std::fs;

    fn at(text: &str) -> SystemTime {
        system_time(text.parse().expect("the test's instant parses"))
    }

    fn system_time(at: jiff::Timestamp) -> SystemTime {
        SystemTime::try_from(at).expect("the test's instants are in SystemTime's range")
    }

    fn hour(text: &str) -> Hour {
        Hour::of(at(text))
    }

    fn on_disk(data: &Path) -> Counts {
        let read = query::read(data, &Period::ALL).expect("the folder reads");
        assert!(read.unreadable.is_empty(), "{:?}", read.unreadable);
        read.counts
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|entry| entry.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    #[test]
    fn counts_are_bucketed_by_utc_hour_into_day_files() {
        let data = tempfile::tempdir().expect("a temporary directory for the test");
        let store = Store::open(data.path());
        let session = || Event::plain(Kind::SessionStarted);
        store.count_at(session(), at("2026-12-05T13:05:00Z"));
        store.count_at(session(), at("2026-12-05T13:55:00Z"));
        store.count_at(session(), at("2026-12-05T14:00:00Z"));
        store.count_at(session(), at("2026-12-05T23:59:59Z"));
        store.count_at(session(), at("2026-12-06T00:00:00Z"));
        assert!(
            names(store.folder()).is_empty(),
            "nothing touches the disk before a flush"
        );
        store
            .flush_at(at("2026-12-06T00:01:00Z"))
            .expect("the flush writes");
        assert_eq!(
            names(store.folder()),
            ["2026-12-05.json", "2026-12-06.json"],
            "one file per UTC day, and no temporary left behind"
        );
        let counts = on_disk(data.path());
        for (when, expected) in [
            ("2026-12-05T13:00:00Z", 2),
            ("2026-12-05T14:00:00Z", 1),
            ("2026-12-05T23:00:00Z", 1),
            ("2026-12-06T00:00:00Z", 1),
        ] {
            assert_eq!(
                counts.get(hour(when), Kind::SessionStarted, None),
                expected,
                "the hour starting {when} holds the counts of its minutes, no finer"
            );
        }
        assert_eq!(store.unflushed(), 0, "a flush leaves nothing waiting");
    }

    #[test]
    fn each_flush_adds_to_what_is_on_disk() {
        let data = tempfile::tempdir().expect("a temporary directory for the test");
        let now = at("2026-12-05T13:30:00Z");
        let film = || Event::new(Kind::FilmFinished, Some("film-1"));
        let store = Store::open(data.path());
        store.count_at(film(), now);
        store.flush_at(now).expect("the first flush writes");
        store.count_at(film(), now);
        store.count_at(film(), now);
        store.flush_at(now).expect("the second flush writes");
        store
            .flush_at(now)
            .expect("a flush with nothing to write is fine");
        let again = Store::open(data.path());
        again.count_at(film(), now);
        again.flush_at(now).expect("another process's flush writes");
        assert_eq!(
            on_disk(data.path()).get(
                hour("2026-12-05T13:00:00Z"),
                Kind::FilmFinished,
                Some("film-1")
            ),
            4,
            "flushes add up, across flushes and processes, and an empty flush adds nothing"
        );
    }

    #[test]
    fn an_hour_on_disk_keeps_the_cap_across_flushes() {
        let data = tempfile::tempdir().expect("a temporary directory for the test");
        let now = at("2026-12-05T13:30:00Z");
        let store = Store::open(data.path());
        for n in 0..MAX_VALUES_PER_HOUR_FOR_TEST {
            store.count_at(Event::new(Kind::FilmStarted, Some(&format!("f{n}"))), now);
            if n == 10 {
                store.flush_at(now).expect("a flush between writes");
            }
        }
        store.flush_at(now).expect("the last flush writes");
        let counts = on_disk(data.path());
        assert_eq!(
            counts.len(),
            crate::MAX_VALUES_PER_HOUR + 1,
            "the file holds the cap's values and other, however they were flushed"
        );
        assert_eq!(
            counts.get(hour("2026-12-05T13:00:00Z"), Kind::FilmStarted, Some(OTHER)),
            u64::try_from(MAX_VALUES_PER_HOUR_FOR_TEST - crate::MAX_VALUES_PER_HOUR)
                .expect("small"),
            "every count past the cap is kept, as other"
        );
    }

    const MAX_VALUES_PER_HOUR_FOR_TEST: usize = crate::MAX_VALUES_PER_HOUR + 8;

    #[test]
    fn counts_saturate_on_disk() {
        let data = tempfile::tempdir().expect("a temporary directory for the test");
        let now = at("2026-12-05T13:30:00Z");
        let mut huge = Counts::new();
        huge.add(Hour::of(now), Event::plain(Kind::QrShown), u64::MAX - 1);
        day_file::write(&query::folder(data.path()), date(2026, 12, 5), &huge)
            .expect("the test can write");
        let store = Store::open(data.path());
        for _ in 0..3 {
            store.count_at(Event::plain(Kind::QrShown), now);
        }
        store.flush_at(now).expect("the flush writes");
        assert_eq!(
            on_disk(data.path()).get(Hour::of(now), Kind::QrShown, None),
            u64::MAX,
            "a count at the top stays there rather than wrapping to 1"
        );
    }

    #[test]
    fn a_failed_flush_keeps_the_old_file_and_the_counts_for_the_next() {
        let data = tempfile::tempdir().expect("a temporary directory for the test");
        let now = at("2026-12-05T13:30:00Z");
        let store = Store::open(data.path());
        store.count_at(Event::plain(Kind::IdleReset), now);
        store.flush_at(now).expect("the first flush writes");
        let before = fs::read(day_file::path(store.folder(), date(2026, 12, 5)))
            .expect("the day file exists");
        // Another day's file is a folder: that day cannot be written.
        let blocked = day_file::path(store.folder(), date(2026, 12, 6));
        fs::create_dir_all(blocked.join("inner")).expect("the test can make a folder");
        store.count_at(Event::plain(Kind::IdleReset), now);
        store.count_at(Event::plain(Kind::IdleReset), at("2026-12-06T01:00:00Z"));
        let error = store
            .flush_at(now)
            .expect_err("a day that cannot be written fails the flush");
        assert!(
            error.to_string().contains("2026-12-06.json"),
            "the error names the file: {error}"
        );
        assert_eq!(
            store.unflushed(),
            1,
            "the day that failed waits in memory; the one that was written does not"
        );
        assert_ne!(
            fs::read(day_file::path(store.folder(), date(2026, 12, 5))).expect("still there"),
            before,
            "the writable day was written all the same"
        );
        fs::remove_dir_all(&blocked).expect("the test can unblock the day");
        store.flush_at(now).expect("the next flush writes");
        let counts = on_disk(data.path());
        assert_eq!(
            counts.get(hour("2026-12-06T01:00:00Z"), Kind::IdleReset, None),
            1,
            "the count that waited reaches the disk, once"
        );
        assert_eq!(
            counts.get(Hour::of(now), Kind::IdleReset, None),
            2,
            "and the other day was not counted twice"
        );
        assert!(
            names(store.folder())
                .iter()
                .all(|name| name.ends_with(".json")),
            "no temporary file is left by the failed write: {:?}",
            names(store.folder())
        );
    }

    #[test]
    fn an_unreadable_day_is_set_aside_not_destroyed() {
        let data = tempfile::tempdir().expect("a temporary directory for the test");
        let now = at("2026-12-05T13:30:00Z");
        let store = Store::open(data.path());
        let path = day_file::path(store.folder(), date(2026, 12, 5));
        fs::create_dir_all(store.folder()).expect("the test can make the folder");
        fs::write(&path, b"edited by hand").expect("the test can write");
        store.count_at(Event::plain(Kind::SessionStarted), now);
        store.flush_at(now).expect("the day is counted afresh");
        assert_eq!(
            fs::read(store.folder().join("2026-12-05.json.unreadable")).expect("set aside"),
            b"edited by hand",
            "what was there is kept for whoever wants to look"
        );
        assert_eq!(
            on_disk(data.path()).get(Hour::of(now), Kind::SessionStarted, None),
            1,
            "and the day's new counts are kept"
        );
    }

    #[test]
    fn memory_stays_bounded_while_the_disk_cannot_be_written() {
        let data = tempfile::tempdir().expect("a temporary directory for the test");
        // A file where the folder should be: no day can be written.
        fs::write(data.path().join(day_file::FOLDER), b"").expect("the test can write");
        let store = Store::open(data.path());
        let start = Hour::of(at("2026-12-05T00:00:00Z")).start().as_second();
        let extra = 5;
        for n in 0..MAX_PENDING_HOURS + extra {
            let offset = i64::try_from(n).expect("small") * 3600;
            let when = jiff::Timestamp::from_second(start + offset).expect("a real instant");
            store.count_at(Event::plain(Kind::IdleReset), system_time(when));
            assert!(
                store.flush_at(system_time(when)).is_err(),
                "no day can be written"
            );
        }
        assert_eq!(
            store.unflushed(),
            MAX_PENDING_HOURS,
            "only the newest {MAX_PENDING_HOURS} hours are kept in memory"
        );
        let totals = store.totals();
        assert!(
            totals.is_err(),
            "a stats folder that is not a folder cannot be read for totals either"
        );
    }

    #[test]
    fn totals_are_the_disk_and_what_is_not_flushed_and_never_go_down() {
        let data = tempfile::tempdir().expect("a temporary directory for the test");
        let old = at("2025-01-10T10:00:00Z");
        let earlier = Store::open(data.path());
        earlier.count_at(Event::new(Kind::ScreenViewed, Some("films")), old);
        earlier.flush_at(old).expect("the flush writes");

        let store = Store::open(data.path());
        let now = at("2026-12-05T13:30:00Z");
        store.count_at(Event::new(Kind::ScreenViewed, Some("films")), now);
        let totals = store.totals().expect("the folder reads");
        assert_eq!(
            totals.get(Kind::ScreenViewed, Some("films")),
            2,
            "what an earlier run flushed and what this one counted"
        );
        store
            .flush_at(now)
            .expect("the flush writes and prunes 2025-01-10");
        assert!(
            !day_file::path(store.folder(), date(2025, 1, 10)).exists(),
            "the old day is pruned"
        );
        store.count_at(Event::new(Kind::ScreenViewed, Some("films")), now);
        assert_eq!(
            store
                .totals()
                .expect("no disk read now")
                .get(Kind::ScreenViewed, Some("films")),
            3,
            "a Prometheus counter never goes down while the app runs, and a flushed count is not counted twice"
        );
    }
}
