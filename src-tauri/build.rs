//! Generates Tauri's context and the permissions for the app's own commands,
//! and lays out the release binary's start-up code together.

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
    link_order();
}

/// The functions the app runs from launch to rest, in the order the linker
/// should place them (bench/link-order.sh writes it from a profile).
const LINK_ORDER: &str = "src-tauri/link-order.txt";

/// `off` links in the default order; `on`, or unset, uses the profile.
const LINK_ORDER_SWITCH: &str = "INFOSTAND_LINK_ORDER";

/// A path: the linker writes its map of the binary there (bench/link-order.sh
/// reads the functions' addresses from it).
const LINK_MAP: &str = "INFOSTAND_LINK_MAP";

/// Places the code that start-up and rest run side by side in a release build
/// for x86-64 Linux, where rustc links with LLD. The kernel maps a binary's
/// code 64 KB around each page fault, so scattered start-up code makes most of
/// `.text` resident though a fifth of it ever runs (bench/README.md).
fn link_order() {
    println!("cargo:rerun-if-changed={LINK_ORDER}");
    println!("cargo:rerun-if-env-changed={LINK_ORDER_SWITCH}");
    println!("cargo:rerun-if-env-changed={LINK_MAP}");
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let wanted = match var(LINK_ORDER_SWITCH).as_str() {
        "" | "on" => true,
        "off" => false,
        other => {
            panic!("{LINK_ORDER_SWITCH}={other:?}: use on or off (off for a linker other than LLD)")
        }
    };
    let lld_target = var("CARGO_CFG_TARGET_ARCH") == "x86_64"
        && var("CARGO_CFG_TARGET_OS") == "linux"
        && var("CARGO_CFG_TARGET_ENV") == "gnu";
    if !wanted || !lld_target || var("PROFILE") != "release" {
        return;
    }
    // Flags choosing another linker (mold, GNU ld), which may not know the
    // option.
    let other_linker = var("CARGO_ENCODED_RUSTFLAGS")
        .split('\x1f')
        .any(|flag| flag.contains("fuse-ld") || flag.contains("linker"));
    if other_linker {
        println!("cargo:warning=RUSTFLAGS choose a linker: {LINK_ORDER} is not used ({LINK_ORDER_SWITCH}=off silences this)");
        return;
    }
    let manifest_dir = var("CARGO_MANIFEST_DIR");
    let order = std::path::Path::new(&manifest_dir).join(LINK_ORDER);
    if !order.is_file() {
        println!("cargo:warning={LINK_ORDER} is missing: linking in the default order (bash bench/link-order.sh writes it)");
        return;
    }
    let arg = |flag: String| println!("cargo:rustc-link-arg-bin=infostand=-Wl,{flag}");
    arg(format!("--symbol-ordering-file={}", order.display()));
    // The profile names functions of one build; those renamed since are
    // simply placed in the default order.
    arg("--no-warn-symbol-ordering".to_owned());
    let map = var(LINK_MAP);
    if !map.is_empty() {
        arg(format!("-Map={map}"));
        // Symbols as the ordering file names them.
        arg("--no-demangle".to_owned());
    }
}
