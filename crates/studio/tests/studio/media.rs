//! Files in: films kiosks can play under content-derived names with their
//! manifest entries, pictures with their text alternatives, captions from
//! SubRip, and every refusal (unplayable films with how to convert them,
//! broken captions with their line, files over the limits).

use std::fs;
use std::path::Path;

use infostand_content::Language;
use infostand_studio::limits::{MAX_CAPTION_BYTES, MAX_FILM_BYTES, MAX_IMAGE_BYTES};
use infostand_studio::{AltTexts, Error, Project};
use sha2::{Digest, Sha256};

use super::{campaign, fixture, names, sparse, temp, ARTICLE, START_STAMPED};

fn sha256(path: &Path) -> String {
    hex::encode(Sha256::digest(
        fs::read(path).expect("the fixture is readable"),
    ))
}

/// Adds the fixture film and returns its key.
fn add_example_film(project: &mut Project) -> String {
    project
        .add_film(
            &fixture("video/example-vp9-opus.webm"),
            "Exempelfilm (testinnehåll)",
        )
        .expect("a WebM with VP9 and Opus is what kiosks play")
        .key
}

#[test]
fn a_playable_film_comes_in_under_a_name_from_its_content() {
    let work = temp();
    let (mut project, _clock) = campaign(work.path());
    let source = fixture("video/example-vp9-opus.webm");
    let added = project
        .add_film(&source, "Exempelfilm (testinnehåll)")
        .expect("a WebM with VP9 and Opus is what kiosks play");
    assert_eq!(
        (added.video.width, added.video.height, added.video.has_audio),
        (960, 540, true),
        "the film is read from its container"
    );
    let film = project
        .films()
        .into_iter()
        .find(|film| film.key == added.key)
        .expect("the new film is listed with the films");
    let video = film.video.expect("the film has its file");
    let hash = sha256(&source);
    assert_eq!(
        video.url,
        format!("media/example-vp9-opus-{}.webm", &hash[..12]),
        "the name carries the content's hash, so a changed file gets a new name"
    );
    assert_eq!(
        video.duration_seconds,
        Some(2.0),
        "the length is whole seconds, from the container"
    );
    let entry = project
        .draft()
        .media_entry(&video.url)
        .expect("the manifest lists the film");
    assert_eq!(
        (
            entry.sha256.as_str(),
            entry.size_in_bytes,
            entry.mime_type.as_str()
        ),
        (
            hash.as_str(),
            fs::metadata(&source).expect("readable").len(),
            "video/webm"
        ),
        "the manifest entry describes exactly the bytes copied"
    );
    assert_eq!(
        video.size_in_bytes,
        Some(entry.size_in_bytes),
        "the attachment's size is the manifest's"
    );
    assert_eq!(
        sha256(
            &project
                .media_path(&video.url)
                .expect("the draft has the file")
        ),
        hash,
        "the draft's copy is the film"
    );
    let sv = film.sv.expect("a film starts in Swedish");
    assert_eq!(
        sv.date_modified.as_deref(),
        Some(START_STAMPED),
        "a new film is dated at its adding"
    );
}

#[test]
fn a_replaced_film_gets_a_new_name() {
    let work = temp();
    let (mut project, clock) = campaign(work.path());
    let key = add_example_film(&mut project);
    let url = |project: &Project| {
        project
            .films()
            .into_iter()
            .find(|film| film.key == key)
            .and_then(|film| film.video)
            .map(|video| video.url)
    };
    let before = url(&project).expect("the film has its file");
    clock.advance(60);
    let other = work.path().join("exempel.webm");
    fs::write(
        &other,
        infostand_pack::media("media/film-2.webm").expect("the campaign has film 2"),
    )
    .expect("the test can write");
    project
        .replace_video(&key, &other)
        .expect("a playable film replaces the old one");
    let after = url(&project).expect("it still has a file");
    assert!(
        after.starts_with("media/exempel-") && after != before,
        "the replacement has its own content-derived name, never the old one: {after}"
    );
    let film = project
        .films()
        .into_iter()
        .find(|film| film.key == key)
        .expect("listed");
    assert_ne!(
        film.sv.and_then(|sv| sv.date_modified).as_deref(),
        Some(START_STAMPED),
        "a new film file is a change of content, so the date moves on"
    );
}

#[test]
fn films_kiosks_cannot_play_are_refused_with_how_to_convert_them() {
    let work = temp();
    let (mut project, _clock) = campaign(work.path());
    let generation = project.generation();
    let media_before = names(&project.dir().join("media"));
    for (file, found, command) in [
        (
            "video/example-h264.mp4",
            "an MP4 video",
            "ffmpeg -i \"example-h264.mp4\" -c:v libvpx-vp9 -b:v 0 -crf 32 -row-mt 1 -g 50 -c:a libopus -b:a 96k \"example-h264.webm\"",
        ),
        ("video/example-vp8.webm", "its video is VP8", "-c:v libvpx-vp9"),
        (
            "video/example-vp9-vorbis.webm",
            "its sound is Vorbis",
            "ffmpeg -i \"example-vp9-vorbis.webm\" -c:v copy -c:a libopus -b:a 96k \"example-vp9-vorbis-vp9.webm\"",
        ),
        ("image/example-image.png", "a PNG file", "-c:v libvpx-vp9"),
    ] {
        let error = project
            .add_film(&fixture(file), "Ospelbar film (test)")
            .expect_err("kiosks could not play it");
        let message = error.to_string();
        assert!(matches!(error, Error::UnplayableVideo { .. }), "{file}: {message}");
        assert!(message.contains(found), "{file}: the message says what the file is ({found}): {message}");
        assert!(message.contains(command), "{file}: the message gives the command that converts it: {message}");
    }
    assert_eq!(
        project.generation(),
        generation,
        "a refused film changes nothing in the draft"
    );
    assert_eq!(
        names(&project.dir().join("media")),
        media_before,
        "and copies nothing into it"
    );
}

#[test]
fn captions_from_subrip_become_webvtt() {
    let work = temp();
    let (mut project, _clock) = campaign(work.path());
    let key = add_example_film(&mut project);
    let captions = project
        .set_captions(
            &key,
            Language::Sv,
            &fixture("captions/example-captions.sv.srt"),
        )
        .expect("valid SubRip captions are converted");
    assert_eq!(
        (captions.cues, captions.converted),
        (2, true),
        "both cues are converted"
    );
    let film = project
        .films()
        .into_iter()
        .find(|film| film.key == key)
        .expect("listed");
    let track = film.captions.first().expect("the film has its captions");
    assert_eq!(
        (track.language, track.label.as_str()),
        (Language::Sv, "Svenska"),
        "a Swedish track, labelled as the campaign's are"
    );
    assert!(
        track.url.ends_with(".sv.vtt"),
        "stored as WebVTT: {}",
        track.url
    );
    let stored = fs::read_to_string(
        project
            .media_path(&track.url)
            .expect("the draft has the file"),
    )
    .expect("readable");
    assert_eq!(
        stored,
        "WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\nExempelfilm – inte kampanjens film.\n\n2\n00:00:01.000 --> 00:00:02.000\nDrogerna du köper på nätet\nlämnar spår i samhället.\n",
        "the byte order mark and CRLFs are gone, the times use WebVTT's dot"
    );
}

#[test]
fn broken_captions_are_refused_with_their_line() {
    let work = temp();
    let (mut project, _clock) = campaign(work.path());
    let key = add_example_film(&mut project);
    let generation = project.generation();
    let error = project
        .set_captions(&key, Language::Sv, &fixture("captions/broken-captions.srt"))
        .expect_err("a broken timing line is refused");
    assert!(
        matches!(error, Error::Captions { line: Some(6), .. }),
        "the broken line is line 6: {error}"
    );
    assert!(
        error.to_string().contains("line 6"),
        "the message names the line: {error}"
    );
    assert_eq!(
        project.generation(),
        generation,
        "nothing is half converted into the draft"
    );
}

#[test]
fn files_over_the_limits_are_refused_before_they_are_read() {
    let work = temp();
    let (mut project, _clock) = campaign(work.path());
    let key = add_example_film(&mut project);
    let film = work.path().join("huge.webm");
    sparse(&film, MAX_FILM_BYTES + 1);
    let error = project
        .add_film(&film, "För stor (test)")
        .expect_err("a film over the limit");
    assert!(
        matches!(error, Error::FileTooLarge { limit, .. } if limit == MAX_FILM_BYTES),
        "refused for its size: {error}"
    );
    assert!(
        error.to_string().contains(&MAX_FILM_BYTES.to_string()),
        "the message gives the limit: {error}"
    );

    let picture = work.path().join("huge.png");
    sparse(&picture, MAX_IMAGE_BYTES + 1);
    let alt = AltTexts {
        sv: Some("Bild (test)".into()),
        en: None,
    };
    let error = project
        .set_image(&key, &picture, &alt)
        .expect_err("a picture over the limit");
    assert!(
        matches!(error, Error::FileTooLarge { limit, .. } if limit == MAX_IMAGE_BYTES),
        "{error}"
    );

    let captions = work.path().join("huge.srt");
    sparse(&captions, MAX_CAPTION_BYTES + 1);
    let error = project
        .set_captions(&key, Language::Sv, &captions)
        .expect_err("captions over the limit");
    assert!(
        matches!(error, Error::FileTooLarge { limit, .. } if limit == MAX_CAPTION_BYTES),
        "{error}"
    );

    // At the limit the size is fine; these zeros are then refused for what they are.
    sparse(&picture, MAX_IMAGE_BYTES);
    let error = project
        .set_image(&key, &picture, &alt)
        .expect_err("zeros are no picture");
    assert!(
        matches!(error, Error::UnusableImage { .. }),
        "a file at the limit passes the size check: {error}"
    );
}

#[test]
fn a_picture_needs_its_text_alternative_in_every_language() {
    let work = temp();
    let (mut project, _clock) = campaign(work.path());
    let picture = fixture("image/example-image.png");
    let error = project
        .set_image(
            ARTICLE,
            &picture,
            &AltTexts {
                sv: Some("En grå exempelbild".into()),
                en: None,
            },
        )
        .expect_err("the English version would be left out by kiosks without one");
    assert!(
        matches!(&error, Error::InvalidValue { field, .. } if field == &format!("items/{ARTICLE}/image_alt/en")),
        "the refusal links to the missing English text alternative: {error}"
    );
    let info = project
        .set_image(
            ARTICLE,
            &picture,
            &AltTexts {
                sv: Some("En grå exempelbild".into()),
                en: Some("A grey example picture".into()),
            },
        )
        .expect("a PNG with both text alternatives");
    assert_eq!(
        (info.mime_type.as_str(), info.width, info.height),
        ("image/png", 64, 36),
        "read from its header"
    );
    let text = project
        .texts()
        .into_iter()
        .find(|text| text.key == ARTICLE)
        .expect("listed");
    assert!(
        text.image
            .as_deref()
            .is_some_and(|url| url.starts_with("media/example-image-") && url.ends_with(".png")),
        "the picture has a content-derived name: {:?}",
        text.image
    );
    assert_eq!(
        text.en.and_then(|en| en.image_alt).as_deref(),
        Some("A grey example picture"),
        "each language has its own"
    );
}

#[test]
fn the_picture_limit_is_the_kiosks() {
    assert_eq!(
        MAX_IMAGE_BYTES,
        infostand_sync::news::images::MAX_IMAGE_BYTES,
        "the Studio refuses exactly the pictures a kiosk's sync refuses"
    );
}
