//! Where the admin PIN's hash is kept, and who can read it. A 4-digit PIN
//! is found from its argon2 hash offline in minutes, so the hash is kept
//! where only the app's user (and root) can read it:
//!
//! - `infostand set-pin` puts it in the user's own config file and leaves
//!   that file readable by the user alone (0600 on Unix).
//! - `infostand set-pin --system` puts it not in the system-wide config
//!   file, which every user of the computer reads for the other settings,
//!   but beside it in [`PIN_FILE_NAME`]: owned by root and readable by the
//!   kiosk user's group [`KIOSK_GROUP`] (0640 root:infostand), so a kiosk
//!   account that is not root reads it and nobody else does. Without that
//!   group only root can read it, and set-pin says so. A hash an older
//!   version left in the system-wide config file is removed from it.
//!
//! A PIN file holds `kiosk.pin_hash` and nothing else, and a user who may
//! not read it is no error: it is not meant for them (an office user on the
//! same computer), and without a PIN only office mode opens the admin
//! screen. Windows has no modes: there the PIN file is protected by the ACL
//! of its folder (docs/deployment.md, 3.3).

use std::path::{Path, PathBuf};

use crate::edit::{self, Readers};
use crate::error::Result;
use crate::file;

/// The system-wide PIN file's name, in the system-wide config file's
/// folder.
pub const PIN_FILE_NAME: &str = "pin.toml";

/// The group that may read the system-wide PIN file besides root: the
/// kiosk user's, as docs/deployment.md (section 7) creates it. Another
/// kiosk account joins it with `usermod -aG infostand ACCOUNT`.
pub const KIOSK_GROUP: &str = "infostand";

/// The key the hash is stored under, in the `[kiosk]` table.
const TABLE: &str = "kiosk";

/// See [`TABLE`].
const KEY: &str = "pin_hash";

/// The system-wide PIN file: `/etc/infostand/pin.toml`, or on Windows
/// `%ProgramData%\Infostand\pin.toml`.
pub fn system_pin_file() -> Option<PathBuf> {
    file::system_file().map(|config| config.with_file_name(PIN_FILE_NAME))
}

/// Whether `path` is a PIN file: named [`PIN_FILE_NAME`].
pub fn is_pin_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name == std::ffi::OsStr::new(PIN_FILE_NAME))
}

/// Who can read the file the hash was stored in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadBy {
    /// The file's owner only.
    Owner,
    /// Root and this group.
    RootAndGroup(String),
    /// Root only: this group, which should read it, does not exist.
    RootWithoutGroup(String),
    /// Whoever the folder's ACL lets read it (Windows).
    FolderAcl,
}

/// Where `set-pin` stored the hash, for its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// The file holding the hash now.
    pub path: PathBuf,
    /// Who can read it.
    pub read_by: ReadBy,
    /// The config file an old hash was removed from, if one was.
    pub removed_from: Option<PathBuf>,
}

impl std::fmt::Display for Stored {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the admin PIN's hash is stored in {}",
            self.path.display()
        )?;
        match &self.read_by {
            ReadBy::Owner => write!(f, ", readable only by this user")?,
            ReadBy::RootAndGroup(group) => {
                write!(f, ", readable only by root and the group {group}")?;
            }
            ReadBy::RootWithoutGroup(group) => write!(
                f,
                ", readable only by root: there is no group {group}, so a kiosk user that is \
                 not root cannot read it; create the kiosk user (docs/deployment.md, section 7) \
                 and run set-pin --system again"
            )?,
            ReadBy::FolderAcl => write!(
                f,
                "; who can read it is decided by its folder's ACL (docs/deployment.md, 3.3)"
            )?,
        }
        if let Some(config) = &self.removed_from {
            write!(
                f,
                "; the old hash was removed from {}, which every user can read",
                config.display()
            )?;
        }
        Ok(())
    }
}

/// Stores `hash` in the user's own config file `config_file`, which is then
/// readable by its owner only.
///
/// # Errors
/// As [`edit::set_value`].
pub fn store_for_user(config_file: &Path, hash: &str) -> Result<Stored> {
    edit::set_value(config_file, TABLE, KEY, hash, Readers::Owner)?;
    Ok(Stored {
        path: config_file.to_path_buf(),
        read_by: if cfg!(unix) {
            ReadBy::Owner
        } else {
            ReadBy::FolderAcl
        },
        removed_from: None,
    })
}

/// Stores `hash` in the system-wide PIN file `pin_file`, readable by root
/// and `group` (root only when there is no such group), and removes any
/// hash from the system-wide config file `config_file`.
///
/// # Errors
/// As [`edit::set_value`] and [`edit::remove_value`]; the PIN file is
/// written first, so a config file that cannot be changed leaves the new
/// PIN in force (the PIN file wins) and the error says which file.
pub fn store_system(
    pin_file: &Path,
    config_file: &Path,
    hash: &str,
    group: &str,
) -> Result<Stored> {
    let (readers, read_by) = system_readers(group);
    edit::set_value(pin_file, TABLE, KEY, hash, readers)?;
    let removed = edit::remove_value(config_file, TABLE, KEY)?;
    Ok(Stored {
        path: pin_file.to_path_buf(),
        read_by,
        removed_from: removed.then(|| config_file.to_path_buf()),
    })
}

/// The readers of the system-wide PIN file: root (its owner, as only root
/// writes there) and `group`, if it exists.
#[cfg(unix)]
fn system_readers(group: &str) -> (Readers, ReadBy) {
    // A lookup that fails is treated as a missing group: the file is then
    // root's alone, the safe side, and the message says how to fix it.
    match nix::unistd::Group::from_name(group) {
        Ok(Some(found)) => (
            Readers::OwnerAndGroup {
                gid: found.gid.as_raw(),
            },
            ReadBy::RootAndGroup(group.to_owned()),
        ),
        _ => (Readers::Owner, ReadBy::RootWithoutGroup(group.to_owned())),
    }
}

/// Windows: the PIN file takes its folder's ACL.
#[cfg(not(unix))]
fn system_readers(_group: &str) -> (Readers, ReadBy) {
    (Readers::Owner, ReadBy::FolderAcl)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";

    #[test]
    fn the_system_pin_file_sits_beside_the_system_config_file() {
        let (config, pin) = (
            file::system_file().expect("a system config file"),
            system_pin_file().expect("a system PIN file"),
        );
        assert_eq!(
            pin.parent(),
            config.parent(),
            "both live in the folder only administrators can write"
        );
        assert!(is_pin_file(&pin), "it is recognised as a PIN file");
        assert!(!is_pin_file(&config), "the config file is not one");
    }

    #[cfg(unix)]
    #[test]
    fn set_pin_system_moves_the_hash_out_of_the_file_every_user_reads() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let dir = tempfile::tempdir().expect("temp dir");
        let config = dir.path().join("config.toml");
        let pin = dir.path().join(PIN_FILE_NAME);
        std::fs::write(
            &config,
            "[feed]\nurl = \"https://x.test/feed.json\"\n[kiosk]\npin_hash = \"$argon2id$old\"\n",
        )
        .expect("write the old config");
        std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        // The process's own group stands in for the kiosk's.
        let gid = std::fs::metadata(dir.path()).expect("metadata").gid();
        let group = nix::unistd::Group::from_gid(nix::unistd::Gid::from_raw(gid))
            .ok()
            .flatten()
            .map(|group| group.name);
        let Some(group) = group else {
            println!("skipped: the process's group {gid} has no name to look up");
            return;
        };
        let stored = store_system(&pin, &config, HASH, &group).expect("stored");
        assert_eq!(
            stored,
            Stored {
                path: pin.clone(),
                read_by: ReadBy::RootAndGroup(group.clone()),
                removed_from: Some(config.clone()),
            },
            "the hash went to the PIN file, readable by the group, and left the config file"
        );
        let pin_meta = std::fs::metadata(&pin).expect("the PIN file exists");
        assert_eq!(
            (pin_meta.mode() & 0o777, pin_meta.gid()),
            (0o640, gid),
            "root writes the PIN file, the kiosk's group reads it, nobody else"
        );
        let text = std::fs::read_to_string(&config).expect("read the config");
        assert!(
            !text.contains("pin_hash") && text.contains("https://x.test/feed.json"),
            "the old hash is gone from the file every user reads, the rest stays: {text}"
        );
        assert_eq!(
            std::fs::metadata(&config).expect("metadata").mode() & 0o777,
            0o644,
            "the config file stays readable for every user's other settings"
        );
        let message = stored.to_string();
        assert!(
            message.contains(&group) && !message.contains(HASH),
            "set-pin names the group and never the hash: {message}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn without_the_kiosk_group_only_root_reads_the_pin_file() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let pin = dir.path().join(PIN_FILE_NAME);
        let group = "no-such-group-for-infostand-tests";
        let stored =
            store_system(&pin, &dir.path().join("config.toml"), HASH, group).expect("stored");
        assert_eq!(
            stored.read_by,
            ReadBy::RootWithoutGroup(group.into()),
            "a missing group is reported, not ignored"
        );
        assert_eq!(
            std::fs::metadata(&pin).expect("metadata").mode() & 0o777,
            0o600,
            "with nobody to share it with, the file is its owner's alone"
        );
        assert!(
            stored.to_string().contains("set-pin --system again"),
            "the message says how to fix it: {stored}"
        );
    }
}
