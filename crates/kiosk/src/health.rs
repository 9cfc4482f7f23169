//! Facts about the running app for the admin screen and the watchdog: the
//! memory of the whole process tree, the memory of WebKit's web process,
//! and the free disk space. Memory is read from `/proc` on Linux (and is
//! `None` elsewhere); the parsing is pure over the text so it is tested on
//! checked-in samples.
//!
//! Memory is the proportional set size (PSS): pages shared between the app
//! and its WebKit helpers are split between them, so the sum over the tree
//! counts each page once, unlike the resident set size.

use std::collections::{HashMap, HashSet};
use std::path::Path;

/// What WebKitGTK's web process is called. The kernel keeps only the first
/// [`COMM_LEN`] bytes of a process name, so `/proc/<pid>/comm` shows
/// `WebKitWebProces`.
pub const WEB_PROCESS_NAME: &str = "WebKitWebProcess";

/// The longest process name the kernel keeps (`TASK_COMM_LEN` less the
/// terminating NUL).
pub const COMM_LEN: usize = 15;

/// Bytes in the `kB` that `/proc` reports (it means KiB).
const KIB: u64 = 1024;

/// One process's line of `/proc/<pid>/stat`: the fields used here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcStat {
    /// The process id.
    pub pid: u32,
    /// Its parent's id.
    pub ppid: u32,
    /// Its name, as truncated by the kernel.
    pub comm: String,
}

/// Parses `/proc/<pid>/stat`: `pid (comm) state ppid …`. The name may hold
/// spaces and parentheses, so it runs to the last `)`.
pub fn parse_stat(text: &str) -> Option<ProcStat> {
    let open = text.find('(')?;
    let close = text.rfind(')')?;
    let pid = text.get(..open)?.trim().parse().ok()?;
    let comm = text.get(open + 1..close)?.to_string();
    let mut rest = text.get(close + 1..)?.split_whitespace();
    let _state = rest.next()?;
    let ppid = rest.next()?.parse().ok()?;
    Some(ProcStat { pid, ppid, comm })
}

/// The PSS in bytes from `/proc/<pid>/smaps_rollup` or `/proc/<pid>/smaps`:
/// the sum of every `Pss:` line (one in the rollup, one per mapping in
/// `smaps`). `Pss_Anon:` and the like are parts of it, not added again.
/// `None` when there is no `Pss:` line at all.
pub fn parse_pss(text: &str) -> Option<u64> {
    let mut found = false;
    let mut kib: u64 = 0;
    for line in text.lines() {
        let Some(value) = line.strip_prefix("Pss:") else {
            continue;
        };
        let number = value
            .trim()
            .strip_suffix("kB")?
            .trim()
            .parse::<u64>()
            .ok()?;
        kib = kib.saturating_add(number);
        found = true;
    }
    found.then(|| kib.saturating_mul(KIB))
}

/// Every descendant of `root` (children, their children, …) in a snapshot
/// of the process table, not `root` itself, in no particular order.
pub fn descendants(root: u32, processes: &[ProcStat]) -> Vec<u32> {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    for process in processes {
        children.entry(process.ppid).or_default().push(process.pid);
    }
    let mut seen = HashSet::from([root]);
    let mut found = Vec::new();
    let mut queue = vec![root];
    while let Some(pid) = queue.pop() {
        for &child in children.get(&pid).map_or(&[][..], Vec::as_slice) {
            // A pid reused while the snapshot was taken could close a loop.
            if seen.insert(child) {
                found.push(child);
                queue.push(child);
            }
        }
    }
    found
}

/// Whether a process name from `/proc` is WebKit's web process, whole or as
/// the kernel truncates it.
pub fn is_web_process(comm: &str) -> bool {
    let comm = comm.trim_end();
    comm == WEB_PROCESS_NAME || comm == &WEB_PROCESS_NAME[..COMM_LEN]
}

/// The summed PSS of `root_pid` and all its descendants, in bytes; `None`
/// when `root_pid`'s own memory cannot be read, or off Linux. A descendant
/// that exits while the tree is read is left out.
pub fn tree_memory(root_pid: u32) -> Option<u64> {
    let root = proc::pss(root_pid)?;
    let processes = proc::processes();
    let children: u64 = descendants(root_pid, &processes)
        .into_iter()
        .filter_map(proc::pss)
        .sum();
    Some(root + children)
}

/// The summed PSS of `root_pid`'s descendants that are WebKit web processes,
/// in bytes; `None` when there is none (or none could be read), or off
/// Linux.
pub fn web_process_memory(root_pid: u32) -> Option<u64> {
    let processes = proc::processes();
    let web: HashSet<u32> = processes
        .iter()
        .filter(|process| is_web_process(&process.comm))
        .map(|process| process.pid)
        .collect();
    descendants(root_pid, &processes)
        .into_iter()
        .filter(|pid| web.contains(pid))
        .filter_map(proc::pss)
        .reduce(|sum, pss| sum + pss)
}

/// Bytes free for this user on the file system holding `path`; `None` when
/// it cannot be asked (the path does not exist, say).
pub fn free_disk(path: &Path) -> Option<u64> {
    fs4::available_space(path).ok()
}

/// The size in bytes of the file system holding `path`, for how full it
/// is; `None` when it cannot be asked.
pub fn disk_size(path: &Path) -> Option<u64> {
    fs4::total_space(path).ok()
}

/// Reading `/proc`.
#[cfg(target_os = "linux")]
mod proc {
    use super::{parse_pss, parse_stat, ProcStat};

    /// The PSS of one process: the rollup, or on kernels before 4.14 (which
    /// lack it) every mapping's.
    pub fn pss(pid: u32) -> Option<u64> {
        ["smaps_rollup", "smaps"].into_iter().find_map(|file| {
            let text = std::fs::read_to_string(format!("/proc/{pid}/{file}")).ok()?;
            parse_pss(&text)
        })
    }

    /// Every process in `/proc` whose `stat` could be read.
    pub fn processes() -> Vec<ProcStat> {
        let Ok(entries) = std::fs::read_dir("/proc") else {
            return Vec::new();
        };
        entries
            .filter_map(|entry| entry.ok())
            .filter(|entry| {
                entry
                    .file_name()
                    .to_string_lossy()
                    .bytes()
                    .all(|b| b.is_ascii_digit())
            })
            .filter_map(|entry| std::fs::read_to_string(entry.path().join("stat")).ok())
            .filter_map(|text| parse_stat(&text))
            .collect()
    }
}

/// Other systems have no `/proc`: memory is unknown there.
#[cfg(not(target_os = "linux"))]
mod proc {
    use super::ProcStat;

    pub fn pss(_pid: u32) -> Option<u64> {
        None
    }

    pub fn processes() -> Vec<ProcStat> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMAPS_ROLLUP: &str = include_str!("../fixtures/proc/smaps_rollup");
    const SMAPS: &str = include_str!("../fixtures/proc/smaps");

    fn stat(pid: u32, ppid: u32, comm: &str) -> ProcStat {
        ProcStat {
            pid,
            ppid,
            comm: comm.to_string(),
        }
    }

    #[test]
    fn stat_lines_give_pid_parent_and_name() {
        let table: [(&str, Option<ProcStat>); 5] = [
            (
                "6441 (cat) R 6397 6397 2044 0 -1 4194304 100 0 0 0\n",
                Some(stat(6441, 6397, "cat")),
            ),
            (
                "812 (WebKitWebProces) S 790 790 790 0 -1 4194560 51234 0\n",
                Some(stat(812, 790, "WebKitWebProces")),
            ),
            (
                "99 (a (b) c) S 1 99 99 0 -1\n",
                Some(stat(99, 1, "a (b) c")),
            ),
            ("99 (no parent) S\n", None),
            ("garbage", None),
        ];
        for (text, expected) in table {
            assert_eq!(
                parse_stat(text),
                expected,
                "{text:?}: the name runs to the last ')', the parent follows the state"
            );
        }
    }

    #[test]
    fn pss_is_read_from_the_rollup_and_from_smaps() {
        assert_eq!(
            parse_pss(SMAPS_ROLLUP),
            Some(301_544 * 1024),
            "the rollup's one Pss line, in bytes; Pss_Anon and SwapPss are not added"
        );
        assert_eq!(
            parse_pss(SMAPS),
            Some((4 + 1500) * 1024),
            "smaps has a Pss line per mapping, summed"
        );
        assert_eq!(
            parse_pss("Rss: 10 kB\n"),
            None,
            "no Pss line is no figure, not zero"
        );
        assert_eq!(
            parse_pss("Pss: lots\n"),
            None,
            "a Pss line that is not a number is no figure"
        );
    }

    #[test]
    fn descendants_are_the_whole_subtree_only() {
        let processes = [
            stat(1, 0, "systemd"),
            stat(100, 1, "infostand"),
            stat(101, 100, "WebKitNetworkP"),
            stat(102, 100, "bwrap"),
            stat(103, 102, "WebKitWebProces"),
            stat(104, 103, "sh"),
            stat(200, 1, "WebKitWebProces"),
        ];
        let mut found = descendants(100, &processes);
        found.sort_unstable();
        assert_eq!(
            found,
            [101, 102, 103, 104],
            "children and grandchildren (a web process inside bwrap) count; the root, its parent and strangers do not"
        );
        assert!(
            descendants(104, &processes).is_empty(),
            "a leaf has no descendants"
        );
        let looped = [stat(5, 6, "a"), stat(6, 5, "b")];
        let mut found = descendants(5, &looped);
        found.sort_unstable();
        assert_eq!(found, [6], "a loop from pid reuse ends the walk");
    }

    #[test]
    fn the_web_process_is_known_by_its_truncated_name() {
        for (comm, expected) in [
            ("WebKitWebProces", true),
            ("WebKitWebProcess", true),
            ("WebKitWebProces\n", true),
            ("WebKitNetworkPr", false),
            ("infostand", false),
        ] {
            assert_eq!(
                is_web_process(comm),
                expected,
                "{comm:?}: the kernel keeps 15 bytes of the name"
            );
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_tree_has_memory() {
        let memory = tree_memory(std::process::id());
        assert!(
            memory.is_some_and(|bytes| bytes > 0),
            "the test process's own PSS is readable and positive: {memory:?}"
        );
        assert_eq!(
            web_process_memory(std::process::id()),
            None,
            "the test process has no WebKit children"
        );
        assert_eq!(
            tree_memory(u32::MAX),
            None,
            "a process that does not exist has no memory"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_child_process_is_found_in_the_live_tree() {
        // Comparing memory figures would race with the other tests' threads;
        // the walk itself is what needs the live /proc.
        let mut child = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .expect("start a child process");
        let found = descendants(std::process::id(), &proc::processes());
        let child_memory = tree_memory(child.id());
        child.kill().expect("stop the child");
        child.wait().expect("reap the child");
        assert!(
            found.contains(&child.id()),
            "the child {} is a descendant in /proc: {found:?}",
            child.id()
        );
        assert!(
            child_memory.is_some_and(|bytes| bytes > 0),
            "a child's memory is readable: {child_memory:?}"
        );
    }

    #[test]
    fn free_disk_is_known_for_a_real_directory_only() {
        let dir = std::env::temp_dir();
        assert!(
            free_disk(&dir).is_some(),
            "the temp directory's file system can be asked"
        );
        assert_eq!(
            free_disk(Path::new("/no/such/directory/here")),
            None,
            "a missing path has no free space"
        );
    }

    #[test]
    fn the_disk_is_at_least_as_large_as_what_is_free_on_it() {
        let dir = std::env::temp_dir();
        let (free, size) = (free_disk(&dir), disk_size(&dir));
        assert!(
            matches!((free, size), (Some(free), Some(size)) if size >= free && size > 0),
            "how full a disk is needs its size, never less than what is free: {free:?} of {size:?}"
        );
        assert_eq!(
            disk_size(Path::new("/no/such/directory/here")),
            None,
            "a missing path has no file system"
        );
    }
}
