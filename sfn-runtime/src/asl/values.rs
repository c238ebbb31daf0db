//! Small value types shared by several states.

use serde::{Deserialize, Serialize};

/// The query language of a state machine or a state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum QueryLanguage {
    /// JsonPath fields (`InputPath`, `Parameters`, ...), intrinsic functions. The default.
    #[default]
    #[serde(rename = "JSONPath")]
    JsonPath,
    /// JSONata fields (`Arguments`, `Output`, `{% ... %}` strings).
    #[serde(rename = "JSONata")]
    Jsonata,
}

impl QueryLanguage {
    /// The ASL spelling: `"JSONPath"` or `"JSONata"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            QueryLanguage::JsonPath => "JSONPath",
            QueryLanguage::Jsonata => "JSONata",
        }
    }
}

/// An integer field that a JSONata state may give as a `{% ... %}` expression instead
/// (`TimeoutSeconds`, Wait `Seconds`, `MaxConcurrency`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum IntOrExpr {
    /// A literal integer.
    Int(u64),
    /// A JSONata expression (the whole `{% ... %}` string).
    Expr(String),
}

/// A number field that a JSONata state may give as an expression (`ToleratedFailurePercentage`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum NumberOrExpr {
    /// A literal number, kept as written (`2` stays `2`, `2.5` stays `2.5`).
    Number(serde_json::Number),
    /// A JSONata expression (the whole `{% ... %}` string).
    Expr(String),
}

/// Execution type of the child workflows of a distributed Map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum ExecutionType {
    /// Standard child workflows.
    Standard,
    /// Express child workflows.
    Express,
}
