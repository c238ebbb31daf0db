//! Tokens -> DSL syntax tree ([`crate::ast`]), recovering after each broken state or field
//! so that every mistake of an invocation is reported.

mod block;
mod cond;
mod text;
mod value;

pub use block::{parse_all, parse_workflows};
pub use cond::{TESTS, TYPES};
