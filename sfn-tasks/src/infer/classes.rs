//! What a few classes put in the ASL in a form of their own (a hook, not a field's key),
//! read back into their fields.

use crate::model::TaskValue;
use serde_json::{Map, Value};

/// Fields of `class` recovered from `params` beyond what the field table gives.
pub fn read_back_extra(class: &str, params: &Map<String, Value>) -> Vec<(&'static str, TaskValue)> {
    match class {
        // `ApiEndpoint: "<api id>.execute-api.<region>.amazonaws.com"`.
        "CallApiGatewayRestApiEndpoint" | "CallApiGatewayHttpApiEndpoint" => {
            let Some(endpoint) = params.get("ApiEndpoint").and_then(Value::as_str) else {
                return Vec::new();
            };
            let Some((id, rest)) = endpoint.split_once(".execute-api.") else {
                return Vec::new();
            };
            let region = rest.split_once('.').map_or(rest, |(r, _)| r);
            let mut out = vec![("api", TaskValue::Str(id.to_string()))];
            if !region.starts_with("${") {
                out.push(("region", TaskValue::Str(region.to_string())));
                out.push(("api_region", TaskValue::Str(region.to_string())));
            }
            out
        }
        // `ApiEndpoint.$: "States.Format('{}/{}', '<root>', ..)"` or, in JSONata,
        // `"{% '<root>' & '/' & .. %}"`: the literal root scopes the endpoint condition.
        "HttpInvoke" => {
            let root = match (params.get("ApiEndpoint.$"), params.get("ApiEndpoint")) {
                (Some(Value::String(f)), _) => {
                    f.strip_prefix("States.Format('{}/{}', ").and_then(quoted)
                }
                (_, Some(Value::String(j))) => j.strip_prefix("{% ").and_then(quoted),
                _ => None,
            };
            root.map(|r| vec![("api_root", TaskValue::Str(r))])
                .unwrap_or_default()
        }
        // The SDK call says its action, never which resources it touches: CDK requires
        // them (`iam_resources`); read from ASL they are unknown, so every resource.
        "CallAwsService" => vec![(
            "iam_resources",
            TaskValue::Array(vec![(0, TaskValue::Str("*".into()))]),
        )],
        _ => Vec::new(),
    }
}

/// Drops what a class's hook added on its own, so that it is not read back as written.
pub fn adjust(class: &str, fields: &mut Vec<(&'static str, TaskValue)>) {
    if class == "EmrCreateCluster" {
        // The managed-policy tag is added to every cluster; only other tags are the user's.
        let only_managed = |v: &TaskValue| match v {
            TaskValue::Object(tags) => tags
                .iter()
                .all(|(k, _, _)| k == "for-use-with-amazon-emr-managed-policies"),
            _ => false,
        };
        fields.retain(|(name, value)| *name != "tags" || !only_managed(value));
    }
}

/// The text of a single-quoted intrinsic/JSONata string literal at the start of `s`.
fn quoted(s: &str) -> Option<String> {
    let mut chars = s.strip_prefix('\'')?.chars();
    let mut out = String::new();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push(chars.next()?),
            '\'' => return Some(out),
            c => out.push(c),
        }
    }
    None
}
