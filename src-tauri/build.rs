//! Generates Tauri's context and the permissions for the app's own commands.

// The contract's command list (crates/ipc): the one place commands are
// named. Included as source, since a build script cannot depend on the
// workspace's crates without building them twice in a release build.
include!("../crates/ipc/src/command_list.rs");
include!("../crates/ipc/src/studio_command_list.rs");

/// Only the names: the argument and result types are not needed here.
macro_rules! names {
    ($($(#[doc = $doc:literal])* $name:ident($($arg:ident: $ty:ty),*) -> $result:ty;)*) => {
        &[$(stringify!($name)),*]
    };
}

/// Every command the kiosk page may call; capabilities grant them by name.
const COMMANDS: &[&str] = command_list!(names);

/// Every command the Studio window may call (its own capability).
const STUDIO_COMMANDS: &[&str] = studio_command_list!(names);

fn main() {
    // Leaked once: the manifest keeps the names for the whole build script.
    let all: &'static [&'static str] = Vec::leak(
        COMMANDS
            .iter()
            .chain(STUDIO_COMMANDS)
            .copied()
            .collect::<Vec<_>>(),
    );
    let manifest = tauri_build::AppManifest::new().commands(all);
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(manifest);
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}
