//! Generates Tauri's context and the permissions for the app's own commands.

fn main() {
    // Only these commands exist for the webview; capabilities grant them by name.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "content",
        "status",
        "mode",
        "idle_reset",
        "first_paint",
        "film_playing",
        "qr_link",
        "qr_contact",
        "open_link",
        "unlock_admin",
        "admin_status",
        "sync_now",
        "reload",
        "leave_kiosk",
        "lock_admin",
    ]);
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(manifest);
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}
