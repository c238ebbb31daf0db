//! Errors of deploy, start and history: one line each, saying what was already changed.

use std::fmt;

use aws_sdk_sfn::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// A file, a substitution or an option is wrong (nothing was sent).
    Input(String),
    /// The local rule set rejects the definition: one line per diagnostic.
    Invalid(Vec<String>),
    /// The service rejected the definition (its findings, with their location).
    Rejected(Vec<String>),
    /// A call to AWS failed.
    Aws {
        /// What was being done (`create role X`).
        action: String,
        /// The service's code and message, or why the request was not sent.
        message: String,
    },
}

impl Error {
    /// An AWS failure while doing `action`.
    pub fn aws<E>(action: impl Into<String>, error: &SdkError<E, HttpResponse>) -> Error
    where
        E: ProvideErrorMetadata + std::error::Error + 'static,
    {
        Error::Aws {
            action: action.into(),
            message: describe(error),
        }
    }
}

/// The code and message of a service error; the HTTP status of an answer without a code
/// (an endpoint that lacks the operation); else the chain of causes on one line (no
/// credentials, connection refused, timeouts).
pub fn describe<E>(error: &SdkError<E, HttpResponse>) -> String
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    match error {
        SdkError::ServiceError(service) => {
            let e = service.err();
            match (e.code(), e.message()) {
                (Some(code), Some(message)) => format!("{code}: {message}"),
                (Some(code), None) => code.to_owned(),
                // A modeled error without metadata (as built in code) still displays.
                (None, _) if !e.to_string().starts_with("unhandled") => e.to_string(),
                (None, _) => format!(
                    "HTTP {} with no error code",
                    service.raw().status().as_u16()
                ),
            }
        }
        SdkError::ResponseError(response) => format!(
            "HTTP {} with an answer that is not the service's",
            response.raw().status().as_u16()
        ),
        other => DisplayErrorContext(other).to_string().replace('\n', " "),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input(message) => f.write_str(message),
            Error::Invalid(lines) => write!(
                f,
                "the definition breaks the States Language rules: {}",
                lines.join("; ")
            ),
            Error::Rejected(lines) => {
                write!(
                    f,
                    "the service rejects the definition: {}",
                    lines.join("; ")
                )
            }
            Error::Aws { action, message } => write!(f, "cannot {action}: {message}"),
        }
    }
}

impl std::error::Error for Error {}
