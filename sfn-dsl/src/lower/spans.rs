//! The table from JSON pointers of the built definition to the tokens that produced them,
//! so a diagnostic of the rule set lands on the right token.

use std::collections::BTreeMap;
use std::ops::Bound;

use proc_macro2::Span;

use crate::ast::Text;
use crate::loc::Loc;

/// Pointer -> location (+ token offsets when the value is a path or intrinsic text).
///
/// Ordered, so that the entries under one array are a range: [`Spans::shift_array`] runs
/// for every catalogue task whose default retrier goes before the user's, and a scan of the
/// whole table there made lowering quadratic in the number of such states.
///
/// Only a diagnostic reads the table, so a table that does not record ([`Spans::off`]) lets
/// the lowering skip it, and the pointers that only it needs ([`Spans::child`]): the
/// expansion lowers a workflow that way first, and again with a recording table only when
/// there is something to report (see `crate::expand_defs`).
pub struct Spans {
    entries: BTreeMap<String, (Loc, Vec<(usize, Span)>)>,
    recording: bool,
}

impl Default for Spans {
    /// A table that records.
    fn default() -> Spans {
        Spans {
            entries: BTreeMap::new(),
            recording: true,
        }
    }
}

impl Spans {
    /// A table that records nothing: every insert is a no-op, [`Spans::lookup`] finds
    /// nothing and [`Spans::child`] builds no pointer.
    pub fn off() -> Spans {
        Spans {
            entries: BTreeMap::new(),
            recording: false,
        }
    }

    /// Whether the table records.
    pub fn recording(&self) -> bool {
        self.recording
    }

    /// `base` + `/` + `key` for a pointer that only the table (and the mistakes reported
    /// under it) needs; empty, without allocating, when the table does not record.
    pub fn child(&self, base: &str, key: &str) -> String {
        if self.recording {
            child(base, key)
        } else {
            String::new()
        }
    }

    /// [`Spans::child`] for the `index`th element of the array at `base`.
    pub fn item(&self, base: &str, index: usize) -> String {
        if self.recording {
            format!("{base}/{index}")
        } else {
            String::new()
        }
    }

    /// Records that `pointer` was produced at `loc`.
    pub fn insert(&mut self, pointer: &str, loc: Loc) {
        if self.recording {
            self.entries.insert(pointer.to_owned(), (loc, Vec::new()));
        }
    }

    /// Records that `base` + `/` + `key` was produced at `loc` (the pointer is built only
    /// when the table records).
    pub fn insert_child(&mut self, base: &str, key: &str, loc: Loc) {
        if self.recording {
            self.entries.insert(child(base, key), (loc, Vec::new()));
        }
    }

    /// Records `loc` for `pointer` unless something more precise was recorded already.
    pub fn insert_if_absent(&mut self, pointer: &str, loc: Loc) {
        if self.recording {
            self.entries
                .entry(pointer.to_owned())
                .or_insert((loc, Vec::new()));
        }
    }

    /// Records that `pointer` holds the text of `text` (a path or an intrinsic).
    pub fn insert_text(&mut self, pointer: &str, text: &Text) {
        if self.recording {
            self.entries
                .insert(pointer.to_owned(), (text.loc, text.pieces.clone()));
        }
    }

    /// [`Spans::insert_text`] at `base` + `/` + `key`, built only when the table records.
    pub fn insert_text_child(&mut self, base: &str, key: &str, text: &Text) {
        if self.recording {
            self.entries
                .insert(child(base, key), (text.loc, text.pieces.clone()));
        }
    }

    /// The location for `pointer`: its own entry, else its closest recorded ancestor's.
    /// With `offset` (a byte inside the string there), the token that produced that byte;
    /// the flag says whether the offset was resolved to a token (else the caller may
    /// mention it in the message: a string literal has no finer span on stable Rust).
    pub fn lookup(&self, pointer: &str, offset: Option<usize>) -> Option<(Loc, bool)> {
        let mut current = pointer;
        loop {
            if let Some((loc, pieces)) = self.entries.get(current) {
                if let Some(offset) = offset.filter(|_| current == pointer) {
                    let piece = pieces
                        .iter()
                        .take_while(|(start, _)| *start <= offset)
                        .last();
                    if let Some((_, span)) = piece {
                        return Some((Loc::of(*span), true));
                    }
                }
                return Some((*loc, false));
            }
            let cut = current.rfind('/')?;
            current = &current[..cut];
        }
    }

    /// Records the tokens of `value` for `pointer` and, through `json` (what a catalogue
    /// task rendered from it, keys possibly with `.$`), for every value nested in it, so a
    /// diagnostic inside a payload lands on its token rather than on the whole payload.
    pub fn insert_value(
        &mut self,
        pointer: &str,
        value: &crate::ast::Value,
        json: &serde_json::Value,
    ) {
        use crate::ast::Value;
        use serde_json::Value as Json;
        if !self.recording {
            return;
        }
        match (value, json) {
            (Value::Path(text) | Value::Intrinsic(text), Json::String(_)) => {
                self.insert_text(pointer, text);
            }
            (Value::Object(entries, _), Json::Object(map)) => {
                self.insert(pointer, value.loc());
                for entry in entries {
                    let evaluated = format!("{}.$", entry.key);
                    let key = if map.contains_key(&evaluated) {
                        &evaluated
                    } else {
                        &entry.key
                    };
                    if let Some(inner) = map.get(key) {
                        self.insert_value(&child(pointer, key), &entry.value, inner);
                    }
                }
            }
            (Value::Array(items, _), Json::Array(rendered)) => {
                self.insert(pointer, value.loc());
                for (i, (item, inner)) in items.iter().zip(rendered).enumerate() {
                    self.insert_value(&child(pointer, &i.to_string()), item, inner);
                }
            }
            _ => self.insert(pointer, value.loc()),
        }
    }

    /// Renumbers the entries under `array` (a pointer to an array) by `by`, after `by`
    /// elements were inserted at its front.
    pub fn shift_array(&mut self, array: &str, by: usize) {
        if !self.recording {
            return;
        }
        let prefix = format!("{array}/");
        let moved: Vec<String> = self
            .entries
            .range::<str, _>((Bound::Included(prefix.as_str()), Bound::Unbounded))
            .map(|(k, _)| k)
            .take_while(|k| k.starts_with(&prefix))
            .cloned()
            .collect();
        let mut renamed = Vec::new();
        for key in moved {
            let rest = key.get(prefix.len()..).unwrap_or_default();
            let (index, tail) = rest.split_once('/').unwrap_or((rest, ""));
            let new_key = match index.parse::<usize>() {
                Ok(index) if tail.is_empty() => format!("{prefix}{}", index + by),
                Ok(index) => format!("{prefix}{}/{tail}", index + by),
                Err(_) => continue,
            };
            if let Some(entry) = self.entries.remove(&key) {
                renamed.push((new_key, entry));
            }
        }
        self.entries.extend(renamed);
    }
}

/// `base` + `/` + `key`, with `~` and `/` escaped as RFC 6901 says.
pub fn child(base: &str, key: &str) -> String {
    let mut out = String::with_capacity(base.len() + key.len() + 1);
    out.push_str(base);
    out.push('/');
    // Most keys need no escape; this runs for every value lowered.
    if key.contains(['~', '/']) {
        out.push_str(&key.replace('~', "~0").replace('/', "~1"));
    } else {
        out.push_str(key);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(spans: &Spans) -> Vec<&str> {
        spans.entries.keys().map(String::as_str).collect()
    }

    #[test]
    fn shifting_an_array_renumbers_only_its_elements() {
        let loc = Loc::of(Span::call_site());
        let mut spans = Spans::default();
        for key in [
            "/States/A/Retry",
            "/States/A/Retry/0",
            "/States/A/Retry/0/ErrorEquals/1",
            "/States/A/Retry/1",
            "/States/A/RetryX/0",
            "/States/A/Retrz",
            "/States/B/Retry/0",
        ] {
            spans.insert(key, loc);
        }
        spans.shift_array("/States/A/Retry", 2);
        assert_eq!(
            keys(&spans),
            [
                "/States/A/Retry",
                "/States/A/Retry/2",
                "/States/A/Retry/2/ErrorEquals/1",
                "/States/A/Retry/3",
                "/States/A/RetryX/0",
                "/States/A/Retrz",
                "/States/B/Retry/0",
            ]
        );
    }

    #[test]
    fn child_escapes_as_rfc_6901_says() {
        assert_eq!(child("/States", "A"), "/States/A");
        assert_eq!(child("", "a/b~c"), "/a~1b~0c");
    }
}
