//! Tokens -> DSL syntax tree ([`crate::ast`]), recovering after each broken state or field
//! so that every mistake of an invocation is reported.

mod block;
mod cond;
mod text;
mod value;

pub use block::{parse_all, parse_workflows};
pub use cond::{TESTS, TYPES};

use proc_macro2::TokenStream;
use syn::parse::ParseStream;

/// Returns `result`; on error, first consumes what is left of `content` (the inside of a
/// group) so syn does not add a second, misleading "unexpected token" error.
pub(crate) fn drained<T>(content: ParseStream, result: syn::Result<T>) -> syn::Result<T> {
    if result.is_err() {
        let _ = content.parse::<TokenStream>();
    }
    result
}
