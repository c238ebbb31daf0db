//! The error a Rust Lambda reports, and how a handler's `Err` becomes it.
//!
//! lambda_runtime turns a handler's error into a `Diagnostic` (`errorType`, `errorMessage`)
//! through `Into<Diagnostic>` and posts it as JSON; Step Functions then fails the task with
//! `Error` = `errorType` and `Cause` = that JSON. The same happens here, so `#[retry]` and
//! `#[catch]` match the same names locally and deployed.

use std::any::type_name;

use sfn_runtime::exec::TaskFailure;

/// What a Rust Lambda reports when its handler fails: lambda_runtime's `Diagnostic`.
///
/// With the `lambda_runtime` feature every `E: Into<lambda_runtime::Diagnostic>` converts
/// into it through the runtime's own conversion, so a local run reports exactly what the
/// deployed function reports. Without the feature the conversions mirror the runtime's
/// built-in ones (`String`, `&'static str`, `std::io::Error`, boxed errors), and an error type
/// of your own implements `From<MyError> for LambdaError`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LambdaError {
    /// `errorType`: the error name `ErrorEquals` matches.
    pub error_type: String,
    /// `errorMessage`.
    pub error_message: String,
}

impl LambdaError {
    /// An error with a name and a message.
    pub fn new(error_type: impl Into<String>, error_message: impl Into<String>) -> LambdaError {
        LambdaError {
            error_type: error_type.into(),
            error_message: error_message.into(),
        }
    }

    /// The runtime's rule for its built-in conversions: the type name of a reference to the
    /// value (lambda_runtime calls `type_name_of_val(&value)`), and its `Display` text.
    pub(crate) fn of_value<T: std::fmt::Display + ?Sized>(value: &T) -> LambdaError {
        LambdaError::new(type_name::<&T>(), value.to_string())
    }

    /// The JSON body lambda_runtime posts to the Runtime API's `/error` endpoint
    /// (`{"errorType":..,"errorMessage":..}`), which Step Functions reports as the cause.
    pub fn to_json(&self) -> String {
        serde_json::json!({
            "errorType": self.error_type,
            "errorMessage": self.error_message,
        })
        .to_string()
    }

    /// The task failure Step Functions reports for a function that returned this error.
    pub fn into_task_failure(self) -> TaskFailure {
        let cause = self.to_json();
        TaskFailure::new(self.error_type, cause)
    }
}

impl std::fmt::Display for LambdaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.error_type, self.error_message)
    }
}

#[cfg(feature = "lambda_runtime")]
impl<E: Into<lambda_runtime::Diagnostic>> From<E> for LambdaError {
    fn from(error: E) -> LambdaError {
        let diagnostic: lambda_runtime::Diagnostic = error.into();
        LambdaError::new(diagnostic.error_type, diagnostic.error_message)
    }
}

#[cfg(not(feature = "lambda_runtime"))]
mod builtin {
    //! The conversions lambda_runtime's `Diagnostic` has, for builds without it.
    use super::LambdaError;

    impl From<String> for LambdaError {
        fn from(value: String) -> LambdaError {
            LambdaError::new(std::any::type_name::<&String>(), value)
        }
    }

    impl From<&'static str> for LambdaError {
        fn from(value: &'static str) -> LambdaError {
            LambdaError::new(std::any::type_name::<&&'static str>(), value)
        }
    }

    impl From<std::io::Error> for LambdaError {
        fn from(value: std::io::Error) -> LambdaError {
            LambdaError::of_value(&value)
        }
    }

    impl From<Box<dyn std::error::Error + Send + Sync>> for LambdaError {
        fn from(value: Box<dyn std::error::Error + Send + Sync>) -> LambdaError {
            LambdaError::new(
                std::any::type_name::<&Box<dyn std::error::Error + Send + Sync>>(),
                value.to_string(),
            )
        }
    }

    impl From<Box<dyn std::error::Error>> for LambdaError {
        fn from(value: Box<dyn std::error::Error>) -> LambdaError {
            LambdaError::new(
                std::any::type_name::<&Box<dyn std::error::Error>>(),
                value.to_string(),
            )
        }
    }

    impl From<std::convert::Infallible> for LambdaError {
        fn from(value: std::convert::Infallible) -> LambdaError {
            match value {}
        }
    }
}

/// What lambda_runtime reports when the payload does not deserialize into the handler's
/// input type (its `DeserializeError`: serde_path_to_error's path and serde's message).
pub(crate) fn deserialize_error(
    error: &serde_path_to_error::Error<serde_json::Error>,
) -> LambdaError {
    const CONTEXT: &str =
        "failed to deserialize the incoming data into the function's payload type";
    let path = error.path().to_string();
    let message = if path == "." {
        format!("{CONTEXT}: {error}\n")
    } else {
        format!("{CONTEXT}: [{path}] {error}\n")
    };
    LambdaError::new("&lambda_runtime::deserializer::DeserializeError", message)
}

/// What lambda_runtime reports when the handler panics (its `CatchPanicService`).
pub(crate) fn panic_error(panic: &Box<dyn std::any::Any + Send>) -> LambdaError {
    let message = if let Some(msg) = panic.downcast_ref::<&str>() {
        format!("Lambda panicked: {msg}")
    } else if let Some(msg) = panic.downcast_ref::<String>() {
        format!("Lambda panicked: {msg}")
    } else {
        "Lambda panicked".to_owned()
    };
    LambdaError::new(type_name::<&Box<dyn std::any::Any + Send>>(), message)
}
