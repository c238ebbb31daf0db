//! The details of one history event: a few named members, the payloads among them
//! (`input`, `output`) shared with the events and the execution that show the same value.
//!
//! A state's input is the previous state's output, and a state that does not change its
//! input shows it twice: sharing one [`Payload`] makes recording the history cost a
//! reference count per event instead of a deep copy of the document.

use std::borrow::Cow;
use std::ops::Index;
use std::sync::Arc;

use serde_json::{Map, Value};

use super::label::Label;

/// A JSON value shared by the history events (and the execution) that show it.
pub type Payload = Arc<Value>;

/// One member's value: owned by the event, or a payload shared with others. An owned
/// value is boxed: a `Value` is 72 bytes, and an event with two of them inline was twice
/// the size, which is what writing (and dropping) a history costs.
#[derive(Debug, Clone)]
enum Member {
    Own(Box<Value>),
    Shared(Payload),
}

impl Member {
    fn value(&self) -> &Value {
        match self {
            Member::Own(value) => value,
            Member::Shared(payload) => payload,
        }
    }
}

/// The details of a [`HistoryEvent`](super::HistoryEvent) (`name`, `input`, `output`,
/// `error`, `cause`, `index`, ...), in the order they were recorded. Reads like a JSON
/// object: [`get`](Details::get), `details["index"]` (`null` when absent), [`iter`](Details::iter).
#[derive(Debug, Clone, Default)]
pub struct Details {
    /// The first two members, held inline: most events have at most two (`name` and
    /// `input`/`output`), so recording one allocates nothing here.
    head: [Option<Entry>; 2],
    /// The members past two (a Map's or a Task's events), boxed: most events have none,
    /// and this keeps each event small.
    #[allow(clippy::box_collection, reason = "one word instead of a Vec's three")]
    rest: Option<Box<Vec<Entry>>>,
}

type Entry = (Label, Member);

static NULL: Value = Value::Null;

impl Details {
    /// No members.
    pub fn new() -> Details {
        Details::default()
    }

    /// The member `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries()
            .find(|(k, _)| k.as_str() == key)
            .map(|(_, m)| m.value())
    }

    fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.head
            .iter()
            .flatten()
            .chain(self.rest.iter().flat_map(|rest| rest.iter()))
    }

    /// The member `key` when it is a shared payload (to serialize it once for every event
    /// that shows it).
    pub fn payload(&self, key: &str) -> Option<&Payload> {
        self.entries().find_map(|(k, m)| match m {
            Member::Shared(payload) if k.as_str() == key => Some(payload),
            _ => None,
        })
    }

    /// Two shared members, `first` then `second` (distinct keys): a state's `name` and its
    /// `input` or `output`, the details of most events, built without a search.
    pub fn shared_pair(first: (&'static str, Payload), second: (&'static str, Payload)) -> Details {
        debug_assert_ne!(first.0, second.0);
        Details {
            head: [
                Some((Label::Static(first.0), Member::Shared(first.1))),
                Some((Label::Static(second.0), Member::Shared(second.1))),
            ],
            rest: None,
        }
    }

    /// Whether there is a member `key`.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets the member `key`, returning the value it replaces.
    pub fn insert(&mut self, key: impl Into<Cow<'static, str>>, value: Value) -> Option<Value> {
        self.set(Label::from(key.into()), Member::Own(Box::new(value)))
    }

    /// Sets the member `key` to a payload shared with other events.
    pub fn insert_shared(&mut self, key: &'static str, payload: Payload) {
        self.set(Label::Static(key), Member::Shared(payload));
    }

    fn set(&mut self, key: Label, member: Member) -> Option<Value> {
        let existing = self
            .head
            .iter_mut()
            .flatten()
            .chain(self.rest.iter_mut().flat_map(|rest| rest.iter_mut()))
            .find(|(k, _)| *k == key);
        if let Some((_, old)) = existing {
            let old = std::mem::replace(old, member);
            return Some(match old {
                Member::Own(value) => *value,
                Member::Shared(payload) => Arc::unwrap_or_clone(payload),
            });
        }
        // Members are never removed: the head fills in order, then the rest.
        match self.head.iter_mut().find(|slot| slot.is_none()) {
            Some(slot) => *slot = Some((key, member)),
            None => self.rest.get_or_insert_default().push((key, member)),
        }
        None
    }

    /// The members, in the order they were recorded.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.entries().map(|(k, m)| (k.as_str(), m.value()))
    }

    /// How many members.
    pub fn len(&self) -> usize {
        self.entries().count()
    }

    /// Whether there are no members.
    pub fn is_empty(&self) -> bool {
        self.head[0].is_none()
    }

    /// The details as a JSON object (a deep copy).
    pub fn to_map(&self) -> Map<String, Value> {
        self.iter()
            .map(|(k, v)| (k.to_owned(), v.clone()))
            .collect()
    }
}

/// Compares like JSON objects: the same members with equal values, in any order.
impl PartialEq for Details {
    fn eq(&self, other: &Details) -> bool {
        self.len() == other.len() && self.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl Index<&str> for Details {
    type Output = Value;

    /// The member `key`, `null` when absent (as indexing a JSON value).
    fn index(&self, key: &str) -> &Value {
        self.get(key).unwrap_or(&NULL)
    }
}

impl From<Map<String, Value>> for Details {
    fn from(map: Map<String, Value>) -> Details {
        map.into_iter().collect()
    }
}

impl FromIterator<(String, Value)> for Details {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Details {
        let mut details = Details::new();
        for (k, v) in iter {
            details.set(Label::Owned(Box::new(k)), Member::Own(Box::new(v)));
        }
        details
    }
}

/// Builds details from pairs of static names and owned values.
pub(crate) fn details<const N: usize>(pairs: [(&'static str, Value); N]) -> Details {
    let mut details = Details::new();
    for (k, v) in pairs {
        details.set(Label::Static(k), Member::Own(Box::new(v)));
    }
    details
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_like_a_json_object() {
        let shared: Payload = Arc::new(json!({"big": [1, 2]}));
        let mut d = details([("name", json!("S"))]);
        d.insert_shared("input", shared.clone());
        assert_eq!(d["name"], "S");
        assert_eq!(d["input"], json!({"big": [1, 2]}));
        assert_eq!(d["missing"], Value::Null);
        assert!(Arc::ptr_eq(d.payload("input").unwrap(), &shared));
        assert_eq!(d.payload("name"), None);
        assert_eq!(
            d.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            ["name", "input"]
        );
        // Equal to the same members owned, in another order.
        let map: Map<String, Value> =
            serde_json::from_value(json!({"input": {"big": [1, 2]}, "name": "S"})).unwrap();
        assert_eq!(d, Details::from(map.clone()));
        assert_eq!(d.to_map(), map);
        assert_eq!(d.insert("input", json!(1)), Some(json!({"big": [1, 2]})));
        assert_eq!(d.len(), 2);
        assert_ne!(d, Details::from(map));
        // Past the two inline members, in order.
        d.insert("index", json!(3));
        d.insert("cause", json!("c"));
        assert_eq!(
            d.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            ["name", "input", "index", "cause"]
        );
        assert_eq!(d["cause"], "c");
        assert!(Details::new().is_empty() && !d.is_empty());
    }
}
