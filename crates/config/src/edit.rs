//! Changing one key of a config file in place (`infostand set-pin` stores
//! the PIN's hash this way): every other line, comment and blank line stays
//! as the person who wrote the file left it, and the file is replaced in one
//! step, so a crash or a full disk never leaves half a config behind.
//!
//! A file written with a value in it is given the [`Readers`] asked for; a
//! file a value was only removed from keeps its mode and owner.

use std::fs;
use std::io::Write;
use std::ops::Range;
use std::path::Path;

use toml_edit::{Document, Item, Value};

use crate::error::{Error, Result};
use crate::file::line_and_column;

/// Prefix of the temporary file a change is written to before it replaces
/// the config file; a crash can leave one behind, which is never read.
pub const TEMP_PREFIX: &str = ".config.toml.";

/// The mode of a file only its owner may read: a file holding the admin
/// PIN's hash, which a 4-digit PIN can be guessed from offline.
#[cfg(unix)]
pub const OWNER_ONLY_MODE: u32 = 0o600;

/// The mode of a file its owner writes and its group reads: the system-wide
/// PIN file, root's, read by the kiosk user's group.
#[cfg(unix)]
pub const OWNER_AND_GROUP_MODE: u32 = 0o640;

/// Who may read a file that [`set_value`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Readers {
    /// The file's owner only ([`OWNER_ONLY_MODE`] on Unix; an existing
    /// file loses its group and other bits). On Windows, whoever its
    /// folder's ACL lets read it.
    Owner,
    /// Its owner and the group with this id ([`OWNER_AND_GROUP_MODE`] on
    /// Unix, the file's group set to it). On Windows, as [`Readers::Owner`].
    OwnerAndGroup {
        /// The group's numeric id.
        gid: u32,
    },
}

/// What the file written gets: its own mode and owner back, or new readers.
#[derive(Debug, Clone, Copy)]
enum Protection {
    Keep,
    Only(Readers),
}

/// Sets `key = "value"` in the table `[table]` of the TOML file at `path`,
/// adding the table or key if missing and keeping the comments and layout of
/// a value it replaces, and leaves the file readable by `readers` only.
/// Creates the file and its parent directories when missing.
///
/// # Errors
/// [`Error::Parse`] naming the file and line when the file is not valid
/// TOML, or when `table` or `key` there is something else (a string where a
/// table belongs, a table where the value goes); the file is then left
/// unchanged. [`Error::Read`] and [`Error::Write`] naming the file.
pub fn set_value(path: &Path, table: &str, key: &str, value: &str, readers: Readers) -> Result<()> {
    let existing = read_existing(path)?;
    let text = existing.as_deref().unwrap_or("");
    let updated = set_in_text(path, text, table, key, value)?;
    write_atomically(path, updated.as_bytes(), Protection::Only(readers))
}

/// Removes `key` from the table `[table]` of the TOML file at `path`, if it
/// is there, keeping everything else, and the file's mode and owner, as
/// they were. Returns whether it was there; a missing file has no key.
///
/// # Errors
/// As [`set_value`].
pub fn remove_value(path: &Path, table: &str, key: &str) -> Result<bool> {
    let Some(text) = read_existing(path)? else {
        return Ok(false);
    };
    let mut document = Document::parse(text.as_str())
        .map_err(|error| {
            refused(
                path,
                &text,
                error.span(),
                format!("{}; the file was not changed", error.message().trim()),
            )
        })?
        .into_mut();
    let removed = document
        .get_mut(table)
        .and_then(Item::as_table_like_mut)
        .and_then(|section| section.remove(key))
        .is_some();
    if removed {
        write_atomically(path, document.to_string().as_bytes(), Protection::Keep)?;
    }
    Ok(removed)
}

/// The file's text, or `None` when there is no file.
fn read_existing(path: &Path) -> Result<Option<String>> {
    match fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(Error::Read {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// The edit itself, on the file's text; `path` is only for errors.
fn set_in_text(path: &Path, text: &str, table: &str, key: &str, value: &str) -> Result<String> {
    let parsed = Document::parse(text).map_err(|error| {
        refused(
            path,
            text,
            error.span(),
            format!("{}; the file was not changed", error.message().trim()),
        )
    })?;
    // Checked on the parsed document, which still knows where each item is.
    if let Some(item) = parsed.get(table) {
        if !item.is_table_like() {
            return Err(refused(
                path,
                text,
                item.span(),
                format!("`{table}` is a {} here, but `{table}.{key}` needs it to be a table; the file was not changed", item.type_name()),
            ));
        }
        if let Some(old) = item.get(key).filter(|old| !old.is_value()) {
            return Err(refused(
                path,
                text,
                old.span(),
                format!("`{table}.{key}` is a {} here, not a value to replace; the file was not changed", old.type_name()),
            ));
        }
    }
    let mut document = parsed.into_mut();
    let item = document.entry(table).or_insert_with(toml_edit::table);
    // `[kiosk.sub]` alone makes `kiosk` an implicit table, which is written
    // without a header; a key of its own needs one.
    if let Some(implicit) = item.as_table_mut() {
        implicit.set_implicit(false);
    }
    let section = item
        .as_table_like_mut()
        .ok_or_else(|| refused(path, text, None, format!("`{table}` is not a table")))?;
    match section.get_mut(key) {
        Some(Item::Value(old)) => {
            // Keeps a comment at the end of the replaced line.
            let decor = old.decor().clone();
            let mut new = Value::from(value);
            *new.decor_mut() = decor;
            *old = new;
        }
        _ => {
            section.insert(key, toml_edit::value(value));
        }
    }
    Ok(document.to_string())
}

fn refused(path: &Path, text: &str, span: Option<Range<usize>>, message: String) -> Error {
    let (line, column) = line_and_column(text, span.map_or(0, |span| span.start));
    Error::Parse {
        path: path.to_path_buf(),
        line,
        column,
        message,
    }
}

/// Replaces `path` with `bytes` through a flushed temporary file in the
/// same directory and a rename, so readers see the old file or the new one.
/// The temporary file gets its mode and owner before any byte is written,
/// so the secret is never readable by more than `protection` allows, not
/// even for a moment.
fn write_atomically(path: &Path, bytes: &[u8], protection: Protection) -> Result<()> {
    let write_error = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(write_error)?;
    let existing = match fs::metadata(path) {
        Ok(metadata) => Some(metadata),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => return Err(write_error(error)),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)
        .map_err(write_error)?;
    protect(temp.as_file(), existing.as_ref(), protection).map_err(write_error)?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(write_error)?;
    // On failure the temporary file is removed when it drops.
    temp.persist(path)
        .map_err(|error| write_error(error.error))?;
    // The rename itself must reach the disk too; Windows cannot open a
    // directory to flush it, and NTFS journals the rename.
    #[cfg(unix)]
    fs::File::open(dir)
        .and_then(|handle| handle.sync_all())
        .map_err(write_error)?;
    Ok(())
}

/// Gives the temporary file the owner and mode it will have as the config
/// file. Set on the open file (not through the umask, which could take the
/// group's read away or leave others theirs).
#[cfg(unix)]
fn protect(
    file: &fs::File,
    existing: Option<&fs::Metadata>,
    protection: Protection,
) -> std::io::Result<()> {
    use std::os::unix::fs::{fchown, MetadataExt, PermissionsExt};
    // The file stays its owner's: root running `set-pin` for a user's file
    // must not leave it root's, unreadable by the app it configures.
    let keep_owner = |old: &fs::Metadata| -> std::io::Result<()> {
        let new = file.metadata()?;
        if (new.uid(), new.gid()) != (old.uid(), old.gid()) {
            fchown(file, Some(old.uid()), Some(old.gid()))?;
        }
        Ok(())
    };
    let mode = match (protection, existing) {
        // Whoever could read the old file can read the new one, no one else.
        (Protection::Keep, Some(old)) => {
            keep_owner(old)?;
            old.mode() & 0o777
        }
        (Protection::Only(Readers::Owner), Some(old)) => {
            keep_owner(old)?;
            OWNER_ONLY_MODE
        }
        (Protection::Keep | Protection::Only(Readers::Owner), None) => OWNER_ONLY_MODE,
        (Protection::Only(Readers::OwnerAndGroup { gid }), _) => {
            fchown(file, None, Some(gid))?;
            OWNER_AND_GROUP_MODE
        }
    };
    file.set_permissions(fs::Permissions::from_mode(mode))
}

/// Windows has no modes: the file takes its folder's ACL, as every file
/// created there does (docs/deployment.md, 3.3).
#[cfg(not(unix))]
fn protect(
    _file: &fs::File,
    _existing: Option<&fs::Metadata>,
    _protection: Protection,
) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";

    #[test]
    fn a_missing_file_and_its_directories_are_created() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("infostand").join("config.toml");
        set_value(&path, "kiosk", "pin_hash", HASH, Readers::Owner).expect("a new file is written");
        let text = fs::read_to_string(&path).expect("the file exists");
        assert_eq!(
            text,
            format!("[kiosk]\npin_hash = \"{HASH}\"\n"),
            "just the table and the key"
        );
        let config = crate::file::parse(&path, &text).expect("the app can read what was written");
        assert_eq!(
            config.kiosk.pin_hash.as_deref(),
            Some(HASH),
            "the value reads back"
        );
        let leftovers: Vec<_> = fs::read_dir(path.parent().expect("a parent"))
            .expect("list")
            .filter_map(|entry| entry.ok())
            .map(|entry| entry.file_name())
            .filter(|name| name != "config.toml")
            .collect();
        assert!(
            leftovers.is_empty(),
            "no temporary file is left: {leftovers:?}"
        );
    }

    #[cfg(unix)]
    fn mode_of(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).expect("metadata").permissions().mode() & 0o777
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_holding_the_pin_hash_is_readable_only_by_its_owner() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("config.toml");
        set_value(&path, "kiosk", "pin_hash", HASH, Readers::Owner).expect("a new file is written");
        assert_eq!(
            mode_of(&path),
            0o600,
            "a 4-digit PIN under argon2 is guessed offline by anyone who can read its hash"
        );
    }

    #[cfg(unix)]
    #[test]
    fn storing_the_pin_hash_tightens_a_file_others_can_read() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("config.toml");
        fs::write(&path, "[kiosk]\nenabled = true\n").expect("write the old file");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod");
        set_value(&path, "kiosk", "pin_hash", HASH, Readers::Owner).expect("replaced");
        assert_eq!(
            mode_of(&path),
            0o600,
            "once the file holds the hash, its group and other users lose read access"
        );
    }

    #[cfg(unix)]
    #[test]
    fn storing_the_hash_keeps_the_files_owner() {
        use std::os::unix::fs::MetadataExt;
        /// `nobody` on Linux: any account other than the test's own.
        const OTHER: u32 = 65534;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("config.toml");
        fs::write(&path, "offline = true\n").expect("write the old file");
        if std::os::unix::fs::chown(&path, Some(OTHER), Some(OTHER)).is_err() {
            println!("skipped: only root can give a file to another account");
            return;
        }
        set_value(&path, "kiosk", "pin_hash", HASH, Readers::Owner).expect("written");
        let meta = fs::metadata(&path).expect("metadata");
        assert_eq!(
            (meta.uid(), meta.gid(), mode_of(&path)),
            (OTHER, OTHER, 0o600),
            "root setting a user's PIN leaves the file that user's, readable by that user alone"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_file_for_a_group_is_readable_by_that_group_only() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("pin.toml");
        // The process's own group: one that every user may give a file.
        let gid = fs::metadata(dir.path()).expect("metadata").gid();
        set_value(
            &path,
            "kiosk",
            "pin_hash",
            HASH,
            Readers::OwnerAndGroup { gid },
        )
        .expect("written");
        assert_eq!(
            (mode_of(&path), fs::metadata(&path).expect("metadata").gid()),
            (0o640, gid),
            "the owner writes, the group reads, nobody else sees the hash"
        );
    }

    #[cfg(unix)]
    #[test]
    fn removing_a_value_keeps_the_rest_and_the_files_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("config.toml");
        let original =
            format!("# stand 12\n[kiosk]\nenabled = true # always\npin_hash = \"{HASH}\"\n");
        fs::write(&path, &original).expect("write the old file");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod");
        assert!(
            remove_value(&path, "kiosk", "pin_hash").expect("removed"),
            "the key was there"
        );
        assert_eq!(
            fs::read_to_string(&path).expect("read"),
            "# stand 12\n[kiosk]\nenabled = true # always\n",
            "only the key goes"
        );
        assert_eq!(
            mode_of(&path),
            0o644,
            "a file every user reads for its other settings stays readable"
        );
        assert!(
            !remove_value(&path, "kiosk", "pin_hash").expect("nothing to remove"),
            "a key that is not there is not removed twice"
        );
        assert!(
            !remove_value(&dir.path().join("absent.toml"), "kiosk", "pin_hash")
                .expect("no file, no key"),
            "a missing file holds no key"
        );
    }

    #[test]
    fn every_other_line_and_comment_is_kept() {
        let original = "# Infostand at the library, set up by IT\ndata_dir = \"/srv/infostand\"  # big disk\n\n[feed]\n# the county's feed\nurl = \"https://x.test/feed.json\"\n\n[kiosk]\nenabled = true # always\n";
        let updated = set_in_text(Path::new("c.toml"), original, "kiosk", "pin_hash", HASH)
            .expect("a valid file is edited");
        assert_eq!(
            updated,
            format!("{original}pin_hash = \"{HASH}\"\n"),
            "the key is added to the existing table and nothing else changes"
        );
        let elsewhere = set_in_text(
            Path::new("c.toml"),
            "offline = true # testing\n",
            "kiosk",
            "pin_hash",
            HASH,
        )
        .expect("a file without the table is edited");
        assert_eq!(
            elsewhere,
            format!("offline = true # testing\n\n[kiosk]\npin_hash = \"{HASH}\"\n"),
            "a missing table is added at the end"
        );
    }

    #[test]
    fn an_old_value_is_replaced_keeping_its_comment() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("config.toml");
        fs::write(
            &path,
            "[kiosk]\npin_hash = \"$argon2id$old\" # set 2026-01-10\nenabled = true\n",
        )
        .expect("write the old file");
        set_value(&path, "kiosk", "pin_hash", HASH, Readers::Owner).expect("replaced");
        assert_eq!(
            fs::read_to_string(&path).expect("read"),
            format!("[kiosk]\npin_hash = \"{HASH}\" # set 2026-01-10\nenabled = true\n"),
            "only the value changes, in its place"
        );
    }

    #[test]
    fn dotted_and_inline_tables_are_edited_where_they_are() {
        for original in ["kiosk.enabled = true\n", "kiosk = { enabled = true }\n"] {
            let updated = set_in_text(Path::new("c.toml"), original, "kiosk", "pin_hash", HASH)
                .expect("any form of table is edited");
            let config = crate::file::parse(Path::new("c.toml"), &updated)
                .unwrap_or_else(|error| panic!("{updated:?} is still a valid config: {error}"));
            assert_eq!(
                (config.kiosk.enabled, config.kiosk.pin_hash.as_deref()),
                (Some(true), Some(HASH)),
                "{original:?} keeps its key and gains the new one: {updated:?}"
            );
        }
    }

    #[test]
    fn a_table_known_only_from_its_subtables_gets_a_header() {
        let updated =
            set_in_text(Path::new("c.toml"), "[a.b]\nx = 1\n", "a", "key", "v").expect("edited");
        let document: toml_edit::DocumentMut = updated.parse().expect("still TOML");
        assert_eq!(
            document["a"]["key"].as_str(),
            Some("v"),
            "the key lands in [a]: {updated:?}"
        );
        assert_eq!(
            document["a"]["b"]["x"].as_integer(),
            Some(1),
            "the subtable is kept: {updated:?}"
        );
    }

    #[test]
    fn a_broken_file_is_refused_and_left_unchanged() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cases = [
            ("offline = true\n[kiosk\nenabled = true\n", 2),
            ("offline = true\nkiosk = \"yes\"\n", 2),
            ("[kiosk]\nenabled = true\n[kiosk.pin_hash]\nx = 1\n", 3),
        ];
        for (original, line) in cases {
            let path = dir.path().join("config.toml");
            fs::write(&path, original).expect("write the broken file");
            let error = set_value(&path, "kiosk", "pin_hash", HASH, Readers::Owner)
                .expect_err("a file that cannot be edited is refused");
            let text = error.to_string();
            assert!(
                text.starts_with(&format!("{}:{line}:", path.display())),
                "{original:?}: the error names the file and line {line}: {text}"
            );
            assert!(
                text.contains("not changed"),
                "the error says the file was left alone: {text}"
            );
            assert_eq!(
                fs::read_to_string(&path).expect("read"),
                original,
                "the broken file is exactly as it was"
            );
        }
    }

    #[test]
    fn an_unwritable_place_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let blocker = dir.path().join("not-a-dir");
        fs::write(&blocker, "").expect("write a file where a directory should be");
        let path = blocker.join("config.toml");
        let error = set_value(&path, "kiosk", "pin_hash", HASH, Readers::Owner)
            .expect_err("a file cannot be a directory");
        assert!(
            error.to_string().contains(&path.display().to_string()),
            "the error names the config file: {error}"
        );
    }
}
