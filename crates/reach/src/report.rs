//! What `infostand stats` prints: for people, a table with a line per day
//! (as the day falls in Europe/Stockholm) and a column per kind, then the
//! totals by value; for scripts, CSV or JSON with one row per hour, kind
//! and value, with these columns:
//!
//! | column  | what it holds |
//! |---------|---------------|
//! | `hour`  | the start of the UTC hour, RFC 3339: `2026-12-05T13:00:00Z` |
//! | `day`   | the day that hour is in, in Europe/Stockholm: `2026-12-05` |
//! | `event` | the kind: `session_started`, `language_chosen`, `screen_viewed`, `film_started`, `film_watched_75`, `film_finished`, `qr_shown`, `idle_reset` |
//! | `value` | the language, screen or film's key; empty in CSV and `null` in JSON for kinds without one |
//! | `count` | how many in that hour |
//!
//! Rows come oldest hour first, then in the order of the kinds above,
//! then by value. Hours without counts have no rows.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jiff::civil::Date;
use serde::Serialize;

use crate::counts::{Counts, Totals};
use crate::event::Kind;
use crate::hour::TIME_ZONE;

/// The columns of a CSV or JSON row, in order.
pub const COLUMNS: [&str; 5] = ["hour", "day", "event", "value", "count"];

/// One row of the CSV and JSON outputs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// The start of the UTC hour, RFC 3339.
    pub hour: String,
    /// The day the hour is in, in Europe/Stockholm.
    pub day: String,
    /// The kind's name.
    pub event: &'static str,
    /// The value, for kinds that have one.
    pub value: Option<String>,
    /// How many in that hour.
    pub count: u64,
}

/// The JSON document: the period asked for and the rows.
#[derive(Serialize)]
struct Document<'a> {
    time_zone: &'static str,
    from: Option<String>,
    to: Option<String>,
    columns: [&'static str; 5],
    rows: &'a [Row],
}

/// Every count as a row.
pub fn rows(counts: &Counts) -> Vec<Row> {
    counts
        .iter()
        .map(|(key, count)| Row {
            hour: key.hour.start().to_string(),
            day: key.hour.local_day().to_string(),
            event: key.kind.name(),
            value: key.value.clone(),
            count,
        })
        .collect()
}

/// The counts as CSV, with a header line of [`COLUMNS`].
pub fn csv(counts: &Counts) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing to memory only fails on an I/O error, which a Vec never has.
    let _ = writer.write_record(COLUMNS);
    for row in rows(counts) {
        let count = row.count.to_string();
        let _ = writer.write_record([
            row.hour.as_str(),
            row.day.as_str(),
            row.event,
            row.value.as_deref().unwrap_or(""),
            count.as_str(),
        ]);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The counts as a JSON document: `time_zone`, the `from` and `to` days
/// asked for (`null` when open), `columns` and `rows`.
pub fn json(counts: &Counts, from: Option<Date>, to: Option<Date>) -> String {
    let rows = rows(counts);
    let document = Document {
        time_zone: TIME_ZONE,
        from: from.map(|day| day.to_string()),
        to: to.map(|day| day.to_string()),
        columns: COLUMNS,
        rows: &rows,
    };
    // Strings and numbers only: this cannot fail.
    serde_json::to_string_pretty(&document).unwrap_or_default()
}

/// The column headings of the table, one per kind in [`Kind::ALL`]'s order.
fn heading(kind: Kind) -> &'static str {
    match kind {
        Kind::SessionStarted => "sessions",
        Kind::LanguageChosen => "languages",
        Kind::ScreenViewed => "screens",
        Kind::FilmStarted => "films started",
        Kind::FilmWatched75 => "past 75 %",
        Kind::FilmFinished => "finished",
        Kind::QrShown => "QR codes",
        Kind::IdleReset => "idle resets",
    }
}

/// The counts as a table for people: a line per day with counts (in
/// Europe/Stockholm), a column per kind, a total line, then each value's
/// total over the whole period.
pub fn table(counts: &Counts) -> String {
    if counts.is_empty() {
        return "No counts are kept for these days.\n".to_owned();
    }
    let mut days: BTreeMap<Date, Totals> = BTreeMap::new();
    for (key, n) in counts.iter() {
        days.entry(key.hour.local_day())
            .or_default()
            .add(key.kind, key.value.as_deref(), n);
    }
    let all = counts.totals();
    let mut out = format!("Counts per day in {TIME_ZONE}\n\n");
    let mut line = format!("{:<10}", "day");
    for kind in Kind::ALL {
        let _ = write!(line, "  {}", heading(kind));
    }
    let _ = writeln!(out, "{}", line.trim_end());
    let mut add_line = |label: String, totals: &Totals| {
        let mut line = format!("{label:<10}");
        for kind in Kind::ALL {
            let _ = write!(
                line,
                "  {:>width$}",
                totals.of_kind(kind),
                width = heading(kind).len()
            );
        }
        let _ = writeln!(out, "{line}");
    };
    for (day, totals) in &days {
        add_line(day.to_string(), totals);
    }
    add_line("total".to_owned(), &all);
    let by_value: Vec<(Kind, &str, u64)> = all
        .iter()
        .filter_map(|((kind, value), n)| Some((kind, value?, n)))
        .collect();
    if !by_value.is_empty() {
        let width = by_value
            .iter()
            .map(|(_, value, _)| value.chars().count())
            .max()
            .unwrap_or(0);
        let _ = writeln!(out, "\nBy value, all these days:");
        for (kind, value, n) in by_value {
            let _ = writeln!(out, "  {:<16} {value:<width$}  {n:>8}", kind.name());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Event;
    use crate::hour::Hour;

    fn at(text: &str) -> Hour {
        Hour::containing(text.parse().expect("the test's instant parses"))
    }

    fn sample() -> Counts {
        let mut counts = Counts::new();
        counts.add(
            at("2026-12-04T23:10:00Z"),
            Event::plain(Kind::SessionStarted),
            2,
        );
        counts.add(
            at("2026-12-04T23:20:00Z"),
            Event::new(Kind::FilmStarted, Some("film, \"ett\"")),
            1,
        );
        counts.add(
            at("2026-12-05T09:00:00Z"),
            Event::new(Kind::LanguageChosen, Some("en")),
            3,
        );
        counts
    }

    #[test]
    fn csv_has_a_row_per_hour_kind_and_value_with_quoted_values() {
        let text = csv(&sample());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            [
                "hour,day,event,value,count",
                "2026-12-04T23:00:00Z,2026-12-05,session_started,,2",
                "2026-12-04T23:00:00Z,2026-12-05,film_started,\"film, \"\"ett\"\"\",1",
                "2026-12-05T09:00:00Z,2026-12-05,language_chosen,en,3",
            ],
            "the documented columns; 23:00 UTC is already the 5th in Stockholm; a film key with a comma and quotes stays one cell"
        );
    }

    #[test]
    fn json_carries_the_period_and_the_same_rows() {
        let text = json(&sample(), Some(Date::constant(2026, 12, 5)), None);
        let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(
            value["time_zone"], "Europe/Stockholm",
            "days are Stockholm days"
        );
        assert_eq!(value["from"], "2026-12-05", "the first day asked for");
        assert!(value["to"].is_null(), "an open end is null");
        assert_eq!(
            value["rows"][0],
            serde_json::json!({
                "hour": "2026-12-04T23:00:00Z",
                "day": "2026-12-05",
                "event": "session_started",
                "value": null,
                "count": 2
            }),
            "a kind without a value has value null"
        );
        assert_eq!(
            value["rows"].as_array().map(Vec::len),
            Some(3),
            "one row per hour, kind and value"
        );
    }

    #[test]
    fn the_table_has_a_line_per_stockholm_day_and_totals_by_value() {
        let text = table(&sample());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[2],
            "day         sessions  languages  screens  films started  past 75 %  finished  QR codes  idle resets",
            "a column per kind: {text}"
        );
        assert_eq!(
            lines[3],
            "2026-12-05         2          3        0              1          0         0         0            0",
            "both hours fall on the 5th in Stockholm, numbers under their headings: {text}"
        );
        assert!(
            lines[4].starts_with("total ") && lines.len() > 6,
            "a total line, then values: {text}"
        );
        let by_value: Vec<Vec<&str>> = lines
            .iter()
            .skip_while(|line| !line.starts_with("By value"))
            .skip(1)
            .map(|line| line.split_whitespace().collect())
            .collect();
        assert_eq!(
            by_value,
            [
                vec!["language_chosen", "en", "3"],
                vec!["film_started", "film,", "\"ett\"", "1"]
            ],
            "each value's total over the period, in the order of the kinds: {text}"
        );
        assert_eq!(
            table(&Counts::new()),
            "No counts are kept for these days.\n",
            "an empty period says so rather than printing an empty table"
        );
    }
}
