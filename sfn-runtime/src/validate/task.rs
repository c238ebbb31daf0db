//! Task states: heartbeat against timeout, `Credentials`.

use serde_json::Value;

use super::diagnostic::{Sink, child};
use super::doc::Doc;
use super::fields::Owner;
use crate::asl::{QueryLanguage, StateType};
use crate::jsonata;

/// §3.3: `HeartbeatSeconds` must be smaller than `TimeoutSeconds` (when both are literals).
pub(crate) fn heartbeat_timeout(doc: &Doc, sink: &mut Sink) {
    for obj in &doc.objects {
        if obj.owner != Owner::State(StateType::Task) {
            continue;
        }
        let heartbeat = obj.map.get("HeartbeatSeconds").and_then(Value::as_u64);
        // Without TimeoutSeconds the service's default (99999999) applies.
        let timeout = match obj.map.get("TimeoutSeconds") {
            None if !obj.map.contains_key("TimeoutSecondsPath") => Some(99_999_999),
            other => other.and_then(Value::as_u64),
        };
        if let (Some(h), Some(t)) = (heartbeat, timeout)
            && h >= t
        {
            sink.emit(
                child(&obj.pointer, "HeartbeatSeconds"),
                format!("`HeartbeatSeconds` ({h}) must be smaller than `TimeoutSeconds` ({t})"),
            );
        }
    }
}

/// §3.3: `Credentials` is an object holding `RoleArn` (or `RoleArn.$` in JSONPath).
pub(crate) fn credentials_role_arn(doc: &Doc, sink: &mut Sink) {
    for obj in &doc.objects {
        if obj.owner != Owner::State(StateType::Task) {
            continue;
        }
        let Some(value) = obj.map.get("Credentials") else {
            continue;
        };
        let at = child(&obj.pointer, "Credentials");
        match value {
            Value::Object(m) => {
                let has = m.contains_key("RoleArn")
                    || (obj.lang == QueryLanguage::JsonPath && m.contains_key("RoleArn.$"));
                if !has {
                    sink.emit(
                        at,
                        "`Credentials` must contain `RoleArn` (the role to assume)",
                    );
                }
            }
            Value::String(s)
                if obj.lang == QueryLanguage::Jsonata && jsonata::expression(s).is_some() => {}
            _ => sink.emit(at, "`Credentials` must be an object with `RoleArn`"),
        }
    }
}
