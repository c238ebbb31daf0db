//! A policy document: merge, de-duplicate, minimise and write.

use super::statement::{Effect, Statement};
use indexmap::IndexMap;
use serde_json::{Map, Value};

/// An IAM policy document: the statements of a state machine role.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PolicyDocument {
    /// The statements, in the order they were added (not yet minimised).
    pub statements: Vec<Statement>,
}

/// The identity of a grant's scope: statements are only merged when these are equal.
type Scope<'a> = (Effect, Option<&'a str>);

impl PolicyDocument {
    /// An empty document.
    pub fn new() -> PolicyDocument {
        PolicyDocument::default()
    }

    /// Adds one statement.
    pub fn push(&mut self, statement: Statement) {
        self.statements.push(statement);
    }

    /// Appends every statement of `other` (de-duplication happens in [`Self::minimized`]).
    pub fn merge(&mut self, other: PolicyDocument) {
        self.statements.extend(other.statements);
    }

    /// The minimised statements: every (effect, condition, action, resource) grant kept
    /// once; grants with the same effect, condition and resource have their actions merged,
    /// then groups with the same effect, condition and actions have their resources merged.
    /// Actions and resources are sorted; statements keep the order in which their first
    /// resource appeared, so the result is deterministic. Linear in the number of grants.
    pub fn minimized(&self) -> Vec<Statement> {
        // The grouping borrows the statements' strings: a workflow's policy has a grant per
        // task state, and owned keys were an allocation per action, resource and scope.
        let conditions: Vec<Option<String>> = self
            .statements
            .iter()
            .map(|statement| statement.condition.as_ref().map(canonical))
            .collect();
        // 1. Group unique grants by (scope, resource): the actions on that resource, in order
        //    of first appearance of the resource. Sorted vectors rather than sets: most
        //    resources have one or two actions.
        let mut by_resource: IndexMap<(Scope<'_>, &str), Vec<&str>> = IndexMap::new();
        for (statement, condition) in self.statements.iter().zip(&conditions) {
            let scope: Scope<'_> = (statement.effect, condition.as_deref());
            for (action, resource) in statement.atoms() {
                let actions = by_resource.entry((scope, resource)).or_default();
                if !actions.contains(&action) {
                    actions.push(action);
                }
            }
        }
        // 2. Group by (scope, action set): the resources sharing exactly those actions (each
        //    resource once per scope, as step 1 keyed them).
        let mut grouped: IndexMap<(Scope<'_>, Vec<&str>), Vec<&str>> = IndexMap::new();
        for ((scope, resource), mut actions) in by_resource {
            actions.sort_unstable();
            grouped.entry((scope, actions)).or_default().push(resource);
        }
        grouped
            .into_iter()
            .map(|(((effect, condition), actions), mut resources)| {
                resources.sort_unstable();
                Statement {
                    effect,
                    actions: actions.into_iter().map(str::to_owned).collect(),
                    resources: resources.into_iter().map(str::to_owned).collect(),
                    condition: condition.and_then(|c| serde_json::from_str(c).ok()),
                }
            })
            .collect()
    }

    /// The document as a JSON value: `{"Version": "2012-10-17", "Statement": [...]}`.
    pub fn to_value(&self) -> Value {
        let mut map = Map::new();
        map.insert("Version".into(), Value::String("2012-10-17".into()));
        map.insert(
            "Statement".into(),
            Value::Array(self.minimized().iter().map(Statement::to_value).collect()),
        );
        Value::Object(map)
    }

    /// The document as compact JSON, deterministic and de-duplicated.
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }
}

/// A condition block written with its object keys sorted, so that two equal conditions
/// compare equal whatever their key order.
fn canonical(value: &Value) -> String {
    fn sort(value: &Value) -> Value {
        match value {
            Value::Object(map) => {
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort();
                let mut out = Map::new();
                for key in keys {
                    if let Some(v) = map.get(key) {
                        out.insert(key.clone(), sort(v));
                    }
                }
                Value::Object(out)
            }
            Value::Array(items) => Value::Array(items.iter().map(sort).collect()),
            other => other.clone(),
        }
    }
    sort(value).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn duplicates_vanish_and_statements_merge() {
        let mut doc = PolicyDocument::new();
        doc.push(Statement::allow(["sns:Publish"], ["arn:t1"]));
        let mut other = PolicyDocument::new();
        other.push(Statement::allow(["sns:Publish"], ["arn:t1"]));
        other.push(Statement::allow(["sns:Publish"], ["arn:t2"]));
        other.push(Statement::allow(["sqs:SendMessage", "sqs:A"], ["arn:q"]));
        doc.merge(other);
        let out = doc.minimized();
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].resources, vec!["arn:t1", "arn:t2"]);
        assert_eq!(out[1].actions, vec!["sqs:A", "sqs:SendMessage"]);
    }

    #[test]
    fn conditions_keep_statements_apart() {
        let mut doc = PolicyDocument::new();
        doc.push(Statement::allow(["iam:PassRole"], ["arn:r"]));
        doc.push(
            Statement::allow(["iam:PassRole"], ["arn:r"])
                .with_condition(json!({"StringEquals": {"iam:PassedToService": "x", "a": "b"}})),
        );
        doc.push(
            Statement::allow(["iam:PassRole"], ["arn:r"])
                .with_condition(json!({"StringEquals": {"a": "b", "iam:PassedToService": "x"}})),
        );
        assert_eq!(doc.minimized().len(), 2);
    }

    #[test]
    fn json_is_deterministic() {
        let mut doc = PolicyDocument::new();
        doc.push(Statement::allow(["b:X", "a:Y"], ["*"]));
        assert_eq!(
            doc.to_json(),
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["a:Y","b:X"],"Resource":"*"}]}"#
        );
    }
}
