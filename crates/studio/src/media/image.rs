//! Pictures for articles and posters for films: PNG, JPEG or WebP, known
//! by their bytes with `infer` (as the kiosk's sync knows a news picture),
//! never by the file name, and with dimensions the `imagesize` crate can
//! read from the header (a cut-off or damaged file has none). SVG and GIF
//! are refused: an SVG can carry script, and a poster is a still.
//!
//! The Studio does not take a poster out of a film itself (that needs a
//! video decoder); the editor supplies a picture, for example one ffmpeg
//! made: `ffmpeg -ss 3 -i film.webm -frames:v 1 -q:v 3 poster.jpg`.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use serde::Serialize;

use crate::error::{io, Error, Result};
use crate::limits::MAX_IMAGE_BYTES;

/// The picture types kiosks show, by MIME type, with the file extension
/// the Studio names them with.
pub const IMAGE_TYPES: [(&str, &str); 3] = [
    ("image/jpeg", "jpg"),
    ("image/png", "png"),
    ("image/webp", "webp"),
];

/// How many bytes `infer` needs to know a picture type.
const SNIFF_BYTES: u64 = 64;

/// What a usable picture is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImageInfo {
    /// Its MIME type.
    pub mime_type: String,
    /// The extension it is stored with.
    #[serde(skip)]
    pub extension: &'static str,
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
}

/// Checks the picture at `path`.
///
/// # Errors
/// [`Error::FileTooLarge`] over [`MAX_IMAGE_BYTES`]; [`Error::UnusableImage`]
/// when it is not PNG, JPEG or WebP, or its size cannot be read.
pub fn check(path: &Path) -> Result<ImageInfo> {
    crate::media::checked_size(
        path,
        MAX_IMAGE_BYTES,
        "a picture",
        "save it smaller (a poster or article picture needs at most about 1920 pixels across)",
    )?;
    let mut head = Vec::new();
    File::open(path)
        .and_then(|file| file.take(SNIFF_BYTES).read_to_end(&mut head))
        .map_err(io("read", path))?;
    let found = infer::get(&head);
    let Some((mime_type, extension)) = found.and_then(|kind| {
        IMAGE_TYPES
            .iter()
            .find(|(mime, _)| *mime == kind.mime_type())
            .copied()
    }) else {
        let what = found.map_or_else(
            || "not a picture the Studio recognises".to_owned(),
            |kind| {
                format!(
                    "a {} file ({})",
                    kind.extension().to_uppercase(),
                    kind.mime_type()
                )
            },
        );
        return Err(Error::UnusableImage {
            path: path.to_path_buf(),
            problem: format!("it is {what}"),
        });
    };
    let file = File::open(path).map_err(io("read", path))?;
    let size = imagesize::reader_size(BufReader::new(file)).map_err(|_| Error::UnusableImage {
        path: path.to_path_buf(),
        problem: "its size cannot be read: the file is cut short or damaged".into(),
    })?;
    if size.width == 0 || size.height == 0 {
        return Err(Error::UnusableImage {
            path: path.to_path_buf(),
            problem: "it has no pixels".into(),
        });
    }
    Ok(ImageInfo {
        mime_type: mime_type.to_owned(),
        extension,
        width: size.width,
        height: size.height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_poster_is_known_by_its_bytes() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let poster =
            infostand_pack::media("media/film-1-poster.jpg").expect("the campaign has posters");
        // A misleading name: the bytes decide.
        let path = dir.path().join("poster.png");
        std::fs::write(&path, &poster).expect("the test can write");
        let info = check(&path).expect("the example poster is a JPEG");
        assert_eq!(
            info.mime_type, "image/jpeg",
            "the type comes from the bytes, not the name"
        );
        assert!(info.width > 0 && info.height > 0, "a poster has pixels");
        let cut = dir.path().join("cut.jpg");
        std::fs::write(&cut, &poster[..20]).expect("the test can write");
        assert!(
            matches!(check(&cut), Err(Error::UnusableImage { .. })),
            "a JPEG cut off before its size is refused"
        );
        let svg = dir.path().join("a.svg");
        std::fs::write(&svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
            .expect("the test can write");
        assert!(
            matches!(check(&svg), Err(Error::UnusableImage { .. })),
            "an SVG is refused (it can carry script)"
        );
    }
}
