//! Counting what visitors do: the page reports an event, the store counts
//! it in the current hour (see `infostand-reach`; nothing about the visitor
//! crosses, and nothing is answered but success).

use std::sync::Arc;

use infostand_ipc::UsageEvent;
use infostand_reach::{Event, Store};
use tauri::State;

/// Counts what a visitor did in the current hour.
#[tauri::command]
pub fn count(event: UsageEvent, store: State<'_, Arc<Store>>) {
    store.count(Event::from(&event));
}
