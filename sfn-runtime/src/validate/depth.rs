//! The document's nesting, bounded once for the whole pipeline ([`crate::limits::MAX_JSON_DEPTH`]):
//! deeper JSON could not be written out and read back (serde_json stops at 128 levels), so a
//! definition that nests deeper is refused here rather than emitted as `null`.

use serde_json::Value;

use super::diagnostic::{Sink, child, item};
use super::doc::Doc;
use crate::limits::MAX_JSON_DEPTH;

/// The first array or object nested deeper than [`MAX_JSON_DEPTH`] on each path, found
/// without recursion so that a hand-built `Value` of any depth is measured safely.
pub(crate) fn nesting_too_deep(doc: &Doc, sink: &mut Sink) {
    // Measured first without pointers: only a document that is too deep needs them.
    if depth(doc.root) <= MAX_JSON_DEPTH {
        return;
    }
    let mut stack: Vec<(&Value, String, usize)> = vec![(doc.root, String::new(), 1)];
    while let Some((value, pointer, depth)) = stack.pop() {
        if depth > MAX_JSON_DEPTH {
            sink.emit(
                pointer,
                format!(
                    "this value is nested {depth} levels deep; the limit for a whole definition is {MAX_JSON_DEPTH} (sfn_runtime::limits::MAX_JSON_DEPTH)"
                ),
            );
            continue;
        }
        let mut children: Vec<(&Value, String, usize)> = match value {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .filter(|(_, v)| is_container(v))
                .map(|(i, v)| (v, item(&pointer, i), depth + 1))
                .collect(),
            Value::Object(map) => map
                .iter()
                .filter(|(_, v)| is_container(v))
                .map(|(k, v)| (v, child(&pointer, k), depth + 1))
                .collect(),
            _ => continue,
        };
        // Reversed so the first child is reported first.
        children.reverse();
        stack.extend(children);
    }
}

/// How many arrays and objects deep `value` nests (a scalar is 0), without recursion.
fn depth(value: &Value) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(value, 1)];
    while let Some((value, depth)) = stack.pop() {
        let inner = |v: &&Value| is_container(v);
        match value {
            Value::Array(items) => stack.extend(items.iter().filter(inner).map(|v| (v, depth + 1))),
            Value::Object(map) => stack.extend(map.values().filter(inner).map(|v| (v, depth + 1))),
            _ => continue,
        }
        deepest = deepest.max(depth);
    }
    deepest
}

fn is_container(value: &Value) -> bool {
    matches!(value, Value::Array(_) | Value::Object(_))
}
