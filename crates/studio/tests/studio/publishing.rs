//! Publishing: from the campaign to what a kiosk imports from a USB stick,
//! through the kiosk's own import; and every refusal leaves the target as
//! it was.

use std::fs;
use std::path::{Path, PathBuf};

use infostand_content::feed::Kind;
use infostand_content::Language;
use infostand_studio::{
    create_key, inspect_target, AltTexts, ChangeKind, ContactFields, Error, FindingCode, Password,
    Project, PublishRequest, Severity, VersionPatch,
};
use infostand_sync::{load_active, Outcome, PublicKey, SyncConfig, Syncer};

use super::{campaign, fixture, names, temp, ARTICLE, START_STAMPED};

/// The tests' key password (example only).
const PASSPHRASE: &str = "example passphrase for the tests";

/// A password-protected key pair in `dir/keys`: the secret key's path and
/// the public key.
fn key(dir: &Path) -> (PathBuf, PublicKey) {
    let password = Password::new(PASSPHRASE);
    let made = create_key(&dir.join("keys"), &password, &Password::new(PASSPHRASE))
        .expect("a key pair can be made in a new folder");
    let public = PublicKey::from_base64(&made.public_key).expect("the public key line is a key");
    let text = fs::read_to_string(&made.secret_key_file).expect("the secret key was written");
    assert!(
        text.contains("encrypted"),
        "the Studio's keys are password-protected: {}",
        text.lines().next().unwrap_or("")
    );
    (made.secret_key_file, public)
}

fn publish(
    project: &mut Project,
    target: &Path,
    secret: &Path,
    password: &str,
    revision: Option<u64>,
) -> Result<infostand_studio::PublishReport, Error> {
    let password = Password::new(password);
    project.publish(&PublishRequest {
        target,
        secret_key: secret,
        password: Some(&password),
        revision,
    })
}

fn text(patch_title: Option<&str>, body: &str) -> VersionPatch {
    VersionPatch {
        title: patch_title.map(Into::into),
        body_html: Some(body.into()),
        ..VersionPatch::default()
    }
}

/// The kiosk's own import of `folder` into a fresh data folder trusting
/// `key`: what `infostand import /media/usb/…` does.
fn kiosk_import(folder: &Path, key: &PublicKey) -> infostand_content::Loaded {
    let data = temp();
    let mut config = SyncConfig::new(data.path());
    config.keys = vec![key.clone()];
    config.offline = true;
    let syncer = Syncer::new(config).expect("a kiosk's sync can be set up");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime for the import");
    let outcome = runtime
        .block_on(syncer.import(folder, 1))
        .expect("a kiosk imports what the Studio published");
    assert!(
        matches!(outcome, Outcome::Applied { .. }),
        "the import is applied: {outcome:?}"
    );
    let (loaded, info) = load_active(data.path(), std::slice::from_ref(key))
        .expect("the applied revision is what a kiosk starts with");
    assert!(
        info.signed,
        "the kiosk knows the content is signed by the county's key"
    );
    loaded
}

/// The article edited in Swedish and English.
fn edit_the_article(project: &mut Project) {
    for (language, title, body) in [
        (
            Language::Sv,
            "Rubrik ändrad i ett test (exempel)",
            "<p>Testtext på svenska (exempel).</p>",
        ),
        (
            Language::En,
            "Headline changed in a test (example)",
            "<p>Test text in English (example).</p>",
        ),
    ] {
        project
            .update_version(ARTICLE, language, text(Some(title), body))
            .expect("the article can be edited in both languages");
    }
}

/// A contact with a phone number and an e-mail address; its id.
fn add_the_contact(project: &mut Project) -> String {
    project
        .add_contact(ContactFields {
            name: "Exempel Exempelsson (testkontakt)".into(),
            role_sv: Some("Exempelroll".into()),
            role_en: Some("Example role".into()),
            phone: Some("0611-00 00 00".into()),
            email: Some("exempel@example.org".into()),
        })
        .expect("a contact can be added")
}

/// A film in both languages with a poster and SubRip captions; its key.
fn add_the_film(project: &mut Project) -> String {
    let film = project
        .add_film(
            &fixture("video/example-vp9-opus.webm"),
            "Exempelfilm (testinnehåll)",
        )
        .expect("a playable film can be added")
        .key;
    project
        .update_version(
            &film,
            Language::Sv,
            text(None, "<p>En exempelfilm för testerna.</p>"),
        )
        .expect("the film's description");
    project
        .update_version(
            &film,
            Language::En,
            text(
                Some("Example film (test content)"),
                "<p>An example film for the tests.</p>",
            ),
        )
        .expect("the film's English version");
    let alt = AltTexts {
        sv: Some("Grå exempelbild".into()),
        en: Some("Grey example picture".into()),
    };
    project
        .set_image(&film, &fixture("image/example-image.png"), &alt)
        .expect("the poster");
    project
        .set_captions(
            &film,
            Language::Sv,
            &fixture("captions/example-captions.sv.srt"),
        )
        .expect("captions converted from SubRip");
    film
}

/// What a kiosk shows of the day's work after importing it.
fn assert_the_kiosk_shows(loaded: &infostand_content::Loaded, contact: &str, film: &str) {
    assert!(
        loaded.warnings.is_empty(),
        "the kiosk drops nothing: {:?}",
        loaded.warnings
    );
    let shown = loaded
        .pack
        .contact(contact)
        .expect("the kiosk has the new contact");
    assert_eq!(
        (shown.phone.as_deref(), shown.email.as_deref()),
        (Some("0611-00 00 00"), Some("exempel@example.org")),
        "with its phone number and e-mail address"
    );
    let now = std::time::SystemTime::now();
    for language in [Language::Sv, Language::En] {
        let presented = loaded.pack.present(language, now);
        let entry = presented
            .films
            .iter()
            .find(|entry| entry.key == film)
            .expect("the kiosk shows the new film");
        assert_eq!(entry.language, language, "in each language its own version");
        assert_eq!(entry.captions.len(), 1, "with its captions");
        assert!(
            entry.sources[0].0.starts_with("media/example-vp9-opus-"),
            "playing the file under its content name"
        );
        let article = presented
            .articles
            .iter()
            .find(|entry| entry.key == ARTICLE)
            .expect("the article is shown");
        assert!(
            article.title.contains("test"),
            "the edited article is shown: {}",
            article.title
        );
        assert_eq!(
            article.date_modified(),
            Some(START_STAMPED),
            "dated when it was edited"
        );
    }
}

#[test]
fn an_editors_day_reaches_a_kiosk() {
    let work = temp();
    let (mut project, _clock) = campaign(work.path());
    edit_the_article(&mut project);
    let contact = add_the_contact(&mut project);
    let film = add_the_film(&mut project);
    let errors: Vec<_> = project
        .check()
        .into_iter()
        .filter(|finding| finding.severity == Severity::Error)
        .collect();
    assert!(
        errors.is_empty(),
        "the draft is ready to publish: {errors:#?}"
    );

    let (secret, public) = key(work.path());
    let usb = work.path().join("usb/infostand");
    let report =
        publish(&mut project, &usb, &secret, PASSPHRASE, None).expect("the draft publishes");
    assert!(
        report.revision > 1_600_000_000,
        "the default revision is the time, as `build` makes it"
    );
    assert_eq!(
        names(&usb),
        ["feed.json", "feed.json.minisig", "media"],
        "the folder is what `build` writes"
    );
    let changes = |list: &[infostand_studio::Change]| -> Vec<(ChangeKind, String)> {
        list.iter()
            .map(|change| (change.change, change.id.clone()))
            .collect()
    };
    assert_eq!(
        report.diff.previous_revision,
        Some(1),
        "compared with the campaign the draft began from"
    );
    assert_eq!(
        changes(&report.diff.texts),
        [(ChangeKind::Changed, ARTICLE.to_owned())],
        "the article changed"
    );
    assert_eq!(
        changes(&report.diff.films),
        [(ChangeKind::Added, film.clone())],
        "the film is new"
    );
    assert_eq!(
        changes(&report.diff.contacts),
        [(ChangeKind::Added, contact.clone())],
        "the contact is new"
    );

    let loaded = kiosk_import(&usb, &public);
    assert_eq!(
        loaded.pack.revision(),
        report.revision,
        "the kiosk shows the published revision"
    );
    assert_the_kiosk_shows(&loaded, &contact, &film);
    let published: serde_json::Value =
        serde_json::from_slice(&fs::read(usb.join("feed.json")).expect("published")).expect("JSON");
    let draft: serde_json::Value = serde_json::from_slice(&project.feed_bytes()).expect("JSON");
    assert_eq!(
        published["items"], draft["items"],
        "what is published is the draft's feed; `build` only sets the revision and checks the hashes"
    );
}

#[test]
fn a_wrong_password_is_refused_and_nothing_is_written() {
    let work = temp();
    let (mut project, _clock) = campaign(work.path());
    let (secret, _) = key(work.path());
    let target = work.path().join("public");
    let error = publish(
        &mut project,
        &target,
        &secret,
        "not the password at all",
        None,
    )
    .expect_err("a wrong password");
    assert!(
        matches!(error, Error::WrongPassword { .. }),
        "named as a wrong password: {error}"
    );
    assert!(
        error.to_string().contains("does not open this key"),
        "in words an editor understands: {error}"
    );
    assert!(
        !error.to_string().contains("not the password"),
        "the password itself is never in a message: {error}"
    );
    assert!(!target.exists(), "nothing is written");
    let error = project
        .publish(&PublishRequest {
            target: &target,
            secret_key: &secret,
            password: None,
            revision: None,
        })
        .expect_err("no password for a protected key");
    assert!(
        matches!(error, Error::KeyNeedsPassword { .. }),
        "the editor is asked for it: {error}"
    );
    assert!(
        names(work.path())
            .iter()
            .all(|name| !name.starts_with(".infostand-publish-")),
        "no staging folder is left behind"
    );
}

#[test]
fn a_revision_older_than_the_targets_is_refused() {
    let work = temp();
    let (mut project, _clock) = campaign(work.path());
    let (secret, public) = key(work.path());
    let target = work.path().join("public");
    let first = publish(&mut project, &target, &secret, PASSPHRASE, Some(1000))
        .expect("a first publish")
        .revision;
    assert_eq!(
        inspect_target(&target).expect("readable").revision,
        Some(1000),
        "the target holds revision 1000"
    );
    for revision in [999, 1000] {
        let error = publish(&mut project, &target, &secret, PASSPHRASE, Some(revision))
            .expect_err("not newer than the target");
        assert!(
            matches!(error, Error::RevisionNotNewer { target: 1000, .. }),
            "revision {revision} would not replace 1000 on any kiosk: {error}"
        );
        assert!(
            error.to_string().contains("already holds revision 1000"),
            "the message names both: {error}"
        );
    }
    infostand_publish::verify_dir(&target, std::slice::from_ref(&public))
        .expect("the target still holds the first publish, whole");
    project
        .update_version(
            ARTICLE,
            Language::En,
            text(None, "<p>Changed for the second publish (example).</p>"),
        )
        .expect("an edit");
    let second = publish(&mut project, &target, &secret, PASSPHRASE, None)
        .expect("the default revision outranks the target's");
    assert!(
        second.revision > first,
        "the second publish has a higher revision"
    );
    assert_eq!(
        second.diff.previous_revision,
        Some(1000),
        "compared with what the folder held"
    );
    assert_eq!(
        second
            .diff
            .texts
            .iter()
            .map(|c| (c.id.as_str(), c.languages.clone()))
            .collect::<Vec<_>>(),
        [(ARTICLE, vec![Language::En])],
        "only the English article changed since the last publish"
    );
    assert_eq!(
        kiosk_import(&target, &public).pack.revision(),
        second.revision,
        "kiosks take it"
    );
}

#[test]
fn a_folder_holding_other_files_is_never_replaced() {
    let work = temp();
    let (mut project, _clock) = campaign(work.path());
    let (secret, _) = key(work.path());
    let stick = work.path().join("usb");
    fs::create_dir_all(&stick).expect("the test can make a folder");
    fs::write(stick.join("semesterbilder.zip"), b"someone's files").expect("the test can write");
    let error = publish(&mut project, &stick, &secret, PASSPHRASE, None)
        .expect_err("publishing would wipe the stick");
    assert!(
        matches!(error, Error::TargetNotPublishFolder { .. }),
        "{error}"
    );
    assert!(
        error.to_string().contains("semesterbilder.zip"),
        "the message names what would be lost: {error}"
    );
    assert_eq!(
        names(&stick),
        ["semesterbilder.zip"],
        "the stick is untouched"
    );
}

#[test]
fn errors_stop_publishing_and_contacts_without_a_new_date_warn() {
    let work = temp();
    let (mut project, clock) = campaign(work.path());
    let (secret, _) = key(work.path());
    let target = work.path().join("public");
    let key = project
        .add_text(Kind::Article, "Ny artikel utan text (test)")
        .expect("a text can be added");
    let error = publish(&mut project, &target, &secret, PASSPHRASE, None)
        .expect_err("a text without a body");
    let Error::ChecksFailed { errors } = &error else {
        panic!("refused by the checks: {error}")
    };
    assert_eq!(
        errors[0].field,
        format!("items/{key}/body/sv"),
        "the refusal links to the empty text"
    );
    assert!(!target.exists(), "nothing is written");
    project
        .remove_item(&key)
        .expect("the empty text can be removed");
    publish(&mut project, &target, &secret, PASSPHRASE, None).expect("now it publishes");

    clock.advance(3600);
    project
        .add_contact(ContactFields {
            name: "Exempel Exempelsson (testkontakt)".into(),
            ..ContactFields::default()
        })
        .expect("a contact");
    let stale = |project: &Project| {
        project
            .check()
            .iter()
            .any(|f| f.code == FindingCode::UpdatedDateUnchanged && f.field == "contacts")
    };
    assert!(
        stale(&project),
        "a new contact alone leaves kiosks showing the old 'updated' date"
    );
    project
        .update_version(
            ARTICLE,
            Language::Sv,
            text(None, "<p>Ändrad text (exempel).</p>"),
        )
        .expect("an edit");
    assert!(
        !stale(&project),
        "once an item changed, the date kiosks show moves on"
    );
}
