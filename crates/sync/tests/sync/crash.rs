//! The crash test: a separate process applies revision 11 (with its new
//! film) over revision 10 and is killed with SIGKILL at many instants; after
//! every kill the data directory must hold a complete revision, 10 or 11,
//! and the next sync must finish the job.
//!
//! The separate process is this very test binary, run again with
//! [`CHILD_DATA_ENV`] set and a filter that selects only
//! [`apply_in_child`]: no extra binary to build, and the child runs exactly
//! the library code the app runs. Kill instants are timed from the moment
//! the child says it starts the sync, spread evenly over (a little more
//! than) how long a whole apply takes on this machine, so they land in the
//! feed fetch, the film download, its verification and rename, staging, the
//! switch, garbage collection and the status write.

use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use infostand_sync::active;
use infostand_sync::layout::Layout;
use infostand_sync::{load_active, Outcome, PublicKey};
use sha2::{Digest, Sha256};

use super::{fixture, syncer_for, Signer, TestServer, EMBEDDED_REVISION};

/// Set in the child: the data directory to sync into.
const CHILD_DATA_ENV: &str = "INFOSTAND_CRASH_CHILD_DATA";
/// Set in the child: the feed's URL on the parent's test server.
const CHILD_FEED_ENV: &str = "INFOSTAND_CRASH_CHILD_FEED";
/// Set in the child: the public key to trust.
const CHILD_KEY_ENV: &str = "INFOSTAND_CRASH_CHILD_KEY";

/// The child's test, as libtest names it inside this binary.
const CHILD_TEST: &str = "crash::apply_in_child";

/// What the child prints just before it starts the sync; kill delays count
/// from here, so process start-up does not eat the spread.
const STARTED_MARKER: &str = "infostand-crash-child: sync starts";

/// How many times a child is killed, evenly over the span; at least half
/// of these many kills must interrupt it.
const KILLS: u32 = 40;

/// Kills added early in the span when a slow or fast run let fewer than
/// `KILLS / 2` of the even ones interrupt the child.
const EXTRA_KILLS: u32 = 40;

/// The kills are spread over this multiple of a whole apply's duration, so
/// the last few land after the child may have finished: both outcomes (old
/// and new revision) are exercised even when this machine's timing varies.
const SPREAD: f64 = 1.25;

/// Uninterrupted runs timed to find how long an apply takes.
const CALIBRATION_RUNS: usize = 3;

/// The revisions on either side of the apply.
const OLD: u64 = 10;
const NEW: u64 = 11;

/// Runs only inside the child process; in a normal test run (no
/// [`CHILD_DATA_ENV`]) it returns at once.
#[test]
fn apply_in_child() {
    let Ok(data) = std::env::var(CHILD_DATA_ENV) else {
        return;
    };
    let feed_url = std::env::var(CHILD_FEED_ENV).expect("the parent passes the feed URL");
    let key = std::env::var(CHILD_KEY_ENV).expect("the parent passes the key");
    let key = PublicKey::from_base64(&key).expect("the parent passes a valid key");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("the child can start a runtime");
    let syncer = syncer_for(Path::new(&data), Some(feed_url), vec![key]);
    // println! flushes at the newline, so the parent sees this at once.
    println!("{STARTED_MARKER}");
    let outcome = runtime
        .block_on(syncer.sync_once(OLD))
        .expect("unless it is killed, the child's sync completes");
    assert!(
        matches!(outcome, Outcome::Applied { .. }),
        "the child applies revision {NEW}: {outcome:?}"
    );
}

/// How one child run ended.
struct ChildRun {
    /// Killed by our SIGKILL (rather than having finished first).
    killed: bool,
    /// From the start marker to the end of the process.
    elapsed: Duration,
}

/// Starts a child syncing into `data`, waits for its start marker, then
/// kills it after `kill_after` (or lets it finish with `None`). Blocking:
/// called on a blocking thread so the runtime keeps serving the feed.
fn run_child(data: &Path, feed_url: &str, key: &str, kill_after: Option<Duration>) -> ChildRun {
    let mut child = Command::new(std::env::current_exe().expect("the test binary has a path"))
        .args([CHILD_TEST, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_DATA_ENV, data)
        .env(CHILD_FEED_ENV, feed_url)
        .env(CHILD_KEY_ENV, key)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the test binary can run itself");
    let stdout = child.stdout.take().expect("stdout is piped");
    let mut lines = BufReader::new(stdout).lines();
    let started = loop {
        match lines.next() {
            Some(Ok(line)) if line.contains(STARTED_MARKER) => break Instant::now(),
            Some(_) => {}
            None => {
                let mut stderr = String::new();
                child
                    .stderr
                    .take()
                    .map(|mut pipe| pipe.read_to_string(&mut stderr));
                let status = child.wait();
                panic!("the child ended before starting its sync ({status:?}): {stderr}");
            }
        }
    };
    if let Some(delay) = kill_after {
        std::thread::sleep(delay);
        // On Unix this is SIGKILL; on a process that already exited (a
        // zombie until waited for) it does nothing.
        child.kill().expect("the child can be killed");
    }
    // Drain stdout so a child that finishes is never blocked on the pipe.
    lines.for_each(drop);
    let status = child.wait().expect("the child can be waited for");
    let elapsed = started.elapsed();
    let killed = {
        use std::os::unix::process::ExitStatusExt;
        status.signal().is_some()
    };
    if !killed {
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .map(|mut pipe| pipe.read_to_string(&mut stderr));
        assert!(
            status.success(),
            "a child that was not killed must have applied revision {NEW}: {status:?}: {stderr}"
        );
    }
    ChildRun { killed, elapsed }
}

/// Copies a data directory tree (plain files and folders only).
fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("the copy's folder can be made");
    for entry in fs::read_dir(from).expect("the template is readable") {
        let entry = entry.expect("template entries are readable");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file types are readable").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("template files copy");
        }
    }
}

/// Checks what a restart would find: `active.json` readable, the revision
/// it names complete by itself (not rescued by the fallback), every one of
/// its media files in the store with the right hash, and `load_active`
/// showing exactly it. Returns that revision.
fn assert_consistent(case: &str, data: &Path, keys: &[PublicKey]) -> u64 {
    let layout = Layout::new(data);
    let info = active::read_active(&layout)
        .unwrap_or_else(|| panic!("{case}: active.json is written atomically, so it is never torn or missing once revision {OLD} was applied"));
    assert!(
        info.revision == OLD || info.revision == NEW,
        "{case}: the active revision is the old or the new one, not {}",
        info.revision
    );
    let verified = active::load_revision(&layout, info.revision, info.source, keys)
        .unwrap_or_else(|problem| {
            panic!(
                "{case}: the revision active.json names ({}) must be complete on its own: {problem}",
                info.revision
            )
        });
    let store = layout.media_store().expect("the media store opens");
    for entry in verified.loaded.pack.media() {
        let bytes = fs::read(store.path(&entry.sha256))
            .unwrap_or_else(|error| panic!("{case}: {} is in the store: {error}", entry.url));
        assert_eq!(
            hex::encode(Sha256::digest(&bytes)),
            entry.sha256,
            "{case}: {} must be whole, not a torn copy, under its hash's name",
            entry.url
        );
    }
    let (loaded, shown) = load_active(data, keys).unwrap_or_else(|| {
        panic!("{case}: a restart must show synced content, not fall back to the embedded pack")
    });
    assert_eq!(
        (shown.revision, loaded.pack.revision()),
        (info.revision, info.revision),
        "{case}: a restart shows the active revision itself"
    );
    info.revision
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_at_any_instant_an_apply_leaves_the_old_or_the_new_revision() {
    let server = TestServer::start().await;
    let signer = Signer::new();
    let keys = [signer.public()];
    let key_text = signer.pair.pk.to_base64();
    let publish = |name: &str| {
        let feed = fixture(name);
        let signature = signer.sign(&feed);
        server.publish(feed, Some(signature));
    };

    // A data directory at revision 10, copied for every run.
    let template = tempfile::tempdir().expect("a temporary data directory");
    publish("feed-10.json");
    let outcome = syncer_for(template.path(), Some(server.feed_url()), keys.to_vec())
        .sync_once(EMBEDDED_REVISION)
        .await
        .expect("revision 10 applies in the parent");
    assert!(
        matches!(outcome, Outcome::Applied { .. }),
        "the template must hold revision {OLD}: {outcome:?}"
    );
    publish("feed-11.json");

    let run = |kill_after: Option<Duration>| {
        let dir = tempfile::tempdir().expect("a temporary data directory");
        copy_tree(template.path(), dir.path());
        let (url, key) = (server.feed_url(), key_text.clone());
        async move {
            let path = dir.path().to_path_buf();
            let result =
                tokio::task::spawn_blocking(move || run_child(&path, &url, &key, kill_after))
                    .await
                    .expect("the child runner does not panic");
            (dir, result)
        }
    };

    // How long a whole apply takes here, measured from the start marker:
    // the median of a few runs, as the first may be slowed by cold caches.
    let mut durations = Vec::new();
    for _ in 0..CALIBRATION_RUNS {
        let (calibration, full) = run(None).await;
        assert_eq!(
            assert_consistent("uninterrupted", calibration.path(), &keys),
            NEW,
            "a child left alone applies revision {NEW}"
        );
        durations.push(full.elapsed);
    }
    durations.sort();
    let apply = durations[durations.len() / 2];
    let span = apply.mul_f64(SPREAD);

    // The even spread first; then, only if this run's timing let too many
    // kills land after the child finished, more kills in the span's first
    // half, where they catch it mid-apply, until half of all kills have.
    let schedule = (0..KILLS)
        .map(|kill| span.mul_f64(f64::from(kill) / f64::from(KILLS - 1)))
        .chain(
            (0..EXTRA_KILLS)
                .map(|kill| span.mul_f64(0.5 * f64::from(kill) / f64::from(EXTRA_KILLS))),
        );
    let (mut killed, mut old, mut new, mut tried) = (0, 0, 0, 0);
    for (kill, delay) in (0u32..).zip(schedule) {
        if kill >= KILLS && killed >= KILLS / 2 {
            break;
        }
        tried += 1;
        let case = format!("kill {kill} after {delay:?}");
        let (dir, result) = run(Some(delay)).await;
        killed += u32::from(result.killed);
        match assert_consistent(&case, dir.path(), &keys) {
            OLD => old += 1,
            _ => new += 1,
        }
        let shown =
            load_active(dir.path(), &keys).map_or(EMBEDDED_REVISION, |(_, info)| info.revision);
        let outcome = syncer_for(dir.path(), Some(server.feed_url()), keys.to_vec())
            .sync_once(shown)
            .await
            .unwrap_or_else(|error| {
                panic!("{case}: the next sync after a crash must complete: {error}")
            });
        assert!(
            matches!(
                (shown, &outcome),
                (OLD, Outcome::Applied { .. }) | (NEW, Outcome::UpToDate { .. })
            ),
            "{case}: from revision {shown} the next sync must end at {NEW}: {outcome:?}"
        );
        assert_eq!(
            assert_consistent(&format!("{case}, then synced"), dir.path(), &keys),
            NEW,
            "{case}: after the next sync revision {NEW} is shown"
        );
    }
    println!(
        "crash test: a whole apply took {:?}; {tried} kills over {span:?}: {killed} interrupted the child, restarts found revision {OLD} {old} times and {NEW} {new} times",
        apply
    );
    assert!(
        killed >= KILLS / 2,
        "most kills must land while the child is still applying, or the test proves little: {killed} of {KILLS}"
    );
    assert!(
        old > 0,
        "the earliest kills must catch the child before its switch (old revision kept)"
    );
}
