//! Reading JSON text while remembering duplicate object keys, which `serde_json` would
//! silently merge (the last one wins): two states of the same name in one `States` object
//! must be reported, not lost.

use std::cell::RefCell;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::diagnostic::{JsonError, child, item};

/// The key under which serde_json (with `arbitrary_precision`, which the workspace enables so
/// numbers pass through exactly as written) hands a number to a visitor: as a one-entry map
/// of this key to the number's text.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// A key that appeared more than once: the pointer to the object, and the key.
pub(crate) type Duplicate = (String, String);

/// Parses `text`, returning the value (last duplicate wins, as everywhere) and the
/// duplicates met.
pub(crate) fn parse(text: &str) -> Result<(Value, Vec<Duplicate>), JsonError> {
    let found = RefCell::new(Vec::new());
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Seed {
        parent: None,
        step: Step::Root,
        found: &found,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok((value, found.into_inner()))
}

/// Where a value is, relative to its parent.
#[derive(Clone, Copy)]
enum Step<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

/// Reads one value. Its place is a chain of steps up to the root, made into a JSON
/// pointer only for a duplicate (building every value's pointer was most of the reading).
struct Seed<'p, 'f> {
    parent: Option<&'p Seed<'p, 'f>>,
    step: Step<'p>,
    found: &'f RefCell<Vec<Duplicate>>,
}

impl Seed<'_, '_> {
    /// The JSON pointer of the value this seed reads.
    fn pointer(&self) -> String {
        let mut steps = Vec::new();
        let mut at = Some(self);
        while let Some(seed) = at {
            steps.push(seed.step);
            at = seed.parent;
        }
        steps
            .iter()
            .rev()
            .fold(String::new(), |pointer, step| match step {
                Step::Root => pointer,
                Step::Key(key) => child(&pointer, key),
                Step::Index(index) => item(&pointer, *index),
            })
    }
}

impl<'de> DeserializeSeed<'de> for Seed<'_, '_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_, '_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(v) = seq.next_element_seed(Seed {
            parent: Some(&self),
            step: Step::Index(items.len()),
            found: self.found,
        })? {
            items.push(v);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            if map.is_empty() && key == NUMBER_TOKEN {
                let text: String = access.next_value()?;
                return text
                    .parse::<serde_json::Number>()
                    .map(Value::Number)
                    .map_err(serde::de::Error::custom);
            }
            let before = self.found.borrow().len();
            let value = access.next_value_seed(Seed {
                parent: Some(&self),
                step: Step::Key(&key),
                found: self.found,
            })?;
            if map.contains_key(&key) {
                let pointer = self.pointer();
                let here = child(&pointer, &key);
                let mut found = self.found.borrow_mut();
                // The earlier value is replaced: duplicates met inside it no longer exist.
                let inside = format!("{here}/");
                let mut index = 0;
                found.retain(|(object, _)| {
                    let keep = index >= before || (*object != here && !object.starts_with(&inside));
                    index += 1;
                    keep
                });
                found.push((pointer, key.clone()));
            }
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }
}

/// Duplicate keys: a JSON reader keeps only the last of them.
pub(crate) fn duplicate_key(doc: &super::doc::Doc, sink: &mut super::diagnostic::Sink) {
    for (object, key) in doc.duplicates {
        let what = if object.ends_with("/States") {
            "state"
        } else {
            "key"
        };
        sink.emit_hint(
            child(object, key),
            format!(
                "{what} `{key}` appears more than once in this object; only the last one counts"
            ),
            Some("rename or remove the other one".to_owned()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn finds_duplicates_with_their_pointer_and_keeps_the_last_value() {
        let (v, dups) = parse(r#"{"a": 1, "b": [{"x": 1, "x": 2}], "a": 3}"#).unwrap();
        assert_eq!(v, serde_json::json!({"a": 3, "b": [{"x": 2}]}));
        assert_eq!(
            dups,
            [
                ("/b/0".to_owned(), "x".to_owned()),
                (String::new(), "a".to_owned())
            ]
        );
    }

    #[test]
    fn forgets_duplicates_inside_a_replaced_value() {
        let (_, dups) =
            parse(r#"{"a": {"x": 1, "x": 2}, "a": {"y": [{"z": 1, "z": 2}]}}"#).unwrap();
        assert_eq!(
            dups,
            [
                ("/a/y/0".to_owned(), "z".to_owned()),
                (String::new(), "a".to_owned())
            ]
        );
    }

    #[test]
    fn keeps_numbers_exactly_as_written() {
        let text =
            r#"{"big": 123456789012345678901234567890, "f": 2.22, "neg": -0, "tiny": 1e-400}"#;
        let (value, _) = parse(text).expect("JSON");
        assert_eq!(
            value.to_string(),
            r#"{"big":123456789012345678901234567890,"f":2.22,"neg":-0,"tiny":1e-400}"#
        );
        assert!(value["f"].is_number());
    }

    #[test]
    fn reports_trailing_garbage_with_position() {
        let e = parse("{} x").unwrap_err();
        assert_eq!((e.line, e.column), (1, 4));
    }
}
