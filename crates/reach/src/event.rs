//! What is counted: a closed set of event kinds, each with at most one
//! value saying which (a language, a screen, a film), and the rule that
//! turns whatever a page sends into a value that is safe to keep. Nothing
//! else about an event exists here: no visitor, no time, no order.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The value that stands for every value the rules refuse, and for values
/// beyond the cap of an hour ([`crate::counts::MAX_VALUES_PER_HOUR`]).
pub const OTHER: &str = "other";

/// The longest value kept, in bytes. Film keys are short words
/// (`film-1`); a longer one is not a key the county wrote, and counting
/// it as [`OTHER`] keeps a hostile page from filling the files with text.
pub const MAX_VALUE_BYTES: usize = 64;

/// The kinds of events, in the order reports list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A visitor began: on a kiosk, a touch that ended the attract loop;
    /// in an office, the first interaction after the app started.
    SessionStarted,
    /// A visitor switched the language; the value is the language (`sv`, `en`).
    LanguageChosen,
    /// A screen was shown to a visitor; the value is its name (`start`, `films`, …).
    ScreenViewed,
    /// A visitor started a film; the value is the film's key.
    FilmStarted,
    /// A visitor watched three quarters of a film's length; the value is its key.
    #[serde(rename = "film_watched_75")]
    FilmWatched75,
    /// A film a visitor started played to its end; the value is its key.
    FilmFinished,
    /// A QR code was shown.
    QrShown,
    /// A kiosk nobody touched went back to the start screen.
    IdleReset,
}

impl Kind {
    /// Every kind, in report order.
    pub const ALL: [Self; 8] = [
        Self::SessionStarted,
        Self::LanguageChosen,
        Self::ScreenViewed,
        Self::FilmStarted,
        Self::FilmWatched75,
        Self::FilmFinished,
        Self::QrShown,
        Self::IdleReset,
    ];

    /// The name files, reports and metrics use, e.g. `film_watched_75`.
    pub fn name(self) -> &'static str {
        match self {
            Self::SessionStarted => "session_started",
            Self::LanguageChosen => "language_chosen",
            Self::ScreenViewed => "screen_viewed",
            Self::FilmStarted => "film_started",
            Self::FilmWatched75 => "film_watched_75",
            Self::FilmFinished => "film_finished",
            Self::QrShown => "qr_shown",
            Self::IdleReset => "idle_reset",
        }
    }

    /// The kind named `name` in a file, if there is one.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.name() == name)
    }

    /// Whether events of this kind carry a value (which language, screen
    /// or film).
    pub fn has_value(self) -> bool {
        matches!(
            self,
            Self::LanguageChosen
                | Self::ScreenViewed
                | Self::FilmStarted
                | Self::FilmWatched75
                | Self::FilmFinished
        )
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One thing that happened, as it is counted: its kind and, for kinds that
/// have one, a value the rules accepted (else [`OTHER`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Event {
    kind: Kind,
    value: Option<String>,
}

impl Event {
    /// An event of `kind`. A kind with a value takes `value` if it is
    /// one that may be kept ([`keepable`]), else counts as [`OTHER`]; a
    /// kind without one ignores it.
    pub fn new(kind: Kind, value: Option<&str>) -> Self {
        let value = kind.has_value().then(|| {
            value
                .filter(|value| keepable(value))
                .unwrap_or(OTHER)
                .to_owned()
        });
        Self { kind, value }
    }

    /// An event of a kind without a value.
    pub fn plain(kind: Kind) -> Self {
        Self::new(kind, None)
    }

    /// Its kind.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// Its value, for kinds that have one.
    pub fn value(&self) -> Option<&str> {
        self.value.as_deref()
    }

    pub(crate) fn into_parts(self) -> (Kind, Option<String>) {
        (self.kind, self.value)
    }
}

/// Whether `value` may be kept as a value: not empty, at most
/// [`MAX_VALUE_BYTES`], without surrounding space, and without control
/// characters (which would garble the CLI's table and a CSV cell). What a
/// visitor typed can never reach here: the contract carries only closed
/// enums and the keys of films in the content.
pub fn keepable(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= MAX_VALUE_BYTES
        && value.trim() == value
        && !value.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for kind in Kind::ALL {
            assert_eq!(
                Kind::from_name(kind.name()),
                Some(kind),
                "a file written with {kind} must read back as it"
            );
            assert_eq!(
                serde_json::to_value(kind).expect("a kind serialises"),
                serde_json::Value::from(kind.name()),
                "serde and name() must agree, or files and reports would spell {kind:?} twice"
            );
        }
        assert_eq!(
            Kind::FilmWatched75.name(),
            "film_watched_75",
            "the 75 stands apart, as the contract spells it"
        );
        assert_eq!(Kind::from_name("visitor_id"), None, "no other kind exists");
    }

    #[test]
    fn values_the_rules_refuse_count_as_other() {
        let long = "x".repeat(MAX_VALUE_BYTES + 1);
        for refused in ["", " film-1", "film\n1", "a\u{7}", long.as_str()] {
            assert_eq!(
                Event::new(Kind::FilmStarted, Some(refused)).value(),
                Some(OTHER),
                "{refused:?} is not kept: empty, padded, control characters or too long"
            );
        }
        let longest = "x".repeat(MAX_VALUE_BYTES);
        for kept in ["film-1", "Film om tullen", "åäö", longest.as_str()] {
            assert_eq!(
                Event::new(Kind::FilmStarted, Some(kept)).value(),
                Some(kept),
                "{kept:?} is a key the county may write"
            );
        }
        assert_eq!(
            Event::new(Kind::ScreenViewed, None).value(),
            Some(OTHER),
            "a kind with a value never has none"
        );
    }

    #[test]
    fn kinds_without_a_value_keep_none() {
        assert_eq!(
            Event::new(Kind::SessionStarted, Some("anything")).value(),
            None,
            "a session carries nothing: whatever comes with it is dropped"
        );
    }
}
