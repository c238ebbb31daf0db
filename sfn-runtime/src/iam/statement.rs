//! One IAM policy statement.

use serde_json::{Map, Value};

/// Whether a statement grants or denies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Effect {
    /// `"Effect": "Allow"`.
    #[default]
    Allow,
    /// `"Effect": "Deny"`.
    Deny,
}

impl Effect {
    /// The IAM spelling: `"Allow"` or `"Deny"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        }
    }
}

/// An IAM policy statement: `effect` on `actions` over `resources`, optionally under a
/// `Condition` block (kept as JSON, e.g. `{"StringEquals": {"iam:PassedToService": "..."}}`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Statement {
    /// Allow or Deny.
    pub effect: Effect,
    /// Actions such as `"sns:Publish"`.
    pub actions: Vec<String>,
    /// Resource ARNs (or `"*"`).
    pub resources: Vec<String>,
    /// The `Condition` block, if any.
    pub condition: Option<Value>,
}

impl Statement {
    /// An `Allow` statement without condition.
    pub fn allow<A, R>(actions: A, resources: R) -> Statement
    where
        A: IntoIterator,
        A::Item: Into<String>,
        R: IntoIterator,
        R::Item: Into<String>,
    {
        Statement {
            effect: Effect::Allow,
            actions: actions.into_iter().map(Into::into).collect(),
            resources: resources.into_iter().map(Into::into).collect(),
            condition: None,
        }
    }

    /// The same statement with a `Condition` block.
    pub fn with_condition(mut self, condition: Value) -> Statement {
        self.condition = Some(condition);
        self
    }

    /// The statement as IAM JSON: `Effect`, `Action`, `Resource`, `Condition`. A single
    /// action or resource is written as a string, several as an array (as CDK does).
    pub fn to_value(&self) -> Value {
        let mut map = Map::new();
        map.insert("Effect".into(), Value::String(self.effect.as_str().into()));
        map.insert("Action".into(), one_or_many(&self.actions));
        map.insert("Resource".into(), one_or_many(&self.resources));
        if let Some(condition) = &self.condition {
            map.insert("Condition".into(), condition.clone());
        }
        Value::Object(map)
    }

    /// Every (action, resource) pair this statement grants: the unit that de-duplication
    /// and policy comparison work on.
    pub fn atoms(&self) -> impl Iterator<Item = (&str, &str)> {
        self.actions
            .iter()
            .flat_map(move |a| self.resources.iter().map(move |r| (a.as_str(), r.as_str())))
    }
}

fn one_or_many(items: &[String]) -> Value {
    match items {
        [one] => Value::String(one.clone()),
        many => Value::Array(many.iter().cloned().map(Value::String).collect()),
    }
}
