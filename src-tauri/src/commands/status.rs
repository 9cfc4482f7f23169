//! How syncing goes, for the staff.

use std::sync::Arc;

use infostand_content::view::StatusView;
use infostand_sync::Syncer;
use tauri::State;

/// The sync status: revision, source, last attempt and result, next attempt.
#[tauri::command]
pub fn status(syncer: State<'_, Arc<Syncer>>) -> StatusView {
    syncer.status().view()
}
