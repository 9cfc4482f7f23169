//! The configuration the app last started with: a copy of each config file
//! that was read, kept at every start whose configuration was valid, so
//! that one typo in a file pushed to every machine (`idle_timeout = "2s"`)
//! never blacks out a stand: the app starts on these copies instead (or on
//! the defaults, when there are none), shows its content, and reports the
//! error in its status, its log and the admin screen.
//!
//! The copies live in the user's state folder (`~/.local/state/infostand/
//! last-good/` on Linux), readable by the user only: they may hold the
//! admin PIN's hash.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The folder's name beside the logs' folder.
pub const FOLDER: &str = "last-good";

/// The folder of the copies, or `None` when the OS names no state folder.
pub fn folder() -> Option<PathBuf> {
    crate::log::default_dir().and_then(|logs| logs.parent().map(|state| state.join(FOLDER)))
}

/// Keeps a copy of each of `files` that exists, in their order (the one
/// that wins last, last), replacing the copies of an earlier start.
///
/// # Errors
/// [`Error::Read`] naming the file that could not be read or written; the
/// app then simply has no newer copies.
pub fn remember(files: &[PathBuf], folder: &Path) -> Result<()> {
    let failed = |path: &Path| {
        let path = path.to_path_buf();
        move |source: std::io::Error| Error::Read { path, source }
    };
    fs::create_dir_all(folder).map_err(failed(folder))?;
    let mut kept = Vec::new();
    for (index, file) in files.iter().enumerate() {
        let text = match fs::read(file) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => continue,
            // A file this user cannot read (the system PIN file, for
            // another user) was not part of the configuration either.
            Err(error) if error.kind() == std::io::ErrorKind::PermissionDenied => continue,
            Err(error) => return Err(failed(file)(error)),
        };
        let name = file.file_name().map_or_else(
            || "config.toml".into(),
            |name| name.to_string_lossy().into_owned(),
        );
        let copy = folder.join(format!("{index:02}-{name}"));
        write_private(&copy, &text).map_err(failed(&copy))?;
        kept.push(copy);
    }
    // Copies of files that are gone now would otherwise come back.
    for entry in fs::read_dir(folder).map_err(failed(folder))?.flatten() {
        let path = entry.path();
        if !kept.contains(&path) && path.extension().is_some_and(|ext| ext == "toml") {
            fs::remove_file(&path).map_err(failed(&path))?;
        }
    }
    Ok(())
}

/// The copies kept in `folder`, in the order to read them.
pub fn files(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(folder)
        .map(|entries| {
            entries
                .flatten()
                .map(|entry| entry.path())
                .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Writes `bytes` to `path` atomically, readable by its owner only.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new().prefix(".tmp-").tempfile_in(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        temp.as_file()
            .set_permissions(fs::Permissions::from_mode(0o600))?;
    }
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|error| error.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_follow_the_files_and_their_order() {
        let config = tempfile::tempdir().expect("a temporary folder");
        let system = config.path().join("system.toml");
        let user = config.path().join("config.toml");
        fs::write(&system, "[kiosk]\nenabled = true\n").expect("writable");
        fs::write(&user, "offline = true\n").expect("writable");
        let state = tempfile::tempdir().expect("a temporary folder");
        let folder = state.path().join(FOLDER);
        remember(
            &[
                system.clone(),
                config.path().join("absent.toml"),
                user.clone(),
            ],
            &folder,
        )
        .expect("the state folder is writable");
        let copies = files(&folder);
        assert_eq!(copies.len(), 2, "a missing file has no copy: {copies:?}");
        assert_eq!(
            fs::read_to_string(&copies[0]).expect("readable"),
            "[kiosk]\nenabled = true\n",
            "the system-wide file first, as it is read first"
        );
        assert_eq!(
            fs::read_to_string(&copies[1]).expect("readable"),
            "offline = true\n",
            "the user's last, as it wins last"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&copies[0])
                .expect("exists")
                .permissions()
                .mode()
                & 0o777;
            assert_eq!(
                mode, 0o600,
                "a copy may hold the PIN's hash: its owner's only"
            );
        }
        remember(std::slice::from_ref(&user), &folder).expect("writable");
        assert_eq!(
            files(&folder).len(),
            1,
            "the copy of a file no longer read goes, or it would come back"
        );
    }
}
