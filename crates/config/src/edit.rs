//! Changing one key of a config file in place (`infostand set-pin` stores
//! the PIN's hash this way): every other line, comment and blank line stays
//! as the person who wrote the file left it, and the file is replaced in one
//! step, so a crash or a full disk never leaves half a config behind.

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

/// Permissions of a config file this creates: the app may run as another
/// user than the one who writes the system-wide file, so it must be
/// readable. An existing file keeps its own.
#[cfg(unix)]
pub const NEW_FILE_MODE: u32 = 0o644;

/// Sets `key = "value"` in the table `[table]` of the TOML file at `path`,
/// adding the table or key if missing and keeping the comments and layout of
/// a value it replaces. Creates the file and its parent directories when
/// missing.
///
/// # Errors
/// [`Error::Parse`] naming the file and line when the file is not valid
/// TOML, or when `table` or `key` there is something else (a string where a
/// table belongs, a table where the value goes); the file is then left
/// unchanged. [`Error::Read`] and [`Error::Write`] naming the file.
pub fn set_value(path: &Path, table: &str, key: &str, value: &str) -> Result<()> {
    let existing = match fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => {
            return Err(Error::Read {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    let text = existing.as_deref().unwrap_or("");
    let updated = set_in_text(path, text, table, key, value)?;
    write_atomically(path, updated.as_bytes(), existing.is_some())
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
fn write_atomically(path: &Path, bytes: &[u8], existed: bool) -> Result<()> {
    let write_error = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(write_error)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX);
    if existed {
        builder.permissions(fs::metadata(path).map_err(write_error)?.permissions());
    } else {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(NEW_FILE_MODE));
        }
    }
    let mut temp = builder.tempfile_in(dir).map_err(write_error)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";

    #[test]
    fn a_missing_file_and_its_directories_are_created() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("infostand").join("config.toml");
        set_value(&path, "kiosk", "pin_hash", HASH).expect("a new file is written");
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
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).expect("metadata").permissions().mode() & 0o777;
            assert_eq!(
                mode, 0o644,
                "a new file is readable by the app's user, not the temp file's 0600"
            );
        }
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
        set_value(&path, "kiosk", "pin_hash", HASH).expect("replaced");
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
            let error = set_value(&path, "kiosk", "pin_hash", HASH)
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
        let error =
            set_value(&path, "kiosk", "pin_hash", HASH).expect_err("a file cannot be a directory");
        assert!(
            error.to_string().contains(&path.display().to_string()),
            "the error names the config file: {error}"
        );
    }
}
