//! Reading a policy document's JSON back into [`crate::iam`] statements.

use serde_json::Value;

use crate::iam::{Effect, PolicyDocument, Statement};

/// The statements of a policy document (`{"Statement": [..]}`); entries that are not
/// statements are skipped (a `Workflow`'s policy is written by `workflow!`, so they do not occur).
pub fn read_policy(text: &str) -> PolicyDocument {
    let value: Value = serde_json::from_str(text).unwrap_or(Value::Null);
    let statements = value["Statement"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    PolicyDocument {
        statements: statements.iter().filter_map(read_statement).collect(),
    }
}

fn read_statement(value: &Value) -> Option<Statement> {
    let object = value.as_object()?;
    let effect = match object.get("Effect").and_then(Value::as_str) {
        Some("Deny") => Effect::Deny,
        _ => Effect::Allow,
    };
    Some(Statement {
        effect,
        actions: strings(object.get("Action")),
        resources: strings(object.get("Resource")),
        condition: object.get("Condition").cloned(),
    })
}

fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}
