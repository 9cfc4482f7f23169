//! The default campaign pack, built into the binary so the app shows the
//! campaign with no network and nothing installed beside it.
//!
//! The pack is `content/feed.json` plus the files under `content/media/`,
//! embedded with rust-embed. Every build carries the bytes inside the
//! binary: `debug-embed` is on, so a debug build (the tests, the test's
//! .deb) runs the same content path as a release and does not depend on
//! this checkout. Editing the content therefore needs a rebuild, which
//! `build.rs` makes cargo notice. Tooling kept beside the pack (the scripts
//! that make the example films) is left out.
//!
//! This crate only hands out bytes; `infostand-content` validates them.

#![deny(missing_docs)]

use std::borrow::Cow;

use rust_embed::RustEmbed;

/// The feed document's path inside the pack.
pub const FEED_PATH: &str = "feed.json";

/// The directory the feed's relative media URLs point into.
pub const MEDIA_DIR: &str = "media/";

#[derive(RustEmbed)]
#[folder = "../../content/"]
#[include = "feed.json"]
#[include = "media/*"]
#[exclude = "*.sh"]
struct Content;

/// The pack's feed document.
///
/// Empty only if `content/feed.json` is missing, which the pack's tests and
/// the loader's "the feed document is empty" error both catch.
pub fn feed_json() -> Cow<'static, [u8]> {
    Content::get(FEED_PATH)
        .map(|file| file.data)
        .unwrap_or_default()
}

/// The bytes of a media file, by the relative URL the feed uses for it
/// (e.g. `media/film-1.webm`).
///
/// `None` for anything outside `media/`, including the feed itself and any
/// path that tries to climb out with `..`.
pub fn media(relative_url: &str) -> Option<Cow<'static, [u8]>> {
    let inside_media = relative_url.starts_with(MEDIA_DIR)
        && !relative_url
            .split(['/', '\\'])
            .any(|segment| segment == ".." || segment == ".");
    if !inside_media {
        return None;
    }
    Content::get(relative_url).map(|file| file.data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_feed_and_media_are_embedded() {
        let files: Vec<String> = Content::iter().map(|name| name.into_owned()).collect();
        assert!(
            files.iter().any(|name| name == FEED_PATH),
            "the feed must be embedded, found only {files:?}"
        );
        for name in &files {
            assert!(
                name == FEED_PATH || name.starts_with(MEDIA_DIR),
                "{name} is not part of the pack and must not be embedded"
            );
            assert!(
                !name.ends_with(".sh"),
                "{name} is tooling and must not ship in the binary"
            );
        }
    }

    #[test]
    fn media_refuses_paths_outside_media() {
        for url in [
            FEED_PATH,
            "media/../feed.json",
            "media/./../Cargo.toml",
            "../Cargo.toml",
            "",
        ] {
            assert!(
                media(url).is_none(),
                "{url:?} is not a media file and must not be handed out"
            );
        }
    }
}
