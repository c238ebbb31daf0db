//! JSONata expressions in JSONata states (§11.1): every `{% ... %}` string in a field that
//! is evaluated must parse.

use serde_json::Value;

use super::diagnostic::{Sink, child, item};
use super::doc::Doc;
use super::fields::Kind;
use crate::asl::QueryLanguage;
use crate::jsonata;

/// §11.1: expressions parse.
pub(crate) fn jsonata_syntax(doc: &Doc, sink: &mut Sink) {
    for (obj, key, value, field) in doc.fields() {
        if obj.lang != QueryLanguage::Jsonata {
            continue;
        }
        let at = child(&obj.pointer, key);
        match field.kind(obj.lang) {
            Kind::Jsonata | Kind::Assign => walk(value, &at, sink, 0),
            Kind::OrJsonata(_) => {
                if let Value::String(s) = value {
                    check(s, &at, sink);
                }
            }
            _ => {}
        }
    }
}

/// Deeper values are not searched (serde_json never builds them from text).
const MAX_DEPTH: usize = 200;

fn walk(value: &Value, at: &str, sink: &mut Sink, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::String(s) => check(s, at, sink),
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, &item(at, i), sink, depth + 1);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                walk(v, &child(at, k), sink, depth + 1);
            }
        }
        _ => {}
    }
}

fn check(s: &str, at: &str, sink: &mut Sink) {
    let Some(body) = jsonata::expression(s) else {
        return;
    };
    if let Err(e) = jsonata::check_syntax(body) {
        // Offsets count from the start of the string, past the `{%` delimiter.
        let offset = Some(e.offset.map_or(2, |o| o + 2));
        sink.emit_at(
            at.to_owned(),
            format!("JSONata expression does not parse: {}", e.message),
            offset,
        );
    }
}
