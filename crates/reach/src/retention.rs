//! How long counts are kept: [`RETENTION_DAYS`], and removing the day
//! files (and what a crash or an unreadable file left beside them) once
//! they are older. The store calls [`prune`] on its first flush of each
//! UTC day.

use std::path::Path;
use std::time::SystemTime;

use jiff::civil::Date;
use jiff::ToSpan;

use crate::day_file;
use crate::store::FLUSH_INTERVAL;

/// How many days of counts are kept: a campaign year and a month to
/// compare it with. A day file is removed once its UTC day is more than
/// this many days before today's.
pub const RETENTION_DAYS: i32 = 400;

/// Removes from `dir` every file of a day more than [`RETENTION_DAYS`]
/// before `today`: day files, files set aside, and the temporaries of a
/// write a crash interrupted. Never fails: what cannot go now goes next
/// time, and anything not named after a day is left alone.
pub fn prune(dir: &Path, today: Date) {
    let Ok(oldest_kept) = today.checked_sub(RETENTION_DAYS.days()) else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let old = entry
            .file_name()
            .to_str()
            .and_then(day_file::day_of)
            .is_some_and(|day| day < oldest_kept);
        if old {
            if let Err(error) = std::fs::remove_file(entry.path()) {
                tracing::warn!(%error, file = %entry.path().display(), "could not remove an old day of counts");
            }
        }
    }
    // The temporaries of a write a crash interrupted carry no day; one
    // younger than a flush interval may be a write under way.
    infostand_content::durable::remove_stale_temporaries(dir, FLUSH_INTERVAL, SystemTime::now());
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use std::fs;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("the folder lists")
            .flatten()
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn days_older_than_the_retention_are_removed() {
        let dir = tempfile::tempdir().expect("a temporary directory for the test");
        let today = date(2027, 6, 1);
        let kept = today
            .checked_sub(RETENTION_DAYS.days())
            .expect("a real day");
        let gone = kept.yesterday().expect("a real day");
        for name in [
            format!("{kept}.json"),
            format!("{gone}.json"),
            format!("{gone}.json.unreadable"),
            "notes.txt".to_owned(),
        ] {
            fs::write(dir.path().join(name), b"{}").expect("the test can write");
        }
        prune(dir.path(), today);
        assert_eq!(
            names(dir.path()),
            [format!("{kept}.json"), "notes.txt".to_owned()],
            "the day {RETENTION_DAYS} days back is kept, the day before it and its set-aside copy go, other files stay"
        );
    }

    #[test]
    fn a_missing_folder_is_nothing_to_prune() {
        let dir = tempfile::tempdir().expect("a temporary directory for the test");
        prune(&dir.path().join("stats"), date(2027, 6, 1));
        assert!(
            !dir.path().join("stats").exists(),
            "pruning before the first flush neither fails nor makes the folder"
        );
    }
}
