//! When the kiosk should reload its webview: when WebKit's web process has
//! grown past a limit (a slow leak would otherwise end in a frozen screen
//! days later), or once a day at a quiet hour. Pure: the shell measures the
//! memory and reads the clock, this decides.

use std::fmt;

use jiff::civil::Time;
use jiff::Zoned;

/// Bytes in a mebibyte, for readable log lines.
const MIB: u64 = 1024 * 1024;

/// Days after the last reload's date on which the daily time is looked for.
/// A whole calendar day between the last reload and now always holds the
/// time, so looking further never changes the answer.
const DAYS_TO_LOOK: usize = 3;

/// What reloads the webview.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    /// Reload when the web process uses more than this (PSS, bytes);
    /// `None` never reloads for memory.
    pub memory_limit_bytes: Option<u64>,
    /// Reload once a day when the clock passes this local time; `None`
    /// never reloads on a schedule.
    pub daily_reload: Option<Time>,
}

/// Why the webview is due for a reload, for the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The web process uses more memory than allowed.
    Memory {
        /// What it uses, in bytes.
        used: u64,
        /// The limit, in bytes.
        limit: u64,
    },
    /// The daily reload time has passed since the last reload.
    Daily,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Memory { used, limit } => write!(
                f,
                "the web process uses {} MiB, over the limit of {} MiB",
                used / MIB,
                limit / MIB
            ),
            Reason::Daily => f.write_str("the daily reload time has come"),
        }
    }
}

/// Whether to reload now, and why. Memory comes first: a leak is the more
/// urgent of the two.
///
/// The daily reload is due when its wall-clock time fell in
/// (`last_reload`, `now`], read in `now`'s time zone. A time that does not
/// exist that day (02:30 when the clocks spring forward) counts as the
/// moment just after the gap (03:30), and one that happens twice (02:30
/// when they fall back) as its first occurrence, so it fires exactly once
/// either way. A clock set back before `last_reload` fires nothing until it
/// passes `last_reload` again.
pub fn due(
    policy: &Policy,
    last_reload: &Zoned,
    now: &Zoned,
    web_memory: Option<u64>,
) -> Option<Reason> {
    if let (Some(limit), Some(used)) = (policy.memory_limit_bytes, web_memory) {
        if used > limit {
            return Some(Reason::Memory { used, limit });
        }
    }
    let time = policy.daily_reload?;
    daily_time_passed(time, last_reload, now).then_some(Reason::Daily)
}

/// Whether `time` on some day, in `now`'s zone, lies in (`last`, `now`].
fn daily_time_passed(time: Time, last: &Zoned, now: &Zoned) -> bool {
    if now.timestamp() <= last.timestamp() {
        return false;
    }
    let zone = now.time_zone();
    let last_date = last.with_time_zone(zone.clone()).date();
    std::iter::successors(Some(last_date), |date| date.tomorrow().ok())
        .take(DAYS_TO_LOOK)
        .take_while(|date| *date <= now.date())
        .filter_map(|date| date.to_datetime(time).to_zoned(zone.clone()).ok())
        .any(|at| at.timestamp() > last.timestamp() && at.timestamp() <= now.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GIB: u64 = 1024 * MIB;

    fn at(text: &str) -> Zoned {
        text.parse()
            .unwrap_or_else(|error| panic!("{text} is a valid zoned time: {error}"))
    }

    fn daily(hour: i8, minute: i8) -> Policy {
        Policy {
            memory_limit_bytes: None,
            daily_reload: Some(Time::constant(hour, minute, 0, 0)),
        }
    }

    fn check(policy: &Policy, table: &[(&str, &str, Option<Reason>, &str)]) {
        for &(last, now, expected, why) in table {
            assert_eq!(
                due(policy, &at(last), &at(now), None),
                expected,
                "last reload {last}, now {now}: {why}"
            );
        }
    }

    #[test]
    fn the_daily_time_fires_once_between_reloads() {
        check(
            &daily(4, 0),
            &[
                (
                    "2026-06-01T03:00+02:00[Europe/Stockholm]",
                    "2026-06-01T03:59:59+02:00[Europe/Stockholm]",
                    None,
                    "not yet 04:00",
                ),
                (
                    "2026-06-01T03:00+02:00[Europe/Stockholm]",
                    "2026-06-01T04:00+02:00[Europe/Stockholm]",
                    Some(Reason::Daily),
                    "04:00 itself is due",
                ),
                (
                    "2026-06-01T04:00+02:00[Europe/Stockholm]",
                    "2026-06-01T04:00:01+02:00[Europe/Stockholm]",
                    None,
                    "reloaded at 04:00, so not again",
                ),
                (
                    "2026-06-01T04:05+02:00[Europe/Stockholm]",
                    "2026-06-01T23:59+02:00[Europe/Stockholm]",
                    None,
                    "already reloaded today",
                ),
                (
                    "2026-06-01T05:00+02:00[Europe/Stockholm]",
                    "2026-06-02T03:59+02:00[Europe/Stockholm]",
                    None,
                    "over midnight but before 04:00",
                ),
                (
                    "2026-06-01T05:00+02:00[Europe/Stockholm]",
                    "2026-06-02T04:01+02:00[Europe/Stockholm]",
                    Some(Reason::Daily),
                    "the next morning",
                ),
                (
                    "2026-06-01T23:00+02:00[Europe/Stockholm]",
                    "2026-06-03T01:00+02:00[Europe/Stockholm]",
                    Some(Reason::Daily),
                    "a whole day between",
                ),
                (
                    "2025-01-01T12:00+01:00[Europe/Stockholm]",
                    "2026-06-01T03:00+02:00[Europe/Stockholm]",
                    Some(Reason::Daily),
                    "months without a reload",
                ),
                (
                    "2026-06-02T05:00+02:00[Europe/Stockholm]",
                    "2026-06-01T05:00+02:00[Europe/Stockholm]",
                    None,
                    "the clock went back",
                ),
            ],
        );
    }

    #[test]
    fn the_last_reload_is_read_in_nows_time_zone() {
        check(
            &daily(4, 0),
            &[
                (
                    "2026-06-01T01:30+00:00[UTC]",
                    "2026-06-01T04:10+02:00[Europe/Stockholm]",
                    Some(Reason::Daily),
                    "01:30 UTC is 03:30 in Stockholm, before 04:00",
                ),
                (
                    "2026-06-01T02:30+00:00[UTC]",
                    "2026-06-01T04:10+02:00[Europe/Stockholm]",
                    None,
                    "02:30 UTC is 04:30 in Stockholm, after 04:00",
                ),
            ],
        );
    }

    #[test]
    fn a_time_skipped_by_spring_forward_fires_once_after_the_gap() {
        // 2026-03-29 in Stockholm: 02:00 CET becomes 03:00 CEST, so 02:30
        // does not exist; compatible disambiguation makes it 03:30 CEST.
        check(
            &daily(2, 30),
            &[
                (
                    "2026-03-29T01:00+01:00[Europe/Stockholm]",
                    "2026-03-29T03:29+02:00[Europe/Stockholm]",
                    None,
                    "before 03:30 CEST",
                ),
                (
                    "2026-03-29T01:00+01:00[Europe/Stockholm]",
                    "2026-03-29T03:30+02:00[Europe/Stockholm]",
                    Some(Reason::Daily),
                    "the skipped 02:30 fires at 03:30",
                ),
                (
                    "2026-03-29T03:30+02:00[Europe/Stockholm]",
                    "2026-03-29T23:59+02:00[Europe/Stockholm]",
                    None,
                    "and only once that day",
                ),
                (
                    "2026-03-29T03:30+02:00[Europe/Stockholm]",
                    "2026-03-30T02:30+02:00[Europe/Stockholm]",
                    Some(Reason::Daily),
                    "the next day at 02:30 again",
                ),
                (
                    "2026-03-28T03:00+01:00[Europe/Stockholm]",
                    "2026-03-29T01:59+01:00[Europe/Stockholm]",
                    None,
                    "the day before the change is ordinary",
                ),
            ],
        );
    }

    #[test]
    fn a_time_repeated_by_fall_back_fires_once() {
        // 2026-10-25 in Stockholm: 03:00 CEST becomes 02:00 CET, so 02:30
        // happens twice; the first one counts.
        check(
            &daily(2, 30),
            &[
                (
                    "2026-10-25T02:00+02:00[Europe/Stockholm]",
                    "2026-10-25T02:29+02:00[Europe/Stockholm]",
                    None,
                    "before the first 02:30",
                ),
                (
                    "2026-10-25T02:00+02:00[Europe/Stockholm]",
                    "2026-10-25T02:30+02:00[Europe/Stockholm]",
                    Some(Reason::Daily),
                    "the first 02:30 fires",
                ),
                (
                    "2026-10-25T02:30+02:00[Europe/Stockholm]",
                    "2026-10-25T02:30+01:00[Europe/Stockholm]",
                    None,
                    "the second 02:30 does not fire again",
                ),
                (
                    "2026-10-25T02:31+02:00[Europe/Stockholm]",
                    "2026-10-25T23:00+01:00[Europe/Stockholm]",
                    None,
                    "nor later that day",
                ),
                (
                    "2026-10-25T02:31+02:00[Europe/Stockholm]",
                    "2026-10-26T02:30+01:00[Europe/Stockholm]",
                    Some(Reason::Daily),
                    "the next day, in winter time",
                ),
            ],
        );
    }

    #[test]
    fn memory_over_the_limit_is_due_first() {
        let last = at("2026-06-01T03:00+02:00[Europe/Stockholm]");
        let now = at("2026-06-01T04:30+02:00[Europe/Stockholm]");
        let limit = Some(GIB);
        let both = Policy {
            memory_limit_bytes: limit,
            daily_reload: Some(Time::constant(4, 0, 0, 0)),
        };
        let memory_only = Policy {
            memory_limit_bytes: limit,
            daily_reload: None,
        };
        let table: [(&Policy, Option<u64>, Option<Reason>, &str); 6] = [
            (
                &both,
                Some(2 * GIB),
                Some(Reason::Memory {
                    used: 2 * GIB,
                    limit: GIB,
                }),
                "memory wins over the daily time",
            ),
            (
                &both,
                Some(GIB),
                Some(Reason::Daily),
                "exactly at the limit is not over it",
            ),
            (
                &memory_only,
                Some(GIB + 1),
                Some(Reason::Memory {
                    used: GIB + 1,
                    limit: GIB,
                }),
                "one byte over",
            ),
            (
                &memory_only,
                Some(GIB),
                None,
                "at the limit, and no daily reload",
            ),
            (&memory_only, None, None, "unknown memory never reloads"),
            (
                &daily(4, 0),
                Some(100 * GIB),
                Some(Reason::Daily),
                "no limit, no memory reload",
            ),
        ];
        for (policy, memory, expected, why) in table {
            assert_eq!(due(policy, &last, &now, memory), expected, "{why}");
        }
        assert_eq!(
            due(&Policy::default(), &last, &now, Some(100 * GIB)),
            None,
            "an empty policy never reloads"
        );
    }

    #[test]
    fn reasons_read_well_in_the_log() {
        assert_eq!(
            Reason::Memory {
                used: 1536 * MIB,
                limit: GIB
            }
            .to_string(),
            "the web process uses 1536 MiB, over the limit of 1024 MiB",
            "the log line gives both figures in MiB"
        );
        assert_eq!(
            Reason::Daily.to_string(),
            "the daily reload time has come",
            "the daily reason says so"
        );
    }
}
