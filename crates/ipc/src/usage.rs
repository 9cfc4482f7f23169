//! What the page reports of its visitors' use, to be counted per hour
//! (`infostand-reach`): a closed set of events, each with at most a
//! language, a screen's name or a film's key. There is no field for
//! anything else, so nothing about a visitor can cross: no text they
//! typed, no identifier, no time (the backend takes its own clock's hour).

use infostand_content::Language;
use infostand_reach::{Event, Kind};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A screen of the UI, as its router names it; the error and loading
/// screens are not a visitor's choice and are not counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ScreenName {
    /// The start screen.
    Start,
    /// An article.
    Article,
    /// The list of films.
    Films,
    /// One film in the player.
    Film,
    /// How the method works.
    Method,
    /// The contacts and the county's details.
    Contact,
    /// The news beside the campaign.
    News,
    /// One news item.
    NewsItem,
}

impl ScreenName {
    /// The name as the router and the counts spell it, e.g. `news-item`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Start => "start",
            Self::Article => "article",
            Self::Films => "films",
            Self::Film => "film",
            Self::Method => "method",
            Self::Contact => "contact",
            Self::News => "news",
            Self::NewsItem => "news-item",
        }
    }
}

/// One thing a visitor did, to be counted in the current hour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum UsageEvent {
    /// A visitor began: on a kiosk, a touch that ended the attract loop;
    /// in an office, the first interaction after the app started.
    SessionStarted,
    /// The visitor switched to `language`.
    LanguageChosen {
        /// The language chosen.
        language: Language,
    },
    /// A screen was shown to the visitor (once per route change).
    ScreenViewed {
        /// Which screen.
        screen: ScreenName,
    },
    /// The visitor started a film (the attract loop's are not counted).
    FilmStarted {
        /// The film's key in the content.
        film: String,
    },
    /// The visitor watched three quarters of the film's length.
    #[serde(rename = "film_watched_75")]
    FilmWatched75 {
        /// The film's key in the content.
        film: String,
    },
    /// A film the visitor started played to its end.
    FilmFinished {
        /// The film's key in the content.
        film: String,
    },
    /// A QR code was shown.
    QrShown,
    /// The kiosk was left alone and went back to the start screen.
    IdleReset,
}

impl From<&UsageEvent> for Event {
    fn from(event: &UsageEvent) -> Self {
        match event {
            UsageEvent::SessionStarted => Event::plain(Kind::SessionStarted),
            UsageEvent::LanguageChosen { language } => {
                Event::new(Kind::LanguageChosen, Some(language.code()))
            }
            UsageEvent::ScreenViewed { screen } => {
                Event::new(Kind::ScreenViewed, Some(screen.name()))
            }
            UsageEvent::FilmStarted { film } => Event::new(Kind::FilmStarted, Some(film)),
            UsageEvent::FilmWatched75 { film } => Event::new(Kind::FilmWatched75, Some(film)),
            UsageEvent::FilmFinished { film } => Event::new(Kind::FilmFinished, Some(film)),
            UsageEvent::QrShown => Event::plain(Kind::QrShown),
            UsageEvent::IdleReset => Event::plain(Kind::IdleReset),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn samples() -> Vec<UsageEvent> {
        let film = || "film-1".to_owned();
        vec![
            UsageEvent::SessionStarted,
            UsageEvent::LanguageChosen {
                language: Language::En,
            },
            UsageEvent::ScreenViewed {
                screen: ScreenName::NewsItem,
            },
            UsageEvent::FilmStarted { film: film() },
            UsageEvent::FilmWatched75 { film: film() },
            UsageEvent::FilmFinished { film: film() },
            UsageEvent::QrShown,
            UsageEvent::IdleReset,
        ]
    }

    #[test]
    fn each_event_crosses_under_the_name_it_is_counted_by() {
        let events = samples();
        assert_eq!(
            events.len(),
            Kind::ALL.len(),
            "one event in the contract for each kind counted"
        );
        for event in &events {
            let json = serde_json::to_value(event).expect("an event serialises");
            let counted = Event::from(event);
            assert_eq!(
                json["kind"],
                serde_json::Value::from(counted.kind().name()),
                "the page's name for {event:?} and the files' must be one"
            );
            let back: UsageEvent = serde_json::from_value(json).expect("it reads back");
            assert_eq!(&back, event, "what the page sends is what the shell reads");
        }
    }

    #[test]
    fn values_cross_as_the_counts_keep_them() {
        let screen = Event::from(&UsageEvent::ScreenViewed {
            screen: ScreenName::NewsItem,
        });
        assert_eq!(
            screen.value(),
            Some("news-item"),
            "screens by the router's names"
        );
        let language = Event::from(&UsageEvent::LanguageChosen {
            language: Language::Sv,
        });
        assert_eq!(language.value(), Some("sv"), "languages by their codes");
        let long = Event::from(&UsageEvent::FilmStarted {
            film: "x".repeat(1_000),
        });
        assert_eq!(
            long.value(),
            Some(infostand_reach::OTHER),
            "a film key no county would write is counted as other, not kept"
        );
    }

    #[test]
    fn nothing_but_the_closed_set_is_accepted() {
        for json in [
            serde_json::json!({ "kind": "visitor_id", "id": "abc" }),
            serde_json::json!({ "kind": "screen_viewed", "screen": "error" }),
            serde_json::json!({ "kind": "language_chosen", "language": "fi" }),
            serde_json::json!({ "kind": "film_started" }),
        ] {
            assert!(
                serde_json::from_value::<UsageEvent>(json.clone()).is_err(),
                "{json} is no event of the contract"
            );
        }
    }
}
