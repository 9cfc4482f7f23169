//! Keeping the editor's field order when a feed is written back out.
//!
//! serde_json's `Value` sorts object keys. Its `preserve_order` feature would
//! keep them, but Cargo turns a feature on for every package built alongside,
//! so the app (and Tauri) would be compiled a second time whenever this tool
//! is in the build. Instead the order is read once into a [`Layout`] and the
//! changed `Value` is written in that order: `hash` then changes only the
//! numbers in the editor's file, and a published feed diffs cleanly against
//! its source.

use std::collections::HashSet;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::Value;

/// The order of every object's keys in a JSON document, and nothing else.
#[derive(Debug, Default)]
pub(crate) struct Layout {
    /// An object's keys in document order, with each value's layout.
    keys: Vec<(String, Layout)>,
    /// An array's elements' layouts.
    items: Vec<Layout>,
}

impl Layout {
    /// The layout of `bytes`; empty (so keys come out sorted) when they are
    /// not JSON, which callers have already refused.
    pub(crate) fn of(bytes: &[u8]) -> Self {
        serde_json::from_slice(bytes).unwrap_or_default()
    }
}

impl<'de> Deserialize<'de> for Layout {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LayoutVisitor)
    }
}

struct LayoutVisitor;

impl<'de> Visitor<'de> for LayoutVisitor {
    type Value = Layout;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Layout, E> {
        Ok(Layout::default())
    }

    fn visit_i64<E>(self, _: i64) -> Result<Layout, E> {
        Ok(Layout::default())
    }

    fn visit_u64<E>(self, _: u64) -> Result<Layout, E> {
        Ok(Layout::default())
    }

    fn visit_f64<E>(self, _: f64) -> Result<Layout, E> {
        Ok(Layout::default())
    }

    fn visit_str<E>(self, _: &str) -> Result<Layout, E> {
        Ok(Layout::default())
    }

    fn visit_unit<E>(self) -> Result<Layout, E> {
        Ok(Layout::default())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Layout, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Layout {
            keys: Vec::new(),
            items,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Layout, A::Error> {
        let mut keys = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            keys.push((key, map.next_value()?));
        }
        Ok(Layout {
            keys,
            items: Vec::new(),
        })
    }
}

/// `value` serialised with its objects' keys in `layout`'s order; keys the
/// layout does not know (added since) follow, sorted.
pub(crate) struct InOrder<'a> {
    pub value: &'a Value,
    pub layout: Option<&'a Layout>,
}

impl Serialize for InOrder<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.value {
            Value::Object(map) => {
                let mut out = serializer.serialize_map(Some(map.len()))?;
                // A key written twice in the source is one key in `map`.
                let mut written: HashSet<&str> = HashSet::new();
                for (key, layout) in self.layout.map_or(&[][..], |layout| &layout.keys) {
                    if let Some(value) = map.get(key) {
                        if written.insert(key) {
                            let value = InOrder {
                                value,
                                layout: Some(layout),
                            };
                            out.serialize_entry(key, &value)?;
                        }
                    }
                }
                for (key, value) in map {
                    if !written.contains(key.as_str()) {
                        out.serialize_entry(
                            key,
                            &InOrder {
                                value,
                                layout: None,
                            },
                        )?;
                    }
                }
                out.end()
            }
            Value::Array(items) => {
                let mut out = serializer.serialize_seq(Some(items.len()))?;
                for (at, value) in items.iter().enumerate() {
                    let layout = self.layout.and_then(|layout| layout.items.get(at));
                    out.serialize_element(&InOrder { value, layout })?;
                }
                out.end()
            }
            scalar => scalar.serialize(serializer),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_keep_the_source_order_and_new_ones_follow() {
        let source = br#"{"z": 1, "a": [{"y": 2, "b": 3}], "m": {"k": null}}"#;
        let mut value: Value = serde_json::from_slice(source).expect("the test document is JSON");
        value["a"][0]["c"] = Value::from(4);
        value["m"]["k"] = Value::from("set");
        let layout = Layout::of(source);
        let text = serde_json::to_string(&InOrder {
            value: &value,
            layout: Some(&layout),
        })
        .expect("a Value always serialises");
        assert_eq!(
            text, r#"{"z":1,"a":[{"y":2,"b":3,"c":4}],"m":{"k":"set"}}"#,
            "the editor's order must survive a rewrite, with added keys after it"
        );
    }

    #[test]
    fn a_repeated_key_is_written_once() {
        let source = br#"{"a": 1, "a": 2}"#;
        let value: Value = serde_json::from_slice(source).expect("the test document is JSON");
        let layout = Layout::of(source);
        let text = serde_json::to_string(&InOrder {
            value: &value,
            layout: Some(&layout),
        })
        .expect("a Value always serialises");
        assert_eq!(
            text, r#"{"a":2}"#,
            "the output must stay valid, unambiguous JSON"
        );
    }
}
