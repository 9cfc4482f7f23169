//! The two gates a feed passes before it is published (and again when a
//! published one is verified): the published JSON Schema,
//! `docs/feed.schema.json`, compiled into the tool, and the app's own loader,
//! `infostand_content::Pack::from_json`, so whatever the publisher accepts
//! the app accepts, with nothing dropped.

use std::path::Path;
use std::sync::OnceLock;

use infostand_content::Source;
use infostand_content::{Loaded, Pack};
use serde_json::Value;

use crate::error::{Error, Result};

/// `docs/feed.schema.json`, the schema the feed format documents.
pub const SCHEMA: &str = include_str!("../../../docs/feed.schema.json");

/// How many schema problems are listed before the rest are only counted; a
/// feed that is wrong everywhere should not bury the first problem.
pub const MAX_SCHEMA_ERRORS_SHOWN: usize = 20;

/// A schema message longer than this is shown without the offending value,
/// which can be a whole item.
const MAX_SCHEMA_MESSAGE_CHARS: usize = 240;

fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        // Both hold for the file in the repository, which a unit test checks;
        // a broken schema is a build of this tool that must not ship.
        let schema: Value =
            serde_json::from_str(SCHEMA).expect("docs/feed.schema.json is JSON (tested)");
        jsonschema::validator_for(&schema)
            .expect("docs/feed.schema.json is a valid JSON Schema (tested)")
    })
}

/// Checks `feed` (read from `path`) against `docs/feed.schema.json`.
///
/// # Errors
/// [`Error::Schema`] listing each problem with its JSON pointer, e.g.
/// `/items/3/_infostand/kind: "poster" is not one of …`.
pub fn schema(feed: &Value, path: &Path) -> Result<()> {
    let mut errors: Vec<String> = Vec::new();
    let mut total = 0usize;
    for error in validator().iter_errors(feed) {
        total += 1;
        if errors.len() == MAX_SCHEMA_ERRORS_SHOWN {
            continue;
        }
        let pointer = error.instance_path().to_string();
        let pointer = if pointer.is_empty() {
            "/".into()
        } else {
            pointer
        };
        let mut message = error.to_string();
        if message.chars().count() > MAX_SCHEMA_MESSAGE_CHARS {
            message = error.masked().to_string();
        }
        errors.push(format!("{pointer}: {message}"));
    }
    if total > errors.len() {
        errors.push(format!("… and {} more", total - errors.len()));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Schema {
            path: path.to_path_buf(),
            errors,
        })
    }
}

/// Loads `bytes` (the feed from `path`) with the app's loader, as a synced
/// feed, and refuses it if the loader would drop any item.
///
/// # Errors
/// [`Error::Pack`] when the app would refuse the feed, naming the JSON path;
/// [`Error::DroppedItems`] when it would show it without some items.
pub fn load(bytes: &[u8], path: &Path) -> Result<Loaded> {
    let loaded = Pack::from_json(bytes, Source::Feed).map_err(|source| Error::Pack {
        path: path.to_path_buf(),
        source,
    })?;
    if !loaded.warnings.is_empty() {
        return Err(Error::DroppedItems {
            path: path.to_path_buf(),
            warnings: loaded.warnings.iter().map(ToString::to_string).collect(),
        });
    }
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_schema_compiles() {
        let schema: Value =
            serde_json::from_str(SCHEMA).expect("docs/feed.schema.json must be JSON");
        jsonschema::validator_for(&schema).expect(
            "docs/feed.schema.json must be a valid JSON Schema, or every build would panic",
        );
    }

    #[test]
    fn schema_errors_carry_the_json_pointer() {
        let error = schema(&serde_json::json!({"items": 3}), Path::new("feed.json"))
            .expect_err("a document without the required fields breaks the schema");
        let message = error.to_string();
        assert!(
            message.contains("/items: ") && message.contains("feed.json"),
            "each problem must name its place and the file, got {message}"
        );
    }
}
