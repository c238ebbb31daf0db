//! The runtime rule set (`sfn_runtime::validate`) applied to the built definition, each
//! diagnostic mapped back through the pointer table to the token that produced the value
//! (and, for path and intrinsic syntax, to the token at the diagnostic's byte offset).
//!
//! It runs on every workflow, also one the DSL found mistakes in, so that one invocation
//! reports every mistake at once. What a DSL mistake left half-built (a state without its
//! misspelled field, a block without the state that did not parse) is skipped (see
//! `depends`): a rule run over it would only repeat the mistake in other words.

mod depends;
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
/// to `errors`, whose marks say which states and blocks the DSL already found broken.
pub fn check(lowered: &Lowered, errors: &mut Errors) {
    report(lowered, &diagnostics(lowered), errors);
}

/// What the rule set finds in a lowered workflow that the macro reports: errors, and the
/// warnings it denies. Empty for a correct workflow, whose spans are then never looked up.
pub fn diagnostics(lowered: &Lowered) -> Vec<validate::Diagnostic> {
    let options = Options {
        kind: if lowered.express {
            WorkflowKind::Express
        } else {
            WorkflowKind::Standard
        },
    };
    validate::validate_value_with(&lowered.definition, options)
        .into_iter()
        .filter(|d| d.severity != Severity::Warning || DENIED_WARNINGS.contains(&d.code))
        .filter(|d| !is_stand_in_resource(lowered, d))
        .collect()
}

/// Reports `diagnostics` (from [`diagnostics`] on this workflow) at their tokens, through
/// the workflow's spans, except those that only repeat a mistake already in `errors`.
pub fn report(lowered: &Lowered, diagnostics: &[validate::Diagnostic], errors: &mut Errors) {
    for (i, diagnostic) in diagnostics.iter().enumerate() {
        if depends::on_broken(diagnostic, errors)
            || depends::repeats(diagnostic, &diagnostics[..i], diagnostics)
        {
            continue;
        }
        let diagnostic = diagnostic.clone();
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
            message = crate::diag::with_hint(&message, &hint);
        }
        errors.at(loc, words::to_dsl(&message));
    }
}

/// A custom task type's `Resource` is a stand-in until its constants are known: the
/// integrations table judges the real one at the derive (`crate::custom::derive::resource`).
fn is_stand_in_resource(lowered: &Lowered, diagnostic: &validate::Diagnostic) -> bool {
    diagnostic.pointer.ends_with("/Resource")
        && lowered
            .definition
            .pointer(&diagnostic.pointer)
            .and_then(|v| v.as_str())
            == Some(crate::custom::state::STAND_IN_RESOURCE)
}
