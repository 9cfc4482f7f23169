//! Films kiosks can play: WebM with VP9 video and, if it has sound, Opus
//! sound — the format of the example films, and what WebKitGTK's GStreamer
//! plugins on every kiosk decode (the packages depend on them).
//!
//! The container is read with the `matroska-demuxer` crate: it reads the
//! EBML header, the tracks and the segment info without loading the film,
//! has no dependencies and no `unsafe`, forbids panics and unwraps in its
//! own code, and bounds element sizes by the stream (0.8). It was chosen
//! over `webm-iterable` (an element iterator: we would rebuild the track
//! list ourselves) and `matroska` (metadata only, and it asserts on odd
//! input). Anything else is refused with the ffmpeg command line that
//! makes a playable copy.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use matroska_demuxer::{Frame, MatroskaFile, TrackEntry, TrackType};
use serde::Serialize;

use crate::error::{io, Error, Result};
use crate::limits::MAX_FILM_BYTES;

/// The EBML document type of a WebM file.
pub const DOC_TYPE: &str = "webm";

/// The Matroska codec id of VP9.
pub const VIDEO_CODEC: &str = "V_VP9";

/// The Matroska codec id of Opus.
pub const AUDIO_CODEC: &str = "A_OPUS";

/// The nanoseconds in a second: Matroska times are counted in nanoseconds
/// times the segment's timestamp scale.
const NANOS_PER_SECOND: f64 = 1_000_000_000.0;

/// What a playable film is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VideoInfo {
    /// Width in pixels.
    pub width: u64,
    /// Height in pixels.
    pub height: u64,
    /// Its length, when the file says.
    pub duration_seconds: Option<f64>,
    /// Whether it has sound.
    pub has_audio: bool,
}

/// Checks that kiosks can play the film at `path`.
///
/// # Errors
/// [`Error::FileTooLarge`] over [`MAX_FILM_BYTES`]; [`Error::UnplayableVideo`]
/// naming what the file is and the ffmpeg command that converts it.
pub fn check(path: &Path) -> Result<VideoInfo> {
    crate::media::checked_size(
        path,
        MAX_FILM_BYTES,
        "a film",
        "convert it at a lower quality (for example with -crf 36 in the ffmpeg command) or shorten it",
    )?;
    let file = File::open(path).map_err(io("read", path))?;
    let mut mkv = match MatroskaFile::open(BufReader::new(file)) {
        Ok(mkv) => mkv,
        Err(_) => {
            return Err(unplayable(
                path,
                format!("it is {}, not WebM", what_it_is(path)),
                Convert::Everything,
            ))
        }
    };
    let videos: Vec<&TrackEntry> = tracks(&mkv, TrackType::Video);
    let audios: Vec<&TrackEntry> = tracks(&mkv, TrackType::Audio);
    let Some(first_video) = videos.first() else {
        return Err(unplayable(
            path,
            "it has no video track".into(),
            Convert::Everything,
        ));
    };
    let bad_video = videos.iter().find(|track| track.codec_id() != VIDEO_CODEC);
    let bad_audio = audios.iter().find(|track| track.codec_id() != AUDIO_CODEC);
    if let Some(track) = bad_video {
        let problem = format!(
            "its video is {}, but kiosks play VP9",
            codec_name(track.codec_id())
        );
        return Err(unplayable(path, problem, Convert::Everything));
    }
    if let Some(track) = bad_audio {
        let problem = format!(
            "its sound is {}, but kiosks play Opus",
            codec_name(track.codec_id())
        );
        return Err(unplayable(path, problem, Convert::Sound));
    }
    let doc_type = mkv.ebml_header().doc_type().to_owned();
    if doc_type != DOC_TYPE {
        let problem = format!(
            "it is a Matroska ({doc_type:?}) file with VP9 and Opus inside; kiosks play it as WebM"
        );
        return Err(unplayable(path, problem, Convert::Container));
    }
    let width = first_video
        .video()
        .map_or(0, |video| video.pixel_width().get());
    let height = first_video
        .video()
        .map_or(0, |video| video.pixel_height().get());
    let duration_seconds = duration(&mkv);
    let has_audio = !audios.is_empty();
    let mut frame = Frame::default();
    if !matches!(mkv.next_frame(&mut frame), Ok(true)) {
        return Err(unplayable(
            path,
            "it holds no readable pictures (the file is cut short or damaged)".into(),
            Convert::Everything,
        ));
    }
    Ok(VideoInfo {
        width,
        height,
        duration_seconds,
        has_audio,
    })
}

fn tracks(mkv: &MatroskaFile<BufReader<File>>, kind: TrackType) -> Vec<&TrackEntry> {
    mkv.tracks()
        .iter()
        .filter(|track| track.track_type() == kind)
        .collect()
}

/// The segment's duration in seconds, when the file gives a sensible one.
fn duration(mkv: &MatroskaFile<BufReader<File>>) -> Option<f64> {
    let ticks = mkv.info().duration()?;
    // Nanoseconds per tick: 1,000,000 in practice, so exact in an f64.
    let scale = mkv.info().timestamp_scale().get() as f64;
    let seconds = ticks * scale / NANOS_PER_SECOND;
    (seconds.is_finite() && seconds > 0.0).then_some(seconds)
}

/// What a file that is not Matroska is, by its bytes.
fn what_it_is(path: &Path) -> String {
    match infer::get_from_path(path) {
        Ok(Some(kind)) if kind.mime_type() == "video/mp4" => "an MP4 video (video/mp4)".into(),
        Ok(Some(kind)) if kind.mime_type() == "video/quicktime" => {
            "a QuickTime video (video/quicktime)".into()
        }
        Ok(Some(kind)) => format!(
            "a {} file ({})",
            kind.extension().to_uppercase(),
            kind.mime_type()
        ),
        _ => "not a video file the Studio recognises".into(),
    }
}

/// A readable name for a Matroska codec id.
fn codec_name(id: &str) -> String {
    let name = match id {
        "V_VP8" => "VP8",
        "V_AV1" => "AV1",
        "V_MPEG4/ISO/AVC" => "H.264",
        "V_MPEGH/ISO/HEVC" => "H.265 (HEVC)",
        "V_THEORA" => "Theora",
        "A_VORBIS" => "Vorbis",
        "A_AAC" => "AAC",
        "A_MPEG/L3" => "MP3",
        "A_AC3" => "AC-3",
        "A_FLAC" => "FLAC",
        other => return format!("{other:?}"),
    };
    format!("{name} ({id})")
}

/// What a copy needs to change.
#[derive(Debug, Clone, Copy)]
enum Convert {
    /// Only the container: the streams are copied as they are.
    Container,
    /// Only the sound: the VP9 video is copied.
    Sound,
    /// Both streams.
    Everything,
}

fn unplayable(path: &Path, problem: String, convert: Convert) -> Error {
    Error::UnplayableVideo {
        path: path.to_path_buf(),
        problem,
        convert: command(path, convert),
    }
}

/// The ffmpeg command line that makes a playable copy beside the file:
/// the settings of the example films and docs/feed-format.md (a keyframe
/// every 2 s at 25 fps, so seeking works; quality-based VP9; Opus 96k).
fn command(path: &Path, convert: Convert) -> String {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = path
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| "film".into());
    let out = if name.to_lowercase().ends_with(".webm") {
        format!("{stem}-vp9.webm")
    } else {
        format!("{stem}.webm")
    };
    let codecs = match convert {
        Convert::Container => "-c copy",
        Convert::Sound => "-c:v copy -c:a libopus -b:a 96k",
        Convert::Everything => {
            "-c:v libvpx-vp9 -b:v 0 -crf 32 -row-mt 1 -g 50 -c:a libopus -b:a 96k"
        }
    };
    format!("ffmpeg -i {} {codecs} {}", quoted(&name), quoted(&out))
}

/// A file name in double quotes, which every shell the editor may use
/// (bash, cmd, PowerShell) reads as one argument.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_converts_beside_the_original() {
        assert_eq!(
            command(Path::new("/home/x/Studentlägenheten.mp4"), Convert::Everything),
            "ffmpeg -i \"Studentlägenheten.mp4\" -c:v libvpx-vp9 -b:v 0 -crf 32 -row-mt 1 -g 50 -c:a libopus -b:a 96k \"Studentlägenheten.webm\"",
            "the documented conversion, run in the film's folder"
        );
        assert_eq!(
            command(Path::new("film.webm"), Convert::Sound),
            "ffmpeg -i \"film.webm\" -c:v copy -c:a libopus -b:a 96k \"film-vp9.webm\"",
            "a WebM with the wrong sound keeps its video, and the copy never overwrites the original"
        );
    }

    #[test]
    fn the_campaign_films_are_playable() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("film-1.webm");
        let bytes = infostand_pack::media("media/film-1.webm").expect("the campaign has film 1");
        std::fs::write(&path, bytes).expect("the test can write");
        let info = check(&path).expect("the example films are in the format kiosks play");
        assert_eq!(
            (info.width, info.height),
            (960, 540),
            "the example films are 960x540"
        );
        assert!(info.has_audio, "the example films have a voice");
        let seconds = info
            .duration_seconds
            .expect("the example films give their length");
        assert!(
            (30.0..=40.0).contains(&seconds),
            "each example film is 30-40 s, got {seconds}"
        );
    }
}
