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
        let conditions = self.conditions();
        self.groups(&conditions)
            .into_iter()
            .map(|group| Statement {
                effect: group.effect,
                actions: group.actions.into_iter().map(str::to_owned).collect(),
                resources: group.resources.into_iter().map(str::to_owned).collect(),
                condition: group.condition.and_then(|c| serde_json::from_str(c).ok()),
            })
            .collect()
    }

    /// Each statement's condition, written with sorted keys (see [`canonical`]).
    fn conditions(&self) -> Vec<Option<String>> {
        self.statements
            .iter()
            .map(|statement| statement.condition.as_ref().map(canonical))
            .collect()
    }

    /// The minimised statements of [`Self::minimized`], borrowing the statements' strings
    /// (and `conditions`, from [`Self::conditions`]): a workflow's policy has a grant per
    /// task state, and owned keys were an allocation per action, resource and scope.
    fn groups<'a>(&'a self, conditions: &'a [Option<String>]) -> Vec<Group<'a>> {
        // 1. Group unique grants by (scope, resource): the actions on that resource, in order
        //    of first appearance of the resource. Sorted vectors rather than sets: most
        //    resources have one or two actions.
        let mut by_resource: IndexMap<(Scope<'_>, &str), Vec<&str>> = IndexMap::new();
        for (statement, condition) in self.statements.iter().zip(conditions) {
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
                Group {
                    effect,
                    condition,
                    actions,
                    resources,
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

    /// The document as compact JSON, deterministic and de-duplicated: the text of
    /// [`Self::to_value`], written straight from the grouped grants.
    pub fn to_json(&self) -> String {
        let conditions = self.conditions();
        let mut out = br#"{"Version":"2012-10-17","Statement":["#.to_vec();
        for (i, group) in self.groups(&conditions).iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            group.write_json(&mut out);
        }
        out.extend_from_slice(b"]}");
        String::from_utf8(out).unwrap_or_default()
    }
}

/// One minimised statement, borrowing its strings.
struct Group<'a> {
    effect: Effect,
    /// The condition, as [`canonical`] wrote it.
    condition: Option<&'a str>,
    /// Sorted.
    actions: Vec<&'a str>,
    /// Sorted.
    resources: Vec<&'a str>,
}

impl Group<'_> {
    /// The statement as `Statement::to_value` writes it: `Effect`, `Action`, `Resource`
    /// (a string for one, an array for several) and `Condition`.
    fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(br#"{"Effect":"#);
        write_str(out, self.effect.as_str());
        out.extend_from_slice(br#","Action":"#);
        write_one_or_many(out, &self.actions);
        out.extend_from_slice(br#","Resource":"#);
        write_one_or_many(out, &self.resources);
        if let Some(condition) = self.condition {
            // `canonical` wrote it as serde_json writes the value `to_value` shows (the
            // same sorted keys), so its text goes in as it is, not read and written again.
            out.extend_from_slice(br#","Condition":"#);
            out.extend_from_slice(condition.as_bytes());
        }
        out.push(b'}');
    }
}

/// `s` as a JSON string.
fn write_str(out: &mut Vec<u8>, s: &str) {
    // Writing into a Vec does not fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

fn write_one_or_many(out: &mut Vec<u8>, items: &[&str]) {
    match items {
        [one] => write_str(out, one),
        many => {
            out.push(b'[');
            for (i, item) in many.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_str(out, item);
            }
            out.push(b']');
        }
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

    /// The text written straight from the groups is the text of the value.
    #[test]
    fn json_is_the_value_written_out() {
        let mut doc = PolicyDocument::new();
        doc.push(Statement::allow(["b:X", "a:Y"], ["*"]));
        doc.push(Statement::allow(["s:P"], ["arn:\"quoted\"", "arn:é"]));
        doc.push(
            Statement::allow(["s:P"], ["arn:x"])
                .with_condition(json!({"StringEquals": {"z": "1", "a": ["x", 2, 1.5]}})),
        );
        doc.push(Statement {
            effect: Effect::Deny,
            actions: Vec::new(),
            resources: vec!["arn:none".into()],
            condition: None,
        });
        assert_eq!(doc.to_json(), doc.to_value().to_string());
        assert_eq!(
            PolicyDocument::new().to_json(),
            PolicyDocument::new().to_value().to_string()
        );
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
