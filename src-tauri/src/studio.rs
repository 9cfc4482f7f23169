//! `infostand studio [DIR]`: the county editor's window, in the same app.
//! A process of its own (no kiosk, no sync, no single-instance hand-over):
//! it opens the draft folder with `infostand-studio`, binds the loopback
//! media server for the live preview's films and pictures, and opens the
//! window `studio` on the Studio's own page (`studio.html`), which only
//! the Studio capability's commands reach. All editing, checking and
//! publishing is `infostand-studio`'s; this module holds the open project
//! and points the media server at the draft's files.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Mutex, MutexGuard};
use std::time::SystemTime;

use infostand_content::{Language, Pack};
use infostand_ipc::studio::{StudioStart, StudioView};
use infostand_ipc::{ContentView, ErrorKind, IpcError};
use infostand_media::{Index, MediaFile, MediaHandle, MediaServer, ServerOptions, TAURI_ORIGINS};
use infostand_studio::Project;
use infostand_support::log::Logging;
use tauri::{Manager, WebviewUrl, WebviewWindowBuilder};

use crate::csp;

/// The label the Studio capability (`src-tauri/capabilities/studio.json`)
/// grants the Studio's commands to.
pub const STUDIO_LABEL: &str = "studio";

/// The Studio's page in the bundled UI.
const STUDIO_PAGE: &str = "studio.html";

/// The window's opening size: the forms beside a 1280×800 preview scaled
/// to fit.
const INITIAL_SIZE: (f64, f64) = (1440.0, 900.0);

/// Below this the forms and the preview no longer fit side by side; the
/// page stacks them.
const MIN_SIZE: (f64, f64) = (800.0, 600.0);

/// The folder under the user's Documents (or the app's data folder)
/// where the Studio keeps its default draft and suggests keys go.
const STUDIO_FOLDER: &str = "Infostand Studio";

/// The default draft folder's name in [`STUDIO_FOLDER`].
const DRAFT_FOLDER: &str = "utkast";

/// The suggested key folder's name in [`STUDIO_FOLDER`].
const KEY_FOLDER: &str = "nyckel";

/// The open draft, the folder it lives in, and the media server the
/// preview plays its files from.
pub struct Studio {
    dir: PathBuf,
    project: Mutex<Option<Project>>,
    notes: Vec<String>,
    problem: Option<String>,
    media: MediaHandle,
}

/// The Studio's folder: in Documents when the system has one, else in
/// the app's data folder.
fn studio_home() -> PathBuf {
    dirs::document_dir()
        .or_else(crate::startup::default_data_dir)
        .unwrap_or_else(std::env::temp_dir)
        .join(STUDIO_FOLDER)
}

/// The draft folder when none is given on the command line.
pub fn default_dir() -> PathBuf {
    studio_home().join(DRAFT_FOLDER)
}

impl Studio {
    /// Opens the draft in `dir` when there is one; otherwise the window
    /// asks how to start a new one there.
    fn open(dir: PathBuf, media: MediaHandle) -> Self {
        let mut notes = Vec::new();
        let mut problem = None;
        let project = if dir.join(".studio").exists() {
            match Project::open(&dir) {
                Ok(opened) => {
                    notes = opened.notes;
                    Some(opened.project)
                }
                Err(error) => {
                    problem = Some(error.to_string());
                    None
                }
            }
        } else {
            None
        };
        Self {
            dir,
            project: Mutex::new(project),
            notes,
            problem,
            media,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Option<Project>> {
        self.project
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// What the window shows first.
    pub fn start(&self) -> StudioStart {
        StudioStart {
            dir: self.dir.display().to_string(),
            draft: self.lock().as_ref().map(StudioView::of),
            notes: self.notes.clone(),
            problem: self.problem.clone(),
            key_dir: studio_home().join(KEY_FOLDER).display().to_string(),
        }
    }

    /// Makes a new draft in the folder, from the campaign or from
    /// `content_dir`.
    pub fn create(&self, content_dir: Option<&Path>) -> Result<StudioView, IpcError> {
        let mut slot = self.lock();
        if slot.is_some() {
            return Err(IpcError::new(
                ErrorKind::DraftUnavailable,
                "a draft is already open in this window",
            ));
        }
        let opened = match content_dir {
            None => Project::from_campaign(&self.dir)?,
            Some(content) => Project::from_folder(content, &self.dir)?,
        };
        let view = StudioView::of(&opened.project);
        *slot = Some(opened.project);
        Ok(view)
    }

    /// Runs `read` on the open project.
    pub fn with<T>(&self, read: impl FnOnce(&Project) -> T) -> Result<T, IpcError> {
        self.lock().as_ref().map(read).ok_or_else(no_draft)
    }

    /// Makes a change with `edit`, then returns the draft as listed.
    pub fn edit<T>(
        &self,
        edit: impl FnOnce(&mut Project) -> infostand_studio::Result<T>,
    ) -> Result<StudioView, IpcError> {
        self.edit_with(edit).map(|(view, _)| view)
    }

    /// As [`Studio::edit`], also returning what `edit` returned.
    pub fn edit_with<T>(
        &self,
        edit: impl FnOnce(&mut Project) -> infostand_studio::Result<T>,
    ) -> Result<(StudioView, T), IpcError> {
        let mut slot = self.lock();
        let project = slot.as_mut().ok_or_else(no_draft)?;
        let out = edit(project)?;
        Ok((StudioView::of(project), out))
    }

    /// The draft as a kiosk shows it in `language`. The media server is
    /// pointed at the draft's files first, so every URL in the view plays.
    pub fn preview(&self, language: Language) -> Result<ContentView, IpcError> {
        let slot = self.lock();
        let project = slot.as_ref().ok_or_else(no_draft)?;
        let loaded = project.preview().map_err(|error| {
            IpcError::new(
                ErrorKind::Refused,
                format!("kiosks would refuse the draft as it is: {error}"),
            )
        })?;
        self.media.replace_index(index_of(project, &loaded.pack));
        Ok(ContentView::of(
            &loaded.pack,
            &[],
            language,
            SystemTime::now(),
            |entry| self.media.url_for(&entry.sha256),
        ))
    }
}

fn no_draft() -> IpcError {
    IpcError::new(
        ErrorKind::DraftUnavailable,
        "no draft is open yet: start one from the campaign or a content folder",
    )
}

/// Every media file of the draft's preview, by hash, from the draft folder.
fn index_of(project: &Project, pack: &Pack) -> Index {
    pack.media()
        .iter()
        .filter_map(|entry| {
            let path = project.media_path(&entry.url)?;
            let file = MediaFile {
                path,
                mime_type: entry.mime_type.clone(),
            };
            Some((entry.sha256.clone(), file))
        })
        .collect()
}

/// Opens the Studio window on `dir` (or [`default_dir`]) and runs until
/// it closes.
pub fn run(dir: Option<PathBuf>, mut logging: Logging) -> ExitCode {
    let dir = dir.unwrap_or_else(default_dir);
    tracing::info!(dir = %dir.display(), "infostand studio starting");
    let options = ServerOptions {
        allowed_origins: TAURI_ORIGINS
            .iter()
            .map(|origin| origin.to_string())
            .collect(),
        index: Index::default(),
    };
    let server = match MediaServer::bind(options) {
        Ok(server) => server,
        Err(error) => {
            eprintln!("infostand: cannot start the media server: {error}");
            return ExitCode::FAILURE;
        }
    };
    let mut context = crate::context();
    csp::restrict_media_to(context.config_mut(), &server.origin());
    csp::allow_own_frames(context.config_mut());
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let (media, serving) = server.spawn(tauri::async_runtime::handle().inner());
            tauri::async_runtime::spawn(async move {
                if let Ok(Err(error)) = serving.await {
                    tracing::error!(%error, "the media server stopped; the preview's films will not play");
                }
            });
            // Managed before the window exists: its page asks at once.
            app.manage(Studio::open(dir, media));
            WebviewWindowBuilder::new(app, STUDIO_LABEL, WebviewUrl::App(STUDIO_PAGE.into()))
                .title("Infostand Studio")
                .inner_size(INITIAL_SIZE.0, INITIAL_SIZE.1)
                .min_inner_size(MIN_SIZE.0, MIN_SIZE.1)
                .on_navigation(crate::window::is_app_url)
                .on_new_window(|url, _features| {
                    tracing::warn!(%url, "refused to open a new window");
                    tauri::webview::NewWindowResponse::Deny
                })
                .build()?;
            Ok(())
        })
        .invoke_handler(crate::commands::studio_handler())
        .build(context);
    match result {
        Ok(app) => {
            app.run(move |_app, event| {
                if let tauri::RunEvent::Exit = event {
                    logging.flush();
                }
            });
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("infostand: {error}");
            ExitCode::FAILURE
        }
    }
}
