//! Syntax check of a JSONata expression, with the `jsonata-core` parser.

use std::fmt;

/// Why an expression does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonataError {
    /// Byte offset of the problem inside the expression, when it can be known:
    /// `jsonata-core` 2.2 reports no positions, so it is the end of an expression that
    /// stops too early, or else the first character at which a prefix of the expression
    /// fails.
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
/// assert_eq!(check_syntax(" 1 + ) ").unwrap_err().offset, Some(5)); // the `)`
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

/// Longer expressions are not searched for the error position (the search parses every
/// prefix).
#[cfg(feature = "jsonata")]
const LOCATE_LIMIT: usize = 2_000;

/// The parser's verdict on `text`: `None` when it parses, else the message.
#[cfg(feature = "jsonata")]
fn verdict(text: &str) -> Option<String> {
    // A third-party parser must not bring the validator down: a panic inside it is reported
    // as a syntax error instead (the default hook still prints it to stderr).
    match std::panic::catch_unwind(|| jsonata_core::parser::parse(text).map(|_| ())) {
        Ok(Ok(())) => None,
        Ok(Err(e)) => Some(e.to_string()),
        Err(_) => Some("the JSONata parser failed on this expression".to_owned()),
    }
}

/// S0203 "Expected ... before end of expression" and S0207 "Unexpected end of expression":
/// the text stops too early.
#[cfg(feature = "jsonata")]
fn ends_early(message: &str) -> bool {
    message.starts_with("S0203") || message.starts_with("S0207")
}

#[cfg(feature = "jsonata")]
fn parse(body: &str) -> Result<(), JsonataError> {
    let Some(message) = verdict(body) else {
        return Ok(());
    };
    let offset = if ends_early(&message) {
        Some(body.len())
    } else {
        locate(body)
    };
    Err(JsonataError { offset, message })
}

/// Where the error is, since `jsonata-core` does not say: the last character of the
/// shortest prefix that fails for another reason than ending early. (Every shorter
/// prefix either parses or merely stops too soon, so the text goes wrong there.)
#[cfg(feature = "jsonata")]
fn locate(body: &str) -> Option<usize> {
    if body.len() > LOCATE_LIMIT {
        return None;
    }
    let mut ends = body.char_indices().map(|(i, c)| (i, i + c.len_utf8()));
    ends.find(|&(_, end)| {
        body.get(..end)
            .and_then(verdict)
            .is_some_and(|m| !ends_early(&m))
    })
    .map(|(start, _)| start)
}

#[cfg(not(feature = "jsonata"))]
fn parse(_body: &str) -> Result<(), JsonataError> {
    Ok(())
}
