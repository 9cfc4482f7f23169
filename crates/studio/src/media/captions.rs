//! Captions: a WebVTT file (`.vtt`), checked, or a SubRip file (`.srt`),
//! converted to WebVTT, the only captions a kiosk's player reads.
//!
//! Both are parsed with the `subtp` crate (a PEG grammar for each format;
//! its errors give the line and column where the file stops making sense),
//! and then held to what a player needs: times that are real clock times
//! (minutes and seconds under 60), every cue ending after it starts, and
//! cues in the order they are shown. A broken file is refused with its
//! line number, never half converted.
//!
//! Converting keeps each cue's number, times and lines; SubRip's `<i>`,
//! `<b>` and `<u>` stay (WebVTT has them), `<font>` tags and `{\an8}`-style
//! positioning codes are dropped (WebVTT has neither), and a `<` or `&`
//! that is text is escaped, as WebVTT requires. The file must be UTF-8
//! (a byte order mark is skipped; Windows line ends are fine).

use std::path::Path;

use serde::Serialize;
use subtp::srt::{SrtTimestamp, SubRip};
use subtp::vtt::{VttBlock, VttCue, VttHeader, VttTimestamp, VttTimings, WebVtt};

use crate::error::{Error, Result};
use crate::limits::MAX_CAPTION_BYTES;

/// The UTF-8 byte order mark some editors (Windows Notepad) write first.
const BOM: char = '\u{feff}';

/// Tags WebVTT and SubRip share, kept when converting.
const KEPT_TAGS: [&str; 3] = ["i", "b", "u"];

/// Captions ready for a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Captions {
    /// The WebVTT text to store.
    #[serde(skip)]
    pub vtt: String,
    /// How many cues it has.
    pub cues: usize,
    /// Whether it was converted from SubRip.
    pub converted: bool,
}

/// Reads the captions file at `path`: `.vtt` is checked and kept as it
/// is (without a byte order mark), `.srt` is converted.
///
/// # Errors
/// [`Error::FileTooLarge`] over [`MAX_CAPTION_BYTES`]; [`Error::Captions`]
/// naming the line of the first problem; another extension is refused.
pub fn read(path: &Path) -> Result<Captions> {
    crate::media::checked_size(
        path,
        MAX_CAPTION_BYTES,
        "captions",
        "check that this is the captions file and not the film",
    )?;
    let bytes = std::fs::read(path).map_err(crate::error::io("read", path))?;
    let text = utf8(path, &bytes)?;
    let extension = path
        .extension()
        .map(|extension| extension.to_string_lossy().to_lowercase());
    match extension.as_deref() {
        Some("vtt") => check_vtt(path, text),
        Some("srt") => convert_srt(path, text),
        _ => Err(refused(
            path,
            None,
            "captions must be a WebVTT (.vtt) or SubRip (.srt) file".into(),
        )),
    }
}

fn utf8<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.strip_prefix(BOM).unwrap_or(text)),
        Err(error) => {
            let line = 1 + bytes[..error.valid_up_to()]
                .iter()
                .filter(|&&byte| byte == b'\n')
                .count();
            Err(refused(
                path,
                Some(line),
                "the file is not UTF-8 text; open it in a text editor and save it as UTF-8".into(),
            ))
        }
    }
}

fn check_vtt(path: &Path, text: &str) -> Result<Captions> {
    let vtt =
        WebVtt::parse(&with_final_newline(text)).map_err(|error| parse_error(path, &error))?;
    let times: Vec<(VttTimestamp, VttTimestamp)> = vtt
        .blocks
        .iter()
        .filter_map(|block| match block {
            VttBlock::Que(cue) => Some((cue.timings.start, cue.timings.end)),
            _ => None,
        })
        .collect();
    let spans: Vec<(u64, u64)> = times
        .iter()
        .map(|(start, end)| (vtt_millis(start), vtt_millis(end)))
        .collect();
    let clock_ok = times.iter().all(|(start, end)| {
        real_clock(start.minutes, start.seconds) && real_clock(end.minutes, end.seconds)
    });
    check_cues(path, text, &spans, clock_ok)?;
    Ok(Captions {
        vtt: text.to_owned(),
        cues: spans.len(),
        converted: false,
    })
}

fn convert_srt(path: &Path, text: &str) -> Result<Captions> {
    let srt =
        SubRip::parse(&with_final_newline(text)).map_err(|error| parse_error(path, &error))?;
    let spans: Vec<(u64, u64)> = srt
        .subtitles
        .iter()
        .map(|cue| (srt_millis(&cue.start), srt_millis(&cue.end)))
        .collect();
    let clock_ok = srt.subtitles.iter().all(|cue| {
        real_clock(cue.start.minutes, cue.start.seconds)
            && real_clock(cue.end.minutes, cue.end.seconds)
    });
    check_cues(path, text, &spans, clock_ok)?;
    let blocks = srt
        .subtitles
        .iter()
        .map(|cue| {
            VttBlock::Que(VttCue {
                identifier: Some(cue.sequence.to_string()),
                timings: VttTimings {
                    start: to_vtt(&cue.start),
                    end: to_vtt(&cue.end),
                },
                settings: None,
                payload: cue.text.iter().map(|line| payload(line)).collect(),
            })
        })
        .collect();
    let vtt = WebVtt {
        header: VttHeader::default(),
        blocks,
    }
    .render();
    // What we wrote must read back as WebVTT, as a player will read it.
    WebVtt::parse(&vtt).map_err(|error| parse_error(path, &error))?;
    Ok(Captions {
        vtt,
        cues: spans.len(),
        converted: true,
    })
}

/// Holds cue times to what a player needs, naming the cue's timing line.
fn check_cues(path: &Path, text: &str, spans: &[(u64, u64)], clock_ok: bool) -> Result<()> {
    if spans.is_empty() {
        return Err(refused(path, None, "the file has no captions in it".into()));
    }
    let timing_lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| line.contains("-->"))
        .map(|(at, _)| at + 1)
        .collect();
    if !clock_ok {
        return Err(refused(
            path,
            None,
            "a time has 60 or more minutes or seconds".into(),
        ));
    }
    let mut previous_start = 0;
    for (n, &(start, end)) in spans.iter().enumerate() {
        let line = timing_lines.get(n).copied();
        if end <= start {
            return Err(refused(
                path,
                line,
                "this caption ends before it starts".into(),
            ));
        }
        if start < previous_start {
            return Err(refused(
                path,
                line,
                "this caption starts before the one above it; captions must be in time order"
                    .into(),
            ));
        }
        previous_start = start;
    }
    Ok(())
}

/// A SubRip line as a WebVTT cue line.
fn payload(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '{' && rest.starts_with("{\\") {
            // An ASS positioning code such as {\an8}: no WebVTT equivalent.
            match rest.find('}') {
                Some(end) => rest = &rest[end + 1..],
                None => rest = "",
            }
            continue;
        }
        if c == '<' {
            if let Some(end) = rest.find('>') {
                let tag = &rest[1..end];
                let name = tag.trim_start_matches('/').trim().to_lowercase();
                if KEPT_TAGS.contains(&name.as_str()) {
                    out.push_str(&rest[..=end].to_lowercase());
                    rest = &rest[end + 1..];
                    continue;
                }
                if name.starts_with("font") {
                    rest = &rest[end + 1..];
                    continue;
                }
            }
            out.push_str("&lt;");
        } else if c == '&' {
            out.push_str("&amp;");
        } else if c == '>' {
            out.push_str("&gt;");
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn real_clock(minutes: u8, seconds: u8) -> bool {
    minutes < 60 && seconds < 60
}

fn srt_millis(at: &SrtTimestamp) -> u64 {
    millis(at.hours, at.minutes, at.seconds, at.milliseconds)
}

fn vtt_millis(at: &VttTimestamp) -> u64 {
    millis(at.hours, at.minutes, at.seconds, at.milliseconds)
}

fn millis(hours: u8, minutes: u8, seconds: u8, milliseconds: u16) -> u64 {
    ((u64::from(hours) * 60 + u64::from(minutes)) * 60 + u64::from(seconds)) * 1000
        + u64::from(milliseconds)
}

fn to_vtt(at: &SrtTimestamp) -> VttTimestamp {
    VttTimestamp {
        hours: at.hours,
        minutes: at.minutes,
        seconds: at.seconds,
        milliseconds: at.milliseconds,
    }
}

/// The grammars want every line, the last included, to end.
fn with_final_newline(text: &str) -> String {
    let mut text = text.replace("\r\n", "\n");
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// A parser's error as the line it names (`subtp` reports `line:column`).
fn parse_error(path: &Path, error: &subtp::ParseError) -> Error {
    let line = error
        .location
        .split(':')
        .next()
        .and_then(|line| line.parse().ok());
    refused(
        path,
        line,
        format!(
            "this line is not what the format expects here (expected {})",
            error.expected
        ),
    )
}

fn refused(path: &Path, line: Option<usize>, problem: String) -> Error {
    Error::Captions {
        path: path.to_path_buf(),
        line,
        problem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("the test can write");
        path
    }

    #[test]
    fn the_campaigns_captions_are_valid_webvtt() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for film in 1..=4 {
            for language in ["sv", "en"] {
                let url = format!("media/film-{film}.{language}.vtt");
                let bytes = infostand_pack::media(&url).expect("every example film has captions");
                let text = String::from_utf8(bytes.into_owned()).expect("captions are UTF-8");
                let path = write(dir.path(), "c.vtt", &text);
                let captions = read(&path).unwrap_or_else(|error| panic!("{url}: {error}"));
                assert!(captions.cues > 3, "{url} has its sentences as cues");
                assert_eq!(
                    captions.vtt, text,
                    "{url}: a valid WebVTT file is kept as it is"
                );
            }
        }
    }

    #[test]
    fn subrip_becomes_webvtt() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = write(
            dir.path(),
            "c.srt",
            "1\r\n00:00:01,000 --> 00:00:02,500\r\n{\\an8}<i>Kursiv</i> & <font color=\"red\">röd</font> a < b\r\n",
        );
        let captions = read(&path).expect("a small valid SubRip file converts");
        assert_eq!(
            captions.vtt,
            "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.500\n<i>Kursiv</i> &amp; röd a &lt; b\n",
            "times take WebVTT's dot, shared tags stay, the rest is dropped or escaped; no final newline is needed"
        );
        assert!(captions.converted, "the result says it was converted");
    }

    #[test]
    fn broken_times_name_their_line() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let backwards = write(
            dir.path(),
            "b.srt",
            "1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\n00:00:05,000 --> 00:00:04,000\nB\n",
        );
        let error = read(&backwards).expect_err("a cue ending before it starts is broken");
        assert!(
            matches!(error, Error::Captions { line: Some(6), .. }),
            "the second cue's timing line is line 6: {error}"
        );
        let latin1 = dir.path().join("l.srt");
        std::fs::write(&latin1, b"1\n00:00:01,000 --> 00:00:02,000\nh\xe4r\n")
            .expect("the test can write");
        let error = read(&latin1).expect_err("Latin-1 text is not UTF-8");
        assert!(
            matches!(error, Error::Captions { line: Some(3), .. })
                && error.to_string().contains("UTF-8"),
            "the message names the line and says to save as UTF-8: {error}"
        );
    }
}
