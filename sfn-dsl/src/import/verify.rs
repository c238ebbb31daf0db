//! Proof by the DSL itself: the generated source is parsed and lowered with this crate, and
//! must give back the definition it came from.

use proc_macro2::TokenStream;
use serde_json::Value as Json;

use super::error::{ImportError, child};
use crate::diag::Errors;
use crate::{lower, parse};

/// Parses and lowers `body` (the inside of a `workflow!`): the definition, or the messages.
pub fn lower_source(body: &str) -> Result<Json, Vec<String>> {
    let tokens: TokenStream = body
        .parse()
        .map_err(|e: proc_macro2::LexError| vec![format!("does not lex: {e}")])?;
    let mut errors = Errors::default();
    let defs = parse::parse_all(tokens, |stream| parse::parse_workflows(stream, &mut errors))
        .map_err(|e| vec![e.to_string()])?;
    let mut definition = None;
    for def in &defs {
        let lowered = lower::lower_workflow(def, &mut errors);
        definition.get_or_insert(lowered.definition);
    }
    match (errors.combined(), definition) {
        (None, Some(definition)) => Ok(definition),
        (Some(error), _) => Err(error.into_iter().map(|e| e.to_string()).collect()),
        (None, None) => Err(vec!["no workflow".into()]),
    }
}

/// What the DSL rebuilds from `fragment` written as a template value, if it is one value.
pub fn probe(fragment: &str) -> Option<String> {
    let body = format!(
        "W {{ S: Map {{ item_selector: {{ \"v\": {fragment} }}, processor: {{ A: Pass -> end }} }} -> end }}"
    );
    let definition = lower_source(&body).ok()?;
    let selector = definition.pointer("/States/S/ItemSelector")?.as_object()?;
    if selector.len() != 1 {
        return None;
    }
    selector.get("v.$")?.as_str().map(str::to_owned)
}

/// Checks that `body` lowers to exactly `original`.
pub fn round_trip(body: &str, original: &Json) -> Result<(), ImportError> {
    match lower_source(body) {
        Ok(lowered) => match first_difference(original, &lowered, "") {
            None => Ok(()),
            Some((pointer, found)) => Err(ImportError::new(
                pointer,
                format!(
                    "the DSL cannot write this exactly: the generated source would give {}",
                    found.map_or_else(|| "nothing here".to_owned(), |v| format!("`{v}`"))
                ),
            )),
        },
        Err(messages) => Err(ImportError::new(
            "",
            format!(
                "the DSL rejects the generated source: {}",
                messages.join("; ")
            ),
        )),
    }
}

/// The pointer of the first place where `b` differs from `a`, with `b`'s value there.
fn first_difference(a: &Json, b: &Json, at: &str) -> Option<(String, Option<Json>)> {
    match (a, b) {
        (Json::Object(x), Json::Object(y)) => {
            for (key, value) in x {
                match y.get(key) {
                    Some(other) => {
                        if let Some(found) = first_difference(value, other, &child(at, key)) {
                            return Some(found);
                        }
                    }
                    None => return Some((child(at, key), None)),
                }
            }
            y.iter()
                .find(|(key, _)| !x.contains_key(*key))
                .map(|(key, value)| (child(at, key), Some(value.clone())))
        }
        (Json::Array(x), Json::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (p, q))| first_difference(p, q, &child(at, &i.to_string()))),
        _ if a == b => None,
        _ => Some((at.to_owned(), Some(b.clone()))),
    }
}
