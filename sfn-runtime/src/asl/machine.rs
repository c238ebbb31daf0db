//! The top-level document and the nested state graphs (Parallel branches).

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::states::State;
use super::values::QueryLanguage;

/// The states of one scope, in document order.
pub type States = IndexMap<String, State>;

/// A whole state machine definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct StateMachine {
    /// `Comment`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// `QueryLanguage` of the whole machine (default JSONPath).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_language: Option<QueryLanguage>,
    /// `StartAt`: the first state.
    pub start_at: String,
    /// `TimeoutSeconds` of the whole execution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_seconds: Option<u64>,
    /// `Version` (only `"1.0"` exists).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// `States`.
    pub states: States,
}

impl StateMachine {
    /// Reads a definition from JSON text. Checks the shape only (types, field names); see
    /// [`crate::validate`] for the rules of the language.
    pub fn from_json(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// Reads a definition from a JSON value. Checks the shape only.
    pub fn from_value(value: serde_json::Value) -> Result<Self, serde_json::Error> {
        serde_json::from_value(value)
    }

    /// [`from_value`](Self::from_value) on a value the caller keeps (to report problems
    /// against it, say): reads it in place instead of copying the whole definition first.
    ///
    /// ```
    /// let value = serde_json::json!({"StartAt": "A", "States": {"A": {"Type": "Succeed"}}});
    /// let machine = sfn_runtime::asl::StateMachine::from_value_ref(&value).unwrap();
    /// assert_eq!(machine.start_at, "A");
    /// assert_eq!(machine.to_value(), value);
    /// ```
    pub fn from_value_ref(value: &serde_json::Value) -> Result<Self, serde_json::Error> {
        serde::Deserialize::deserialize(value)
    }

    /// The definition as a JSON value, fields in a fixed order.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("the ASL model always serializes")
    }

    /// The definition as compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("the ASL model always serializes")
    }

    /// The definition as indented JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("the ASL model always serializes")
    }

    /// The machine's query language (JSONPath when unset).
    pub fn query_language(&self) -> QueryLanguage {
        self.query_language.unwrap_or_default()
    }
}

/// One branch of a Parallel state: a complete sub-machine with its own scope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct Branch {
    /// `Comment`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// `StartAt`.
    pub start_at: String,
    /// `States`.
    pub states: States,
}

#[cfg(test)]
mod tests {
    use super::StateMachine;
    use serde_json::json;

    /// `sfn run` and `sfn graph` read the definition in place: the same model, and the same
    /// error text for a definition the model refuses, as reading a copy.
    #[test]
    fn from_value_ref_reads_as_from_value() {
        let documents = [
            json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x.$": "$.y"}, "Next": "B"},
                "B": {"Type": "Map", "ItemProcessor": {"StartAt": "C", "States": {"C": {"Type": "Succeed"}}}, "End": true}}}),
            json!({"States": {"A": {"Type": "Succeed"}}}),
            json!({"StartAt": "A", "States": {"A": {"Type": "Pause"}}}),
            json!({"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": "ten", "End": true}}}),
            json!({"StartAt": 3, "States": {}}),
            json!([1, 2]),
        ];
        for document in documents {
            let by_ref = StateMachine::from_value_ref(&document).map_err(|e| e.to_string());
            let owned = StateMachine::from_value(document.clone()).map_err(|e| e.to_string());
            match (by_ref, owned) {
                (Ok(a), Ok(b)) => assert_eq!(a.to_value(), b.to_value(), "{document}"),
                (Err(a), Err(b)) => assert_eq!(a, b, "{document}"),
                (a, b) => panic!("{document}: {:?} against {:?}", a.is_ok(), b.is_ok()),
            }
        }
    }
}
