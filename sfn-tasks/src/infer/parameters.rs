//! Reading a class's fields back out of the `Parameters`/`Arguments` it renders, through the
//! same field table ([`Field`]'s ASL key and [`Kind`]) the renderer uses.

use super::dynamic_value;
use crate::model::TaskValue;
use crate::spec::{Asl, Field, Kind, TaskSpec};
use serde_json::{Map, Value};

/// The fields of `spec` found in `params`. A class whose parameters are one whole-object
/// field (the scratch key `-`: `CallAwsService`, activities, MediaConvert, ...) gets the
/// whole object as that field.
pub fn read_back(
    spec: &TaskSpec,
    params: &Map<String, Value>,
    jsonata: bool,
) -> Vec<(&'static str, TaskValue)> {
    let rd = Reader { jsonata };
    if let Some(whole) = spec.fields.iter().find(|f| matches!(f.asl, Asl::Key("-"))) {
        return vec![(whole.name, rd.json(&Value::Object(params.clone())))];
    }
    let mut out = rd.object(spec.fields, params);
    // `LambdaInvoke { payload_response_only }`: the parameters are the payload.
    if spec.class == "LambdaInvoke" && out.is_empty() && !params.is_empty() {
        out.push(("payload", rd.json(&Value::Object(params.clone()))));
    }
    out
}

struct Reader {
    jsonata: bool,
}

impl Reader {
    /// The members of `obj` described by `fields`.
    fn object(
        &self,
        fields: &'static [Field],
        obj: &Map<String, Value>,
    ) -> Vec<(&'static str, TaskValue)> {
        let mut out = Vec::new();
        for field in fields {
            let found = match field.asl {
                Asl::Key(key) => lookup(obj, key),
                Asl::At(path) => path.split_last().and_then(|(last, parents)| {
                    let mut cur = obj;
                    for p in parents {
                        cur = cur.get(*p)?.as_object()?;
                    }
                    lookup(cur, last)
                }),
                Asl::Skip => None,
            };
            let Some((value, dynamic)) = found else {
                continue;
            };
            // A value equal to the field's default (EMR's `Tags: []`) is what the class
            // renders when the field is absent. Enum defaults are kept: their word says
            // something (`AuthType: "NO_AUTH"` means no IAM is needed).
            let is_default = !dynamic
                && !matches!(field.kind, Kind::Enum(_))
                && field
                    .default
                    .and_then(|d| serde_json::from_str::<Value>(d).ok())
                    .is_some_and(|d| &d == value);
            if !is_default {
                out.push((field.name, self.value(&field.kind, value, dynamic)));
            }
        }
        out
    }

    /// One value read back as `kind`.
    fn value(&self, kind: &Kind, value: &Value, dynamic: bool) -> TaskValue {
        if let Value::String(s) = value {
            if dynamic {
                return dynamic_value(s);
            }
            if self.jsonata && s.starts_with("{%") {
                return TaskValue::Jsonata(s.clone());
            }
        }
        match (kind, value) {
            (Kind::Seconds, Value::Number(n)) => n
                .as_u64()
                .map_or(TaskValue::Number(n.clone()), TaskValue::DurationSecs),
            (Kind::Minutes, Value::Number(n)) => {
                n.as_u64().map_or(TaskValue::Number(n.clone()), |m| {
                    TaskValue::DurationSecs(m.saturating_mul(60))
                })
            }
            (Kind::Enum(options), Value::String(s)) => options
                .iter()
                .find(|(_, asl)| asl == s)
                .map_or(TaskValue::Str(s.clone()), |(word, _)| {
                    TaskValue::Ident((*word).to_string())
                }),
            (Kind::Tags, Value::Array(tags)) => TaskValue::Object(
                tags.iter()
                    .filter_map(|tag| {
                        let key = tag.get("Key")?.as_str()?;
                        let (v, dynamic) = lookup(tag.as_object()?, "Value")?;
                        Some((key.to_string(), 0, self.value(&Kind::Str, v, dynamic)))
                    })
                    .collect(),
            ),
            (Kind::Struct(fields), Value::Object(obj)) => TaskValue::Object(
                self.object(fields, obj)
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), 0, v))
                    .collect(),
            ),
            (Kind::List(inner), Value::Array(items)) => TaskValue::Array(
                items
                    .iter()
                    .map(|v| (0, self.value(inner, v, false)))
                    .collect(),
            ),
            _ => self.json(value),
        }
    }

    /// Free JSON: `key.$` members are paths or intrinsic calls under `key`.
    fn json(&self, value: &Value) -> TaskValue {
        match value {
            Value::Null => TaskValue::Null,
            Value::Bool(b) => TaskValue::Bool(*b),
            Value::Number(n) => TaskValue::Number(n.clone()),
            Value::String(s) if self.jsonata && s.starts_with("{%") => {
                TaskValue::Jsonata(s.clone())
            }
            Value::String(s) => TaskValue::Str(s.clone()),
            Value::Array(items) => {
                TaskValue::Array(items.iter().map(|v| (0, self.json(v))).collect())
            }
            Value::Object(map) => TaskValue::Object(
                map.iter()
                    .map(|(k, v)| match (k.strip_suffix(".$"), v) {
                        (Some(key), Value::String(s)) => (key.to_string(), 0, dynamic_value(s)),
                        _ => (k.clone(), 0, self.json(v)),
                    })
                    .collect(),
            ),
        }
    }
}

/// `key` or `key.$` in `obj`: (value, whether it is the `.$` form).
fn lookup<'v>(obj: &'v Map<String, Value>, key: &str) -> Option<(&'v Value, bool)> {
    if let Some(v) = obj.get(key) {
        return Some((v, false));
    }
    obj.get(&format!("{key}.$")).map(|v| (v, true))
}
