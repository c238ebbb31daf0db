//! What changes between what runs and what is deployed: states of a definition, grants of
//! a policy.

use std::collections::BTreeSet;

use serde_json::Value;

/// The states added, removed and changed (with the fields that differ), and the top-level
/// fields that differ, as lines such as `~ Resize (Retry, Parameters)`.
pub fn definition_diff(old: &Value, new: &Value) -> Vec<String> {
    let mut lines = Vec::new();
    let empty = serde_json::Map::new();
    let old_states = old["States"].as_object().unwrap_or(&empty);
    let new_states = new["States"].as_object().unwrap_or(&empty);
    for (name, state) in new_states {
        match old_states.get(name) {
            None => lines.push(format!("+ state {name}")),
            Some(before) if before != state => lines.push(format!(
                "~ state {name} ({})",
                changed_fields(before, state)
            )),
            Some(_) => {}
        }
    }
    for name in old_states.keys() {
        if !new_states.contains_key(name) {
            lines.push(format!("- state {name}"));
        }
    }
    let top = |v: &Value| -> Vec<String> {
        v.as_object()
            .map(|o| o.keys().filter(|k| *k != "States").cloned().collect())
            .unwrap_or_default()
    };
    let mut keys: BTreeSet<String> = top(old).into_iter().collect();
    keys.extend(top(new));
    for key in keys {
        if old.get(&key) != new.get(&key) {
            lines.push(format!(
                "~ {key}: {} -> {}",
                short(old.get(&key)),
                short(new.get(&key))
            ));
        }
    }
    lines
}

fn changed_fields(old: &Value, new: &Value) -> String {
    let mut keys: BTreeSet<&String> = BTreeSet::new();
    if let (Some(o), Some(n)) = (old.as_object(), new.as_object()) {
        keys.extend(o.keys());
        keys.extend(n.keys());
        let fields: Vec<&str> = keys
            .into_iter()
            .filter(|k| o.get(*k) != n.get(*k))
            .map(String::as_str)
            .collect();
        return fields.join(", ");
    }
    "replaced".into()
}

fn short(value: Option<&Value>) -> String {
    match value {
        None => "(none)".into(),
        Some(v) => {
            let text = v.to_string();
            if text.chars().count() > 60 {
                let cut: String = text.chars().take(57).collect();
                format!("{cut}...")
            } else {
                text
            }
        }
    }
}

/// One permission of a policy: effect, action and resource (with its condition).
pub fn grants(policy: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let statements = match &policy["Statement"] {
        Value::Array(items) => items.clone(),
        Value::Null => Vec::new(),
        single => vec![single.clone()],
    };
    for statement in statements {
        let effect = statement["Effect"].as_str().unwrap_or("Allow");
        let list = |v: &Value| -> Vec<String> {
            match v {
                Value::Array(items) => items
                    .iter()
                    .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
                    .collect(),
                Value::String(s) => vec![s.clone()],
                Value::Null => vec!["*".into()],
                other => vec![other.to_string()],
            }
        };
        let condition = match statement.get("Condition") {
            Some(c) => format!(" when {c}"),
            None => String::new(),
        };
        for action in list(&statement["Action"]) {
            for resource in list(&statement["Resource"]) {
                out.insert(format!("{effect} {action} on {resource}{condition}"));
            }
        }
    }
    out
}

/// Lines `+ grant` / `- grant` from `old` to `new`.
pub fn policy_diff(old: &Value, new: &Value) -> Vec<String> {
    let before = grants(old);
    let after = grants(new);
    let mut lines: Vec<String> = after
        .difference(&before)
        .map(|g| format!("+ {g}"))
        .collect();
    lines.extend(before.difference(&after).map(|g| format!("- {g}")));
    lines
}

/// A policy granting everything `old` and `new` grant: what the role carries while the
/// state machine moves from one definition to the other.
pub fn policy_union(old: &Value, new: &Value) -> Value {
    let mut statements: Vec<Value> = Vec::new();
    for policy in [old, new] {
        let items = match &policy["Statement"] {
            Value::Array(items) => items.clone(),
            Value::Null => Vec::new(),
            single => vec![single.clone()],
        };
        for item in items {
            if !statements.contains(&item) {
                statements.push(item);
            }
        }
    }
    serde_json::json!({"Version": "2012-10-17", "Statement": statements})
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn definition_diff_names_states_and_fields() {
        let old = json!({"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true},
            "Gone": {"Type": "Succeed"}}});
        let new = json!({"StartAt": "A", "Comment": "v2", "States": {
            "A": {"Type": "Pass", "Result": 1, "Next": "B"}, "B": {"Type": "Pass", "End": true},
            "C": {"Type": "Succeed"}}});
        assert_eq!(
            definition_diff(&old, &new),
            [
                "~ state A (Result)",
                "+ state C",
                "- state Gone",
                "~ Comment: (none) -> \"v2\""
            ]
        );
        assert!(definition_diff(&new, &new).is_empty());
    }

    #[test]
    fn policy_diff_is_by_grant_not_by_statement_layout() {
        let old = json!({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["a:One", "a:Two"], "Resource": "r1"}]});
        // The same grants written as two statements: no difference.
        let same = json!({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "a:One", "Resource": ["r1"]},
            {"Effect": "Allow", "Action": "a:Two", "Resource": "r1"}]});
        assert!(policy_diff(&old, &same).is_empty());
        let new = json!({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["a:One"], "Resource": ["r1", "r2"]}]});
        assert_eq!(
            policy_diff(&old, &new),
            ["+ Allow a:One on r2", "- Allow a:Two on r1"]
        );
        let union = policy_union(&old, &new);
        assert_eq!(grants(&union).len(), 3);
    }
}
