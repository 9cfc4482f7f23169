//! Editing: what each edit changes and stamps, translations followed per
//! field, Stockholm times read as kiosks read them, the editor's HTML
//! cleaned as kiosks clean it, contacts checked, and undo that survives
//! closing the draft.

use infostand_content::validity::{system_time, Timestamp};
use infostand_content::Language;
use infostand_studio::rich_text::{LinkNote, Removed};
use infostand_studio::{ContactFields, Error, FindingCode, LocalDateTime, Project, VersionPatch};

use super::{campaign, temp, ARTICLE, START_STAMPED};

fn title(text: &str) -> VersionPatch {
    VersionPatch {
        title: Some(text.into()),
        ..VersionPatch::default()
    }
}

fn body(html: &str) -> VersionPatch {
    VersionPatch {
        body_html: Some(html.into()),
        ..VersionPatch::default()
    }
}

fn date(project: &Project, key: &str, language: Language) -> Option<String> {
    project
        .draft()
        .item(key)
        .and_then(|item| item.version(language))
        .and_then(|version| version.date_modified.clone())
}

#[test]
fn an_edit_dates_only_what_changed() {
    let work = temp();
    let (mut project, _clock) = campaign(work.path());
    let untouched_before = project.draft().items[0].clone();
    let english_before = date(&project, ARTICLE, Language::En);
    project
        .update_version(
            ARTICLE,
            Language::Sv,
            title("Rubrik ändrad i ett test (exempel)"),
        )
        .expect("a headline can be changed");
    assert_eq!(
        date(&project, ARTICLE, Language::Sv).as_deref(),
        Some(START_STAMPED),
        "the changed Swedish version is dated at the edit, on the Swedish clock"
    );
    assert_eq!(
        date(&project, ARTICLE, Language::En),
        english_before,
        "the English version did not change, so kiosks keep its date"
    );
    assert_eq!(
        project.draft().items[0],
        untouched_before,
        "other items are not touched"
    );

    let generation = project.generation();
    project
        .update_version(
            ARTICLE,
            Language::Sv,
            title("Rubrik ändrad i ett test (exempel)"),
        )
        .expect("the same headline again is allowed");
    project
        .move_item(ARTICLE, 1)
        .expect("moving to where it is is allowed");
    assert_eq!(
        project.generation(),
        generation,
        "an edit that changes nothing is neither saved nor an undo step"
    );
    project.move_item(ARTICLE, 0).expect("an item can be moved");
    assert_eq!(
        project.texts()[0].key,
        ARTICLE,
        "the article is first among the texts now"
    );
    assert_eq!(
        date(&project, ARTICLE, Language::En),
        english_before,
        "moving is not a change of content: no new date"
    );
}

#[test]
fn translations_report_the_language_behind_until_it_follows() {
    let work = temp();
    let (mut project, clock) = campaign(work.path());
    let behind = |project: &Project| -> Vec<String> {
        project
            .check()
            .into_iter()
            .filter(|finding| finding.code == FindingCode::OlderTranslation)
            .map(|finding| finding.field)
            .collect()
    };
    assert!(
        behind(&project).is_empty(),
        "the campaign's translations match"
    );
    project
        .update_version(
            ARTICLE,
            Language::Sv,
            body("<p>Ny svensk text i ett test (exempel).</p>"),
        )
        .expect("a text can be changed");
    assert_eq!(
        behind(&project),
        [format!("items/{ARTICLE}/body/en")],
        "the English text is now older than the Swedish, and the finding links to it"
    );
    clock.advance(60);
    project
        .update_version(
            ARTICLE,
            Language::En,
            body("<p>New English text in a test (example).</p>"),
        )
        .expect("the translation can follow");
    assert!(
        behind(&project).is_empty(),
        "English followed: nothing is behind"
    );
    project
        .update_version(
            ARTICLE,
            Language::Sv,
            title("Ny rubrik i ett test (exempel)"),
        )
        .expect("a headline can be changed");
    assert_eq!(
        behind(&project),
        [format!("items/{ARTICLE}/title/en")],
        "now the English headline is behind"
    );
    project
        .confirm_translation(ARTICLE)
        .expect("a translation can be confirmed");
    assert!(
        behind(&project).is_empty(),
        "a confirmed translation is not reported"
    );
}

#[test]
fn validity_is_swedish_time_and_kiosks_read_it_so() {
    let work = temp();
    let (mut project, _clock) = campaign(work.path());
    let christmas_eve = LocalDateTime {
        date: "2026-12-24".into(),
        time: Some("15:00".into()),
    };
    let midsummer = LocalDateTime {
        date: "2027-06-25".into(),
        time: Some("12:00".into()),
    };
    project
        .set_validity(ARTICLE, Some(&christmas_eve), Some(&midsummer))
        .expect("a showing time can be set");
    for (_, version) in project
        .draft()
        .item(ARTICLE)
        .expect("the article")
        .versions()
    {
        assert_eq!(
            (
                version.valid_from.as_deref(),
                version.valid_until.as_deref()
            ),
            (
                Some("2026-12-24T15:00:00+01:00"),
                Some("2027-06-25T12:00:00+02:00")
            ),
            "both languages store RFC 3339 with the offset in force: winter +01:00, summer +02:00"
        );
    }
    let view = project
        .texts()
        .into_iter()
        .find(|text| text.key == ARTICLE)
        .expect("listed");
    assert_eq!(
        view.validity.from,
        Some(christmas_eve.clone()),
        "the form shows what was picked"
    );

    let loaded = project.preview().expect("kiosks accept a showing time");
    let shown_at = |instant: &str| {
        let at: Timestamp = instant.parse().expect("a test instant");
        loaded
            .pack
            .present(Language::Sv, system_time(at))
            .articles
            .iter()
            .any(|entry| entry.key == ARTICLE)
    };
    assert!(
        !shown_at("2026-12-24T13:59:59Z"),
        "a second before 15:00 in Stockholm kiosks do not show it"
    );
    assert!(
        shown_at("2026-12-24T14:00:00Z"),
        "from 15:00 in Stockholm kiosks show it"
    );
    assert!(
        !shown_at("2027-06-25T10:00:00Z"),
        "from 12:00 summer time it is gone"
    );

    let error = project
        .set_validity(ARTICLE, Some(&midsummer), Some(&christmas_eve))
        .expect_err("an end before the start is refused");
    assert!(
        matches!(&error, Error::InvalidValue { field, .. } if field == &format!("items/{ARTICLE}/validity")),
        "the refusal names the field: {error}"
    );
}

#[test]
fn the_editors_html_is_stored_as_kiosks_keep_it() {
    let work = temp();
    let (mut project, _clock) = campaign(work.path());
    let cleaned = project
        .update_version(
            ARTICLE,
            Language::Sv,
            body("<h1>Rubrik</h1><p>Läs mer hos <a href=\"www.lansstyrelsen.se\">länsstyrelsen</a>.</p>"),
        )
        .expect("a text with stray markup is accepted")
        .expect("a text was given, so what was removed is reported");
    assert!(
        cleaned
            .removed
            .iter()
            .any(|removed| matches!(removed, Removed::Element { name, .. } if name == "h1")),
        "the editor is told the <h1> is not kept: {:?}",
        cleaned.removed
    );
    assert_eq!(
        cleaned.links,
        [LinkNote::Completed {
            from: "www.lansstyrelsen.se".into(),
            to: "https://www.lansstyrelsen.se".into()
        }],
        "the link without a scheme is completed and the editor is told"
    );
    let stored = project
        .draft()
        .item(ARTICLE)
        .and_then(|item| item.sv.as_ref())
        .map(|version| version.body_html.clone())
        .expect("the article has Swedish");
    assert_eq!(
        stored, cleaned.html,
        "what the Studio shows is what it stores"
    );
    let loaded = project.preview().expect("kiosks accept the text");
    let shown = loaded
        .pack
        .present(Language::Sv, std::time::SystemTime::now())
        .articles
        .iter()
        .find(|entry| entry.key == ARTICLE)
        .map(|entry| entry.html.clone())
        .expect("kiosks show the article");
    assert_eq!(
        shown, stored,
        "kiosks show exactly the stored text, the link included"
    );
    assert!(
        shown.contains("href=\"https://www.lansstyrelsen.se\""),
        "the link works on kiosks"
    );
}

#[test]
fn contacts_are_checked_before_they_are_kept() {
    let work = temp();
    let (mut project, _clock) = campaign(work.path());
    let contact = |phone: &str, email: &str| ContactFields {
        name: "Exempel Exempelsson (testkontakt)".into(),
        role_sv: Some("Exempelroll".into()),
        role_en: Some("Example role".into()),
        phone: Some(phone.into()),
        email: Some(email.into()),
    };
    for (fields, field) in [
        (
            contact("0611-00 00 00", "inte en adress"),
            "contacts/new/email",
        ),
        (
            contact("ring mig", "exempel@example.org"),
            "contacts/new/phone",
        ),
        (
            ContactFields {
                role_sv: None,
                ..contact("0611-00 00 00", "exempel@example.org")
            },
            "contacts/new/role/sv",
        ),
    ] {
        let error = project
            .add_contact(fields)
            .expect_err("a contact kiosks cannot use is refused");
        assert!(
            matches!(&error, Error::InvalidValue { field: at, .. } if at == field),
            "the refusal names {field}: {error}"
        );
    }
    let id = project
        .add_contact(contact("0611-00 00 00", "exempel@example.org"))
        .expect("a contact with phone and e-mail is added");
    assert_eq!(
        id, "exempel-exempelsson-testkontakt",
        "its id comes from the name"
    );
    project
        .move_contact(&id, 0)
        .expect("a contact can be moved");
    assert_eq!(project.contacts()[0].id, id, "the new contact is first");
    assert_eq!(
        project.contacts()[0].phone.as_deref(),
        Some("0611-00 00 00"),
        "the phone is kept as written"
    );
    project
        .remove_contact(&id)
        .expect("a contact can be removed");
    assert!(project.draft().contact(&id).is_none(), "and it is gone");
}

#[test]
fn undo_and_redo_survive_closing_the_draft() {
    let work = temp();
    let (mut project, clock) = campaign(work.path());
    let original = project.draft().clone();
    project
        .update_version(ARTICLE, Language::Sv, title("Första ändringen (exempel)"))
        .expect("an edit");
    let after_first = project.draft().clone();
    clock.advance(60);
    project
        .update_version(ARTICLE, Language::Sv, title("Andra ändringen (exempel)"))
        .expect("a second edit");
    assert_eq!(
        project.undo().expect("the second edit can be undone"),
        "Edit a text",
        "undo says what it took back"
    );
    assert_eq!(
        project.draft(),
        &after_first,
        "undo restores the title and its date exactly"
    );
    let dir = project.dir().to_path_buf();
    drop(project);

    let mut project = Project::open(&dir).expect("the draft opens again").project;
    assert_eq!(project.draft(), &after_first, "the draft is as it was left");
    assert_eq!(
        project.history().undo.as_deref(),
        Some("Edit a text"),
        "the history was kept"
    );
    project
        .redo()
        .expect("the undone edit can be redone after reopening");
    project.undo().expect("and undone again");
    project.undo().expect("the first edit can be undone too");
    assert_eq!(
        project.draft(),
        &original,
        "all the way back to the campaign as it was"
    );
    assert!(
        matches!(project.undo(), Err(Error::NoHistory(_))),
        "nothing is left to undo"
    );
}

#[test]
fn typing_in_one_field_is_one_undo_step() {
    let work = temp();
    let (mut project, clock) = campaign(work.path());
    let original = project.draft().clone();
    for text in ["<p>E</p>", "<p>Ex</p>", "<p>Exempel</p>"] {
        project
            .update_version(ARTICLE, Language::En, body(text))
            .expect("typing saves as it goes");
        clock.advance(1);
    }
    assert_eq!(
        project.history().undo_steps,
        1,
        "a burst of typing in one field is one step"
    );
    project.undo().expect("the burst can be undone");
    assert_eq!(
        project.draft(),
        &original,
        "undo takes back the whole burst"
    );
}

#[test]
fn a_draft_is_made_in_an_empty_folder_and_opened_from_its_own() {
    let work = temp();
    let busy = work.path().join("busy");
    std::fs::create_dir_all(&busy).expect("the test can make a folder");
    std::fs::write(busy.join("letter.odt"), b"someone's work").expect("the test can write");
    let error =
        Project::from_campaign(&busy).expect_err("a folder with other files is not a new draft's");
    assert!(matches!(error, Error::FolderNotEmpty { .. }), "{error}");
    assert_eq!(
        super::names(&busy),
        ["letter.odt"],
        "the folder is left as it was"
    );
    let error = Project::open(&busy).expect_err("a folder without a draft cannot be opened as one");
    assert!(matches!(error, Error::NotADraft { .. }), "{error}");
    let error = Project::from_folder(&busy, &work.path().join("draft")).expect_err("no feed.json");
    assert!(
        matches!(&error, Error::NotAContentFolder { path, .. } if path.ends_with("feed.json")),
        "the message names the missing feed: {error}"
    );
    assert!(
        !work.path().join("draft").exists(),
        "nothing is left of a draft that could not be made"
    );
}
