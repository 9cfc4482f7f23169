//! A crash loses nothing: what a crash leaves mid-save is cleaned up on the
//! next open and the draft is as last saved; a history a crash left behind
//! is dropped, never applied to the wrong draft; a Studio killed with
//! SIGKILL at many instants while saving leaves a draft that opens whole;
//! and a second Studio cannot open a draft the first has open.
//!
//! The killed process is this test binary, run again with [`CHILD_ENV`]
//! set and a filter selecting [`edit_in_child`], as the sync's crash test
//! does: it runs exactly the library code the Studio runs.

use std::fs;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use infostand_content::Language;
use infostand_studio::storage::{Layout, LOCK_FILE, STUDIO_DIR};
use infostand_studio::{Error, Project, VersionPatch};

use super::{campaign, temp, ARTICLE};

/// Set in the child: the draft folder to edit.
const CHILD_ENV: &str = "INFOSTAND_STUDIO_CRASH_CHILD_DRAFT";

/// The child's test, as libtest names it inside this binary.
const CHILD_TEST: &str = "crash::edit_in_child";

/// What the child prints before each save; the parent kills it a while
/// after the first.
const SAVING_MARKER: &str = "infostand-studio-crash-child: saving";

/// How many times a child is killed, each after a different delay.
const KILLS: u64 = 8;

/// The headline the child writes, with the number of the save.
fn numbered(n: u64) -> String {
    format!("Rubrik nummer {n} (test)")
}

fn retitle(project: &mut Project, title: &str) {
    project
        .update_version(
            ARTICLE,
            Language::Sv,
            VersionPatch {
                title: Some(title.into()),
                ..VersionPatch::default()
            },
        )
        .expect("an edit saves");
}

fn title(project: &Project) -> String {
    project
        .draft()
        .item(ARTICLE)
        .map(|item| item.title().to_owned())
        .unwrap_or_default()
}

#[test]
fn leftovers_of_a_crash_are_removed_and_the_draft_is_whole() {
    let work = temp();
    let (mut project, _clock) = campaign(work.path());
    retitle(&mut project, "Sparad rubrik (test)");
    let saved = project.draft().clone();
    let dir = project.dir().to_path_buf();
    drop(project);
    // What a Studio killed in the middle of a save leaves: the temporary
    // files of the atomic writes, half written, under their temporary names.
    let layout = Layout::new(&dir);
    fs::write(
        layout.studio().join(".tmp-draft-half"),
        b"{\"format\":1,\"generat",
    )
    .expect("the test can write");
    fs::write(layout.media().join(".tmp-film-half"), vec![0u8; 4096]).expect("the test can write");
    fs::write(dir.join(".tmp-feed-half"), b"{").expect("the test can write");

    let opened = Project::open(&dir).expect("the draft opens after a crash");
    assert_eq!(
        opened.project.draft(),
        &saved,
        "the draft is exactly as last saved"
    );
    assert!(
        opened
            .notes
            .iter()
            .any(|note| note.contains("3 unfinished save")),
        "the editor is told what was cleaned up: {:?}",
        opened.notes
    );
    for folder in [layout.studio(), layout.media(), dir.clone()] {
        assert!(
            fs::read_dir(&folder)
                .expect("readable")
                .flatten()
                .all(|entry| !entry.file_name().to_string_lossy().starts_with(".tmp-")),
            "{}: no temporary file is left",
            folder.display()
        );
    }
}

#[test]
fn a_history_left_behind_by_a_crash_is_dropped_not_applied() {
    let work = temp();
    let (mut project, _clock) = campaign(work.path());
    retitle(&mut project, "Första (test)");
    let layout = Layout::new(project.dir());
    let old_history = fs::read(layout.history()).expect("the history is saved");
    retitle(&mut project, "Andra (test)");
    let dir = project.dir().to_path_buf();
    drop(project);
    // A crash after draft.json was replaced but before history.json was.
    fs::write(layout.history(), old_history).expect("the test can write");

    let opened = Project::open(&dir).expect("the draft opens");
    let mut project = opened.project;
    assert_eq!(
        title(&project),
        "Andra (test)",
        "the last saved draft is kept, whole"
    );
    assert!(
        opened
            .notes
            .iter()
            .any(|note| note.contains("undo history")),
        "the editor is told the undo history starts afresh: {:?}",
        opened.notes
    );
    assert!(
        matches!(project.undo(), Err(Error::NoHistory(_))),
        "a history of another state is never applied to this one"
    );
}

#[test]
fn a_second_studio_cannot_open_a_draft_that_is_open() {
    let work = temp();
    let (project, _clock) = campaign(work.path());
    let error = Project::open(project.dir()).expect_err("the draft is open");
    assert!(
        matches!(error, Error::Locked { .. }),
        "the second window is told: {error}"
    );
    let dir = project.dir().to_path_buf();
    drop(project);
    Project::open(&dir).expect("once the first is closed, the draft opens");
}

#[test]
fn a_lock_let_go_a_moment_later_is_waited_for() {
    let work = temp();
    let (project, _clock) = campaign(work.path());
    let dir = project.dir().to_path_buf();
    drop(project);
    // What a child process forked while the draft was open holds until it
    // runs its own program: the lock, on a file description of its own.
    let lock_path = Layout::new(&dir).studio().join(LOCK_FILE);
    let held = fs::File::open(&lock_path).expect("the test can open the lock file");
    held.try_lock().expect("nobody else holds it");
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        drop(held);
    });
    Project::open(&dir)
        .expect("a lock let go within the wait is taken, not reported as another Studio's");
    release.join().expect("the releasing thread ends");
}

/// Runs only inside the child process: saves headline after headline
/// until it is killed. In a normal test run it returns at once.
#[test]
fn edit_in_child() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        return;
    };
    let mut project = Project::open(std::path::Path::new(&dir))
        .expect("the child opens the draft")
        .project;
    for n in 1.. {
        println!("{SAVING_MARKER}");
        retitle(&mut project, &numbered(n));
    }
}

#[test]
fn a_studio_killed_while_saving_leaves_a_draft_that_opens_whole() {
    let work = temp();
    let (project, _clock) = campaign(work.path());
    let dir = project.dir().to_path_buf();
    drop(project);
    for kill in 0..KILLS {
        let mut child = Command::new(std::env::current_exe().expect("the test binary has a path"))
            .args([CHILD_TEST, "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, &dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the test binary can run itself");
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut lines = BufReader::new(stdout).lines();
        assert!(
            lines.any(|line| line.is_ok_and(|line| line.contains(SAVING_MARKER))),
            "the child starts saving"
        );
        // From at once to 35 ms into the saving, so kills land in every
        // part of it: the draft, the history, the feed.
        std::thread::sleep(Duration::from_millis(kill * 5));
        child.kill().expect("the child can be killed");
        child.wait().expect("the child can be waited for");

        let opened = Project::open(&dir).expect("a draft killed mid-save opens");
        let project = opened.project;
        let shown = title(&project);
        assert!(
            shown.starts_with("Rubrik nummer ")
                || shown == "Tillsammans sätter vi stopp för drogflödet via nätet",
            "kill {kill}: the headline is one the child saved whole, not a torn one: {shown:?}"
        );
        let feed: serde_json::Value =
            serde_json::from_slice(&fs::read(dir.join("feed.json")).expect("the feed is there"))
                .expect("the feed is whole JSON");
        assert!(
            feed["items"]
                .as_array()
                .is_some_and(|items| items.iter().any(|item| item["title"] == shown.as_str())),
            "kill {kill}: the feed beside the draft follows the draft after opening"
        );
        assert!(
            project.preview().is_ok(),
            "kill {kill}: kiosks would accept the draft as it is"
        );
        assert!(
            dir.join(STUDIO_DIR).join("draft.json").is_file(),
            "the draft file is always there"
        );
    }
}
