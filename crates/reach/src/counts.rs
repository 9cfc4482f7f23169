//! The counter model: how many times each kind of event (with its value)
//! happened in each UTC hour, and nothing else. There is no key for a
//! visitor, no order among events and no time finer than the hour, so a
//! count cannot be traced back to anybody.
//!
//! Both maps are bounded whatever a page sends: an hour keeps at most
//! [`MAX_VALUES_PER_HOUR`] values of one kind, and all time at most
//! [`MAX_VALUES_IN_TOTALS`]; later values are counted as
//! [`OTHER`]. Counts saturate rather than wrap.

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::event::{Event, Kind, OTHER};
use crate::hour::{Hour, Period};

/// The most values one kind keeps in one hour, `other` not included. The
/// UI has 8 screens, 2 languages and the county's films (4 now); 32 leaves
/// room for a campaign that grows, and bounds what a buggy or hostile page
/// can add to a day file: at most 24 × (3 + 5 × 33) counts.
pub const MAX_VALUES_PER_HOUR: usize = 32;

/// The most values one kind keeps in the all-time totals the metrics
/// show, `other` not included: each is a time series for the county's
/// monitoring, so their number must stay small even over 400 days of a
/// page sending new film keys every hour.
pub const MAX_VALUES_IN_TOTALS: usize = 64;

/// What one count is of: an hour, a kind and, for kinds with one, a value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    /// The UTC hour it happened in.
    pub hour: Hour,
    /// What happened.
    pub kind: Kind,
    /// Which language, screen or film, for kinds that have one.
    pub value: Option<String>,
}

/// Counts per hour, kind and value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    map: BTreeMap<Key, u64>,
}

impl Counts {
    /// No counts.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `n` of `event` in `hour`.
    pub fn add(&mut self, hour: Hour, event: Event, n: u64) {
        let (kind, value) = event.into_parts();
        self.add_key(Key { hour, kind, value }, n);
    }

    /// Adds `n` under `key`, or under `other` when its hour already holds
    /// [`MAX_VALUES_PER_HOUR`] other values of its kind.
    pub fn add_key(&mut self, mut key: Key, n: u64) {
        if is_named(key.value.as_deref())
            && !self.map.contains_key(&key)
            && self.named_values(key.hour, key.kind) >= MAX_VALUES_PER_HOUR
        {
            key.value = Some(OTHER.to_owned());
        }
        let count = self.map.entry(key).or_insert(0);
        *count = count.saturating_add(n);
    }

    /// Adds every count of `other`, under the same cap.
    pub fn merge(&mut self, other: Counts) {
        for (key, n) in other.map {
            self.add_key(key, n);
        }
    }

    /// How many were counted under exactly this hour, kind and value.
    pub fn get(&self, hour: Hour, kind: Kind, value: Option<&str>) -> u64 {
        let key = Key {
            hour,
            kind,
            value: value.map(str::to_owned),
        };
        self.map.get(&key).copied().unwrap_or(0)
    }

    /// Every count, by hour, then kind, then value.
    pub fn iter(&self) -> impl Iterator<Item = (&Key, u64)> {
        self.map.iter().map(|(key, n)| (key, *n))
    }

    /// Whether nothing was counted.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// How many (hour, kind, value) entries there are.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// The distinct hours counted in, oldest first.
    pub fn hours(&self) -> Vec<Hour> {
        let mut hours: Vec<Hour> = self.map.keys().map(|key| key.hour).collect();
        hours.dedup();
        hours
    }

    /// Only the counts of hours in `period`.
    pub fn within(mut self, period: &Period) -> Self {
        self.map.retain(|key, _| period.contains(key.hour));
        self
    }

    /// Removes and returns the counts of `hour`.
    pub fn take_hour(&mut self, hour: Hour) -> Counts {
        let later = self.map.split_off(&Key {
            hour,
            kind: Kind::ALL[0],
            value: None,
        });
        let mut taken = later;
        let rest = taken.split_off(&Key {
            hour: hour.next(),
            kind: Kind::ALL[0],
            value: None,
        });
        self.map.extend(rest);
        Counts { map: taken }
    }

    /// The counts split by the UTC day file each belongs in.
    pub fn by_utc_day(self) -> BTreeMap<Date, Counts> {
        let mut days: BTreeMap<Date, Counts> = BTreeMap::new();
        for (key, n) in self.map {
            days.entry(key.hour.utc_day())
                .or_default()
                .map
                .insert(key, n);
        }
        days
    }

    /// The counts summed over hours, for the all-time totals.
    pub fn totals(&self) -> Totals {
        let mut totals = Totals::default();
        for (key, n) in self.iter() {
            totals.add(key.kind, key.value.as_deref(), n);
        }
        totals
    }

    /// How many named values (not `other`) `kind` has in `hour`.
    fn named_values(&self, hour: Hour, kind: Kind) -> usize {
        let first = Key {
            hour,
            kind,
            value: None,
        };
        self.map
            .range(first..)
            .take_while(|(key, _)| key.hour == hour && key.kind == kind)
            .filter(|(key, _)| is_named(key.value.as_deref()))
            .count()
    }
}

/// Counts summed over all hours: what Prometheus's counters want.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    map: BTreeMap<(Kind, Option<String>), u64>,
}

impl Totals {
    /// Adds `n` of `kind` with `value`, or under `other` when `kind`
    /// already has [`MAX_VALUES_IN_TOTALS`] other values.
    pub fn add(&mut self, kind: Kind, value: Option<&str>, n: u64) {
        let mut key = (kind, value.map(str::to_owned));
        if is_named(value)
            && !self.map.contains_key(&key)
            && self
                .map
                .keys()
                .filter(|(k, v)| *k == kind && is_named(v.as_deref()))
                .count()
                >= MAX_VALUES_IN_TOTALS
        {
            key.1 = Some(OTHER.to_owned());
        }
        let count = self.map.entry(key).or_insert(0);
        *count = count.saturating_add(n);
    }

    /// Adds every total of `other`, under the same cap.
    pub fn merge(&mut self, other: &Totals) {
        for ((kind, value), n) in other.iter() {
            self.add(kind, value, n);
        }
    }

    /// Every total, by kind, then value.
    pub fn iter(&self) -> impl Iterator<Item = ((Kind, Option<&str>), u64)> {
        self.map
            .iter()
            .map(|((kind, value), n)| ((*kind, value.as_deref()), *n))
    }

    /// The total of `kind` with `value`.
    pub fn get(&self, kind: Kind, value: Option<&str>) -> u64 {
        self.map
            .get(&(kind, value.map(str::to_owned)))
            .copied()
            .unwrap_or(0)
    }

    /// The total of `kind` over all its values.
    pub fn of_kind(&self, kind: Kind) -> u64 {
        self.iter()
            .filter(|((k, _), _)| *k == kind)
            .fold(0, |sum, (_, n)| sum.saturating_add(n))
    }

    /// Whether nothing was counted.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// A value that is not the `other` bucket, and so takes a place under the caps.
fn is_named(value: Option<&str>) -> bool {
    value.is_some_and(|value| value != OTHER)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hour(n: i64) -> Hour {
        Hour::containing(
            jiff::Timestamp::from_second(1_796_000_000 + n * 3600).expect("a real instant"),
        )
    }

    fn film(key: &str) -> Event {
        Event::new(Kind::FilmStarted, Some(key))
    }

    #[test]
    fn counts_add_up_per_hour_kind_and_value() {
        let mut counts = Counts::new();
        counts.add(hour(0), film("film-1"), 1);
        counts.add(hour(0), film("film-1"), 2);
        counts.add(hour(0), film("film-2"), 1);
        counts.add(hour(1), film("film-1"), 1);
        counts.add(hour(0), Event::plain(Kind::SessionStarted), 1);
        assert_eq!(
            counts.get(hour(0), Kind::FilmStarted, Some("film-1")),
            3,
            "the same hour, kind and value add up"
        );
        assert_eq!(
            counts.get(hour(1), Kind::FilmStarted, Some("film-1")),
            1,
            "another hour is another count"
        );
        assert_eq!(counts.len(), 4, "one entry per hour, kind and value");
        assert_eq!(
            counts.hours(),
            [hour(0), hour(1)],
            "two hours were counted in"
        );
    }

    #[test]
    fn an_hour_keeps_at_most_the_cap_of_values_and_the_rest_goes_to_other() {
        let mut counts = Counts::new();
        for n in 0..MAX_VALUES_PER_HOUR + 10 {
            counts.add(hour(0), film(&format!("film-{n}")), 1);
        }
        counts.add(hour(0), film("film-0"), 1);
        assert_eq!(
            counts.get(hour(0), Kind::FilmStarted, Some(OTHER)),
            10,
            "the values past the cap are counted, as other"
        );
        assert_eq!(
            counts.get(hour(0), Kind::FilmStarted, Some("film-0")),
            2,
            "a value already kept goes on counting under its name"
        );
        assert_eq!(
            counts.len(),
            MAX_VALUES_PER_HOUR + 1,
            "the hour holds the cap's values and other, however many a page sends"
        );
        counts.add(hour(0), Event::new(Kind::ScreenViewed, Some("start")), 1);
        counts.add(hour(1), film("film-new"), 1);
        assert_eq!(
            counts.get(hour(0), Kind::ScreenViewed, Some("start")),
            1,
            "the cap is per kind: screens still count under their names"
        );
        assert_eq!(
            counts.get(hour(1), Kind::FilmStarted, Some("film-new")),
            1,
            "and per hour: the next hour starts afresh"
        );
    }

    #[test]
    fn merging_keeps_the_cap() {
        let mut on_disk = Counts::new();
        for n in 0..MAX_VALUES_PER_HOUR {
            on_disk.add(hour(0), film(&format!("disk-{n}")), 1);
        }
        let mut pending = Counts::new();
        pending.add(hour(0), film("disk-0"), 5);
        pending.add(hour(0), film("new"), 7);
        on_disk.merge(pending);
        assert_eq!(
            on_disk.get(hour(0), Kind::FilmStarted, Some("disk-0")),
            6,
            "a value on disk adds what was counted since"
        );
        assert_eq!(
            on_disk.get(hour(0), Kind::FilmStarted, Some(OTHER)),
            7,
            "a new value past the file's cap goes to other when merged"
        );
    }

    #[test]
    fn counts_saturate_instead_of_wrapping() {
        let mut counts = Counts::new();
        counts.add(hour(0), Event::plain(Kind::QrShown), u64::MAX - 1);
        counts.add(hour(0), Event::plain(Kind::QrShown), 5);
        assert_eq!(
            counts.get(hour(0), Kind::QrShown, None),
            u64::MAX,
            "a count that would overflow stays at the largest number, never back to a small one"
        );
        let mut totals = counts.totals();
        totals.add(Kind::QrShown, None, 1);
        assert_eq!(
            totals.get(Kind::QrShown, None),
            u64::MAX,
            "totals saturate too"
        );
    }

    #[test]
    fn taking_an_hour_leaves_the_others() {
        let mut counts = Counts::new();
        for n in 0..3 {
            counts.add(hour(n), Event::plain(Kind::IdleReset), 1);
            counts.add(hour(n), film("film-1"), 1);
        }
        let taken = counts.take_hour(hour(1));
        assert_eq!(taken.hours(), [hour(1)], "only that hour is taken");
        assert_eq!(taken.len(), 2, "with every kind counted in it");
        assert_eq!(
            counts.hours(),
            [hour(0), hour(2)],
            "the hours before and after stay"
        );
    }

    #[test]
    fn totals_are_bounded_for_the_metrics() {
        let mut totals = Totals::default();
        for n in 0..MAX_VALUES_IN_TOTALS + 3 {
            totals.add(Kind::FilmFinished, Some(&format!("f{n}")), 2);
        }
        totals.add(Kind::SessionStarted, None, 4);
        assert_eq!(
            totals.get(Kind::FilmFinished, Some(OTHER)),
            6,
            "values past the cap are one series, other"
        );
        assert_eq!(
            totals.of_kind(Kind::FilmFinished),
            2 * (MAX_VALUES_IN_TOTALS as u64 + 3),
            "nothing is lost by the cap, only named less finely"
        );
        assert_eq!(
            totals.get(Kind::SessionStarted, None),
            4,
            "kinds without values"
        );
    }
}
