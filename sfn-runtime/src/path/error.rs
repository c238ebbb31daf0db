//! The two error types of the path dialect: one for text that does not parse, one for
//! evaluation failures that the executor turns into a Step Functions error.

use std::fmt;

/// A path, reference path or intrinsic call that does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Byte offset in the source text where the problem was found.
    pub offset: usize,
    /// What was wrong, phrased as what was expected ("expected a field name after `.`").
    pub message: String,
}

impl ParseError {
    /// Builds an error at `offset`.
    pub fn new(offset: usize, message: impl Into<String>) -> Self {
        ParseError {
            offset,
            message: message.into(),
        }
    }

    /// The same error moved by `base` bytes: used when a path is parsed inside a larger text.
    pub fn shifted(mut self, base: usize) -> Self {
        self.offset += base;
        self
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (column {})", self.message, self.offset + 1)
    }
}

impl std::error::Error for ParseError {}

/// A failure while evaluating a path, an intrinsic or a payload template.
///
/// `error` is the Step Functions error name the state fails with; `cause` is the text
/// reported as the error's cause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalError {
    /// `"States.Runtime"`, `"States.IntrinsicFailure"` or `"States.ResultPathMatchFailure"`.
    pub error: &'static str,
    /// Human-readable explanation.
    pub cause: String,
}

/// Error name for paths that select nothing and other unprocessable input.
pub const RUNTIME: &str = "States.Runtime";
/// Error name for intrinsic functions given unusable arguments.
pub const INTRINSIC_FAILURE: &str = "States.IntrinsicFailure";
/// Error name for a `ResultPath` that cannot be written into the input.
pub const RESULT_PATH_MATCH_FAILURE: &str = "States.ResultPathMatchFailure";

impl EvalError {
    /// A `States.Runtime` error.
    pub fn runtime(cause: impl Into<String>) -> Self {
        EvalError {
            error: RUNTIME,
            cause: cause.into(),
        }
    }

    /// A `States.IntrinsicFailure` error.
    pub fn intrinsic(cause: impl Into<String>) -> Self {
        EvalError {
            error: INTRINSIC_FAILURE,
            cause: cause.into(),
        }
    }

    /// A `States.ResultPathMatchFailure` error.
    pub fn result_path(cause: impl Into<String>) -> Self {
        EvalError {
            error: RESULT_PATH_MATCH_FAILURE,
            cause: cause.into(),
        }
    }
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.error, self.cause)
    }
}

impl std::error::Error for EvalError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_formats() {
        assert_eq!(
            ParseError::new(0, "expected x").to_string(),
            "expected x (column 1)"
        );
        assert_eq!(ParseError::new(2, "m").shifted(3).offset, 5);
        assert_eq!(
            EvalError::intrinsic("bad").to_string(),
            "States.IntrinsicFailure: bad"
        );
        assert_eq!(EvalError::runtime("r").error, RUNTIME);
        assert_eq!(EvalError::result_path("r").error, RESULT_PATH_MATCH_FAILURE);
    }
}
