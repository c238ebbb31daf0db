//! Syntax check of a JSONata expression, with the `jsonata-core` parser.

use std::fmt;

/// Why an expression does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonataError {
    /// Byte offset of the problem inside the expression, when it is known: `jsonata-core`
    /// 2.2 reports no positions, so this is set only for an empty expression and for an
    /// expression that ends too early (the offset is then its end).
    pub offset: Option<usize>,
    /// What is wrong, with the JSONata error code when there is one (`S0202: Expected ...`).
    pub message: String,
}

impl fmt::Display for JsonataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.offset {
            Some(offset) => write!(f, "{} (column {})", self.message, offset + 1),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for JsonataError {}

/// Checks that `body` (the text between `{%` and `%}`) is a JSONata expression.
///
/// Without the `jsonata` cargo feature only emptiness is checked.
///
/// ```
/// use sfn_runtime::jsonata::check_syntax;
/// assert!(check_syntax(" $states.input.total * 2 ").is_ok());
/// let e = check_syntax(" $states.input.total * ").unwrap_err();
/// assert_eq!(e.offset, Some(23)); // the expression ends too early: at its end
/// assert!(check_syntax(" ) ").unwrap_err().offset.is_none()); // jsonata-core gives no position
/// ```
pub fn check_syntax(body: &str) -> Result<(), JsonataError> {
    if body.trim().is_empty() {
        return Err(JsonataError {
            offset: Some(0),
            message: "empty JSONata expression".to_owned(),
        });
    }
    parse(body)
}

#[cfg(feature = "jsonata")]
fn parse(body: &str) -> Result<(), JsonataError> {
    // A third-party parser must not bring the validator down: a panic inside it is reported
    // as a syntax error instead (the default hook still prints it to stderr).
    let outcome = std::panic::catch_unwind(|| jsonata_core::parser::parse(body).map(|_| ()));
    match outcome {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => {
            let message = e.to_string();
            // S0203 "Expected ... before end of expression", S0207 "Unexpected end of
            // expression": the problem is where the text stops.
            let at_end = message.starts_with("S0203") || message.starts_with("S0207");
            Err(JsonataError {
                offset: at_end.then_some(body.len()),
                message,
            })
        }
        Err(_) => Err(JsonataError {
            offset: None,
            message: "the JSONata parser failed on this expression".to_owned(),
        }),
    }
}

#[cfg(not(feature = "jsonata"))]
fn parse(_body: &str) -> Result<(), JsonataError> {
    Ok(())
}
