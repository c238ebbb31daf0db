//! The Step Functions path dialect: JsonPath, Reference Paths, context and variable paths,
//! intrinsic functions; parsing and evaluation.
//!
//! * [`parse_path`], [`parse_reference_path`], [`parse_intrinsic`], [`parse_expr`] turn text
//!   into trees, with errors that carry a byte offset and say what was expected.
//! * [`select`], [`eval_intrinsic`], [`eval_expr`], [`render_payload`] and [`write_at`]
//!   evaluate them the way the service does (Jayway JsonPath result shapes, `States.*`
//!   error names).

mod ast;
mod display;
mod error;
mod eval;
mod expr;
mod intrinsic;
mod parse;

pub use ast::{CompareOp, Filter, FilterPath, Operand, Path, Root, Segment, Selector, Slice};
pub use error::{EvalError, INTRINSIC_FAILURE, ParseError, RESULT_PATH_MATCH_FAILURE, RUNTIME};
pub use eval::{Scope, SplitMix64, eval_expr, render_payload, select, take, write_at};
pub use expr::{Expr, parse_expr};
pub use intrinsic::{
    Arg, ArgKind, ArgSpec, HASH_ALGORITHMS, Intrinsic, IntrinsicFn, MAX_ENCODE_CHARS, MAX_NESTING,
    MAX_RANGE_ITEMS, Signature, eval_intrinsic, parse_intrinsic,
};
pub use parse::{parse_path, parse_reference_path};
