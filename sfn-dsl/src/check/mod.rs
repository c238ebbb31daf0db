//! The runtime rule set (`sfn_runtime::validate`) applied to the built definition, each
//! diagnostic mapped back through the pointer table to the token that produced the value
//! (and, for path and intrinsic syntax, to the token at the diagnostic's byte offset).
//!
//! It runs only on a workflow the DSL itself found no mistake in: the DSL's errors are about
//! what was written (unknown fields, states, targets), and a rule run over the half-built
//! definition they leave would only repeat them in other words.

mod words;

use crate::diag::Errors;
use crate::loc::Loc;
use crate::lower::Lowered;

/// Runs the rule set on a lowered workflow; errors go to `errors`.
pub fn check(lowered: &Lowered, errors: &mut Errors) {
    for diagnostic in sfn_runtime::validate::validate_value(&lowered.definition) {
        let (loc, precise) = lowered
            .spans
            .lookup(&diagnostic.pointer, diagnostic.offset)
            .unwrap_or((Loc::of(lowered.name.span()), false));
        let mut message = diagnostic.message;
        if let (Some(offset), false) = (diagnostic.offset, precise) {
            // The span is the whole string literal: say where in it.
            message = format!("{message} (column {} of the string)", offset + 1);
        }
        if let Some(hint) = diagnostic.hint {
            message = format!("{message}; {hint}");
        }
        errors.at(loc, words::to_dsl(&message));
    }
}
