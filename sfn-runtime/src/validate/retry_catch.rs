//! Retry and Catch (R3): `States.ALL` alone, and only in the last Retrier or Catcher.

use serde_json::Value;

use super::diagnostic::{Sink, child, item};
use super::doc::Doc;

/// The wildcard error name.
const ALL: &str = "States.ALL";

/// R3.
pub(crate) fn error_equals_all(doc: &Doc, sink: &mut Sink) {
    for obj in &doc.objects {
        if !obj.owner.is_state() {
            continue;
        }
        for key in ["Retry", "Catch"] {
            let Some(list) = obj.map.get(key).and_then(Value::as_array) else {
                continue;
            };
            for (i, entry) in list.iter().enumerate() {
                let Some(names) = entry.get("ErrorEquals").and_then(Value::as_array) else {
                    continue;
                };
                if !names.iter().any(|n| n.as_str() == Some(ALL)) {
                    continue;
                }
                let at = child(&item(&child(&obj.pointer, key), i), "ErrorEquals");
                if names.len() > 1 {
                    sink.emit(
                        at.clone(),
                        format!("`{ALL}` must be the only entry of its `ErrorEquals`"),
                    );
                }
                if i + 1 < list.len() {
                    let what = if key == "Retry" { "Retrier" } else { "Catcher" };
                    sink.emit_hint(
                        at,
                        format!("`{ALL}` matches every error, so it must be in the last {what}; the ones after it can never apply"),
                        Some(format!("move this {what} to the end of `{key}`")),
                    );
                }
            }
        }
    }
}
