//! The crash test: a separate process counts events without pause and
//! flushes every [`CHILD_FLUSH_INTERVAL`] on a thread of its own, as the
//! app does every minute; it is killed with SIGKILL at a different instant
//! each round. A fresh process then reads the day files: they must be
//! readable (never torn), and every count the child reported more than an
//! interval (and the time a flush takes) before the kill must be there.
//!
//! The separate process is this very test binary, run again with
//! [`CHILD_DATA_ENV`] set and a filter that selects only
//! [`count_in_child`]: no extra binary to build, and the child runs exactly
//! the library code the app runs.

use std::io::{BufRead, BufReader, Read as _};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use infostand_reach::{query, Event, Kind, Period, Store};

/// Set in the child: the data directory to count into.
const CHILD_DATA_ENV: &str = "INFOSTAND_REACH_CHILD_DATA";

/// The child's test, as libtest names it inside this binary.
const CHILD_TEST: &str = "crash::count_in_child";

/// How often the child flushes: the app's [`infostand_reach::FLUSH_INTERVAL`]
/// made short so that the test takes seconds, not minutes.
const CHILD_FLUSH_INTERVAL: Duration = Duration::from_millis(200);

/// What a flush may take beyond its interval on a loaded two-core machine
/// (reading, writing and syncing a day file, and the flushing thread
/// being scheduled late).
const FLUSH_SLACK: Duration = Duration::from_millis(800);

/// How long the child is left to count before the first kill; later
/// rounds add [`KILL_STEP`] each, so kills land at different points of
/// the flush cycle, some of them inside a flush.
const FIRST_KILL_AFTER: Duration = Duration::from_millis(1_500);

/// See [`FIRST_KILL_AFTER`]: a step that is no multiple of the interval.
const KILL_STEP: Duration = Duration::from_millis(130);

/// Children started and killed, each counting on from what the last left.
const ROUNDS: u32 = 5;

/// The pause between two counts in the child: fast enough that every
/// flush has counts to write.
const COUNT_PAUSE: Duration = Duration::from_millis(2);

/// What the child prints after each count, followed by its number.
const COUNTED: &str = "counted ";

/// The events the child counts, in turn: kinds with and without values,
/// so each flush merges several values into the day file.
fn event(n: u64) -> Event {
    match n % 4 {
        0 => Event::plain(Kind::SessionStarted),
        1 => Event::new(Kind::ScreenViewed, Some("films")),
        2 => Event::new(
            Kind::FilmStarted,
            Some(if n % 8 == 2 { "film-1" } else { "film-2" }),
        ),
        _ => Event::new(Kind::LanguageChosen, Some("en")),
    }
}

/// Runs only inside the child process; in a normal test run (no
/// [`CHILD_DATA_ENV`]) it returns at once.
#[test]
fn count_in_child() {
    let Ok(data) = std::env::var(CHILD_DATA_ENV) else {
        return;
    };
    let store = std::sync::Arc::new(Store::open(Path::new(&data)));
    let flusher = std::sync::Arc::clone(&store);
    std::thread::spawn(move || loop {
        std::thread::sleep(CHILD_FLUSH_INTERVAL);
        flusher
            .flush()
            .expect("the child's data directory is writable");
    });
    for n in 1.. {
        store.count(event(n));
        // println! flushes at the newline, so the parent sees this at once.
        println!("{COUNTED}{n}");
        std::thread::sleep(COUNT_PAUSE);
    }
}

/// Every count in the day files, and that no file is torn.
fn counted_on_disk(data: &Path, case: &str) -> u64 {
    let read = query::read(data, &Period::ALL).expect("the stats folder lists");
    assert!(
        read.unreadable.is_empty(),
        "{case}: day files are replaced atomically, so a kill never leaves one unreadable: {:?}",
        read.unreadable
    );
    read.counts.iter().fold(0, |sum, (_, n)| sum + n)
}

/// Starts a child counting into `data`, kills it with SIGKILL after
/// `kill_after`, and returns when each count was reported (as the parent
/// saw its line) and when the kill was sent.
fn run_child(data: &Path, kill_after: Duration) -> (Vec<Instant>, Instant) {
    let mut child = Command::new(std::env::current_exe().expect("the test binary has a path"))
        .args([CHILD_TEST, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_DATA_ENV, data)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the test binary can run itself");
    let stdout = child.stdout.take().expect("stdout is piped");
    let (sender, reports) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if line.starts_with(COUNTED) && sender.send(Instant::now()).is_err() {
                break;
            }
        }
    });
    let first = reports
        .recv_timeout(Duration::from_secs(30))
        .unwrap_or_else(|_| {
            let mut stderr = String::new();
            child
                .stderr
                .take()
                .map(|mut pipe| pipe.read_to_string(&mut stderr));
            panic!("the child never counted: {stderr}");
        });
    std::thread::sleep(kill_after.saturating_sub(first.elapsed()));
    let killed_at = Instant::now();
    // On Unix this is SIGKILL: no destructor, no flush at exit.
    child.kill().expect("the child can be killed");
    let status = child.wait().expect("the child can be waited for");
    reader
        .join()
        .expect("the reader ends with the child's stdout");
    {
        use std::os::unix::process::ExitStatusExt;
        assert!(
            status.signal().is_some(),
            "the child counts until it is killed: {status:?}"
        );
    }
    let mut reported = vec![first];
    reported.extend(reports.try_iter());
    (reported, killed_at)
}

#[test]
fn counts_older_than_a_flush_interval_survive_sigkill() {
    let data = tempfile::tempdir().expect("a temporary data directory");
    let mut on_disk = 0;
    for round in 0..ROUNDS {
        let kill_after = FIRST_KILL_AFTER + KILL_STEP * round;
        let (reported, killed_at) = run_child(data.path(), kill_after);
        let case = format!("round {round}, killed after {kill_after:?}");
        let settled = reported
            .iter()
            .filter(|at| killed_at.duration_since(**at) > CHILD_FLUSH_INTERVAL + FLUSH_SLACK)
            .count();
        let settled = u64::try_from(settled).expect("a count of lines fits");
        let total = u64::try_from(reported.len()).expect("a count of lines fits");
        assert!(
            settled > 0,
            "{case}: the child ran long enough for counts to be due on disk ({total} reported)"
        );
        let now = counted_on_disk(data.path(), &case);
        let added = now - on_disk;
        assert!(
            added >= settled,
            "{case}: every one of the {settled} counts reported more than {:?} before the kill must be on disk, found {added}",
            CHILD_FLUSH_INTERVAL + FLUSH_SLACK
        );
        // A count is made before its line is printed: the kill may fall
        // between the two, so the disk may hold one more than reported.
        assert!(
            added <= total + 1,
            "{case}: nothing is counted twice: {added} on disk, {total} reported"
        );
        on_disk = now;
    }
}
