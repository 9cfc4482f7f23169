//! Where content came from: the one answer the pack, `active.json`,
//! `status.json` and the UI all give.

use serde::{Deserialize, Serialize};

/// Where a pack came from. Written as `"embedded"`, `"feed"` or
/// `"import"` wherever it is stored or shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", ts(rename = "ContentSource"))]
pub enum Source {
    /// The pack built into the binary.
    #[default]
    Embedded,
    /// A feed fetched over the network.
    Feed,
    /// A feed folder imported from disk.
    Import,
}

impl Source {
    /// The word it is written as.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Embedded => "embedded",
            Self::Feed => "feed",
            Self::Import => "import",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_is_the_serialised_form() {
        for source in [Source::Embedded, Source::Feed, Source::Import] {
            assert_eq!(
                serde_json::to_value(source).expect("a source always serialises"),
                serde_json::Value::from(source.as_str()),
                "status.json, active.json and the log must spell {source:?} alike"
            );
        }
    }
}
