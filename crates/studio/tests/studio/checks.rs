//! The checks: nothing on the campaign as it is, and on a content folder
//! with problems exactly the findings a kiosk's behaviour calls for, each
//! linked to its field.

use std::fs;

use infostand_content::Language;
use infostand_studio::{FindingCode, Project, Severity, VersionPatch};
use sha2::{Digest, Sha256};

use super::{campaign, clock, fixture, temp};

#[test]
fn the_campaign_as_it_is_has_nothing_to_report() {
    let work = temp();
    let (project, _clock) = campaign(work.path());
    let findings = project.check();
    assert!(
        findings.is_empty(),
        "the campaign publishes as it is, without warnings: {findings:#?}"
    );
}

/// A draft of the fixture folder with problems, on the test clock.
fn folder_with_problems(dir: &std::path::Path) -> Project {
    let opened = Project::from_folder(&fixture("folder"), &dir.join("draft"))
        .expect("a content folder with problems still opens");
    assert!(
        opened.notes.is_empty(),
        "every item and file has its place: {:?}",
        opened.notes
    );
    let mut project = opened.project;
    project.set_clock(clock());
    project
}

#[test]
fn a_folder_with_problems_is_reported_field_by_field() {
    let work = temp();
    let mut project = folder_with_problems(work.path());
    let mut found: Vec<(Severity, FindingCode, String)> = project
        .check()
        .into_iter()
        .map(|finding| (finding.severity, finding.code, finding.field))
        .collect();
    found.sort_by(|a, b| {
        a.2.cmp(&b.2)
            .then(format!("{:?}", a.1).cmp(&format!("{:?}", b.1)))
    });
    let article = "items/exempel-artikel";
    let expected = [
        (
            Severity::Warning,
            FindingCode::MissingTranslation,
            "contacts/exempel/role/en".to_owned(),
        ),
        (
            Severity::Warning,
            FindingCode::MissingTranslation,
            "items/bara-svenska/en".to_owned(),
        ),
        (
            Severity::Warning,
            FindingCode::NeverShown,
            "items/bara-svenska/validity".to_owned(),
        ),
        (
            Severity::Warning,
            FindingCode::LinkNotHttps,
            format!("{article}/body/sv"),
        ),
        (
            Severity::Warning,
            FindingCode::LinkRemoved,
            format!("{article}/body/sv"),
        ),
        (
            Severity::Warning,
            FindingCode::StrippedMarkup,
            format!("{article}/body/sv"),
        ),
        (
            Severity::Warning,
            FindingCode::OlderTranslation,
            format!("{article}/en"),
        ),
        (
            Severity::Error,
            FindingCode::ImageWithoutAlt,
            format!("{article}/image_alt/en"),
        ),
    ];
    assert_eq!(
        found, expected,
        "each problem once, linked to its field; the kiosk's own drop of the English item is named by its cause, not twice"
    );
    project
        .update_version(
            "exempel-artikel",
            Language::En,
            VersionPatch {
                image_alt: Some("A grey example picture".into()),
                ..VersionPatch::default()
            },
        )
        .expect("the missing text alternative can be written");
    assert!(
        project
            .check()
            .iter()
            .all(|finding| finding.severity == Severity::Warning),
        "with the text alternative written nothing stops publishing"
    );
}

#[test]
fn a_folder_is_read_without_losing_anything() {
    let work = temp();
    let project = folder_with_problems(work.path());
    let entry = project
        .draft()
        .media_entry("media/picture.png")
        .expect("the picture is in the manifest");
    let bytes = fs::read(fixture("folder/media/picture.png")).expect("the fixture is readable");
    assert_eq!(
        (entry.sha256.clone(), entry.size_in_bytes),
        (hex::encode(Sha256::digest(&bytes)), bytes.len() as u64),
        "the placeholder hash and size were replaced with the file's"
    );
    let feed: serde_json::Value =
        serde_json::from_slice(&project.feed_bytes()).expect("the draft's feed is JSON");
    assert_eq!(
        feed["items"][0]["tags"][0], "kept as it is",
        "fields the Studio does not edit are kept"
    );
    assert!(
        feed["items"][2]["content_html"]
            .as_str()
            .is_some_and(|html| html.starts_with("<p>En text")),
        "a plain-text body became the HTML a kiosk would show"
    );
    let source = fs::read(fixture("folder/feed.json")).expect("the fixture is readable");
    assert!(
        String::from_utf8_lossy(&source).contains("\"size_in_bytes\": 0"),
        "the content folder itself is only read, never changed"
    );
}

#[test]
fn a_new_film_says_what_it_still_needs() {
    let work = temp();
    let (mut project, _clock) = campaign(work.path());
    let key = project
        .add_film(
            &fixture("video/example-vp9-opus.webm"),
            "Exempelfilm (testinnehåll)",
        )
        .expect("a playable film")
        .key;
    let about: Vec<(Severity, FindingCode, String)> = project
        .check()
        .into_iter()
        .filter(|finding| finding.field.starts_with(&format!("items/{key}")))
        .map(|finding| (finding.severity, finding.code, finding.field))
        .collect();
    assert_eq!(
        about,
        [
            (Severity::Error, FindingCode::EmptyBody, format!("items/{key}/body/sv")),
            (Severity::Error, FindingCode::FilmWithoutPoster, format!("items/{key}/image")),
            (Severity::Error, FindingCode::FilmWithoutCaptions, format!("items/{key}/captions")),
            (Severity::Warning, FindingCode::MissingTranslation, format!("items/{key}/en")),
        ],
        "a film needs a description (kiosks leave it out without), a poster and captions (every publish's schema \
         requires them), and should have English; the schema's own messages about them are not repeated"
    );
}

#[test]
fn a_document_kiosks_refuse_is_linked_to_the_field_at_fault() {
    let work = temp();
    let folder = work.path().join("folder");
    fs::create_dir_all(&folder).expect("the test can make a folder");
    let mut feed: serde_json::Value =
        serde_json::from_slice(&infostand_pack::feed_json()).expect("the campaign's feed is JSON");
    let contacts = feed["_infostand"]["contacts"]
        .as_array_mut()
        .expect("the campaign has contacts");
    let copy = contacts[0].clone();
    contacts.push(copy);
    fs::write(
        folder.join("feed.json"),
        serde_json::to_vec(&feed).expect("JSON"),
    )
    .expect("the test can write");
    let project = Project::from_folder(&folder, &work.path().join("draft"))
        .expect("the draft opens")
        .project;
    let refusal = project
        .check()
        .into_iter()
        .find(|finding| finding.code == FindingCode::KioskRefuses)
        .expect("kiosks refuse two contacts with one id");
    assert_eq!(
        (refusal.severity, refusal.field.as_str()),
        (Severity::Error, "contacts/anna-karlsson/id"),
        "the loader's own refusal, linked to the repeated contact: {}",
        refusal.message
    );
}
