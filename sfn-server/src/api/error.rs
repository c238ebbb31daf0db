//! The service's error shape: HTTP 400 (or 413/500), `x-amzn-ErrorType`, and a body
//! `{"__type": "com.amazonaws.states#Code", "message": ".."}` that botocore and the Rust SDK
//! both read the code from.

use axum::http::StatusCode;

/// One error response, named by the service's error code (`StateMachineDoesNotExist`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The error code of the service model (`ValidationException`, `InvalidArn`, ...).
    pub code: &'static str,
    /// The message clients show.
    pub message: String,
    /// The HTTP status (400 for every modelled error).
    pub status: StatusCode,
}

impl ApiError {
    /// A modelled error (HTTP 400).
    pub fn new(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            code,
            message: message.into(),
            status: StatusCode::BAD_REQUEST,
        }
    }

    /// `ValidationException`: a member breaks a constraint of the model.
    pub fn validation(message: impl Into<String>) -> ApiError {
        ApiError::new("ValidationException", message)
    }

    /// `InvalidArn` for an ARN that is not of the expected form.
    pub fn invalid_arn(arn: &str, why: &str) -> ApiError {
        ApiError::new("InvalidArn", format!("Invalid Arn: '{why}: {arn}'"))
    }

    /// `StateMachineDoesNotExist`.
    pub fn no_machine(arn: &str) -> ApiError {
        ApiError::new(
            "StateMachineDoesNotExist",
            format!("State Machine Does Not Exist: '{arn}'"),
        )
    }

    /// `ExecutionDoesNotExist`.
    pub fn no_execution(arn: &str) -> ApiError {
        ApiError::new(
            "ExecutionDoesNotExist",
            format!("Execution Does Not Exist: '{arn}'"),
        )
    }

    /// The body: `{"__type": "com.amazonaws.states#Code", "message": ".."}`.
    pub fn body(&self) -> serde_json::Value {
        serde_json::json!({
            "__type": format!("com.amazonaws.states#{}", self.code),
            "message": self.message,
        })
    }
}
