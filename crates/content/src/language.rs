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

    /// The language a feed's language tag names, if the app is offered in
    /// it. Tags are read by their primary subtag, as RFC 5646 has them:
    /// `sv`, `sv-SE` and `SV` are all Swedish.
    pub fn from_code(code: &str) -> Option<Self> {
        let primary = code.trim().split(['-', '_']).next()?;
        if primary.eq_ignore_ascii_case("sv") {
            Some(Self::Sv)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Self::En)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_read_by_their_primary_subtag() {
        for (tag, expected) in [
            ("sv", Some(Language::Sv)),
            ("sv-SE", Some(Language::Sv)),
            ("SV-se", Some(Language::Sv)),
            ("en-GB", Some(Language::En)),
            ("en_US", Some(Language::En)),
            ("fi", None),
            ("svenska", None),
            ("", None),
        ] {
            assert_eq!(
                Language::from_code(tag),
                expected,
                "JSON Feed 1.1 asks for RFC 5646 tags; WordPress writes sv-SE: {tag:?}"
            );
        }
    }
}
