//! `infostand stats`: the counts a store flushed, read back by the command
//! in each of its formats, and its refusals.

use std::path::Path;
use std::time::SystemTime;

use infostand_reach::{Event, Kind, Store};

use super::{infostand, stderr, stdout};

fn at(text: &str) -> SystemTime {
    let instant: jiff::Timestamp = text.parse().expect("the test's instant parses");
    SystemTime::from(instant)
}

/// Counts over three Stockholm days, flushed as the app flushes them.
fn counted(data: &Path) {
    let store = Store::open(data);
    let now = at("2026-12-06T12:00:00Z");
    // 23:30 UTC on the 4th is 00:30 on the 5th in Stockholm.
    store.count_at(
        Event::plain(Kind::SessionStarted),
        at("2026-12-04T23:30:00Z"),
    );
    store.count_at(
        Event::new(Kind::FilmStarted, Some("film-1")),
        at("2026-12-04T23:40:00Z"),
    );
    store.count_at(
        Event::plain(Kind::SessionStarted),
        at("2026-12-05T10:05:00Z"),
    );
    store.count_at(
        Event::plain(Kind::SessionStarted),
        at("2026-12-05T10:55:00Z"),
    );
    store.count_at(
        Event::new(Kind::LanguageChosen, Some("en")),
        at("2026-12-05T10:20:00Z"),
    );
    store.count_at(Event::plain(Kind::QrShown), at("2026-12-06T09:00:00Z"));
    store.flush_at(now).expect("the test's store flushes");
}

#[test]
fn json_has_a_row_per_hour_and_kind_for_the_days_asked() {
    let data = tempfile::tempdir().expect("a temporary data directory");
    let home = tempfile::tempdir().expect("a temporary home");
    counted(data.path());
    let output = infostand(
        data.path(),
        home.path(),
        &[
            "stats",
            "--from",
            "2026-12-05",
            "--to",
            "2026-12-05",
            "--json",
        ],
    );
    assert!(
        output.status.success(),
        "stats succeeds: {}",
        stderr(&output)
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&output)).expect("--json prints JSON");
    assert_eq!(json["from"], "2026-12-05", "the period asked for");
    let rows = json["rows"].as_array().expect("rows");
    let brief: Vec<(String, String, String, u64)> = rows
        .iter()
        .map(|row| {
            (
                row["hour"].as_str().unwrap_or_default().to_owned(),
                row["event"].as_str().unwrap_or_default().to_owned(),
                row["value"].as_str().unwrap_or("-").to_owned(),
                row["count"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let row = |hour: &str, event: &str, value: &str, count| {
        (hour.to_owned(), event.to_owned(), value.to_owned(), count)
    };
    assert_eq!(
        brief,
        [
            row("2026-12-04T23:00:00Z", "session_started", "-", 1),
            row("2026-12-04T23:00:00Z", "film_started", "film-1", 1),
            row("2026-12-05T10:00:00Z", "session_started", "-", 2),
            row("2026-12-05T10:00:00Z", "language_chosen", "en", 1),
        ],
        "the Stockholm day 2026-12-05 (from 23:00 UTC the day before), both dates included, \
         the 6th left out; one row per hour, kind and value"
    );
}

#[test]
fn csv_and_the_table_cover_every_day_by_default() {
    let data = tempfile::tempdir().expect("a temporary data directory");
    let home = tempfile::tempdir().expect("a temporary home");
    counted(data.path());
    let csv = infostand(data.path(), home.path(), &["stats", "--csv"]);
    assert!(
        csv.status.success(),
        "stats --csv succeeds: {}",
        stderr(&csv)
    );
    let text = stdout(&csv);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0], "hour,day,event,value,count",
        "the documented columns"
    );
    assert_eq!(
        lines.len(),
        1 + 5,
        "a header and every row of every day: {text}"
    );
    assert_eq!(
        lines[5], "2026-12-06T09:00:00Z,2026-12-06,qr_shown,,1",
        "a kind without a value has an empty value cell"
    );
    let table = infostand(data.path(), home.path(), &["stats"]);
    assert!(table.status.success(), "stats succeeds: {}", stderr(&table));
    let text = stdout(&table);
    let days: Vec<&str> = text
        .lines()
        .filter(|line| line.starts_with("2026-"))
        .map(|line| line.split_whitespace().next().unwrap_or_default())
        .collect();
    assert_eq!(
        days,
        ["2026-12-05", "2026-12-06"],
        "a line per Stockholm day with counts, by default: {text}"
    );
}

#[test]
fn wrong_days_are_named_and_exit_with_the_usage_code() {
    let data = tempfile::tempdir().expect("a temporary data directory");
    let home = tempfile::tempdir().expect("a temporary home");
    let wrong = infostand(data.path(), home.path(), &["stats", "--from", "2026-02-30"]);
    assert_eq!(
        wrong.status.code(),
        Some(2),
        "a day not in the calendar is a usage error"
    );
    assert!(
        stderr(&wrong).contains("2026-02-30") && stderr(&wrong).contains("--from"),
        "the error names the day and the option: {}",
        stderr(&wrong)
    );
    let backwards = infostand(
        data.path(),
        home.path(),
        &["stats", "--from", "2026-12-05", "--to", "2026-12-01"],
    );
    assert_eq!(
        backwards.status.code(),
        Some(2),
        "a period ending before it begins is a usage error"
    );
    assert!(
        stderr(&backwards).contains("2026-12-05") && stderr(&backwards).contains("2026-12-01"),
        "the error names both days: {}",
        stderr(&backwards)
    );
    let empty = infostand(data.path(), home.path(), &["stats"]);
    assert!(empty.status.success(), "no counts yet is no error");
    assert!(
        stdout(&empty).contains("No counts"),
        "and says so: {}",
        stdout(&empty)
    );
}
