//! Plain JSON Feeds (no `_infostand`) from a CMS are news feeds, shown
//! beside the campaign by infostand-news: as a pack they are refused, so
//! one can never take the campaign's place.

use infostand_content::{Error, Pack, Source};

use crate::read_fixture;

#[test]
fn a_plain_json_feed_is_never_a_pack() {
    for name in ["plain/cms-1.1.json", "plain/cms-1.0.json"] {
        let error = Pack::from_json(&read_fixture(name), Source::Feed)
            .expect_err("a CMS's feed would replace the campaign's films, contacts and details");
        assert!(
            matches!(error, Error::MissingExtension),
            "{name}: the refusal must say the extension is missing, got {error}"
        );
        assert!(
            error.to_string().contains("[[news]]"),
            "{name}: the message says what to do instead: {error}"
        );
    }
}
