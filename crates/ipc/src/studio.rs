//! What crosses IPC between the Studio window and the shell: the draft's
//! lists and forms, what cleaning a text removed, the checks, keys and
//! publishing. Each is a TypeScript-typed twin of an `infostand-studio`
//! value, made with `From` so the shell's commands stay one line each; the
//! arguments the window sends are here too. The preview is a plain
//! [`ContentView`](crate::ContentView), as the kiosk's page reads it.
//!
//! The key's password crosses as [`PasswordArg`]: a string in TypeScript,
//! a [`Password`] in Rust the moment it is read, which never prints.

use infostand_content::feed::{Caption, Contact, Kind, Organisation};
use infostand_content::Language;
use infostand_studio::views::{Behind, ValidityView, VersionView, VideoView};
use infostand_studio::{
    ChangeKind, Cleaned, Diff, FilmView, Finding, HistoryView, LocalDateTime, NewKey, Password,
    PublishReport, Severity, TargetState, TextView,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ErrorKind, IpcError};

/// The whole draft as the Studio window lists it; every edit returns it
/// anew.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StudioView {
    /// The draft folder.
    pub dir: String,
    /// The texts (start message, articles, the method page), in order.
    pub texts: Vec<StudioText>,
    /// The films, in order.
    pub films: Vec<StudioFilm>,
    /// The contacts, in order.
    pub contacts: Vec<StudioContact>,
    /// The county's details.
    pub organisation: Option<StudioOrganisation>,
    /// What undo and redo would do (English sentences; the UI translates
    /// the ones it knows).
    pub undo: Option<String>,
    /// The step redo would make again.
    pub redo: Option<String>,
    /// How many changes have been saved: the window's "saved" mark.
    #[ts(type = "number")]
    pub generation: u64,
}

/// What the window shows first: the draft folder and, once one is open,
/// the draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StudioStart {
    /// The draft folder the Studio was started with.
    pub dir: String,
    /// The draft, when the folder holds one (opened at start).
    pub draft: Option<StudioView>,
    /// What the editor should know about opening it.
    pub notes: Vec<String>,
    /// Why the draft in the folder could not be opened, if it could not.
    pub problem: Option<String>,
    /// A folder to suggest for a new key pair.
    pub key_dir: String,
}

/// What a text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum TextKind {
    /// The start screen's message.
    Campaign,
    /// An article.
    Article,
    /// "Om arbetsmetoden".
    Method,
}

impl TextKind {
    /// The feed's kind.
    pub fn kind(self) -> Kind {
        match self {
            Self::Campaign => Kind::Campaign,
            Self::Article => Kind::Article,
            Self::Method => Kind::Method,
        }
    }
}

/// A text and its two versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StudioText {
    /// What every edit names it by.
    pub key: String,
    /// What it is.
    pub kind: TextKind,
    /// The Swedish version.
    pub sv: Option<StudioVersion>,
    /// The English version.
    pub en: Option<StudioVersion>,
    /// Its picture's media URL.
    pub image: Option<String>,
    /// When it is shown.
    pub validity: StudioValidity,
    /// Where one language is behind the other.
    pub behind: Vec<StudioBehind>,
}

/// A film, its file and captions, and its two versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StudioFilm {
    /// Its key.
    pub key: String,
    /// The Swedish version.
    pub sv: Option<StudioVersion>,
    /// The English version.
    pub en: Option<StudioVersion>,
    /// The film file's media URL.
    pub video: Option<String>,
    /// Its size.
    #[ts(type = "number | null")]
    pub size_in_bytes: Option<u64>,
    /// Its length.
    pub duration_seconds: Option<f64>,
    /// The poster's media URL.
    pub poster: Option<String>,
    /// The languages it has captions in.
    pub captions: Vec<Language>,
    /// Whether kiosks label it an example film.
    pub example: bool,
    /// When it is shown.
    pub validity: StudioValidity,
    /// Where one language is behind the other.
    pub behind: Vec<StudioBehind>,
}

/// One language's version, for a form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StudioVersion {
    /// The headline.
    pub title: String,
    /// The summary.
    pub summary: Option<String>,
    /// The text as kiosks keep it.
    pub body_html: String,
    /// Its web page.
    pub url: Option<String>,
    /// The picture's text alternative.
    pub image_alt: Option<String>,
    /// When its content last changed, on the Swedish clock.
    pub modified: Option<StudioDateTime>,
}

/// A date and time on the Swedish wall clock (Europe/Stockholm), as a
/// date and a time picker give it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StudioDateTime {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`; `None` is 00:00.
    pub time: Option<String>,
}

/// When an item is shown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StudioValidity {
    /// Shown from (included).
    pub from: Option<StudioDateTime>,
    /// Shown until (not included).
    pub until: Option<StudioDateTime>,
}

/// A translated field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StudioField {
    /// The headline.
    Title,
    /// The summary.
    Summary,
    /// The text.
    Body,
    /// The picture's text alternative.
    ImageAlt,
}

/// A language that is behind the other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StudioBehind {
    /// The language behind.
    pub language: Language,
    /// The field; `None` for the item as a whole.
    pub field: Option<StudioField>,
}

/// A contact, for the list and the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StudioContact {
    /// Its id.
    pub id: String,
    /// Full name.
    pub name: String,
    /// What the person does, in Swedish.
    pub role_sv: Option<String>,
    /// The same in English.
    pub role_en: Option<String>,
    /// Telephone number.
    pub phone: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
}

/// A contact as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StudioContactFields {
    /// Full name (required).
    pub name: String,
    /// What the person does, in Swedish.
    pub role_sv: Option<String>,
    /// The same in English.
    pub role_en: Option<String>,
    /// Telephone number.
    pub phone: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
}

/// The county's details, for the form and from it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StudioOrganisation {
    /// Its name (required).
    pub name: String,
    /// Where visitors go.
    pub visiting_address: Option<String>,
    /// Where letters go.
    pub postal_address: Option<String>,
    /// The organisation number.
    pub organisation_number: Option<String>,
    /// The county governor.
    pub governor: Option<String>,
    /// Its web site.
    pub url: Option<String>,
}

/// Changes to one language's version; `None` leaves a field, an empty
/// string clears an optional one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StudioVersionPatch {
    /// The headline.
    pub title: Option<String>,
    /// The summary.
    pub summary: Option<String>,
    /// The text, HTML from the editor.
    pub body_html: Option<String>,
    /// A web page.
    pub url: Option<String>,
    /// The picture's text alternative.
    pub image_alt: Option<String>,
}

/// A version saved, with what cleaning its text did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StudioEdited {
    /// The draft after the change.
    pub view: StudioView,
    /// What kiosks keep of the text, when a text was sent.
    pub cleaned: Option<StudioCleaned>,
}

/// What cleaning a text did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StudioCleaned {
    /// The HTML kiosks keep.
    pub html: String,
    /// What was taken out.
    pub removed: Vec<StudioRemoved>,
    /// Bare host names completed with `https://` (`from`, `to`).
    pub completed: Vec<(String, String)>,
    /// Plain `http://` links.
    pub not_https: Vec<String>,
}

/// One thing cleaning took out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StudioRemoved {
    /// An element; its text stays unless `with_content`.
    Element {
        /// Its name.
        name: String,
        /// How many.
        #[ts(type = "number")]
        count: u32,
        /// Whether its content goes too.
        with_content: bool,
    },
    /// An attribute.
    Attribute {
        /// The element it was on.
        element: String,
        /// Its name.
        name: String,
        /// How many.
        #[ts(type = "number")]
        count: u32,
    },
    /// A link kiosks cannot open; the text stays, unlinked.
    Link {
        /// The address.
        href: String,
    },
}

/// One finding of the checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StudioFinding {
    /// `true` when it stops publishing.
    pub error: bool,
    /// What kind of finding it is (`kiosk_refuses`, `link_not_https`…).
    pub code: String,
    /// What is wrong and what to do (English).
    pub message: String,
    /// The field it is about: `items/<key>/title/sv`, `contacts/<id>/…`,
    /// `organisation/<field>`, `media/<url>`, `feed`.
    pub field: String,
}

/// A key pair just made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StudioNewKey {
    /// The public key line (`RW…`) kiosks are configured with.
    pub public_key: String,
    /// Its key id.
    pub key_id: String,
    /// The secret key file.
    pub secret_key_file: String,
    /// The public key file.
    pub public_key_file: String,
    /// How to keep the key, in Swedish.
    pub guidance_sv: String,
    /// The same in English.
    pub guidance_en: String,
}

/// What a publish folder holds now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StudioTarget {
    /// Whether it holds an earlier publish.
    pub published: bool,
    /// That publish's revision.
    #[ts(type = "number | null")]
    pub revision: Option<u64>,
}

/// What a publish did: the folder verified as a kiosk checks it, and what
/// changed since the last publish.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StudioPublished {
    /// The folder written.
    pub target: String,
    /// The revision published.
    #[ts(type = "number")]
    pub revision: u64,
    /// The key that signed.
    pub key_id: String,
    /// Feed items (languages counted apart).
    #[ts(type = "number")]
    pub items: u32,
    /// Media files.
    #[ts(type = "number")]
    pub media_files: u32,
    /// Their size together.
    #[ts(type = "number")]
    pub media_bytes: u64,
    /// The revision compared with; `None` for a first publish.
    #[ts(type = "number | null")]
    pub previous_revision: Option<u64>,
    /// Texts, films and contacts added, changed or removed.
    pub changes: Vec<StudioChange>,
    /// Whether the county's details changed.
    pub organisation_changed: bool,
    /// The checks' warnings, published anyway.
    pub warnings: Vec<StudioFinding>,
}

/// What happened to an item or contact since the last publish.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StudioChange {
    /// `text`, `film` or `contact`.
    pub what: String,
    /// `added`, `changed` or `removed`.
    pub change: String,
    /// The key or id.
    pub id: String,
    /// Its title or name.
    pub title: String,
    /// The languages that changed.
    pub languages: Vec<Language>,
    /// The fields that changed (`title`, `body`, `phone`…).
    pub fields: Vec<String>,
}

/// A password as the window sends it: a string in TypeScript, a
/// [`Password`] (never printed, wiped when dropped) from the moment it is
/// read.
// A newtype reads as its inner value (serde's rule), so no attribute.
#[derive(Debug, Deserialize, TS)]
pub struct PasswordArg(#[ts(type = "string")] pub Password);

/// A revision as the window sends it: a number in TypeScript (revisions
/// are below 2^53, the seconds of a date).
#[derive(Debug, Clone, Copy, Deserialize, TS)]
pub struct RevisionArg(#[ts(type = "number")] pub u64);

fn date_time(local: LocalDateTime) -> StudioDateTime {
    StudioDateTime {
        date: local.date,
        time: local.time,
    }
}

impl From<StudioDateTime> for LocalDateTime {
    fn from(value: StudioDateTime) -> Self {
        LocalDateTime {
            date: value.date,
            time: value.time,
        }
    }
}

fn version(view: VersionView) -> StudioVersion {
    StudioVersion {
        title: view.title,
        summary: view.summary,
        body_html: view.body_html,
        url: view.url,
        image_alt: view.image_alt,
        modified: view.modified_local.map(date_time),
    }
}

fn validity(view: ValidityView) -> StudioValidity {
    StudioValidity {
        from: view.from.map(date_time),
        until: view.until.map(date_time),
    }
}

fn behind(list: Vec<Behind>) -> Vec<StudioBehind> {
    use infostand_studio::model::TextField;
    list.into_iter()
        .map(|behind| StudioBehind {
            language: behind.language,
            field: behind.field.map(|field| match field {
                TextField::Title => StudioField::Title,
                TextField::Summary => StudioField::Summary,
                TextField::Body => StudioField::Body,
                TextField::ImageAlt => StudioField::ImageAlt,
            }),
        })
        .collect()
}

impl From<TextView> for StudioText {
    fn from(view: TextView) -> Self {
        Self {
            key: view.key,
            kind: match view.kind {
                Kind::Campaign => TextKind::Campaign,
                Kind::Method => TextKind::Method,
                Kind::Article | Kind::Film => TextKind::Article,
            },
            sv: view.sv.map(version),
            en: view.en.map(version),
            image: view.image,
            validity: validity(view.validity),
            behind: behind(view.behind),
        }
    }
}

impl From<FilmView> for StudioFilm {
    fn from(view: FilmView) -> Self {
        let (video, size_in_bytes, duration_seconds) = match view.video {
            Some(VideoView {
                url,
                size_in_bytes,
                duration_seconds,
            }) => (Some(url), size_in_bytes, duration_seconds),
            None => (None, None, None),
        };
        Self {
            key: view.key,
            sv: view.sv.map(version),
            en: view.en.map(version),
            video,
            size_in_bytes,
            duration_seconds,
            poster: view.poster,
            captions: view
                .captions
                .iter()
                .map(|caption: &Caption| caption.language)
                .collect(),
            example: view.example,
            validity: validity(view.validity),
            behind: behind(view.behind),
        }
    }
}

impl From<&Contact> for StudioContact {
    fn from(contact: &Contact) -> Self {
        Self {
            id: contact.id.clone(),
            name: contact.name.clone(),
            role_sv: contact.role.as_ref().map(|role| role.sv.clone()),
            role_en: contact.role.as_ref().and_then(|role| role.en.clone()),
            phone: contact.phone.clone(),
            email: contact.email.clone(),
        }
    }
}

impl From<StudioContactFields> for infostand_studio::ContactFields {
    fn from(fields: StudioContactFields) -> Self {
        Self {
            name: fields.name,
            role_sv: fields.role_sv,
            role_en: fields.role_en,
            phone: fields.phone,
            email: fields.email,
        }
    }
}

impl From<&Organisation> for StudioOrganisation {
    fn from(org: &Organisation) -> Self {
        Self {
            name: org.name.clone(),
            visiting_address: org.visiting_address.clone(),
            postal_address: org.postal_address.clone(),
            organisation_number: org.organisation_number.clone(),
            governor: org.governor.clone(),
            url: org.url.clone(),
        }
    }
}

impl From<StudioOrganisation> for Organisation {
    fn from(org: StudioOrganisation) -> Self {
        Self {
            name: org.name,
            visiting_address: org.visiting_address,
            postal_address: org.postal_address,
            organisation_number: org.organisation_number,
            governor: org.governor,
            url: org.url,
        }
    }
}

impl From<StudioVersionPatch> for infostand_studio::VersionPatch {
    fn from(patch: StudioVersionPatch) -> Self {
        Self {
            title: patch.title,
            summary: patch.summary,
            body_html: patch.body_html,
            url: patch.url,
            image_alt: patch.image_alt,
        }
    }
}

impl StudioView {
    /// The draft of `project` as the window lists it.
    pub fn of(project: &infostand_studio::Project) -> Self {
        let HistoryView { undo, redo, .. } = project.history();
        Self {
            dir: project.dir().display().to_string(),
            texts: project.texts().into_iter().map(StudioText::from).collect(),
            films: project.films().into_iter().map(StudioFilm::from).collect(),
            contacts: project.contacts().iter().map(StudioContact::from).collect(),
            organisation: project.organisation().map(StudioOrganisation::from),
            undo,
            redo,
            generation: project.generation(),
        }
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl From<Cleaned> for StudioCleaned {
    fn from(cleaned: Cleaned) -> Self {
        use infostand_studio::rich_text::{LinkNote, Removed};
        let mut completed = Vec::new();
        let mut not_https = Vec::new();
        for note in cleaned.links {
            match note {
                LinkNote::Completed { from, to } => completed.push((from, to)),
                LinkNote::NotHttps { href } => not_https.push(href),
            }
        }
        Self {
            html: cleaned.html,
            removed: cleaned
                .removed
                .into_iter()
                .map(|removed| match removed {
                    Removed::Element {
                        name,
                        count: n,
                        with_content,
                    } => StudioRemoved::Element {
                        name,
                        count: count(n),
                        with_content,
                    },
                    Removed::Attribute {
                        element,
                        name,
                        count: n,
                    } => StudioRemoved::Attribute {
                        element,
                        name,
                        count: count(n),
                    },
                    Removed::Link { href } => StudioRemoved::Link { href },
                })
                .collect(),
            completed,
            not_https,
        }
    }
}

/// A serde enum's snake_case name, e.g. `link_not_https`.
fn name_of(value: &impl Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_default()
}

impl From<Finding> for StudioFinding {
    fn from(finding: Finding) -> Self {
        Self {
            error: finding.severity == Severity::Error,
            code: name_of(&finding.code),
            message: finding.message,
            field: finding.field,
        }
    }
}

impl From<NewKey> for StudioNewKey {
    fn from(key: NewKey) -> Self {
        Self {
            public_key: key.public_key,
            key_id: key.key_id,
            secret_key_file: key.secret_key_file.display().to_string(),
            public_key_file: key.public_key_file.display().to_string(),
            guidance_sv: infostand_studio::KEY_GUIDANCE_SV.to_owned(),
            guidance_en: infostand_studio::KEY_GUIDANCE_EN.to_owned(),
        }
    }
}

impl From<TargetState> for StudioTarget {
    fn from(state: TargetState) -> Self {
        Self {
            published: state.published,
            revision: state.revision,
        }
    }
}

fn changes(diff: &Diff) -> Vec<StudioChange> {
    let groups = [
        ("text", &diff.texts),
        ("film", &diff.films),
        ("contact", &diff.contacts),
    ];
    groups
        .into_iter()
        .flat_map(|(what, list)| {
            list.iter().map(move |change| StudioChange {
                what: what.to_owned(),
                change: match change.change {
                    ChangeKind::Added => "added",
                    ChangeKind::Changed => "changed",
                    ChangeKind::Removed => "removed",
                }
                .to_owned(),
                id: change.id.clone(),
                title: change.title.clone(),
                languages: change.languages.clone(),
                fields: change.fields.iter().map(|f| (*f).to_owned()).collect(),
            })
        })
        .collect()
}

impl From<PublishReport> for StudioPublished {
    fn from(report: PublishReport) -> Self {
        Self {
            target: report.target.display().to_string(),
            revision: report.revision,
            key_id: report.key_id,
            items: count(report.items),
            media_files: count(report.media_files),
            media_bytes: report.media_bytes,
            previous_revision: report.diff.previous_revision,
            changes: changes(&report.diff),
            organisation_changed: report.diff.organisation,
            warnings: report
                .warnings
                .into_iter()
                .map(StudioFinding::from)
                .collect(),
        }
    }
}

impl From<infostand_studio::Error> for IpcError {
    fn from(error: infostand_studio::Error) -> Self {
        use infostand_studio::Error as E;
        let to_u64 = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
        let kind = match &error {
            E::InvalidValue { field, .. } => ErrorKind::InvalidValue {
                field: field.clone(),
            },
            E::BadMediaUrl { .. } => ErrorKind::InvalidValue {
                field: "media".into(),
            },
            E::Password(_) => ErrorKind::InvalidValue {
                field: "key/password".into(),
            },
            E::NotADraft { .. }
            | E::FolderNotEmpty { .. }
            | E::Locked { .. }
            | E::Corrupt { .. }
            | E::NotAContentFolder { .. } => ErrorKind::DraftUnavailable,
            E::UnknownItem { .. }
            | E::UnknownContact { .. }
            | E::MissingVersion { .. }
            | E::WrongKind { .. }
            | E::NoHistory(_) => ErrorKind::Refused,
            E::BodyTooLarge { size, limit, .. } => ErrorKind::TooLarge {
                size: to_u64(*size),
                limit: to_u64(*limit),
            },
            E::BodyTooComplex { tags, limit, .. } => ErrorKind::TooLarge {
                size: to_u64(*tags),
                limit: to_u64(*limit),
            },
            E::FileTooLarge { size, limit, .. } => ErrorKind::TooLarge {
                size: *size,
                limit: *limit,
            },
            E::UnplayableVideo { convert, .. } => ErrorKind::UnplayableVideo {
                convert: convert.clone(),
            },
            E::UnusableImage { .. } => ErrorKind::UnusableFile { line: None },
            E::Captions { line, .. } => ErrorKind::UnusableFile {
                line: line.map(to_u64),
            },
            E::WrongPassword { .. } => ErrorKind::WrongPassword,
            E::KeyNeedsPassword { .. } => ErrorKind::KeyNeedsPassword,
            E::ChecksFailed { errors } => ErrorKind::ChecksFailed {
                errors: to_u64(errors.len()),
            },
            E::RevisionNotNewer {
                target, revision, ..
            } => ErrorKind::RevisionNotNewer {
                target_revision: *target,
                revision: *revision,
            },
            E::TargetNotPublishFolder { .. } => ErrorKind::TargetNotPublishFolder,
            E::Io { .. } | E::Verify { .. } | E::Publish(_) => ErrorKind::Internal,
        };
        IpcError::new(kind, error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_is_a_string_in_typescript_and_never_printed() {
        let arg: PasswordArg =
            serde_json::from_str("\"hemligt lösenord 42\"").expect("a JSON string is a password");
        assert!(
            !format!("{arg:?}").contains("hemligt"),
            "Debug (logs, panics) must never show the password"
        );
        assert_eq!(
            PasswordArg::inline(&ts_rs::Config::new()),
            "string",
            "the window sends the password as a plain string"
        );
    }

    #[test]
    fn refusals_carry_what_the_window_shows() {
        let error = IpcError::from(infostand_studio::Error::Captions {
            path: "/tmp/broken.srt".into(),
            line: Some(6),
            problem: "not a timing line".into(),
        });
        assert_eq!(
            error.kind,
            ErrorKind::UnusableFile { line: Some(6) },
            "the window names the captions file's line at fault"
        );
        assert!(
            error.message.contains("line 6"),
            "the sentence names the line too: {}",
            error.message
        );
        let error = IpcError::from(infostand_studio::Error::FileTooLarge {
            path: "/tmp/big.webm".into(),
            size: 2_000,
            limit: 1_000,
            what: "a film",
            advice: "shorten it",
        });
        assert_eq!(
            error.kind,
            ErrorKind::TooLarge {
                size: 2_000,
                limit: 1_000
            },
            "the window shows both sizes from numbers, not from the sentence"
        );
    }

    #[test]
    fn a_finding_keeps_its_code_and_field() {
        let finding = Finding {
            severity: Severity::Warning,
            code: infostand_studio::FindingCode::LinkNotHttps,
            message: "m".into(),
            field: "items/artikel/body/sv".into(),
        };
        let view = StudioFinding::from(finding);
        assert_eq!(
            view.code, "link_not_https",
            "the UI explains a finding by its code"
        );
        assert!(!view.error, "a warning does not stop publishing");
        assert_eq!(
            view.field, "items/artikel/body/sv",
            "the checks panel links to the field"
        );
    }
}
