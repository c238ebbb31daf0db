//! Older forms with a modern equivalent: hand-written ASL often uses a form the DSL writes
//! differently but with the same meaning (the legacy Map `Iterator`, `Not` around
//! `IsPresent: true`, an `And` of one rule, paths spaced differently). The importer writes
//! the modern form, records a [`Note`] for the user and an edit, and the verification then
//! compares the lowered source with the input after the same edits ([`Rewrites::normalise`]),
//! so the output never means something else.

use serde_json::{Map, Value as Json};

/// A rewrite the importer made: where (a JSON pointer into the input) and what was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// RFC 6901 pointer to the rewritten construct in the input definition.
    pub pointer: String,
    /// What it was written as, and that the meaning is the same.
    pub message: String,
}

impl std::fmt::Display for Note {
    /// `POINTER: note: message`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: note: {}", self.pointer, self.message)
    }
}

/// How the input changes when normalised.
enum Edit {
    /// Key `from` of the object at `object` becomes `to`, in place.
    Rename {
        object: String,
        from: &'static str,
        to: &'static str,
    },
    /// The string at the note's pointer becomes this text.
    Text(String),
    /// The one rule under `key` of the rule at `rule` replaces `key` in it; for `Not`, the
    /// inner `Is*` test is negated instead.
    Merge { rule: String, key: String },
}

/// The rewrites made while writing one definition, in document order.
#[derive(Default)]
pub struct Rewrites {
    list: Vec<(Edit, Note)>,
}

impl Rewrites {
    /// Legacy key `from` of the object at `object` written as its modern `to`.
    pub fn rename(&mut self, object: &str, from: &'static str, to: &'static str, message: String) {
        let pointer = super::error::child(object, from);
        let edit = Edit::Rename {
            object: object.to_owned(),
            from,
            to,
        };
        self.list.push((edit, Note { pointer, message }));
    }

    /// The string at `pointer` written as `text`.
    pub fn text(&mut self, pointer: &str, text: &str, message: String) {
        let note = Note {
            pointer: pointer.to_owned(),
            message,
        };
        self.list.push((Edit::Text(text.to_owned()), note));
    }

    /// `key` (`And`, `Or` of one rule, or `Not` around a test) of the rule at `rule` merged
    /// into the rule.
    pub fn merge(&mut self, rule: &str, key: &str, message: String) {
        let pointer = super::error::child(rule, key);
        let edit = Edit::Merge {
            rule: rule.to_owned(),
            key: key.to_owned(),
        };
        self.list.push((edit, Note { pointer, message }));
    }

    /// The notes, in document order.
    pub fn notes(&self) -> Vec<Note> {
        self.list.iter().map(|(_, note)| note.clone()).collect()
    }

    /// `original` with every rewrite applied: the ASL the written source means.
    pub fn normalise(&self, original: &Json) -> Json {
        let mut value = original.clone();
        // Rewrites are recorded outside-in; applied inside-out, each pointer still names
        // what it named in the input (an edit only changes the object it is at).
        for (edit, note) in self.list.iter().rev() {
            apply(&mut value, edit, &note.pointer);
        }
        value
    }
}

/// Applies one edit; a pointer that names nothing leaves the value as it is (the
/// verification then reports the difference).
fn apply(value: &mut Json, edit: &Edit, pointer: &str) {
    match edit {
        Edit::Text(text) => {
            if let Some(slot @ Json::String(_)) = value.pointer_mut(pointer) {
                *slot = Json::String(text.clone());
            }
        }
        Edit::Rename { object, from, to } => {
            if let Some(Json::Object(map)) = value.pointer_mut(object) {
                let old = std::mem::take(map);
                *map = old
                    .into_iter()
                    .map(|(k, v)| {
                        if k == *from {
                            (to.to_string(), v)
                        } else {
                            (k, v)
                        }
                    })
                    .collect();
            }
        }
        Edit::Merge { rule, key } => {
            if let Some(Json::Object(map)) = value.pointer_mut(rule) {
                merge(map, key);
            }
        }
    }
}

fn merge(rule: &mut Map<String, Json>, key: &str) {
    let inner = match rule.get(key) {
        Some(Json::Array(items)) if items.len() == 1 => items.first().cloned(),
        Some(inner @ Json::Object(_)) if key == "Not" => Some(negated(inner.clone())),
        _ => None,
    };
    let Some(Json::Object(inner)) = inner else {
        return;
    };
    let old = std::mem::take(rule);
    for (k, v) in old {
        if k == key {
            rule.extend(inner.clone());
        } else {
            rule.insert(k, v);
        }
    }
}

/// `{"Variable": x, "IsPresent": true}` -> `{"Variable": x, "IsPresent": false}`.
fn negated(mut test: Json) -> Json {
    if let Json::Object(map) = &mut test {
        for (key, value) in map.iter_mut() {
            if key.starts_with("Is")
                && let Json::Bool(b) = value
            {
                *b = !*b;
            }
        }
    }
    test
}
