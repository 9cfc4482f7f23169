//! A full disk, for real: the data directory is a small tmpfs mounted for
//! the test (this needs root, as CI and the dev container have; elsewhere
//! the tests print why they did not run and pass).
//!
//! - A film larger than the free space is refused by the pre-check with
//!   `disk_full` before a byte of it is fetched.
//! - A disk that fills up after the check passed (another program writes a
//!   big file while the film downloads) fails the write with ENOSPC; the
//!   content shown is untouched and, once there is room again, the next
//!   sync completes.
//!
//! Both leave the active revision and what the status says is shown intact.

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use infostand_sync::active;
use infostand_sync::layout::Layout;
use infostand_sync::media::{partial_path, DISK_HEADROOM_BYTES};
use infostand_sync::{load_active, ErrorCode, Outcome, Status};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::{fixture, syncer_for, Signer, EMBEDDED_REVISION, FIXTURES};

const MIB: u64 = 1024 * 1024;

/// A disk with room for the headroom the sync always leaves free plus one
/// mebibyte: revision 10's few hundred bytes of media fit, little else.
const SMALL_DISK: u64 = DISK_HEADROOM_BYTES + MIB;

/// A film declared larger than the whole small disk.
const HUGE_FILM: u64 = 2 * SMALL_DISK;

/// A disk where the pre-check for revision 11's 64 KiB film passes.
const ROOMY_DISK: u64 = DISK_HEADROOM_BYTES + 2 * MIB;

/// What the filler leaves free: less than the 64 KiB film needs.
const LEFT_FREE: u64 = 16 * 1024;

/// The film revision 11 adds.
const NEW_FILM: &str = "/media/film-2.webm";

/// A tmpfs mounted on a temporary directory, unmounted on drop.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    /// Mounts a tmpfs of `size` bytes, or says why it cannot and returns
    /// `None` (not root, no `mount`, a container without the capability).
    fn mount(test: &str, size: u64) -> Option<Self> {
        let dir = tempfile::tempdir().expect("a temporary mount point");
        let result = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .output();
        match result {
            Ok(output) if output.status.success() => Some(Self { dir }),
            Ok(output) => {
                println!(
                    "{test}: SKIPPED, a small tmpfs cannot be mounted here (needs root): {}",
                    String::from_utf8_lossy(&output.stderr).trim()
                );
                None
            }
            Err(error) => {
                println!("{test}: SKIPPED, `mount` cannot run: {error}");
                None
            }
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let unmounted = Command::new("umount")
            .arg(self.dir.path())
            .status()
            .is_ok_and(|status| status.success());
        if !unmounted {
            // Something still has a file open; detach it so the directory
            // can go, and the kernel frees the tmpfs when it is closed.
            let _ = Command::new("umount")
                .arg("-l")
                .arg(self.dir.path())
                .status();
        }
    }
}

/// A static site whose media request can run a hook first, so the test can
/// fill the disk after the sync's free-space check and before the film is
/// written.
#[derive(Default)]
struct Site {
    files: HashMap<String, Vec<u8>>,
    before_media: Option<Box<dyn FnOnce() + Send>>,
    requests: Vec<String>,
}

type SharedSite = Arc<Mutex<Site>>;

async fn serve_site(State(site): State<SharedSite>, uri: Uri) -> Response {
    let path = uri.path().to_owned();
    let (hook, body) = {
        let mut site = site.lock().expect("the site is not poisoned");
        site.requests.push(path.clone());
        let hook = if path.starts_with("/media/") {
            site.before_media.take()
        } else {
            None
        };
        (hook, site.files.get(&path).cloned())
    };
    if let Some(hook) = hook {
        hook();
    }
    match body {
        Some(bytes) => (StatusCode::OK, bytes).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

struct Server {
    url: String,
    site: SharedSite,
    signer: Signer,
}

impl Server {
    async fn start() -> Self {
        let site = SharedSite::default();
        {
            let mut state = site.lock().expect("the site is not poisoned");
            for entry in fs::read_dir(Path::new(FIXTURES).join("media")).expect("fixtures exist") {
                let entry = entry.expect("fixture entries are readable");
                let name = entry.file_name().to_string_lossy().into_owned();
                let bytes = fs::read(entry.path()).expect("fixtures are readable");
                state.files.insert(format!("/media/{name}"), bytes);
            }
        }
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port is free");
        let address = listener
            .local_addr()
            .expect("a bound socket has an address");
        let app = Router::new().fallback(serve_site).with_state(site.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self {
            url: format!("http://{address}/feed.json"),
            site,
            signer: Signer::new(),
        }
    }

    fn publish(&self, feed: &[u8]) {
        let mut site = self.site.lock().expect("the site is not poisoned");
        site.files.insert("/feed.json".into(), feed.to_vec());
        site.files.insert(
            "/feed.json.minisig".into(),
            self.signer.sign(feed).into_bytes(),
        );
    }

    fn requests(&self) -> Vec<String> {
        std::mem::take(&mut self.site.lock().expect("not poisoned").requests)
    }
}

/// Revision 11 with its new film declared as `size` bytes of other content.
fn feed_11_with_film_of(size: u64) -> Vec<u8> {
    let mut feed: Value =
        serde_json::from_slice(&fixture("feed-11.json")).expect("the fixture is JSON");
    let url = NEW_FILM.trim_start_matches('/');
    let sha = hex::encode(Sha256::digest(size.to_le_bytes()));
    for entry in feed["_infostand"]["media"]
        .as_array_mut()
        .expect("the fixture has a manifest")
    {
        if entry["url"] == url {
            entry["sha256"] = sha.clone().into();
            entry["size_in_bytes"] = size.into();
        }
    }
    for item in feed["items"].as_array_mut().expect("the fixture has items") {
        for attachment in item["attachments"].as_array_mut().into_iter().flatten() {
            if attachment["url"] == url {
                attachment["size_in_bytes"] = size.into();
            }
        }
    }
    serde_json::to_vec_pretty(&feed).expect("JSON serialises")
}

/// What must survive any failed attempt: the switch and what is shown.
struct Before {
    active: Vec<u8>,
    status: Status,
}

impl Before {
    fn take(data: &Path) -> Self {
        let layout = Layout::new(data);
        Self {
            active: fs::read(layout.active_file()).expect("revision 10 was applied"),
            status: Status::load(&layout),
        }
    }

    fn assert_intact(&self, case: &str, data: &Path, signer: &Signer) -> Status {
        let layout = Layout::new(data);
        assert_eq!(
            fs::read(layout.active_file()).expect("active.json is still there"),
            self.active,
            "{case}: a failed sync must not touch active.json"
        );
        let (loaded, info) = load_active(data, &[signer.public()])
            .unwrap_or_else(|| panic!("{case}: revision 10 must still load after a full disk"));
        assert_eq!(
            (info.revision, loaded.pack.revision()),
            (10, 10),
            "{case}: a restart still shows revision 10"
        );
        let status = Status::load(&layout);
        assert_eq!(
            (&status.revision, &status.item_ids, &status.last_success),
            (
                &self.status.revision,
                &self.status.item_ids,
                &self.status.last_success
            ),
            "{case}: the status still says what is shown and when a sync last worked"
        );
        status
    }
}

/// A kiosk on `disk` that has applied revision 10 from `server`.
async fn at_revision_10(server: &Server, disk: &Tmpfs) -> infostand_sync::Syncer {
    server.publish(&fixture("feed-10.json"));
    let syncer = syncer_for(
        disk.path(),
        Some(server.url.clone()),
        vec![server.signer.public()],
    );
    let outcome = syncer
        .sync_once(EMBEDDED_REVISION)
        .await
        .expect("revision 10's few small files fit on the small disk");
    assert!(
        matches!(outcome, Outcome::Applied { .. }),
        "revision 10 is applied: {outcome:?}"
    );
    server.requests();
    syncer
}

#[tokio::test]
async fn a_film_larger_than_the_free_space_is_refused_before_downloading() {
    const TEST: &str = "a_film_larger_than_the_free_space_is_refused_before_downloading";
    let Some(disk) = Tmpfs::mount(TEST, SMALL_DISK) else {
        return;
    };
    let server = Server::start().await;
    let syncer = at_revision_10(&server, &disk).await;
    server.publish(&feed_11_with_film_of(HUGE_FILM));
    let before = Before::take(disk.path());

    let error = syncer
        .sync_once(10)
        .await
        .expect_err("a film larger than the disk must be refused");
    assert_eq!(
        error.code(),
        ErrorCode::DiskFull,
        "the free-space check must catch it: {error}"
    );
    let message = error.to_string();
    assert!(
        message.contains(&(HUGE_FILM + DISK_HEADROOM_BYTES).to_string())
            && message.contains("bytes are free"),
        "the message names what is needed and what is free, for the staff: {message}"
    );
    let status = before.assert_intact("film larger than the disk", disk.path(), &server.signer);
    assert_eq!(
        status.last_error.map(|e| e.code),
        Some(ErrorCode::DiskFull),
        "the status says disk_full (the headroom leaves room to write it)"
    );
    assert!(
        !server.requests().iter().any(|path| path == NEW_FILM),
        "not a byte of a film that cannot fit is requested"
    );
    let store = Layout::new(disk.path())
        .media_store()
        .expect("the store exists");
    let sha = hex::encode(Sha256::digest(HUGE_FILM.to_le_bytes()));
    assert!(
        !partial_path(&store, &sha).exists(),
        "no partial file is started for it"
    );
}

#[tokio::test]
async fn a_disk_that_fills_during_the_download_fails_cleanly_and_recovers() {
    const TEST: &str = "a_disk_that_fills_during_the_download_fails_cleanly_and_recovers";
    let Some(disk) = Tmpfs::mount(TEST, ROOMY_DISK) else {
        return;
    };
    let server = Server::start().await;
    let syncer = at_revision_10(&server, &disk).await;
    server.publish(&fixture("feed-11.json"));
    let before = Before::take(disk.path());

    // Another program fills the disk once the free-space check has passed,
    // just as the film starts to arrive.
    let filler = disk.path().join("filler");
    let mount = disk.path().to_path_buf();
    let filler_path = filler.clone();
    server.site.lock().expect("not poisoned").before_media = Some(Box::new(move || {
        let free = fs4::available_space(&mount).expect("free space is readable");
        let mut file = fs::File::create(&filler_path).expect("the filler can be created");
        let chunk = vec![0_u8; MIB as usize];
        let mut left = free.saturating_sub(LEFT_FREE);
        while left > 0 {
            let take = left.min(MIB) as usize;
            file.write_all(&chunk[..take])
                .expect("the filler fits in what was free");
            left -= take as u64;
        }
    }));

    let error = syncer
        .sync_once(10)
        .await
        .expect_err("the film cannot be written to a full disk");
    let message = error.to_string();
    assert!(
        message.contains("No space left on device"),
        "the error must say the disk is full: {message}"
    );
    assert_eq!(
        error.code(),
        ErrorCode::DiskFull,
        "a disk that fills during the download is a full disk to the staff: {message}"
    );
    let status = before.assert_intact("disk filled mid-download", disk.path(), &server.signer);
    assert_eq!(
        status.last_error.map(|e| e.code),
        Some(ErrorCode::DiskFull),
        "the partial film is given back, so the status can record disk_full"
    );

    fs::remove_file(&filler).expect("the filler can be removed");
    let outcome = syncer
        .sync_once(10)
        .await
        .expect("with room again, the next sync completes");
    let Outcome::Applied { active, .. } = outcome else {
        panic!("revision 11 must be applied once the film fits: {outcome:?}");
    };
    assert_eq!(
        active.revision, 11,
        "the new revision is live after recovery"
    );
    let layout = Layout::new(disk.path());
    let info = active::read_active(&layout).expect("active.json exists");
    active::load_revision(
        &layout,
        info.revision,
        info.source,
        &[server.signer.public()],
    )
    .expect("the recovered revision is complete, its film verified in the store");
    assert_eq!(
        Status::load(&layout).last_error,
        None,
        "the recovery clears the error"
    );
}
