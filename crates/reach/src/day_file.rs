//! The counts on disk: one JSON file per UTC day in the folder
//! [`FOLDER`] of the data directory, named `YYYY-MM-DD.json`, replaced
//! whole and atomically at every flush. A file holds the day's hours
//! (`"0"` to `"23"`, UTC), in each the count of every kind, split by value
//! for kinds that have one:
//!
//! ```json
//! {
//!   "format": 1,
//!   "day": "2026-12-05",
//!   "hours": {
//!     "13": {
//!       "session_started": 4,
//!       "screen_viewed": { "films": 2, "start": 5 },
//!       "film_started": { "film-1": 1 }
//!     }
//!   }
//! }
//! ```
//!
//! That is everything in it: anyone can open a file and see that nothing
//! there is about a person.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::counts::{Counts, Key};
use crate::error::{io, Error, Result};
use crate::event::{keepable, Kind, OTHER};
use crate::hour::Hour;

/// The folder of the data directory the day files are kept in.
pub const FOLDER: &str = "stats";

/// The format this build writes and reads.
pub const FORMAT: u32 = 1;

/// The largest day file read. The caps keep a file this build writes
/// below about 400 KB (24 hours of every kind at its cap of values); a
/// larger one was not written by it, and is refused rather than read into
/// memory whole.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The file name's extension.
const EXTENSION: &str = ".json";

/// A day file as serde sees it.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DayFile {
    format: u32,
    day: String,
    hours: BTreeMap<u8, BTreeMap<Kind, Tally>>,
}

/// One kind's count in one hour: a number, or a number per value.
#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
enum Tally {
    Total(u64),
    ByValue(BTreeMap<String, u64>),
}

/// Where the counts of the UTC day `day` are kept in `dir`.
pub fn path(dir: &Path, day: Date) -> PathBuf {
    dir.join(format!("{day}{EXTENSION}"))
}

/// The day a file name begins with, for day files and for what pruning
/// removes (`2026-12-05.json`, and a temporary or set-aside file of that
/// day); `None` for any other name.
pub fn day_of(name: &str) -> Option<Date> {
    name.get(.."2026-12-05".len())?.parse().ok()
}

/// The day files in `dir` (none when it does not exist), oldest first.
///
/// # Errors
/// [`Error::Io`] when `dir` exists but cannot be listed.
pub fn list(dir: &Path) -> Result<Vec<(Date, PathBuf)>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(io("list", dir)(error)),
    };
    let mut days: Vec<(Date, PathBuf)> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name();
            let name = name.to_str()?;
            let day = day_of(name)?;
            (path(dir, day).file_name()? == name).then(|| (day, entry.path()))
        })
        .collect();
    days.sort();
    Ok(days)
}

/// The counts kept for `day` in `dir`; none when there is no file.
///
/// # Errors
/// [`Error::Io`] when the file cannot be read, [`Error::Unreadable`] when
/// it is not a day file of this format.
pub fn read(dir: &Path, day: Date) -> Result<Counts> {
    let path = path(dir, day);
    let file = match fs::File::open(&path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Counts::new()),
        Err(error) => return Err(io("open", &path)(error)),
    };
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io("read", &path))?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_FILE_BYTES {
        return Err(unreadable(
            &path,
            format!("it is larger than {MAX_FILE_BYTES} bytes"),
        ));
    }
    decode(&path, day, &bytes)
}

/// Writes `counts` (all of the UTC day `day`) as that day's file in `dir`,
/// atomically: a crash leaves the old file or the new one.
///
/// # Errors
/// [`Error::Write`]; the old file is then untouched.
pub fn write(dir: &Path, day: Date, counts: &Counts) -> Result<()> {
    infostand_content::durable::write_atomically(&path(dir, day), &encode(day, counts))?;
    Ok(())
}

/// The file's bytes for `counts`, the counts of the UTC day `day`.
pub fn encode(day: Date, counts: &Counts) -> Vec<u8> {
    let mut hours: BTreeMap<u8, BTreeMap<Kind, Tally>> = BTreeMap::new();
    for (key, n) in counts.iter() {
        let kinds = hours.entry(key.hour.of_utc_day()).or_default();
        match &key.value {
            None => {
                kinds.insert(key.kind, Tally::Total(n));
            }
            Some(value) => {
                let tally = kinds
                    .entry(key.kind)
                    .or_insert_with(|| Tally::ByValue(BTreeMap::new()));
                if let Tally::ByValue(values) = tally {
                    values.insert(value.clone(), n);
                }
            }
        }
    }
    let file = DayFile {
        format: FORMAT,
        day: day.to_string(),
        hours,
    };
    // Maps with string and integer keys, strings and numbers: this cannot
    // fail to serialise.
    let mut bytes = serde_json::to_vec_pretty(&file).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// The counts in a day file's bytes, checked against every rule a file
/// this build writes keeps.
///
/// # Errors
/// [`Error::Unreadable`] naming `path` and the broken rule.
pub fn decode(path: &Path, day: Date, bytes: &[u8]) -> Result<Counts> {
    let file: DayFile =
        serde_json::from_slice(bytes).map_err(|error| unreadable(path, error.to_string()))?;
    if file.format != FORMAT {
        return Err(unreadable(
            path,
            format!(
                "its format is {}, and this version reads format {FORMAT}",
                file.format
            ),
        ));
    }
    if file.day != day.to_string() {
        return Err(unreadable(
            path,
            format!("it says it holds {}, not {day}", file.day),
        ));
    }
    let mut counts = Counts::new();
    for (hour_of_day, kinds) in file.hours {
        let hour = Hour::on_utc_day(day, hour_of_day)
            .map_err(|_| unreadable(path, format!("it has an hour {hour_of_day}")))?;
        for (kind, tally) in kinds {
            match (kind.has_value(), tally) {
                (false, Tally::Total(n)) => counts.add_key(
                    Key {
                        hour,
                        kind,
                        value: None,
                    },
                    n,
                ),
                (true, Tally::ByValue(values)) => {
                    for (value, n) in values {
                        if value != OTHER && !keepable(&value) {
                            return Err(unreadable(
                                path,
                                format!("{kind} at hour {hour_of_day} has the value {value:?}"),
                            ));
                        }
                        counts.add_key(
                            Key {
                                hour,
                                kind,
                                value: Some(value),
                            },
                            n,
                        );
                    }
                }
                (true, Tally::Total(_)) | (false, Tally::ByValue(_)) => {
                    return Err(unreadable(
                        path,
                        format!("{kind} at hour {hour_of_day} has the wrong shape"),
                    ))
                }
            }
        }
    }
    Ok(counts)
}

fn unreadable(path: &Path, problem: String) -> Error {
    Error::Unreadable {
        path: path.to_path_buf(),
        problem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Event;
    use jiff::civil::date;

    fn sample(day: Date) -> Counts {
        let mut counts = Counts::new();
        let at = |h| Hour::on_utc_day(day, h).expect("a real hour");
        counts.add(at(0), Event::plain(Kind::SessionStarted), 4);
        counts.add(at(13), Event::new(Kind::ScreenViewed, Some("films")), 2);
        counts.add(at(13), Event::new(Kind::ScreenViewed, Some("start")), 5);
        counts.add(
            at(23),
            Event::new(Kind::FilmWatched75, Some("film \"1\", ny")),
            1,
        );
        counts
    }

    #[test]
    fn a_day_round_trips() {
        let day = date(2026, 12, 5);
        let counts = sample(day);
        let bytes = encode(day, &counts);
        let text = String::from_utf8(bytes.clone()).expect("the file is UTF-8");
        assert!(
            text.contains("\"screen_viewed\": {\n        \"films\": 2,"),
            "a person can read the file: {text}"
        );
        assert_eq!(
            decode(Path::new("x.json"), day, &bytes).expect("our own file reads back"),
            counts,
            "every count reads back under its hour, kind and value"
        );
    }

    #[test]
    fn files_that_break_the_rules_are_named_and_refused() {
        let day = date(2026, 12, 5);
        let cases = [
            ("{", "EOF while parsing"),
            (
                r#"{"format":2,"day":"2026-12-05","hours":{}}"#,
                "format is 2",
            ),
            (
                r#"{"format":1,"day":"2026-12-04","hours":{}}"#,
                "not 2026-12-05",
            ),
            (
                r#"{"format":1,"day":"2026-12-05","hours":{"24":{}}}"#,
                "an hour 24",
            ),
            (
                r#"{"format":1,"day":"2026-12-05","hours":{"1":{"session_started":{"x":1}}}}"#,
                "wrong shape",
            ),
            (
                r#"{"format":1,"day":"2026-12-05","hours":{"1":{"film_started":3}}}"#,
                "wrong shape",
            ),
            (
                r#"{"format":1,"day":"2026-12-05","hours":{"1":{"visitor":{"id-7":1}}}}"#,
                "unknown variant",
            ),
            (
                r#"{"format":1,"day":"2026-12-05","hours":{},"ip":"10.0.0.1"}"#,
                "unknown field",
            ),
            (
                r#"{"format":1,"day":"2026-12-05","hours":{"1":{"film_started":{"":1}}}}"#,
                "the value \"\"",
            ),
        ];
        for (text, problem) in cases {
            let error = decode(Path::new("stats/2026-12-05.json"), day, text.as_bytes())
                .expect_err("a file that breaks a rule is not read as counts");
            let message = error.to_string();
            assert!(
                message.contains("stats/2026-12-05.json") && message.contains(problem),
                "the error names the file and what is wrong ({problem}): {message}"
            );
        }
    }

    #[test]
    fn only_day_files_are_listed() {
        let dir = tempfile::tempdir().expect("a temporary directory for the test");
        for name in [
            "2026-12-05.json",
            "2026-12-04.json",
            ".tmp-abc",
            "2026-12-03.json.unreadable",
            "notes.txt",
            "2026-13-01.json",
        ] {
            fs::write(dir.path().join(name), b"{}").expect("the test can write");
        }
        let listed: Vec<Date> = list(dir.path())
            .expect("the folder lists")
            .into_iter()
            .map(|(day, _)| day)
            .collect();
        assert_eq!(
            listed,
            [date(2026, 12, 4), date(2026, 12, 5)],
            "real days named exactly YYYY-MM-DD.json, oldest first"
        );
        assert!(
            list(&dir.path().join("missing"))
                .expect("no folder is no days")
                .is_empty(),
            "before the first flush there is no folder, and no counts"
        );
    }

    #[test]
    fn a_missing_day_is_no_counts_and_an_oversized_one_is_refused() {
        let dir = tempfile::tempdir().expect("a temporary directory for the test");
        let day = date(2026, 12, 5);
        assert!(
            read(dir.path(), day)
                .expect("a missing file reads")
                .is_empty(),
            "a day nobody counted in has no file"
        );
        let big = vec![b' '; usize::try_from(MAX_FILE_BYTES).expect("fits") + 1];
        fs::write(path(dir.path(), day), big).expect("the test can write");
        assert!(
            matches!(read(dir.path(), day), Err(Error::Unreadable { .. })),
            "a file larger than any this build writes is not read into memory"
        );
    }
}
