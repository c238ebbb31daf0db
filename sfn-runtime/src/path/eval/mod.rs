//! Evaluation: selecting with paths, writing results, rendering payload templates.

mod compare;
mod payload;
mod random;
mod select;
mod take;
mod write;

pub use payload::render_payload;
pub use random::SplitMix64;
pub use select::select;
pub use take::take;
pub use write::write_at;

use serde_json::{Map, Value};

use super::error::EvalError;
use super::expr::Expr;
use super::intrinsic::eval_intrinsic;

/// Everything a path can read: `$` (input), `$$` (context object) and `$name` (variables).
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    /// What `$` refers to.
    pub input: &'a Value,
    /// What `$$` refers to.
    pub context: &'a Value,
    /// What `$name` refers to.
    pub variables: &'a Map<String, Value>,
}

/// Evaluates a `.$` value: a path selects, an intrinsic is called. `random` supplies
/// randomness for `States.MathRandom` (unseeded) and `States.UUID`.
pub fn eval_expr(
    expr: &Expr,
    scope: &Scope,
    random: &mut dyn FnMut() -> u64,
) -> Result<Value, EvalError> {
    match expr {
        Expr::Path(p) => select(p, scope),
        Expr::Intrinsic(call) => eval_intrinsic(call, scope, random),
    }
}
