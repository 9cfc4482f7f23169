//! Everything that can stop a Studio operation, each naming the file, the
//! item or the field at fault and saying what to do, so the editor (and the
//! window showing the message) knows how to go on. [`Error::code`] gives
//! the UI a closed set of codes to branch on without reading messages.

use std::path::PathBuf;

use infostand_content::Language;
use serde::Serialize;

use crate::checks::Finding;

/// The Studio's error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read or written.
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        /// What was being done, e.g. "read".
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// Why it failed.
        #[source]
        source: std::io::Error,
    },

    /// The folder holds no Studio draft.
    #[error("{} is not a Studio draft (it has no .studio/draft.json); open a content folder or start from the campaign instead", path.display())]
    NotADraft {
        /// The folder.
        path: PathBuf,
    },

    /// A new draft was to be made in a folder that is not empty.
    #[error("{} is not empty; a new draft needs an empty or new folder (to continue a draft, open it)", path.display())]
    FolderNotEmpty {
        /// The folder.
        path: PathBuf,
    },

    /// Another Studio window (or process) has the draft open.
    #[error("{} is open in another Studio window; close it there first", path.display())]
    Locked {
        /// The draft folder.
        path: PathBuf,
    },

    /// A Studio file of the draft cannot be read back.
    #[error("{}: {problem}", path.display())]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        problem: String,
    },

    /// A content folder's `feed.json` cannot be opened as a pack.
    #[error("{}: {problem}", path.display())]
    NotAContentFolder {
        /// The feed file.
        path: PathBuf,
        /// What is wrong with it.
        problem: String,
    },

    /// No item has this key.
    #[error("there is no item {key:?}")]
    UnknownItem {
        /// The key asked for.
        key: String,
    },

    /// No contact has this id.
    #[error("there is no contact {id:?}")]
    UnknownContact {
        /// The id asked for.
        id: String,
    },

    /// The operation needs another kind of item (a film operation on an
    /// article, say).
    #[error("{key:?} is {found}, but this needs {expected}")]
    WrongKind {
        /// The item's key.
        key: String,
        /// What the operation needs.
        expected: &'static str,
        /// What the item is.
        found: &'static str,
    },

    /// The item has no version in this language.
    #[error("{key:?} has no {} version", language.code())]
    MissingVersion {
        /// The item's key.
        key: String,
        /// The language asked for.
        language: Language,
    },

    /// A value the editor gave cannot be used; the message says why and
    /// what would do.
    #[error("{field}: {problem}")]
    InvalidValue {
        /// The field, as a finding's field path (e.g. `contacts/new/email`).
        field: String,
        /// What is wrong and what to write instead.
        problem: String,
    },

    /// A body from the editor is larger than a kiosk keeps.
    #[error("{field}: the text is {size} bytes; kiosks drop a text over {limit} bytes, so shorten it or split it into two")]
    BodyTooLarge {
        /// The field.
        field: String,
        /// Its size.
        size: usize,
        /// [`crate::limits::MAX_BODY_BYTES`].
        limit: usize,
    },

    /// A body from the editor has more tags than a kiosk keeps.
    #[error("{field}: the text has {tags} tags; kiosks drop a text with more than {limit}, so simplify its formatting or split it")]
    BodyTooComplex {
        /// The field.
        field: String,
        /// Its tag count.
        tags: usize,
        /// [`crate::limits::MAX_BODY_TAGS`].
        limit: usize,
    },

    /// A media file is larger than allowed.
    #[error("{}: {size} bytes is over the limit of {limit} bytes for {what}; {advice}", path.display())]
    FileTooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit (see [`crate::limits`]).
        limit: u64,
        /// What kind of file, e.g. "a film".
        what: &'static str,
        /// What to do about it.
        advice: &'static str,
    },

    /// A video kiosks cannot play; the message says how to convert it.
    #[error("{}: kiosks cannot play this video: {problem}. Convert it to WebM (VP9 video, Opus sound), for example:\n  {convert}", path.display())]
    UnplayableVideo {
        /// The file.
        path: PathBuf,
        /// What it is and why it is refused.
        problem: String,
        /// An ffmpeg command line that makes a playable copy.
        convert: String,
    },

    /// An image that is not PNG, JPEG or WebP, or is damaged.
    #[error("{}: {problem}; use a PNG, JPEG or WebP picture", path.display())]
    UnusableImage {
        /// The file.
        path: PathBuf,
        /// What it is and why it is refused.
        problem: String,
    },

    /// A captions file that cannot be read; names the line when it can.
    #[error("{}{}: {problem}", path.display(), line.map(|line| format!(", line {line}")).unwrap_or_default())]
    Captions {
        /// The file.
        path: PathBuf,
        /// The first line at fault, counted from 1.
        line: Option<usize>,
        /// What is wrong there.
        problem: String,
    },

    /// A media file name the feed cannot carry, or one outside the folder.
    #[error("{url:?} cannot be a media file name: {problem}")]
    BadMediaUrl {
        /// The URL.
        url: String,
        /// Why.
        problem: &'static str,
    },

    /// Nothing to undo, or nothing to redo.
    #[error("there is nothing to {0}")]
    NoHistory(&'static str),

    /// A new key's password is too short, or the two entries differ.
    #[error("{0}")]
    Password(String),

    /// The password does not open the secret key.
    #[error("{}: the password does not open this key; check it and try again", path.display())]
    WrongPassword {
        /// The secret key file.
        path: PathBuf,
    },

    /// The secret key has a password and none was given.
    #[error("{}: this key is protected by a password; enter it to publish", path.display())]
    KeyNeedsPassword {
        /// The secret key file.
        path: PathBuf,
    },

    /// The checks found something kiosks would refuse.
    #[error("the draft cannot be published yet: {} problem(s), the first: {}", errors.len(), errors.first().map(|finding| finding.message.as_str()).unwrap_or(""))]
    ChecksFailed {
        /// Every error-severity finding.
        errors: Vec<Finding>,
    },

    /// The chosen target folder holds files a publish would destroy.
    #[error("{} holds other files ({found}); publishing replaces the whole folder, so choose an empty folder, a new one, or the folder of an earlier publish (on a USB stick, for example a folder named infostand on it)", path.display())]
    TargetNotPublishFolder {
        /// The target folder.
        path: PathBuf,
        /// The first few names found that a publish does not write.
        found: String,
    },

    /// The target already holds this revision or a newer one.
    #[error("{} already holds revision {target}; revision {revision} would not replace it on any kiosk, which only ever take a newer revision. Leave the revision empty to get one after {target}", path.display())]
    RevisionNotNewer {
        /// The target folder.
        path: PathBuf,
        /// The revision it holds.
        target: u64,
        /// The revision asked for.
        revision: u64,
    },

    /// The folder just written did not verify as a kiosk would check it.
    #[error("{} was written but does not verify as a kiosk checks it: {source}", path.display())]
    Verify {
        /// The target folder.
        path: PathBuf,
        /// Why it does not verify.
        #[source]
        source: Box<infostand_publish::Error>,
    },

    /// The publisher refused or failed (naming the file and the place).
    #[error(transparent)]
    Publish(Box<infostand_publish::Error>),
}

impl From<infostand_publish::Error> for Error {
    fn from(error: infostand_publish::Error) -> Self {
        Self::Publish(Box::new(error))
    }
}

/// What kind of error it is, for the UI to choose what to show without
/// reading messages. Written in snake case (`unplayable_video`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// [`Error::Io`].
    Io,
    /// [`Error::NotADraft`].
    NotADraft,
    /// [`Error::FolderNotEmpty`].
    FolderNotEmpty,
    /// [`Error::Locked`].
    Locked,
    /// [`Error::Corrupt`].
    Corrupt,
    /// [`Error::NotAContentFolder`].
    NotAContentFolder,
    /// [`Error::UnknownItem`], [`Error::UnknownContact`],
    /// [`Error::MissingVersion`].
    NotFound,
    /// [`Error::WrongKind`].
    WrongKind,
    /// [`Error::InvalidValue`], [`Error::BadMediaUrl`].
    InvalidValue,
    /// [`Error::BodyTooLarge`], [`Error::BodyTooComplex`],
    /// [`Error::FileTooLarge`].
    TooLarge,
    /// [`Error::UnplayableVideo`].
    UnplayableVideo,
    /// [`Error::UnusableImage`].
    UnusableImage,
    /// [`Error::Captions`].
    Captions,
    /// [`Error::NoHistory`].
    NoHistory,
    /// [`Error::Password`].
    Password,
    /// [`Error::WrongPassword`].
    WrongPassword,
    /// [`Error::KeyNeedsPassword`].
    KeyNeedsPassword,
    /// [`Error::ChecksFailed`].
    ChecksFailed,
    /// [`Error::TargetNotPublishFolder`].
    TargetNotPublishFolder,
    /// [`Error::RevisionNotNewer`].
    RevisionNotNewer,
    /// [`Error::Verify`].
    Verify,
    /// [`Error::Publish`].
    Publish,
}

impl Error {
    /// The error's code.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Io { .. } => ErrorCode::Io,
            Self::NotADraft { .. } => ErrorCode::NotADraft,
            Self::FolderNotEmpty { .. } => ErrorCode::FolderNotEmpty,
            Self::Locked { .. } => ErrorCode::Locked,
            Self::Corrupt { .. } => ErrorCode::Corrupt,
            Self::NotAContentFolder { .. } => ErrorCode::NotAContentFolder,
            Self::UnknownItem { .. }
            | Self::UnknownContact { .. }
            | Self::MissingVersion { .. } => ErrorCode::NotFound,
            Self::WrongKind { .. } => ErrorCode::WrongKind,
            Self::InvalidValue { .. } | Self::BadMediaUrl { .. } => ErrorCode::InvalidValue,
            Self::BodyTooLarge { .. } | Self::BodyTooComplex { .. } | Self::FileTooLarge { .. } => {
                ErrorCode::TooLarge
            }
            Self::UnplayableVideo { .. } => ErrorCode::UnplayableVideo,
            Self::UnusableImage { .. } => ErrorCode::UnusableImage,
            Self::Captions { .. } => ErrorCode::Captions,
            Self::NoHistory(_) => ErrorCode::NoHistory,
            Self::Password(_) => ErrorCode::Password,
            Self::WrongPassword { .. } => ErrorCode::WrongPassword,
            Self::KeyNeedsPassword { .. } => ErrorCode::KeyNeedsPassword,
            Self::ChecksFailed { .. } => ErrorCode::ChecksFailed,
            Self::TargetNotPublishFolder { .. } => ErrorCode::TargetNotPublishFolder,
            Self::RevisionNotNewer { .. } => ErrorCode::RevisionNotNewer,
            Self::Verify { .. } => ErrorCode::Verify,
            Self::Publish(_) => ErrorCode::Publish,
        }
    }

    /// An [`Error::InvalidValue`].
    pub(crate) fn invalid(field: impl Into<String>, problem: impl Into<String>) -> Self {
        Self::InvalidValue {
            field: field.into(),
            problem: problem.into(),
        }
    }
}

/// The crate's result.
pub type Result<T> = std::result::Result<T, Error>;

/// An [`Error::Io`] maker for `map_err`.
pub(crate) fn io(
    action: &'static str,
    path: impl Into<PathBuf>,
) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.into();
    move |source| Error::Io {
        action,
        path,
        source,
    }
}

/// An [`Error::Io`] from the content crate's own I/O error, which names
/// the file the same way.
pub(crate) fn from_content(error: infostand_content::Error) -> Error {
    match error {
        infostand_content::Error::Io {
            action,
            path,
            source,
        } => Error::Io {
            action,
            path,
            source,
        },
        other => Error::Io {
            action: "write",
            path: PathBuf::new(),
            source: std::io::Error::other(other.to_string()),
        },
    }
}
