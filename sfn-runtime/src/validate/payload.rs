//! JSONPath payload templates (§7.3): `Parameters`, `ResultSelector`, `ItemSelector`,
//! `Credentials`, `ItemReader`/`ResultWriter` `Parameters`, `BatchInput`, `Assign`.
//! A key ending in `.$` (at any depth) takes a Path, a context path, a variable path or an
//! intrinsic call; after `.$` is stripped, keys must stay unique.

use serde_json::Value;

use super::diagnostic::{Sink, child, item};
use super::doc::Doc;
use super::fields::{Kind, Owner};
use crate::asl::QueryLanguage;

/// Deeper templates are not searched (serde_json never builds them from text).
const MAX_DEPTH: usize = crate::limits::MAX_JSON_DEPTH;

/// A `.$` member of a template.
pub(crate) struct Dynamic<'a> {
    /// Pointer to the member's value.
    pub(crate) pointer: String,
    /// The key, `.$` included.
    pub(crate) key: &'a str,
    /// The value.
    pub(crate) value: &'a Value,
    /// The object whose field holds the template.
    pub(crate) owner: Owner,
    /// That field (`Parameters`, `ItemSelector`, ...).
    pub(crate) field: &'a str,
    /// The scope of the state holding the template.
    pub(crate) scope: Option<usize>,
}

/// An object inside a template, with its pointer.
pub(crate) type TemplateObject<'a> = (String, &'a serde_json::Map<String, Value>);

/// Every `.$` member of every JSONPath template of the document, plus the objects of those
/// templates (for the duplicate check).
/// The `.$` members of all templates and the objects inside them.
pub(crate) struct Templates<'a> {
    /// Every `.$` member.
    pub(crate) dynamic: Vec<Dynamic<'a>>,
    /// Every object inside a template.
    pub(crate) objects: Vec<TemplateObject<'a>>,
}

pub(crate) fn templates<'d, 'a>(doc: &'d Doc<'a>) -> &'d Templates<'a> {
    doc.memo.templates.get_or_init(|| build(doc))
}

fn build<'a>(doc: &Doc<'a>) -> Templates<'a> {
    let mut dynamic = Vec::new();
    let mut objects = Vec::new();
    for (obj, key, value, field) in doc.fields() {
        if obj.lang != QueryLanguage::JsonPath {
            continue;
        }
        if matches!(field.kind(obj.lang), Kind::Template | Kind::Assign) {
            let first = dynamic.len();
            walk(
                value,
                child(&obj.pointer, key),
                &mut dynamic,
                &mut objects,
                0,
            );
            for d in dynamic.iter_mut().skip(first) {
                d.owner = obj.owner;
                d.scope = doc.scope_of(obj);
                d.field = key;
            }
        }
    }
    Templates { dynamic, objects }
}

fn walk<'a>(
    value: &'a Value,
    at: String,
    dynamic: &mut Vec<Dynamic<'a>>,
    objects: &mut Vec<TemplateObject<'a>>,
    depth: usize,
) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let here = child(&at, k);
                if k.ends_with(".$") {
                    dynamic.push(Dynamic {
                        pointer: here,
                        key: k,
                        value: v,
                        owner: Owner::Machine,
                        scope: None,
                        field: "",
                    });
                } else {
                    walk(v, here, dynamic, objects, depth + 1);
                }
            }
            objects.push((at, map));
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, item(&at, i), dynamic, objects, depth + 1);
            }
        }
        _ => {}
    }
}

/// §7.3: a `.$` value is a string that is a path (`$...`) or an intrinsic (`States.X(...)`).
pub(crate) fn payload_value(doc: &Doc, sink: &mut Sink) {
    for d in &templates(doc).dynamic {
        let plain = d.key.strip_suffix(".$").unwrap_or(d.key);
        match d.value.as_str() {
            None => sink.emit_hint(
                d.pointer.clone(),
                format!("the value of `{}` must be a string holding a path or an intrinsic call", d.key),
                Some(format!("to give a literal value, name the field `{plain}` (without `.$`)")),
            ),
            Some(s) if !s.starts_with('$') && !s.starts_with("States.") => sink.emit_hint(
                d.pointer.clone(),
                format!(
                    "the value of `{}` must be a Path (`$.x`), a context path (`$$.x`), a variable (`$x`) or an intrinsic call (`States.Format(...)`), not `{s}`",
                    d.key
                ),
                Some(format!("to give the literal string, name the field `{plain}` (without `.$`)")),
            ),
            Some(_) => {}
        }
    }
}

/// §7.3: no two keys of a template object are equal once `.$` is stripped.
pub(crate) fn payload_duplicate_key(doc: &Doc, sink: &mut Sink) {
    for (at, map) in &templates(doc).objects {
        for key in map.keys() {
            if let Some(plain) = key.strip_suffix(".$")
                && map.contains_key(plain)
            {
                sink.emit(
                    child(at, key),
                    format!("`{key}` and `{plain}` both produce the field `{plain}`"),
                );
            }
        }
    }
}
