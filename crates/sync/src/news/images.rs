//! Downloading the pictures news items name into the content-addressed
//! media store, so the loopback media server serves them and the webview
//! never loads anything remote: capped, checked to be a picture by its
//! bytes (not by what the server says), and named by its SHA-256.
//!
//! A picture that cannot be had is no failure of the channel: its item is
//! shown without it, and the report says why.

use infostand_content::store::MediaStore;
use infostand_content::MediaEntry;
use reqwest::Url;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::fetch::{self, Fetcher};

/// The largest picture downloaded: a news photo for a screen is a few
/// hundred kilobytes; anything past this is not meant for a kiosk.
pub const MAX_IMAGE_BYTES: u64 = 5 * 1024 * 1024;

/// The picture formats kept, as their bytes show them: what WebKitGTK
/// shows in `<img>` on every stand. SVG is not among them (it is a
/// document, not a picture).
pub const IMAGE_TYPES: [&str; 4] = ["image/jpeg", "image/png", "image/gif", "image/webp"];

/// Downloads the picture at `address` into `store`.
///
/// # Errors
/// [`Error::InsecureUrl`], a network or HTTP error, [`Error::TooLarge`]
/// past [`MAX_IMAGE_BYTES`], [`Error::InvalidFeed`] when the bytes are not
/// one of [`IMAGE_TYPES`], [`Error::Io`] when the store cannot take it.
pub async fn download(fetcher: &Fetcher, address: &str, store: &MediaStore) -> Result<MediaEntry> {
    let url = Url::parse(address).map_err(|error| Error::InvalidFeed {
        url: address.to_owned(),
        problem: format!("the image address is not a URL: {error}"),
    })?;
    let bytes = fetcher.capped(&url, MAX_IMAGE_BYTES, "the image").await?;
    let mime_type = picture_type(&bytes).ok_or_else(|| Error::InvalidFeed {
        url: fetch::shown(&url),
        problem: format!(
            "the image is not a picture a kiosk shows (kept: {})",
            IMAGE_TYPES.join(", ")
        ),
    })?;
    let entry = MediaEntry {
        url: fetch::shown(&url),
        mime_type: mime_type.to_owned(),
        sha256: hex::encode(Sha256::digest(&bytes)),
        size_in_bytes: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
    };
    if !store.contains(&entry) {
        let store = store.clone();
        let stored = entry.clone();
        tokio::task::spawn_blocking(move || store.put(&stored, &bytes))
            .await
            .map_err(|error| Error::Io {
                action: "store",
                path: std::path::PathBuf::from(&entry.url),
                source: std::io::Error::other(error),
            })?
            .map_err(Error::from_content)?;
    }
    Ok(entry)
}

/// The picture type `bytes` are, by their first bytes, when it is one
/// kept.
pub fn picture_type(bytes: &[u8]) -> Option<&'static str> {
    let kind = infer::get(bytes)?;
    IMAGE_TYPES
        .iter()
        .copied()
        .find(|mime| *mime == kind.mime_type())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_are_known_by_their_bytes() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        let jpeg = b"\xff\xd8\xff\xe0\0\x10JFIF\0";
        assert_eq!(picture_type(png), Some("image/png"), "a PNG signature");
        assert_eq!(picture_type(jpeg), Some("image/jpeg"), "a JPEG signature");
        for (bytes, why) in [
            (
                &b"<svg xmlns='http://www.w3.org/2000/svg'/>"[..],
                "an SVG is a document",
            ),
            (
                &b"<html><body>Not found</body></html>"[..],
                "an error page named .jpg",
            ),
            (&b""[..], "nothing"),
        ] {
            assert_eq!(picture_type(bytes), None, "{why} is no picture");
        }
    }
}
