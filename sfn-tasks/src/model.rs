//! The input and output types of the catalogue: a task call as the macro parsed it, and
//! the rendered task.

use serde_json::{Map, Value};
pub use sfn_runtime::asl::QueryLanguage;
use sfn_runtime::iam::Statement;

/// An opaque location id: the macro maps it back to a source span.
pub type Loc = usize;

/// A value written in a task call.
#[derive(Debug, Clone, PartialEq)]
pub enum TaskValue {
    /// A quoted string: always a literal, even when it starts with `$`.
    Str(String),
    /// A number literal.
    Number(serde_json::Number),
    /// `true` / `false`.
    Bool(bool),
    /// `null`.
    Null,
    /// A JsonPath written bare: `$.a.b`, `$$.Task.Token`.
    Path(String),
    /// An intrinsic call, whole: `States.Format('{}', $.x)`.
    Intrinsic(String),
    /// A JSONata string, whole: `{% $states.input.x %}`.
    Jsonata(String),
    /// An object literal: key, location of the key, value.
    Object(Vec<(String, Loc, TaskValue)>),
    /// An array literal: location and value of each element.
    Array(Vec<(Loc, TaskValue)>),
    /// A bare word, for enum-like values: `request_response`, `FIRE_AND_FORGET`.
    Ident(String),
    /// A duration literal (`30s`, `5min`, `2h`) in seconds.
    DurationSecs(u64),
}

impl TaskValue {
    /// True for a value only known at run time: a path, an intrinsic or a JSONata string.
    pub fn is_expression(&self) -> bool {
        matches!(
            self,
            TaskValue::Path(_) | TaskValue::Intrinsic(_) | TaskValue::Jsonata(_)
        )
    }

    /// The text of a literal string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            TaskValue::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A short description of the kind of value, for error messages.
    pub fn describe(&self) -> &'static str {
        match self {
            TaskValue::Str(_) => "a string",
            TaskValue::Number(_) => "a number",
            TaskValue::Bool(_) => "a boolean",
            TaskValue::Null => "null",
            TaskValue::Path(_) => "a JsonPath",
            TaskValue::Intrinsic(_) => "an intrinsic function call",
            TaskValue::Jsonata(_) => "a JSONata expression",
            TaskValue::Object(_) => "an object",
            TaskValue::Array(_) => "an array",
            TaskValue::Ident(_) => "a bare word",
            TaskValue::DurationSecs(_) => "a duration",
        }
    }
}

/// One `name: value` field of a task call.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskField {
    /// The snake_case field name as written.
    pub name: String,
    /// Where the name is.
    pub name_loc: Loc,
    /// The value.
    pub value: TaskValue,
    /// Where the value is.
    pub value_loc: Loc,
}

/// A task state's catalogue part: `SnsPublish { topic: .., message: .. }`. State-level fields
/// (comment, paths, result selector, assign, output, timeouts, retry/catch, credentials) are
/// the macro's and must not be passed here.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskCall {
    /// The class name, e.g. `"LambdaInvoke"`.
    pub class: String,
    /// Where the class name is.
    pub class_loc: Loc,
    /// The fields, in source order.
    pub fields: Vec<TaskField>,
    /// The effective query language of the state.
    pub query_language: QueryLanguage,
}

/// A problem with a task call, at the location of the offending field or value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskError {
    /// Where the problem is.
    pub loc: Loc,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is something more to say.
    pub hint: Option<String>,
    /// Background that is not a fix: CDK's own wording of the same mistake (`CDK: ...`), so a
    /// user migrating from CDK can search for the text they know.
    pub note: Option<String>,
}

impl TaskError {
    /// An error without hint.
    pub fn new(loc: Loc, message: impl Into<String>) -> TaskError {
        TaskError {
            loc,
            message: message.into(),
            hint: None,
            note: None,
        }
    }

    /// The same error with a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> TaskError {
        self.hint = Some(hint.into());
        self
    }

    /// The same error with CDK's wording of it as a note (`CDK: {text}`).
    pub fn cdk(mut self, text: impl std::fmt::Display) -> TaskError {
        self.note = Some(format!("CDK: {text}"));
        self
    }
}

impl std::fmt::Display for TaskError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {hint})")?;
        }
        if let Some(note) = &self.note {
            write!(f, "\nnote: {note}")?;
        }
        Ok(())
    }
}

impl std::error::Error for TaskError {}

/// The catalogue's part of a task state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RenderedTask {
    /// The `Resource` ARN.
    pub resource: String,
    /// The other keys the task contributes, in CDK's order: `Parameters` (JSONPath) or
    /// `Arguments` (JSONata), and `Retry` when the integration adds a default one.
    pub fields: Map<String, Value>,
    /// The IAM statements the state machine role needs for this task.
    pub statements: Vec<Statement>,
    /// Set when the task is compiled to a native state instead of a Task
    /// (`EvaluateExpression`): the whole state, without `Next`/`End`. `resource` is then
    /// empty and the caller emits this state in place of the Task.
    pub native_state: Option<Map<String, Value>>,
}
