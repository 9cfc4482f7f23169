//! The files the server may hand out, by SHA-256, and how the set is
//! replaced while requests are in flight.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, PoisonError, RwLock};

/// A file the server may serve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaFile {
    /// Where the bytes are on disk.
    pub path: PathBuf,
    /// The `Content-Type` to send, e.g. `video/webm`.
    pub mime_type: String,
}

/// Servable files keyed by the lowercase hex SHA-256 of their bytes.
pub type Index = HashMap<String, MediaFile>;

/// The index shared between the app and the request handlers.
///
/// A request only holds the read lock long enough to copy one entry out, so
/// a swap never waits for a film to finish streaming, and a stream that has
/// begun keeps its open file even if the swap drops the entry.
#[derive(Debug, Clone, Default)]
pub(crate) struct SharedIndex(Arc<RwLock<Index>>);

impl SharedIndex {
    pub(crate) fn new(index: Index) -> Self {
        Self(Arc::new(RwLock::new(index)))
    }

    pub(crate) fn get(&self, sha256: &str) -> Option<MediaFile> {
        // A panic while holding the lock cannot leave a half-built map: the
        // only writer swaps a whole map in one assignment.
        self.0
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(sha256)
            .cloned()
    }

    pub(crate) fn replace(&self, index: Index) {
        let old = std::mem::replace(
            &mut *self.0.write().unwrap_or_else(PoisonError::into_inner),
            index,
        );
        // Freed after the lock is released.
        drop(old);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str) -> MediaFile {
        MediaFile {
            path: PathBuf::from(name),
            mime_type: "video/webm".into(),
        }
    }

    #[test]
    fn replace_swaps_the_whole_index() {
        let shared = SharedIndex::new(Index::from([("a".into(), file("a"))]));
        let reader = shared.clone();
        shared.replace(Index::from([("b".into(), file("b"))]));
        assert_eq!(
            reader.get("a"),
            None,
            "entries of the old index must be gone for every holder"
        );
        assert_eq!(
            reader.get("b"),
            Some(file("b")),
            "entries of the new index must be visible to every holder"
        );
    }
}
