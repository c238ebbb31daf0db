//! Errors of deploy, start and history: one line each, saying what was already changed.

use std::fmt;

use aws_sdk_sfn::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};

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
    pub fn aws<E, R>(action: impl Into<String>, error: &SdkError<E, R>) -> Error
    where
        E: ProvideErrorMetadata + std::error::Error + 'static,
        R: fmt::Debug,
    {
        Error::Aws {
            action: action.into(),
            message: describe(error),
        }
    }
}

/// The code and message of a service error, else the chain of causes on one line (no
/// credentials, connection refused, timeouts).
pub fn describe<E, R>(error: &SdkError<E, R>) -> String
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: fmt::Debug,
{
    if let SdkError::ServiceError(service) = error {
        let e = service.err();
        if let Some(code) = e.code() {
            return match e.message() {
                Some(m) => format!("{code}: {m}"),
                None => code.to_owned(),
            };
        }
    }
    let text = DisplayErrorContext(error).to_string();
    text.replace('\n', " ")
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
                write!(f, "the service rejects the definition: {}", lines.join("; "))
            }
            Error::Aws { action, message } => write!(f, "cannot {action}: {message}"),
        }
    }
}

impl std::error::Error for Error {}
