//! The languages the campaign is offered in, and their codes in feeds.

use serde::{Deserialize, Serialize};

/// A language the app is offered in. Swedish is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Swedish, the campaign's own language.
    #[default]
    Sv,
    /// English, translated for visitors who do not read Swedish.
    En,
}

impl Language {
    /// The code feeds write for the language.
    pub fn code(self) -> &'static str {
        match self {
            Self::Sv => "sv",
            Self::En => "en",
        }
    }

    /// The language a feed's language code names, if the app is offered in
    /// it.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "sv" => Some(Self::Sv),
            "en" => Some(Self::En),
            _ => None,
        }
    }
}
