//! Writes what the app would give its UI, as static files, for the browser
//! kiosk that `bench/compare.sh` measures the app against (the peer).
//!
//! The peer shows the same UI bundle from a web server; outside Tauri the UI
//! reads its content from JSON files beside the page (`ui/src/staticIpc.ts`).
//! This program makes those files by the app's own code path: the embedded
//! pack (`infostand_pack::feed_json()`) loaded with `Pack::from_json` as
//! `Source::Embedded`, its media installed (and verified by hash) into
//! a `MediaStore`, and `ContentView::of` in each language. Only the media URLs
//! differ: the app's point at its loopback media server, these at
//! `MEDIA_URL_PREFIX` followed by the file's path in the pack
//! (`media/film-1.webm`).
//!
//! ```text
//! cargo run -p infostand-pack --example export_views -- OUT_DIR MEDIA_URL_PREFIX
//! ```
//!
//! It writes into `OUT_DIR`: `content-sv.json` and `content-en.json`
//! (`ContentView`), `mode-office.json` and `mode-kiosk.json` (`ModeView` as
//! the app reports it without and with `--kiosk`, all else default),
//! `mode.json` (a copy of the office one; the harness swaps it), and every
//! media file under `media/`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::SystemTime;

use infostand_config::kiosk::DEFAULT_IDLE_TIMEOUT;
use infostand_content::{Language, Source};
use infostand_content::{MediaStore, Pack};
use infostand_ipc::{ContentView, ModeView};

/// The languages the UI can ask for.
const LANGUAGES: [Language; 2] = [Language::Sv, Language::En];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [out, prefix] = args.as_slice() else {
        eprintln!("usage: export_views OUT_DIR MEDIA_URL_PREFIX   (e.g. www/peer /peer/)");
        return ExitCode::from(2);
    };
    match export(Path::new(out), prefix) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("export_views: {error}");
            ExitCode::FAILURE
        }
    }
}

fn export(out: &Path, prefix: &str) -> Result<(), String> {
    let loaded = Pack::from_json(&infostand_pack::feed_json(), Source::Embedded)
        .map_err(|error| format!("the embedded content pack is broken: {error}"))?;
    for warning in &loaded.warnings {
        eprintln!("export_views: embedded pack: item dropped: {warning}");
    }
    let pack = loaded.pack;

    // Through the store, as the app installs them: each file is checked
    // against the feed's sha256 and size before it is served.
    let scratch =
        tempfile::tempdir().map_err(|error| format!("no temporary directory: {error}"))?;
    let store = MediaStore::open(scratch.path().join("media"))
        .map_err(|error| format!("cannot open a media store: {error}"))?;
    store
        .ensure_all(pack.media(), infostand_pack::media)
        .map_err(|error| format!("the embedded media do not install: {error}"))?;
    for entry in pack.media() {
        let target = inside(out, &entry.url)?;
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        // Read and written rather than copied: the store's files are private
        // to their user, and a web server's workers must be able to read these.
        let source = store.path(&entry.sha256);
        let bytes =
            fs::read(&source).map_err(|e| format!("cannot read {}: {e}", source.display()))?;
        fs::write(&target, bytes).map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    }

    for language in LANGUAGES {
        let view = ContentView::of(&pack, &[], language, SystemTime::now(), |entry| {
            format!("{prefix}{}", entry.url)
        });
        let code = language.code();
        write_json(
            &out.join(format!("content-{code}.json")),
            serde_json::to_string(&view),
        )?;
    }
    let mode = |kiosk| ModeView::new(kiosk, DEFAULT_IDLE_TIMEOUT, false);
    write_json(
        &out.join("mode-office.json"),
        serde_json::to_string(&mode(false)),
    )?;
    write_json(
        &out.join("mode-kiosk.json"),
        serde_json::to_string(&mode(true)),
    )?;
    write_json(&out.join("mode.json"), serde_json::to_string(&mode(false)))?;
    println!(
        "export_views: wrote the views in {} languages and {} media files to {}",
        LANGUAGES.len(),
        pack.media().len(),
        out.display()
    );
    Ok(())
}

/// `out` joined with a pack-relative URL that must stay inside it (the pack's
/// loader already refuses anything else; this only makes sure).
fn inside(out: &Path, relative: &str) -> Result<PathBuf, String> {
    let safe = !relative.starts_with('/')
        && relative
            .split('/')
            .all(|segment| !segment.is_empty() && segment != "." && segment != "..");
    if safe {
        Ok(out.join(relative))
    } else {
        Err(format!(
            "the media URL {relative:?} points outside the pack"
        ))
    }
}

/// Writes `json` (just serialised) to `path`.
fn write_json(path: &Path, json: serde_json::Result<String>) -> Result<(), String> {
    let text = json.map_err(|e| format!("cannot serialise {}: {e}", path.display()))?;
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
