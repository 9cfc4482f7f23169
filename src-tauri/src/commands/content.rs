//! Reading the campaign content in one language.

use infostand_content::Language;
use infostand_ipc::{ContentView, IpcError};
use tauri::State;

use crate::library::Library;

/// The whole campaign in `language`, sanitised, with playable media URLs.
#[tauri::command]
pub fn content(language: Language, library: State<'_, Library>) -> Result<ContentView, IpcError> {
    library.view(language)
}
