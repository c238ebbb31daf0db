//! The value of a `key.$` field: a path or an intrinsic call.

use super::ast::Path;
use super::error::ParseError;
use super::intrinsic::{Intrinsic, parse_intrinsic};
use super::parse::parse_path;

/// What a `.$` field holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// `$...`, `$$...` or `$name...`.
    Path(Path),
    /// `States.Name(...)`.
    Intrinsic(Intrinsic),
}

/// Parses the value of a `key.$` field: a path when it starts with `$`, otherwise an
/// intrinsic function call.
///
/// ```
/// use sfn_runtime::path::{parse_expr, Expr};
/// assert!(matches!(parse_expr("$$.Execution.Id"), Ok(Expr::Path(_))));
/// assert!(matches!(parse_expr("States.UUID()"), Ok(Expr::Intrinsic(_))));
/// assert!(parse_expr("ipsum").is_err());
/// ```
pub fn parse_expr(src: &str) -> Result<Expr, ParseError> {
    if src.starts_with('$') {
        parse_path(src).map(Expr::Path)
    } else if src.starts_with("States.") {
        parse_intrinsic(src).map(Expr::Intrinsic)
    } else {
        Err(ParseError::new(
            0,
            "expected a path (`$...`, `$$...`, `$variable...`) or an intrinsic function call \
             (`States.Name(...)`)",
        ))
    }
}

impl std::fmt::Display for Expr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Expr::Path(p) => write!(f, "{p}"),
            Expr::Intrinsic(call) => write!(f, "{call}"),
        }
    }
}

impl std::str::FromStr for Expr {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_expr(s)
    }
}

impl std::str::FromStr for Path {
    type Err = ParseError;

    /// Same as [`parse_path`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_path(s)
    }
}
