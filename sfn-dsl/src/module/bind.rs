//! Binds states to handlers: `lambda_function: charge` in a `LambdaInvoke` state names the
//! module's handler `charge`. The word is replaced by the function's ARN, name or
//! substitution (a string, at the word's span) before lowering, so the graph is lowered and
//! checked exactly as `workflow!` lowers it.

use super::handler::Handler;
use crate::ast::{Block, Item, StateDecl, Str, Value};
use crate::diag::{Errors, with_suggestion};

/// What a reference that names no handler is replaced by (the workflow then fails anyway).
const UNBOUND: &str = "${Unbound}";

/// A state bound to a handler.
pub struct Binding {
    /// The state's name.
    pub state: String,
    /// Index into the module's handlers.
    pub handler: usize,
}

/// What a word in a state may name.
pub struct Names<'a> {
    /// The marked functions.
    pub handlers: &'a mut [Handler],
    /// Every other function of the module (for "not marked" hints).
    pub unmarked: &'a [String],
}

/// Rewrites the handler references of `block` (nested blocks included), recording bindings.
pub fn bind_block(
    block: &mut Block,
    names: &mut Names,
    bindings: &mut Vec<Binding>,
    errors: &mut Errors,
) {
    for state in &mut block.states {
        bind_state(state, names, bindings, errors);
    }
}

fn bind_state(
    state: &mut StateDecl,
    names: &mut Names,
    bindings: &mut Vec<Binding>,
    errors: &mut Errors,
) {
    let lambda = state.kind == "LambdaInvoke";
    let state_name = state.name.text.clone();
    for item in &mut state.items {
        let Item::Field(field) = item else { continue };
        if lambda
            && field.name == "lambda_function"
            && let Value::Word(word) = &field.value
        {
            let word = word.clone();
            let function = match find(names, &word, errors) {
                Some(index) => {
                    let handler = &mut names.handlers[index];
                    handler.uses += 1;
                    bindings.push(Binding {
                        state: state_name.clone(),
                        handler: index,
                    });
                    handler.function_name()
                }
                // Reported; a stand-in keeps the catalogue from reporting it again.
                None => UNBOUND.to_owned(),
            };
            field.value = Value::Str(Str {
                value: function,
                span: word.span(),
            });
            continue;
        }
        other_value(
            &mut field.value,
            &state.kind.to_string(),
            names,
            bindings,
            errors,
        );
    }
}

/// A value outside `lambda_function`: nested blocks are bound too, and a word naming a
/// handler is an error (a handler is a Lambda function; only LambdaInvoke calls it).
fn other_value(
    value: &mut Value,
    kind: &str,
    names: &mut Names,
    bindings: &mut Vec<Binding>,
    errors: &mut Errors,
) {
    match value {
        Value::Block(block) => bind_block(block, names, bindings, errors),
        Value::Array(items, _) => {
            for item in items {
                other_value(item, kind, names, bindings, errors);
            }
        }
        Value::Object(entries, _) => {
            for entry in entries {
                other_value(&mut entry.value, kind, names, bindings, errors);
            }
        }
        Value::Word(word) if names.handlers.iter().any(|h| h.ident == *word) => {
            let span = word.span();
            errors.at(
                word.span(),
                format!(
                    "`{word}` is a Lambda handler: only a `LambdaInvoke` state calls it (`lambda_function: {word}`), not a {kind} state's field"
                ),
            );
            // Reported; a stand-in keeps the field's own check from reporting it again.
            *value = Value::Str(Str {
                value: UNBOUND.to_owned(),
                span,
            });
        }
        _ => {}
    }
}

/// The handler a word names; reports an unknown one (did you mean, or "not marked").
fn find(names: &Names, word: &syn::Ident, errors: &mut Errors) -> Option<usize> {
    if let Some(index) = names.handlers.iter().position(|h| h.ident == *word) {
        return Some(index);
    }
    let message = if names.unmarked.iter().any(|f| word == f) {
        format!(
            "`{word}` is not a handler: mark it `#[sfn::lambda]` (or `#[sfn::lambda(function = \"name or ARN\")]`)"
        )
    } else {
        let handlers: Vec<String> = names.handlers.iter().map(|h| h.ident.to_string()).collect();
        let mut message = with_suggestion(
            format!("no handler function `{word}` in this module"),
            &word.to_string(),
            handlers.iter().map(String::as_str),
        );
        if !message.contains("did you mean") {
            message.push_str(
                "; `lambda_function` takes a `#[sfn::lambda]` function of the module, or a string (the function's name or ARN)",
            );
        }
        message
    };
    errors.at(word.span(), message);
    None
}
