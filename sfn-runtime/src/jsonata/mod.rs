//! JSONata in the States Language: recognising `{% ... %}` strings and checking their syntax.
//!
//! A JSONata string is a JSON string that starts with `{%` and ends with `%}` (nothing
//! outside the delimiters, not even a space: `" {% x %}"` is a plain literal, as AWS
//! records it). The text between the delimiters is the expression.

#[cfg(feature = "jsonata")]
mod budget;
pub mod eval;
#[cfg(feature = "jsonata")]
mod linear;
mod references;
mod syntax;

pub use references::{References, references};
pub use syntax::{JsonataError, check_syntax};

/// The expression inside a `{% ... %}` string, or `None` when `s` is not a JSONata string.
///
/// ```
/// use sfn_runtime::jsonata::expression;
/// assert_eq!(expression("{% $states.input.x %}"), Some(" $states.input.x "));
/// assert_eq!(expression(" {% 1 %}"), None);
/// assert_eq!(expression("$.x"), None);
/// ```
pub fn expression(s: &str) -> Option<&str> {
    s.strip_prefix("{%")?.strip_suffix("%}")
}
