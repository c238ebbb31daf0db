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
