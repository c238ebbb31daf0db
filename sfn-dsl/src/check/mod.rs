//! The runtime rule set (`sfn_runtime::validate`) applied to the built definition, each
//! diagnostic mapped back through the pointer table to the token that produced the value
//! (and, for path and intrinsic syntax, to the token at the diagnostic's byte offset).
//!
//! It runs only on a workflow the DSL itself found no mistake in: the DSL's errors are about
//! what was written (unknown fields, states, targets), and a rule run over the half-built
//! definition they leave would only repeat them in other words.

mod words;

use sfn_runtime::WorkflowKind;
use sfn_runtime::validate::{self, Options, Severity};

use crate::diag::Errors;
use crate::loc::Loc;
use crate::lower::Lowered;

/// The rule set's warnings the macro reports as errors, because in a workflow written with
/// `workflow!` they are always bugs (docs/dsl.md, "What is checked at compile time"): a
/// variable no state assigns fails every execution that reaches it with
/// `States.QueryEvaluationError`, and a callback Task that never passes its token waits
/// until it times out. Other warnings are left to `sfn validate`.
const DENIED_WARNINGS: &[&str] = &[
    "variable-unknown",
    "jsonata-variable-unknown",
    "task-token-missing",
];

/// Runs the rule set on a lowered workflow (as EXPRESS for `#[type = express]`); errors go
/// to `errors`.
pub fn check(lowered: &Lowered, errors: &mut Errors) {
    let options = Options {
        kind: if lowered.express {
            WorkflowKind::Express
        } else {
            WorkflowKind::Standard
        },
    };
    for diagnostic in validate::validate_value_with(&lowered.definition, options) {
        if diagnostic.severity == Severity::Warning && !DENIED_WARNINGS.contains(&diagnostic.code) {
            continue;
        }
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
