//! The eight state types. Each struct lists exactly the fields ASL allows on that state
//! type (both query languages); serde rejects any other field.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::choice::ChoiceRule;
use super::error_handling::{Catcher, Retrier};
use super::machine::Branch;
use super::map::Map;
use super::serde_util::{keep_null, nullable};
use super::values::{IntOrExpr, QueryLanguage};

/// A state: one of the eight types, tagged by `Type` on the wire.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "Type")]
// A document holds few states and every consumer matches on them: plain variants are
// simpler to use than boxing the larger ones (Map, Task).
#[allow(clippy::large_enum_variant)]
pub enum State {
    /// `Pass`.
    Pass(Pass),
    /// `Task`.
    Task(Task),
    /// `Choice`.
    Choice(Choice),
    /// `Wait`.
    Wait(Wait),
    /// `Succeed`.
    Succeed(Succeed),
    /// `Fail`.
    Fail(Fail),
    /// `Parallel`.
    Parallel(Parallel),
    /// `Map`.
    Map(Map),
}

/// The names of `Type`, in the order serde lists them in errors.
const TYPES: &[&str] = &[
    "Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map",
];

// Read through a JSON object rather than serde's buffer for internally tagged enums: that
// buffer cannot hold a number that is not exactly a u64, i64 or f64 (with serde_json's
// `arbitrary_precision`, `123456789012345678901234567890` or `1e-400` in a Pass `Result`),
// a `serde_json::Value` keeps it as written.
impl<'de> serde::Deserialize<'de> for State {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{Error, Unexpected};
        let mut object = serde_json::Map::<String, Value>::deserialize(deserializer)?;
        let ty = match object.remove("Type") {
            Some(Value::String(ty)) => ty,
            Some(other) => {
                return Err(D::Error::invalid_type(
                    match &other {
                        Value::Null => Unexpected::Unit,
                        Value::Bool(b) => Unexpected::Bool(*b),
                        Value::Number(_) => Unexpected::Other("a number"),
                        Value::Array(_) => Unexpected::Seq,
                        _ => Unexpected::Map,
                    },
                    &"a state type name",
                ));
            }
            None => return Err(D::Error::missing_field("Type")),
        };
        let fields = Value::Object(object);
        let state = match ty.as_str() {
            "Pass" => serde_json::from_value(fields).map(State::Pass),
            "Task" => serde_json::from_value(fields).map(State::Task),
            "Choice" => serde_json::from_value(fields).map(State::Choice),
            "Wait" => serde_json::from_value(fields).map(State::Wait),
            "Succeed" => serde_json::from_value(fields).map(State::Succeed),
            "Fail" => serde_json::from_value(fields).map(State::Fail),
            "Parallel" => serde_json::from_value(fields).map(State::Parallel),
            "Map" => serde_json::from_value(fields).map(State::Map),
            other => return Err(D::Error::unknown_variant(other, TYPES)),
        };
        state.map_err(D::Error::custom)
    }
}

/// The `Type` of a state, without its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StateType {
    /// `Pass`.
    Pass,
    /// `Task`.
    Task,
    /// `Choice`.
    Choice,
    /// `Wait`.
    Wait,
    /// `Succeed`.
    Succeed,
    /// `Fail`.
    Fail,
    /// `Parallel`.
    Parallel,
    /// `Map`.
    Map,
}

impl StateType {
    /// Every state type, in the order the specification lists them.
    pub const ALL: [StateType; 8] = [
        StateType::Task,
        StateType::Parallel,
        StateType::Map,
        StateType::Pass,
        StateType::Wait,
        StateType::Choice,
        StateType::Succeed,
        StateType::Fail,
    ];

    /// The ASL spelling (`"Task"`, ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            StateType::Pass => "Pass",
            StateType::Task => "Task",
            StateType::Choice => "Choice",
            StateType::Wait => "Wait",
            StateType::Succeed => "Succeed",
            StateType::Fail => "Fail",
            StateType::Parallel => "Parallel",
            StateType::Map => "Map",
        }
    }

    /// Parses the ASL spelling.
    pub fn parse(name: &str) -> Option<StateType> {
        StateType::ALL.into_iter().find(|t| t.as_str() == name)
    }
}

/// Where a state goes after it completes normally.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition<'a> {
    /// `Next`: the named state.
    Next(&'a str),
    /// `End: true`: the scope ends here.
    End,
    /// Choice, Succeed and Fail have no `Next`/`End` (Choice decides, the others stop).
    None,
}

/// Fields every state that transitions has: `Next` or `End`.
macro_rules! transition_fields {
    () => {
        /// Where to go next.
        pub fn transition(&self) -> Transition<'_> {
            match (&self.next, self.end) {
                (Some(next), _) => Transition::Next(next),
                (None, Some(true)) => Transition::End,
                _ => Transition::None,
            }
        }
    };
}
// Map (in its own file) shares it.
pub(super) use transition_fields;

/// `Pass`: passes its input (or `Result`) to its output.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct Pass {
    /// `Comment`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// `QueryLanguage` of this state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_language: Option<QueryLanguage>,
    /// `InputPath`; `Some(None)` is `null`.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub input_path: Option<Option<String>>,
    /// `Parameters` (payload template).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters: Option<Value>,
    /// `Result` (used verbatim).
    #[serde(
        default,
        deserialize_with = "keep_null",
        skip_serializing_if = "Option::is_none"
    )]
    pub result: Option<Value>,
    /// `ResultPath`; `Some(None)` is `null`.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub result_path: Option<Option<String>>,
    /// `OutputPath`; `Some(None)` is `null`.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub output_path: Option<Option<String>>,
    /// `Output` (JSONata).
    #[serde(
        default,
        deserialize_with = "keep_null",
        skip_serializing_if = "Option::is_none"
    )]
    pub output: Option<Value>,
    /// `Assign`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assign: Option<Value>,
    /// `Next`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// `End`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<bool>,
}

impl Pass {
    transition_fields!();
}

/// `Task`: calls a resource (a service integration, a Lambda function, an activity).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct Task {
    /// `Comment`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// `QueryLanguage` of this state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_language: Option<QueryLanguage>,
    /// `Resource`: the ARN of what is called.
    pub resource: String,
    /// `InputPath`; `Some(None)` is `null`.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub input_path: Option<Option<String>>,
    /// `Parameters` (payload template, JSONPath).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters: Option<Value>,
    /// `Arguments` (JSONata).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arguments: Option<Value>,
    /// `Credentials` (`{"RoleArn": ..}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<Value>,
    /// `ResultSelector` (payload template).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_selector: Option<Value>,
    /// `ResultPath`; `Some(None)` is `null`.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub result_path: Option<Option<String>>,
    /// `OutputPath`; `Some(None)` is `null`.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub output_path: Option<Option<String>>,
    /// `Output` (JSONata).
    #[serde(
        default,
        deserialize_with = "keep_null",
        skip_serializing_if = "Option::is_none"
    )]
    pub output: Option<Value>,
    /// `Assign`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assign: Option<Value>,
    /// `TimeoutSeconds` (JSONata: may be an expression).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_seconds: Option<IntOrExpr>,
    /// `TimeoutSecondsPath`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_seconds_path: Option<String>,
    /// `HeartbeatSeconds` (JSONata: may be an expression).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heartbeat_seconds: Option<IntOrExpr>,
    /// `HeartbeatSecondsPath`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heartbeat_seconds_path: Option<String>,
    /// `Retry`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry: Option<Vec<Retrier>>,
    /// `Catch`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catch: Option<Vec<Catcher>>,
    /// `Next`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// `End`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<bool>,
}

impl Task {
    transition_fields!();
}

/// `Choice`: picks the next state by rules over the input.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct Choice {
    /// `Comment`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// `QueryLanguage` of this state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_language: Option<QueryLanguage>,
    /// `InputPath`; `Some(None)` is `null`.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub input_path: Option<Option<String>>,
    /// `Choices`: tried in order, the first that matches wins.
    pub choices: Vec<ChoiceRule>,
    /// `Default`: where to go when no rule matches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// `OutputPath`; `Some(None)` is `null`.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub output_path: Option<Option<String>>,
    /// `Output` (JSONata).
    #[serde(
        default,
        deserialize_with = "keep_null",
        skip_serializing_if = "Option::is_none"
    )]
    pub output: Option<Value>,
    /// `Assign` (runs when no rule matched).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assign: Option<Value>,
}

/// `Wait`: waits for a number of seconds or until a timestamp.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct Wait {
    /// `Comment`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// `QueryLanguage` of this state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_language: Option<QueryLanguage>,
    /// `InputPath`; `Some(None)` is `null`.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub input_path: Option<Option<String>>,
    /// `Seconds` (JSONata: may be an expression).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds: Option<IntOrExpr>,
    /// `SecondsPath`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds_path: Option<String>,
    /// `Timestamp` (RFC 3339, or a JSONata expression).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    /// `TimestampPath`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp_path: Option<String>,
    /// `OutputPath`; `Some(None)` is `null`.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub output_path: Option<Option<String>>,
    /// `Output` (JSONata).
    #[serde(
        default,
        deserialize_with = "keep_null",
        skip_serializing_if = "Option::is_none"
    )]
    pub output: Option<Value>,
    /// `Assign`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assign: Option<Value>,
    /// `Next`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// `End`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<bool>,
}

impl Wait {
    transition_fields!();
}

/// `Succeed`: ends the scope successfully.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct Succeed {
    /// `Comment`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// `QueryLanguage` of this state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_language: Option<QueryLanguage>,
    /// `InputPath`; `Some(None)` is `null`.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub input_path: Option<Option<String>>,
    /// `OutputPath`; `Some(None)` is `null`.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub output_path: Option<Option<String>>,
    /// `Output` (JSONata).
    #[serde(
        default,
        deserialize_with = "keep_null",
        skip_serializing_if = "Option::is_none"
    )]
    pub output: Option<Value>,
}

/// `Fail`: stops the execution with an error and a cause.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct Fail {
    /// `Comment`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// `QueryLanguage` of this state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_language: Option<QueryLanguage>,
    /// `Error` (JSONata: may be an expression).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// `ErrorPath` (Reference Path or intrinsic).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_path: Option<String>,
    /// `Cause` (JSONata: may be an expression).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    /// `CausePath` (Reference Path or intrinsic).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause_path: Option<String>,
}

/// `Parallel`: runs every branch on the same input; the result is the array of their outputs.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct Parallel {
    /// `Comment`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// `QueryLanguage` of this state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_language: Option<QueryLanguage>,
    /// `Branches`.
    pub branches: Vec<Branch>,
    /// `InputPath`; `Some(None)` is `null`.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub input_path: Option<Option<String>>,
    /// `Parameters` (payload template, JSONPath).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters: Option<Value>,
    /// `Arguments` (JSONata).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arguments: Option<Value>,
    /// `ResultSelector` (payload template).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_selector: Option<Value>,
    /// `ResultPath`; `Some(None)` is `null`.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub result_path: Option<Option<String>>,
    /// `OutputPath`; `Some(None)` is `null`.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub output_path: Option<Option<String>>,
    /// `Output` (JSONata).
    #[serde(
        default,
        deserialize_with = "keep_null",
        skip_serializing_if = "Option::is_none"
    )]
    pub output: Option<Value>,
    /// `Assign`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assign: Option<Value>,
    /// `Retry`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry: Option<Vec<Retrier>>,
    /// `Catch`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catch: Option<Vec<Catcher>>,
    /// `Next`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// `End`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<bool>,
}

impl Parallel {
    transition_fields!();
}

impl State {
    /// The state's `Type`.
    pub fn state_type(&self) -> StateType {
        match self {
            State::Pass(_) => StateType::Pass,
            State::Task(_) => StateType::Task,
            State::Choice(_) => StateType::Choice,
            State::Wait(_) => StateType::Wait,
            State::Succeed(_) => StateType::Succeed,
            State::Fail(_) => StateType::Fail,
            State::Parallel(_) => StateType::Parallel,
            State::Map(_) => StateType::Map,
        }
    }

    /// The state's `Comment`.
    pub fn comment(&self) -> Option<&str> {
        match self {
            State::Pass(s) => s.comment.as_deref(),
            State::Task(s) => s.comment.as_deref(),
            State::Choice(s) => s.comment.as_deref(),
            State::Wait(s) => s.comment.as_deref(),
            State::Succeed(s) => s.comment.as_deref(),
            State::Fail(s) => s.comment.as_deref(),
            State::Parallel(s) => s.comment.as_deref(),
            State::Map(s) => s.comment.as_deref(),
        }
    }

    /// The state's own `QueryLanguage`, if it sets one.
    pub fn query_language(&self) -> Option<QueryLanguage> {
        match self {
            State::Pass(s) => s.query_language,
            State::Task(s) => s.query_language,
            State::Choice(s) => s.query_language,
            State::Wait(s) => s.query_language,
            State::Succeed(s) => s.query_language,
            State::Fail(s) => s.query_language,
            State::Parallel(s) => s.query_language,
            State::Map(s) => s.query_language,
        }
    }

    /// Where the state goes after completing normally (`Next`/`End`).
    pub fn transition(&self) -> Transition<'_> {
        match self {
            State::Pass(s) => s.transition(),
            State::Task(s) => s.transition(),
            State::Wait(s) => s.transition(),
            State::Parallel(s) => s.transition(),
            State::Map(s) => s.transition(),
            State::Choice(_) | State::Succeed(_) | State::Fail(_) => Transition::None,
        }
    }

    /// `Retry` of Task, Parallel and Map (empty for the others).
    pub fn retriers(&self) -> &[Retrier] {
        match self {
            State::Task(s) => s.retry.as_deref().unwrap_or_default(),
            State::Parallel(s) => s.retry.as_deref().unwrap_or_default(),
            State::Map(s) => s.retry.as_deref().unwrap_or_default(),
            _ => &[],
        }
    }

    /// `Catch` of Task, Parallel and Map (empty for the others).
    pub fn catchers(&self) -> &[Catcher] {
        match self {
            State::Task(s) => s.catch.as_deref().unwrap_or_default(),
            State::Parallel(s) => s.catch.as_deref().unwrap_or_default(),
            State::Map(s) => s.catch.as_deref().unwrap_or_default(),
            _ => &[],
        }
    }

    /// Every state name this state can go to: `Next`, Choice targets and `Default`, Catch `Next`s.
    pub fn targets(&self) -> Vec<&str> {
        let mut out = Vec::new();
        if let Transition::Next(next) = self.transition() {
            out.push(next);
        }
        if let State::Choice(choice) = self {
            out.extend(choice.choices.iter().filter_map(|r| r.next.as_deref()));
            out.extend(choice.default.as_deref());
        }
        out.extend(self.catchers().iter().map(|c| c.next.as_str()));
        out
    }
}
