//! Generates Tauri's context and the permissions for the app's own commands.

// The contract's command list (crates/ipc): the one place commands are
// named. Included as source, since a build script cannot depend on the
// workspace's crates without building them twice in a release build.
include!("../crates/ipc/src/command_list.rs");

/// Only the names: the argument and result types are not needed here.
macro_rules! names {
    ($($(#[doc = $doc:literal])* $name:ident($($arg:ident: $ty:ty),*) -> $result:ty;)*) => {
        &[$(stringify!($name)),*]
    };
}

/// Every command the webview may call; capabilities grant them by name.
const COMMANDS: &[&str] = command_list!(names);

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(manifest);
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}
