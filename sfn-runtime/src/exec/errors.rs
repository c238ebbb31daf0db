//! ASL errors raised while running a state machine, and the rules that say which
//! `ErrorEquals` pattern matches which error.

use serde_json::{Map, Value};

/// Names of the errors the service itself raises (`States.*`).
pub mod names {
    /// Wildcard pattern: matches every error except `States.Runtime` (and terminal data limits).
    pub const ALL: &str = "States.ALL";
    /// Unprocessable condition (a path selects nothing, a bad `...Path` value): never caught.
    pub const RUNTIME: &str = "States.Runtime";
    /// A Task failed; as a pattern it matches every error but `States.Timeout`.
    pub const TASK_FAILED: &str = "States.TaskFailed";
    /// Timeout of a Task (TimeoutSeconds / HeartbeatSeconds) or of the execution.
    pub const TIMEOUT: &str = "States.Timeout";
    /// Pattern that singles out heartbeat timeouts (the reported error is `States.Timeout`).
    pub const HEARTBEAT_TIMEOUT: &str = "States.HeartbeatTimeout";
    /// A payload exceeded 256 KiB.
    pub const DATA_LIMIT_EXCEEDED: &str = "States.DataLimitExceeded";
    /// No Choice rule matched and there is no `Default`.
    pub const NO_CHOICE_MATCHED: &str = "States.NoChoiceMatched";
    /// A JSONata expression failed or gave a value of the wrong type.
    pub const QUERY_EVALUATION_ERROR: &str = "States.QueryEvaluationError";
    /// An intrinsic function failed.
    pub const INTRINSIC_FAILURE: &str = "States.IntrinsicFailure";
    /// `ResultPath` could not be applied.
    pub const RESULT_PATH_MATCH_FAILURE: &str = "States.ResultPathMatchFailure";
    /// A distributed Map had more failed items than it tolerates.
    pub const EXCEED_TOLERATED_FAILURE_THRESHOLD: &str = "States.ExceedToleratedFailureThreshold";
    /// The execution was stopped from outside (`StopExecution`); no Retry/Catch sees it.
    pub const ABORTED: &str = "States.Aborted";
    /// A distributed Map's `ItemReader` failed.
    pub const ITEM_READER_FAILED: &str = "States.ItemReaderFailed";
    /// A distributed Map's `ResultWriter` failed.
    pub const RESULT_WRITER_FAILED: &str = "States.ResultWriterFailed";
}

/// An ASL error: what a failed state, branch or execution reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The error name (`States.Timeout`, `CustomError`, ...). `None` for a Fail state
    /// without `Error`.
    pub error: Option<String>,
    /// The human-readable cause. `None` when there is none (a Fail state without `Cause`).
    pub cause: Option<String>,
    /// Set for errors no `Retry`/`Catch` may handle (a state output over the payload quota,
    /// the history quota, a task token never completed).
    pub(crate) terminal: bool,
    /// Set when a `States.Timeout` comes from a missed heartbeat.
    pub(crate) heartbeat: bool,
}

impl Failure {
    /// An error with a name and a cause.
    pub fn new(error: impl Into<String>, cause: impl Into<String>) -> Failure {
        Failure {
            error: Some(error.into()),
            cause: Some(cause.into()),
            terminal: false,
            heartbeat: false,
        }
    }

    /// `States.Runtime` with a cause.
    pub(crate) fn runtime(cause: impl Into<String>) -> Failure {
        Failure::new(names::RUNTIME, cause)
    }

    /// An error that no Retry or Catch may handle.
    pub(crate) fn terminal(error: &str, cause: impl Into<String>) -> Failure {
        Failure {
            terminal: true,
            ..Failure::new(error, cause)
        }
    }

    /// The Error Output object: `{"Error": .., "Cause": ..}` (absent members omitted).
    pub fn error_output(&self) -> Value {
        let mut object = Map::new();
        if let Some(error) = &self.error {
            object.insert("Error".into(), Value::String(error.clone()));
        }
        if let Some(cause) = &self.cause {
            object.insert("Cause".into(), Value::String(cause.clone()));
        }
        Value::Object(object)
    }

    /// Whether any Retry/Catch may handle this error at all.
    pub(crate) fn is_catchable(&self) -> bool {
        !self.terminal && self.error.as_deref() != Some(names::RUNTIME)
    }

    /// Whether `ErrorEquals` (a retrier's or a catcher's) matches this error, with the
    /// service's rules: `States.ALL` matches every catchable error, `States.TaskFailed`
    /// every error except `States.Timeout`, `States.HeartbeatTimeout` a heartbeat timeout,
    /// other names match exactly (case-sensitive). `States.Runtime` is never matched.
    pub fn matches(&self, error_equals: &[String]) -> bool {
        if !self.is_catchable() {
            return false;
        }
        let name = self.error.as_deref();
        error_equals.iter().any(|pattern| match pattern.as_str() {
            names::ALL => true,
            names::TASK_FAILED => name != Some(names::TIMEOUT),
            names::HEARTBEAT_TIMEOUT => self.heartbeat,
            other => name == Some(other),
        })
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.error.as_deref().unwrap_or("(no error name)"))?;
        if let Some(cause) = &self.cause {
            write!(f, ": {cause}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Failure {}

/// A problem found before running: an invalid path or expression in the definition, a
/// handler or mock naming a state that does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecError {
    /// Where: a JSON pointer into the definition or the mock file (`/States/Charge`), or
    /// empty when the problem is not tied to one place.
    pub pointer: String,
    /// What is wrong and what would be right.
    pub message: String,
}

impl ExecError {
    pub(crate) fn new(pointer: impl Into<String>, message: impl Into<String>) -> ExecError {
        ExecError {
            pointer: pointer.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for ExecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.pointer.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.pointer, self.message)
        }
    }
}

impl std::error::Error for ExecError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn patterns(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn matching_rules() {
        let custom = Failure::new("Custom", "x");
        assert!(custom.matches(&patterns(&["States.ALL"])));
        assert!(custom.matches(&patterns(&["States.TaskFailed"])));
        assert!(!custom.matches(&patterns(&["custom"])));
        let timeout = Failure::new(names::TIMEOUT, "x");
        assert!(!timeout.matches(&patterns(&["States.TaskFailed"])));
        assert!(!timeout.matches(&patterns(&["States.HeartbeatTimeout"])));
        let runtime = Failure::runtime("x");
        assert!(!runtime.matches(&patterns(&["States.Runtime"])));
        assert!(!runtime.matches(&patterns(&["States.ALL"])));
        let heartbeat = Failure {
            heartbeat: true,
            ..timeout
        };
        assert!(heartbeat.matches(&patterns(&["States.HeartbeatTimeout"])));
    }
}
