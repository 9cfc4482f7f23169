//! Every limit the Studio enforces, in one place, each with where it comes
//! from. Where a kiosk enforces a limit, the Studio uses the kiosk's own
//! constant, so a draft the Studio accepts is never refused on a stand.
//! Where a kiosk has none (campaign films and captions are capped only by
//! their manifest entry and the free disk), the Studio's own limit is
//! documented as such.

use std::time::Duration;

/// The largest feed document a kiosk loads (16 MiB): the loader's own
/// constant. The checks run the loader, which refuses a larger draft.
pub use infostand_content::pack::MAX_FEED_BYTES;

/// The largest text body (`content_html`) a kiosk keeps: the sanitiser's
/// own constant. [`crate::rich_text::clean`] refuses a longer one.
pub use infostand_content::sanitise::MAX_BODY_BYTES;

/// The most tags a text body may have on a kiosk: the sanitiser's own
/// constant. [`crate::rich_text::clean`] refuses a body with more.
pub use infostand_content::sanitise::MAX_BODY_TAGS;

/// The largest picture (article image, film poster): 5 MiB, the limit a
/// kiosk's sync applies to every picture it downloads
/// (`infostand_sync::news::images::MAX_IMAGE_BYTES`; the integration test
/// holds the two equal). A poster of a full-HD frame as JPEG is a few
/// hundred kilobytes.
pub const MAX_IMAGE_BYTES: u64 = 5 * 1024 * 1024;

/// The largest film: 1 GiB, the Studio's own limit (kiosks cap a film only
/// by its manifest entry and their free disk). The example films are under
/// 1 MB for 30–40 seconds at 960×540; a full-HD web film of about
/// 1 Mbit/s reaches 1 GiB after more than two hours. A larger file is
/// almost always an unconverted master, and every kiosk would have to
/// download it.
pub const MAX_FILM_BYTES: u64 = 1024 * 1024 * 1024;

/// The largest captions file (`.vtt` or `.srt`): 1 MiB, the Studio's own
/// limit. Captions of a two-hour film are about 100 KB; the file is read
/// whole to be checked and converted.
pub const MAX_CAPTION_BYTES: u64 = 1024 * 1024;

/// The largest Studio state file read back (`draft.json`,
/// `history.json`, `last-publish.json`): 64 MiB. A draft is about as large
/// as its feed (at most [`MAX_FEED_BYTES`]); its history holds at most
/// [`MAX_UNDO_STEPS`] patches.
pub const MAX_STATE_BYTES: u64 = 64 * 1024 * 1024;

/// How many steps can be undone: 100. Older steps are forgotten (the draft
/// itself is never affected). Each step stores only what changed.
pub const MAX_UNDO_STEPS: usize = 100;

/// Edits of the same field following each other within this time (3 s)
/// are one undo step, so undo takes back a burst of typing rather than a
/// letter.
pub const COALESCE_WINDOW: Duration = Duration::from_secs(3);

/// The shortest password a new signing key may have: 12 characters. The
/// key signs what every kiosk shows; a passphrase of a few words is easy
/// to remember and hard to guess.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// How many hexadecimal digits of a file's SHA-256 go into its media name
/// (12, that is 48 bits): a changed file gets a new name, so a kiosk or a
/// web cache can never serve an old copy under it.
pub const HASH_PREFIX_HEX: usize = 12;

/// The longest file-name stem kept in a media name (before the hash), so
/// names stay readable and far from any file system's limit.
pub const MAX_STEM_CHARS: usize = 40;

/// How many names a refusal lists when a target folder holds other files.
pub const MAX_NAMES_LISTED: usize = 5;
