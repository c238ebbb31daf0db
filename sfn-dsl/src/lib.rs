//! The `workflow!` language as ordinary library code: parse (tokens -> DSL syntax tree with
//! spans), lower (syntax tree -> ASL JSON + a table from JSON pointers to spans), check (the
//! runtime rule set, its pointers mapped back to spans) and expand (quote).
//!
//! Errors are accumulated: one invocation reports every mistake it can find, and still
//! defines each workflow's const (with an empty definition) so that a mistake does not
//! cascade into "cannot find value" errors at the uses.

#![warn(missing_docs)]

pub mod ast;
pub mod check;
pub mod custom;
pub mod diag;
pub mod expand;
pub mod import;
pub mod loc;
pub mod lower;
pub mod module;
pub mod parse;

use proc_macro2::TokenStream;

use diag::Errors;

/// Expands the body of a `workflow!` invocation.
pub fn expand(input: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let defs = match parse::parse_all(input, |stream| parse::parse_workflows(stream, &mut errors)) {
        Ok(defs) => defs,
        Err(error) => {
            errors.push(error);
            Vec::new()
        }
    };
    expand_defs(&defs, errors)
}

/// Lowers, checks and expands parsed workflows; `errors` holds what parsing found.
pub(crate) fn expand_defs(defs: &[ast::WorkflowDef], mut errors: Errors) -> TokenStream {
    let mut out = TokenStream::new();
    for def in defs {
        let (mut lowered, own) = lower_and_check(def);
        let ok = own.is_empty() && errors.is_empty();
        // With custom task types the type's constants complete the policy from the
        // statements (see `custom::expand`), and this one is not used.
        let policy = if lowered.custom.is_empty() {
            policy_json(std::mem::take(&mut lowered.statements))
        } else {
            String::new()
        };
        out.extend(expand::expand_const_taking(&mut lowered, &policy, ok));
        if let Some(error) = own.combined() {
            errors.push(error);
        }
    }
    if let Some(error) = errors.combined() {
        out.extend(error.into_compile_error());
    }
    out
}

/// Lowers and checks one workflow: the lowered workflow and what is to be reported.
///
/// A workflow is lowered without its pointer -> span table first: only a diagnostic reads
/// the table, and most workflows have none. When the lowering or the rule set finds
/// something, it is lowered again with the table (the same definition), so that every
/// mistake is reported at its token and under the part it breaks.
fn lower_and_check(def: &ast::WorkflowDef) -> (lower::Lowered, Errors) {
    let mut own = Errors::default();
    let first = lower::lower_workflow_with(def, &mut own, lower::Spans::off());
    let found = if own.is_empty() {
        let found = check::diagnostics(&first);
        if found.is_empty() {
            return (first, own);
        }
        Some(found)
    } else {
        None
    };
    let mut own = Errors::default();
    let lowered = lower::lower_workflow(def, &mut own);
    // The rule set runs on everything that lowered, skipping what a mistake broke; its
    // findings on the first lowering stand, as the definition is the same.
    match found {
        Some(found) => check::report(&lowered, &found, &mut own),
        None => check::check(&lowered, &mut own),
    }
    (lowered, own)
}

/// The IAM policy of a workflow: the statements of every task state, nested ones included,
/// merged and de-duplicated.
fn policy_json(statements: Vec<sfn_runtime::iam::Statement>) -> String {
    sfn_runtime::iam::PolicyDocument { statements }.to_json()
}
