//! Document order of diagnostics: by the position of each pointer's target in the
//! definition, so a reader meets problems top to bottom.

use serde_json::Value;

use super::diagnostic::{Diagnostic, tokens};

/// Where a pointer leads, as member/element positions along the way. Tokens that do not
/// resolve (a field that should be there but is not) sort after everything present.
fn position(root: &Value, pointer: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut node = Some(root);
    for token in tokens(pointer) {
        let (index, next) = match node {
            Some(Value::Object(map)) => match map.keys().position(|k| *k == token) {
                Some(i) => (i, map.get(&token)),
                None => (usize::MAX, None),
            },
            Some(Value::Array(items)) => match token.parse::<usize>() {
                Ok(i) if i < items.len() => (i, items.get(i)),
                _ => (usize::MAX, None),
            },
            _ => (usize::MAX, None),
        };
        out.push(index);
        node = next;
    }
    out
}

/// Sorts `diagnostics` into document order; the sort is stable, so diagnostics at one
/// pointer keep the order of the rule table.
pub(crate) fn sort(root: &Value, diagnostics: &mut Vec<Diagnostic>) {
    let mut keyed: Vec<(Vec<usize>, Diagnostic)> = diagnostics
        .drain(..)
        .map(|d| (position(root, &d.pointer), d))
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    diagnostics.extend(keyed.into_iter().map(|(_, d)| d));
}
