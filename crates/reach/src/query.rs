//! Reading the counts kept, for `infostand stats` and the all-time totals.
//! A reader may run beside the app: day files are replaced whole, so it
//! sees a day as it was before a flush or after it, never half of one.
//! What the app counted since its last flush is not on disk yet.

use std::path::{Path, PathBuf};

use crate::counts::{Counts, Totals};
use crate::day_file;
use crate::error::{Error, Result};
use crate::hour::Period;

/// The folder the counts of the app with data directory `data_dir` are in.
pub fn folder(data_dir: &Path) -> PathBuf {
    data_dir.join(day_file::FOLDER)
}

/// What [`read`] found.
#[derive(Debug, Default)]
pub struct Read {
    /// The counts of the hours asked for.
    pub counts: Counts,
    /// The day files that could not be read, left out of `counts`.
    pub unreadable: Vec<Error>,
}

/// The counts of the hours in `period` kept in `data_dir`.
///
/// # Errors
/// [`Error::Io`] when the folder exists but cannot be listed; a day file
/// that cannot be read is reported in [`Read::unreadable`] and the others
/// are read all the same.
pub fn read(data_dir: &Path, period: &Period) -> Result<Read> {
    let dir = folder(data_dir);
    let mut read = Read::default();
    for (day, _) in day_file::list(&dir)? {
        if !period.touches_utc_day(day) {
            continue;
        }
        match day_file::read(&dir, day) {
            Ok(counts) => read.counts.merge(counts.within(period)),
            Err(error) => read.unreadable.push(error),
        }
    }
    Ok(read)
}

/// Every count in the day files of `dir` (a stats folder), summed by kind
/// and value; unreadable files are left out with a warning.
pub(crate) fn totals(dir: &Path) -> Result<Totals> {
    let mut totals = Totals::default();
    for (day, _) in day_file::list(dir)? {
        match day_file::read(dir, day) {
            Ok(counts) => totals.merge(&counts.totals()),
            Err(error) => {
                tracing::warn!(%error, "a day of counts left out of the totals");
            }
        }
    }
    Ok(totals)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Event, Kind};
    use crate::hour::Hour;
    use jiff::civil::date;

    fn at(text: &str) -> Hour {
        Hour::containing(text.parse().expect("the test's instant parses"))
    }

    fn write(data_dir: &Path, hours: &[&str]) {
        let mut counts = Counts::new();
        for hour in hours {
            counts.add(at(hour), Event::plain(Kind::SessionStarted), 1);
        }
        for (day, counts) in counts.by_utc_day() {
            day_file::write(&folder(data_dir), day, &counts).expect("the test can write");
        }
    }

    #[test]
    fn a_period_of_stockholm_days_reads_the_utc_hours_in_it() {
        let data = tempfile::tempdir().expect("a temporary directory for the test");
        write(
            data.path(),
            &[
                "2026-12-04T22:00:00Z", // 23:00 on the 4th in Stockholm
                "2026-12-04T23:00:00Z", // 00:00 on the 5th
                "2026-12-05T22:00:00Z", // 23:00 on the 5th
                "2026-12-05T23:00:00Z", // 00:00 on the 6th
            ],
        );
        let day = Period::local_days(Some(date(2026, 12, 5)), Some(date(2026, 12, 5)))
            .expect("a real day");
        let read = read(data.path(), &day).expect("the folder reads");
        assert!(read.unreadable.is_empty(), "every file is ours");
        assert_eq!(
            read.counts.hours(),
            [at("2026-12-04T23:00:00Z"), at("2026-12-05T22:00:00Z")],
            "the 5th in Stockholm is 23:00 UTC on the 4th to 23:00 UTC on the 5th, from two day files"
        );
    }

    #[test]
    fn an_unreadable_day_is_reported_and_the_rest_still_read() {
        let data = tempfile::tempdir().expect("a temporary directory for the test");
        write(data.path(), &["2026-12-05T10:00:00Z"]);
        std::fs::write(
            day_file::path(&folder(data.path()), date(2026, 12, 6)),
            b"not json",
        )
        .expect("the test can write");
        let read = read(data.path(), &Period::ALL).expect("the folder reads");
        assert_eq!(read.unreadable.len(), 1, "the broken day is named");
        assert_eq!(read.counts.len(), 1, "and the good one still counts");
        assert_eq!(
            totals(&folder(data.path()))
                .expect("the folder reads")
                .get(Kind::SessionStarted, None),
            1,
            "the totals leave the broken day out too"
        );
    }
}
