//! One nesting counter for every recursive parser of the language (values, blocks of states,
//! conditions, intrinsic calls, path filters), bounded by
//! [`sfn_runtime::limits::MAX_DSL_DEPTH`]: a deeper input is a compile error at the token
//! that goes one level too deep, instead of a stack overflow inside rustc.

use std::cell::Cell;

use proc_macro2::Span;
use sfn_runtime::limits::MAX_DSL_DEPTH;

thread_local! {
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// One level of nesting, left when dropped.
pub(crate) struct Level(());

impl Drop for Level {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

/// Enters one level of nesting at `span` (the opening token), or reports the limit there.
pub(crate) fn enter(span: Span) -> syn::Result<Level> {
    DEPTH.with(|d| {
        if d.get() >= MAX_DSL_DEPTH {
            Err(syn::Error::new(
                span,
                format!(
                    "nested more than {MAX_DSL_DEPTH} levels deep (sfn_runtime::limits::MAX_DSL_DEPTH); flatten this value or condition"
                ),
            ))
        } else {
            d.set(d.get() + 1);
            Ok(Level(()))
        }
    })
}
