//! Who this installation is: a stable id, made at its first start and
//! kept in the data directory (`instance.json`), and a name IT chooses
//! (`[instance] name`, else the machine's host name). Both go into the
//! status, the diagnosis archive, the log's first line and the User-Agent
//! of every request, so a county's web server logs and IT's monitoring can
//! tell twenty stands apart.
//!
//! The id is random: it says nothing about the machine or its users.

use std::fs;

use infostand_content::durable;
use serde::{Deserialize, Serialize};

use crate::layout::Layout;

/// The file holding the id.
pub const INSTANCE_FILE: &str = "instance.json";

/// How many random bytes an id has (written as hex): enough that twenty,
/// or twenty thousand, stands never share one.
const ID_BYTES: usize = 8;

/// The longest name kept: a name is a label on a dashboard, not a text.
pub const MAX_NAME_CHARS: usize = 64;

/// This installation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instance {
    /// The stable id: 16 lowercase hex digits.
    pub id: String,
    /// The name: `[instance] name`, else the host name.
    pub name: String,
}

/// What `instance.json` holds.
#[derive(Debug, Serialize, Deserialize)]
struct Stored {
    id: String,
}

impl Instance {
    /// The id kept in `layout`'s data directory (made and kept there the
    /// first time), named `name` (else the host name). A data directory that
    /// cannot be written gives an id for this run only, with a warning: a
    /// kiosk is never stopped by it.
    pub fn load_or_create(layout: &Layout, name: Option<&str>) -> Self {
        let name = name
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(str::to_owned)
            .unwrap_or_else(host_name);
        let name: String = name.chars().take(MAX_NAME_CHARS).collect();
        let path = layout.root().join(INSTANCE_FILE);
        let read = fs::read(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Stored>(&bytes).ok())
            .filter(|stored| is_id(&stored.id));
        if let Some(stored) = read {
            return Self {
                id: stored.id,
                name,
            };
        }
        let id = new_id();
        let stored = serde_json::to_vec(&Stored { id: id.clone() }).unwrap_or_default();
        if let Err(error) = fs::create_dir_all(layout.root())
            .map_err(|error| error.to_string())
            .and_then(|()| {
                durable::write_atomically(&path, &stored).map_err(|error| error.to_string())
            })
        {
            tracing::warn!(%error, "cannot keep this installation's id; it lasts this run only");
        }
        Self { id, name }
    }

    /// The User-Agent of every request: `infostand/VERSION (+ID)`.
    pub fn user_agent(&self) -> String {
        format!("infostand/{} (+{})", env!("CARGO_PKG_VERSION"), self.id)
    }
}

/// Whether `text` is an id as [`new_id`] makes them.
fn is_id(text: &str) -> bool {
    text.len() == 2 * ID_BYTES && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// A new random id.
fn new_id() -> String {
    let mut bytes = [0u8; ID_BYTES];
    if let Err(error) = getrandom::fill(&mut bytes) {
        // Never on a real OS; a clock-based id still tells stands apart.
        tracing::warn!(%error, "no random source; the id is made from the clock");
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| since.as_nanos());
        bytes.copy_from_slice(&nanos.to_le_bytes()[..ID_BYTES]);
    }
    hex::encode(bytes)
}

/// The machine's host name, or `unknown` when it has none that is text.
fn host_name() -> String {
    gethostname::gethostname()
        .into_string()
        .ok()
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| "unknown".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_id_is_made_once_and_kept() {
        let dir = tempfile::tempdir().expect("a temporary data directory");
        let layout = Layout::new(dir.path());
        let first = Instance::load_or_create(&layout, Some("Monter 1, biblioteket"));
        assert!(is_id(&first.id), "16 hex digits: {}", first.id);
        let again = Instance::load_or_create(&layout, None);
        assert_eq!(
            again.id, first.id,
            "the same installation keeps its id across starts"
        );
        assert_eq!(first.name, "Monter 1, biblioteket", "the configured name");
        assert!(!again.name.is_empty(), "without a name, the host name");
        let other = tempfile::tempdir().expect("another data directory");
        assert_ne!(
            Instance::load_or_create(&Layout::new(other.path()), None).id,
            first.id,
            "another installation gets another id"
        );
        assert_eq!(
            first.user_agent(),
            format!("infostand/{} (+{})", env!("CARGO_PKG_VERSION"), first.id),
            "the User-Agent names the version and the id"
        );
    }

    #[test]
    fn a_damaged_file_gives_a_new_id_and_a_long_name_is_cut() {
        let dir = tempfile::tempdir().expect("a temporary data directory");
        let layout = Layout::new(dir.path());
        fs::write(dir.path().join(INSTANCE_FILE), b"{ torn").expect("the test can write");
        let instance = Instance::load_or_create(&layout, Some(&"x".repeat(500)));
        assert!(
            is_id(&instance.id),
            "a damaged file is replaced, never a failure"
        );
        assert_eq!(
            instance.name.chars().count(),
            MAX_NAME_CHARS,
            "a name is a label, cut to length"
        );
    }
}
