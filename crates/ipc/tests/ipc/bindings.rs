//! The TypeScript twins in `ui/src/bindings/`.
//!
//! The UI compiles against the committed files, so they must be exactly
//! what [`infostand_ipc::typescript::files`] makes of the contract today,
//! with nothing left over. This test is also the only way they are
//! written: `UPDATE_BINDINGS=1 cargo test -p infostand-ipc bindings`.

use std::fs;
use std::path::PathBuf;

use infostand_ipc::typescript;

/// Set to write the bindings instead of comparing them.
const UPDATE_VARIABLE: &str = "UPDATE_BINDINGS";

fn bindings_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../ui/src/bindings"
    ))
}

/// The `.ts` files in the bindings folder now.
fn committed() -> Vec<String> {
    let dir = bindings_dir();
    let mut names: Vec<String> = fs::read_dir(&dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".ts"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn bindings_are_current() {
    let dir = bindings_dir();
    let update = std::env::var_os(UPDATE_VARIABLE).is_some_and(|value| value == "1");
    let files = typescript::files();
    let mut stale = Vec::new();
    for file in &files {
        let path = dir.join(&file.name);
        if update {
            fs::create_dir_all(&dir)
                .unwrap_or_else(|error| panic!("cannot create {}: {error}", dir.display()));
            fs::write(&path, &file.contents)
                .unwrap_or_else(|error| panic!("cannot write {}: {error}", path.display()));
        } else if fs::read_to_string(&path).ok().as_deref() != Some(file.contents.as_str()) {
            stale.push(format!("ui/src/bindings/{} differs", file.name));
        }
    }
    for name in committed() {
        if files.iter().all(|file| file.name != name) {
            if update {
                let path = dir.join(&name);
                fs::remove_file(&path)
                    .unwrap_or_else(|error| panic!("cannot remove {}: {error}", path.display()));
            } else {
                stale.push(format!("ui/src/bindings/{name} is no longer generated"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "bindings are stale: run `UPDATE_BINDINGS=1 cargo test -p infostand-ipc bindings` ({})",
        stale.join("; ")
    );
}
