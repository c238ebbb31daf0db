//! Map states (§5.8): distributed-only fields, `Label`, the CSV reader.

use serde_json::Value;

use super::diagnostic::{Sink, child};
use super::doc::Doc;
use super::fields::{Kind, Owner};
use crate::asl::StateType;

/// Fields that only a DISTRIBUTED Map takes. `ToleratedFailureCount`/`Percentage` (and their
/// `Path` forms) are not among them: the service creates and runs an INLINE Map that has
/// them (recorded executions, issue #13 item 2), though the documentation lists them with
/// the distributed fields.
const DISTRIBUTED_ONLY: &[&str] = &["ItemReader", "ItemBatcher", "ResultWriter", "Label"];

/// §5.8: distributed-mode fields on an inline Map.
pub(crate) fn map_distributed_only(doc: &Doc, sink: &mut Sink) {
    for obj in &doc.objects {
        if obj.owner != Owner::State(StateType::Map) {
            continue;
        }
        let config = obj
            .map
            .get("ItemProcessor")
            .or_else(|| obj.map.get("Iterator"))
            .and_then(|p| p.get("ProcessorConfig"));
        let mode = config.and_then(|c| c.get("Mode")).and_then(Value::as_str);
        if mode == Some("DISTRIBUTED") {
            continue;
        }
        let hint = Some("set `\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"STANDARD\"}` in the ItemProcessor".to_owned());
        for key in DISTRIBUTED_ONLY
            .iter()
            .filter(|k| obj.map.contains_key(**k))
        {
            sink.emit_hint(
                child(&obj.pointer, key),
                format!("`{key}` needs a DISTRIBUTED Map, but this Map is INLINE"),
                hint.clone(),
            );
        }
        if config.is_some_and(|c| c.get("ExecutionType").is_some()) {
            let processor = if obj.map.contains_key("ItemProcessor") {
                "ItemProcessor"
            } else {
                "Iterator"
            };
            sink.emit_hint(
                child(
                    &child(&child(&obj.pointer, processor), "ProcessorConfig"),
                    "ExecutionType",
                ),
                "`ExecutionType` needs `\"Mode\": \"DISTRIBUTED\"`",
                hint.clone(),
            );
        }
    }
}

/// The longest Map `Label`.
const MAX_LABEL: usize = 40;

/// §2, §5.8: a Map `Label` is 1-40 characters without whitespace, brackets, wildcards,
/// punctuation that ARNs reserve, or control characters.
pub(crate) fn map_label(doc: &Doc, sink: &mut Sink) {
    for (obj, key, value, field) in doc.fields() {
        if field.kind(obj.lang) != Kind::Label {
            continue;
        }
        let Some(label) = value.as_str() else {
            continue;
        };
        let at = child(&obj.pointer, key);
        let n = label.chars().count();
        if n == 0 {
            sink.emit(at, "`Label` must not be empty");
        } else if n > MAX_LABEL {
            sink.emit(
                at,
                format!("`Label` is {n} characters long; the limit is {MAX_LABEL}"),
            );
        } else if let Some(bad) = label.chars().find(|&c| forbidden_in_name(c)) {
            sink.emit(at, format!("`Label` must not contain {}", show(bad)));
        }
    }
}

/// Characters that names of executions, state machines and Map labels cannot hold.
pub(crate) fn forbidden_in_name(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '<' | '>'
                | '{'
                | '}'
                | '['
                | ']'
                | '?'
                | '*'
                | '"'
                | '#'
                | '%'
                | '\\'
                | '^'
                | '|'
                | '~'
                | '`'
                | '$'
                | '&'
                | ','
                | ';'
                | ':'
                | '/'
        )
}

fn show(c: char) -> String {
    if c.is_whitespace() || c.is_control() {
        format!("whitespace or control characters (U+{:04X})", u32::from(c))
    } else {
        format!("`{c}`")
    }
}

/// §5.8: `CSVHeaderLocation: GIVEN` needs `CSVHeaders`.
pub(crate) fn reader_csv_headers(doc: &Doc, sink: &mut Sink) {
    for obj in &doc.objects {
        if obj.owner != Owner::ReaderConfig {
            continue;
        }
        let given = obj.map.get("CSVHeaderLocation").and_then(Value::as_str) == Some("GIVEN");
        if given && !obj.map.contains_key("CSVHeaders") {
            sink.emit(
                obj.pointer.clone(),
                "`\"CSVHeaderLocation\": \"GIVEN\"` needs `CSVHeaders` (the column names)",
            );
        }
    }
}
