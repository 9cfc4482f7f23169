//! A draft opened for editing: [`Project`] is what the Studio window holds.
//!
//! A project is made from the campaign built into the app
//! ([`Project::from_campaign`]) or from a content folder
//! ([`Project::from_folder`]), in a folder of its own (the draft folder,
//! laid out as [`crate::storage`] describes), or opened again
//! ([`Project::open`]). Every change goes through one path: the edit is
//! made on a copy, `date_modified` and the translation marks are stamped
//! ([`crate::tracking`]), the step is added to the undo history, and draft,
//! history and feed are saved before the change is kept in memory. A change
//! that cannot be saved is not made.
//!
//! The edit operations are in [`crate::edit`] and [`crate::films`], the
//! views the UI lists in [`crate::views`], the checks in [`crate::checks`]
//! and publishing in [`crate::publish`].

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use infostand_content::{durable, Loaded, Pack, Source};
use sha2::{Digest, Sha256};

use crate::clock::{self, Clock, SystemClock};
use crate::error::{from_content, Error, Result};
use crate::feed_io;
use crate::history::{History, HistoryView};
use crate::limits::MAX_FEED_BYTES;
use crate::media;
use crate::model::Draft;
use crate::storage::{self, Layout, Origin, State, STATE_FORMAT};
use crate::tracking;

/// A draft open for editing. Holds the draft's lock until dropped.
#[derive(Debug)]
pub struct Project {
    layout: Layout,
    state: State,
    history: History,
    clock: Arc<dyn Clock>,
    _lock: fs::File,
}

/// A project just opened or made, with what the editor should know about
/// how it went (items left out, files missing, history started afresh).
#[derive(Debug)]
pub struct Opened {
    /// The project.
    pub project: Project,
    /// Sentences for the editor; empty when all went as expected.
    pub notes: Vec<String>,
}

impl Project {
    /// Starts a draft in `draft_dir` (missing or empty) from the campaign
    /// built into the app: its feed and every media file.
    ///
    /// # Errors
    /// [`Error::FolderNotEmpty`], or [`Error::Io`] when a file cannot be
    /// written; nothing is left in `draft_dir` then.
    pub fn from_campaign(draft_dir: &Path) -> Result<Opened> {
        let bytes = infostand_pack::feed_json();
        let (draft, notes) =
            feed_io::draft_from_feed(&bytes).map_err(|problem| Error::NotAContentFolder {
                path: PathBuf::from("(the campaign built into the app)"),
                problem,
            })?;
        let origin = Origin::Campaign {
            revision: draft.revision,
        };
        create(draft_dir, &bytes, draft, origin, notes, |layout, entry| {
            let bytes = infostand_pack::media(&entry.url).ok_or(())?;
            durable::write_atomically(&layout.media_file(&entry.url), &bytes).map_err(|_| ())?;
            let size = u64::try_from(bytes.len()).map_err(|_| ())?;
            Ok((hex::encode(Sha256::digest(&bytes)), size))
        })
    }

    /// Starts a draft in `draft_dir` (missing or empty) from a content
    /// folder (`feed.json` and its media). The content folder is only read.
    ///
    /// # Errors
    /// [`Error::NotAContentFolder`] when its `feed.json` is missing, too
    /// large or not a pack; [`Error::FolderNotEmpty`]; [`Error::Io`].
    pub fn from_folder(content_dir: &Path, draft_dir: &Path) -> Result<Opened> {
        let feed_path = content_dir.join(infostand_publish::FEED_FILE);
        let not_content = |problem: String| Error::NotAContentFolder {
            path: feed_path.clone(),
            problem,
        };
        let bytes = storage::read_capped(
            &feed_path,
            u64::try_from(MAX_FEED_BYTES).unwrap_or(u64::MAX),
        )
        .map_err(|error| not_content(error.to_string()))?;
        let (draft, notes) = feed_io::draft_from_feed(&bytes).map_err(not_content)?;
        let origin = Origin::Folder {
            path: content_dir
                .canonicalize()
                .unwrap_or_else(|_| content_dir.to_path_buf()),
        };
        create(draft_dir, &bytes, draft, origin, notes, |layout, entry| {
            let source = layout_of(content_dir).media_file(&entry.url);
            media::copy_into(&source, &layout.media_file(&entry.url)).map_err(|_| ())
        })
    }

    /// Opens the draft in `draft_dir` again, after removing what a crash
    /// left of a save.
    ///
    /// # Errors
    /// [`Error::NotADraft`], [`Error::Locked`] when another Studio has it
    /// open, [`Error::Corrupt`] when its state cannot be read.
    pub fn open(draft_dir: &Path) -> Result<Opened> {
        let layout = Layout::new(draft_dir);
        if !layout.state().is_file() {
            return Err(Error::NotADraft {
                path: draft_dir.to_path_buf(),
            });
        }
        let lock = storage::lock(&layout)?;
        let mut notes = Vec::new();
        let removed = storage::remove_temporaries(&layout);
        if removed > 0 {
            notes.push(format!(
                "{removed} unfinished save(s) from a Studio that stopped were cleaned up; the draft is as it was last saved"
            ));
        }
        let state = storage::read_state(&layout)?;
        let (history, note) = storage::read_history(&layout, state.generation);
        notes.extend(note);
        // The feed follows the draft; a crash may have left it behind.
        durable::write_atomically(&layout.feed(), &feed_io::feed_bytes(&state.draft))
            .map_err(from_content)?;
        let project = Project {
            layout,
            state,
            history,
            clock: Arc::new(SystemClock),
            _lock: lock,
        };
        Ok(Opened { project, notes })
    }

    /// Uses `clock` for the times edits are stamped with.
    pub fn set_clock(&mut self, clock: Arc<dyn Clock>) {
        self.clock = clock;
    }

    /// The draft folder.
    pub fn dir(&self) -> &Path {
        self.layout.root()
    }

    /// The draft as it is now.
    pub fn draft(&self) -> &Draft {
        &self.state.draft
    }

    /// Where the draft came from.
    pub fn origin(&self) -> &Origin {
        &self.state.origin
    }

    /// How many changes have been saved (undo and redo included).
    pub fn generation(&self) -> u64 {
        self.state.generation
    }

    /// What undo and redo would do.
    pub fn history(&self) -> HistoryView {
        self.history.view()
    }

    /// The file of a media URL the draft knows, for the preview's media
    /// server; `None` for any other URL.
    pub fn media_path(&self, url: &str) -> Option<PathBuf> {
        self.state
            .draft
            .media_entry(url)
            .map(|entry| self.layout.media_file(&entry.url))
    }

    /// The draft as `feed.json` bytes, exactly as saved beside it.
    pub fn feed_bytes(&self) -> Vec<u8> {
        feed_io::feed_bytes(&self.state.draft)
    }

    /// The draft as a kiosk loads it, through the kiosk's own loader: what
    /// the preview shows (with [`infostand_content::Pack::present`]), and
    /// the items it would drop, with why.
    ///
    /// # Errors
    /// The loader's error when a kiosk would refuse the draft as a whole
    /// (the checks say the same, linked to the field).
    pub fn preview(&self) -> std::result::Result<Loaded, infostand_content::Error> {
        Pack::from_json(&self.feed_bytes(), Source::Feed)
    }

    /// Takes back the last change; returns what it was.
    ///
    /// # Errors
    /// [`Error::NoHistory`] when there is nothing to undo; [`Error::Io`]
    /// when the result cannot be saved (nothing changes then).
    pub fn undo(&mut self) -> Result<String> {
        let mut history = self.history.clone();
        let (draft, label) = history
            .undo(&self.state.draft)
            .ok_or(Error::NoHistory("undo"))?;
        self.commit(draft, history)?;
        Ok(label)
    }

    /// Makes the last undone change again; returns what it was.
    ///
    /// # Errors
    /// As [`Project::undo`].
    pub fn redo(&mut self) -> Result<String> {
        let mut history = self.history.clone();
        let (draft, label) = history
            .redo(&self.state.draft)
            .ok_or(Error::NoHistory("redo"))?;
        self.commit(draft, history)?;
        Ok(label)
    }

    /// The one way a change is made: `edit` works on a copy, which is then
    /// stamped, recorded for undo (merged with the last step when
    /// `coalesce` matches it, see [`crate::history`]) and saved. An edit
    /// that changes nothing records nothing.
    pub(crate) fn change<T>(
        &mut self,
        label: &str,
        coalesce: Option<String>,
        edit: impl FnOnce(&mut Draft) -> Result<T>,
    ) -> Result<T> {
        let before = &self.state.draft;
        let mut after = before.clone();
        let out = edit(&mut after)?;
        let now = self.clock.now();
        tracking::stamp(before, &mut after, &clock::rfc3339(now));
        if after == *before {
            return Ok(out);
        }
        let mut history = self.history.clone();
        history.record(label, coalesce, before, &after, now.as_second());
        self.commit(after, history)?;
        Ok(out)
    }

    /// Saves `draft` and `history` as the next generation, then keeps them.
    fn commit(&mut self, draft: Draft, mut history: History) -> Result<()> {
        let state = State {
            format: STATE_FORMAT,
            generation: self.state.generation.saturating_add(1),
            origin: self.state.origin.clone(),
            draft,
        };
        history.generation = state.generation;
        storage::save(
            &self.layout,
            &state,
            &history,
            &feed_io::feed_bytes(&state.draft),
        )?;
        self.state = state;
        self.history = history;
        Ok(())
    }

    /// The draft's folders.
    pub(crate) fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The current time, stamped as the draft stores times.
    pub(crate) fn now(&self) -> infostand_content::validity::Timestamp {
        self.clock.now()
    }
}

fn layout_of(dir: &Path) -> Layout {
    Layout::new(dir)
}

/// A new draft in `draft_dir`: every manifest file fetched with `fetch`
/// (which returns its hash and size), the manifest and the films' sizes
/// set from what was fetched, the source feed kept for the first
/// publish's diff, then saved. `draft.json` is written last, so
/// a draft folder without it is no draft; on error the folder is removed
/// again.
fn create(
    draft_dir: &Path,
    source_feed: &[u8],
    mut draft: Draft,
    origin: Origin,
    mut notes: Vec<String>,
    fetch: impl Fn(&Layout, &infostand_content::MediaEntry) -> std::result::Result<(String, u64), ()>,
) -> Result<Opened> {
    if !storage::is_empty_or_missing(draft_dir)? {
        return Err(Error::FolderNotEmpty {
            path: draft_dir.to_path_buf(),
        });
    }
    let layout = Layout::new(draft_dir);
    let result = (|| {
        let lock = storage::lock(&layout)?;
        let mut kept = Vec::new();
        for mut entry in std::mem::take(&mut draft.media) {
            if let Err(error) = media::check_url(&entry.url) {
                notes.push(format!("{error}; it is left out of the draft"));
                continue;
            }
            match fetch(&layout, &entry) {
                Ok((sha256, size)) => {
                    entry.sha256 = sha256;
                    entry.size_in_bytes = size;
                }
                Err(()) => notes.push(format!(
                    "{} is in the manifest but could not be copied; add the file again",
                    entry.url
                )),
            }
            kept.push(entry);
        }
        draft.media = kept;
        set_attachment_sizes(&mut draft);
        let state = State {
            format: STATE_FORMAT,
            generation: 0,
            origin,
            draft,
        };
        let history = History::default();
        // Parsed once already, so it is JSON.
        let source: serde_json::Value = serde_json::from_slice(source_feed).unwrap_or_default();
        storage::write_json(&layout.origin(), &source)?;
        storage::save(
            &layout,
            &state,
            &history,
            &feed_io::feed_bytes(&state.draft),
        )?;
        Ok(Project {
            layout: layout.clone(),
            state,
            history,
            clock: Arc::new(SystemClock),
            _lock: lock,
        })
    })();
    match result {
        Ok(project) => Ok(Opened { project, notes }),
        Err(error) => {
            let _ = fs::remove_dir_all(draft_dir);
            Err(error)
        }
    }
}

/// Every film source's size from its manifest entry, as `build` sets it
/// (a kiosk refuses a feed where they differ).
pub(crate) fn set_attachment_sizes(draft: &mut Draft) {
    let sizes: Vec<(String, u64)> = draft
        .media
        .iter()
        .map(|entry| (entry.url.clone(), entry.size_in_bytes))
        .collect();
    for item in &mut draft.items {
        for version in item.versions_mut() {
            for attachment in &mut version.attachments {
                if let Some((_, size)) = sizes.iter().find(|(url, _)| *url == attachment.url) {
                    attachment.size_in_bytes = Some(*size);
                }
            }
        }
    }
}
