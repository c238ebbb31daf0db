//! Keeping policies within IAM's size limits: compaction, then splitting.
//!
//! IAM counts a policy's characters without whitespace. A role's inline policies may total
//! 10,240 characters and a managed policy 6,144, so a large workflow (hundreds of functions)
//! needs its statements compacted (one statement per action set, resources grouped) and,
//! past the limit, spread over several managed policies, as CDK does for large machines.

use serde_json::{Map, Value, json};

/// Total size of a role's inline policies.
pub const INLINE_POLICY_LIMIT: usize = 10_240;
/// Size of one managed policy.
pub const MANAGED_POLICY_LIMIT: usize = 6_144;

/// Characters IAM counts for a policy document (compact JSON).
pub fn policy_size(document: &Value) -> usize {
    document.to_string().len()
}

/// Merges statements that share effect, actions and condition into one with all their
/// resources; keeps first-seen order, so the output is deterministic.
pub fn compact_statements(statements: &[Value]) -> Vec<Value> {
    struct Group {
        effect: Value,
        actions: Vec<String>,
        condition: Option<Value>,
        resources: Vec<String>,
        other: Map<String, Value>,
    }
    let mut groups: Vec<Group> = Vec::new();
    for statement in statements {
        let Value::Object(object) = statement else {
            continue;
        };
        let mut actions = strings(object.get("Action"));
        actions.sort();
        actions.dedup();
        let effect = object
            .get("Effect")
            .cloned()
            .unwrap_or_else(|| json!("Allow"));
        let condition = object.get("Condition").cloned();
        let other: Map<String, Value> = object
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "Effect" | "Action" | "Resource" | "Condition"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let resources = strings(object.get("Resource"));
        let found = groups.iter_mut().find(|g| {
            g.effect == effect
                && g.actions == actions
                && g.condition == condition
                && g.other == other
        });
        match found {
            Some(group) => {
                for resource in resources {
                    if !group.resources.contains(&resource) {
                        group.resources.push(resource);
                    }
                }
            }
            None => groups.push(Group {
                effect,
                actions,
                condition,
                resources,
                other,
            }),
        }
    }
    groups
        .into_iter()
        .map(|mut group| {
            if group.resources.iter().any(|r| r == "*") {
                group.resources = vec!["*".into()];
            }
            let mut object = Map::new();
            object.insert("Effect".into(), group.effect);
            object.insert("Action".into(), one_or_many(group.actions));
            object.insert("Resource".into(), one_or_many(group.resources));
            if let Some(condition) = group.condition {
                object.insert("Condition".into(), condition);
            }
            object.extend(group.other);
            Value::Object(object)
        })
        .collect()
}

/// Packs statements into policy documents of at most `limit` characters each. A statement
/// too large on its own is cut into several with parts of its resources.
pub fn split_statements(statements: &[Value], limit: usize) -> Vec<Value> {
    let document =
        |statements: Vec<Value>| json!({"Version": "2012-10-17", "Statement": statements});
    let overhead = policy_size(&document(Vec::new()));
    let mut pieces = Vec::new();
    for statement in statements {
        pieces.extend(cut(statement, limit.saturating_sub(overhead + 1)));
    }
    let mut documents = Vec::new();
    let mut current: Vec<Value> = Vec::new();
    let mut size = overhead;
    for piece in pieces {
        let piece_size = policy_size(&piece) + 1;
        if !current.is_empty() && size + piece_size > limit {
            documents.push(document(std::mem::take(&mut current)));
            size = overhead;
        }
        size += piece_size;
        current.push(piece);
    }
    if !current.is_empty() {
        documents.push(document(current));
    }
    documents
}

/// Splits one statement by resources until each part fits in `budget` characters.
fn cut(statement: &Value, budget: usize) -> Vec<Value> {
    let resources = strings(statement.get("Resource"));
    if policy_size(statement) <= budget || resources.len() < 2 {
        return vec![statement.clone()];
    }
    let mut parts = Vec::new();
    let mut chunk: Vec<String> = Vec::new();
    let with = |chunk: &[String]| {
        let mut part = statement.clone();
        part["Resource"] = one_or_many(chunk.to_vec());
        part
    };
    for resource in resources {
        chunk.push(resource);
        if chunk.len() > 1 && policy_size(&with(&chunk)) > budget {
            let last = chunk.pop().unwrap_or_default();
            parts.push(with(&chunk));
            chunk = vec![last];
        }
    }
    if !chunk.is_empty() {
        parts.push(with(&chunk));
    }
    parts
}

fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
            .collect(),
        Some(other) => vec![other.to_string()],
        None => Vec::new(),
    }
}

fn one_or_many(mut items: Vec<String>) -> Value {
    if items.len() == 1 {
        Value::String(items.remove(0))
    } else {
        items.into_iter().map(Value::String).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compacts_by_action_set_and_splits_under_the_limit() {
        let statements: Vec<Value> = (0..1000)
            .map(|i| {
                json!({"Effect": "Allow", "Action": "lambda:InvokeFunction",
                       "Resource": format!("arn:aws:lambda:us-east-1:123456789012:function:fn-{i:04}")})
            })
            .chain([json!({"Effect": "Allow", "Action": ["sns:Publish"], "Resource": "arn:aws:sns:us-east-1:1:t"})])
            .collect();
        let compact = compact_statements(&statements);
        assert_eq!(compact.len(), 2);
        assert_eq!(compact[0]["Resource"].as_array().map(Vec::len), Some(1000));
        let documents = split_statements(&compact, MANAGED_POLICY_LIMIT);
        assert!(documents.len() > 1);
        let mut seen = 0;
        for document in &documents {
            assert!(
                policy_size(document) <= MANAGED_POLICY_LIMIT,
                "{}",
                policy_size(document)
            );
            for statement in document["Statement"].as_array().unwrap() {
                seen += strings(statement.get("Resource")).len();
            }
        }
        assert_eq!(seen, 1001, "every resource is kept exactly once");
    }
}
