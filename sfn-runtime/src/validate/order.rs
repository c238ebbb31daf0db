//! Document order of diagnostics: by the position of each pointer's target in the
//! definition, so a reader meets problems top to bottom.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::diagnostic::{Diagnostic, tokens};

/// Member positions of the objects met so far, keyed by the object's address, so that a
/// document with thousands of states and thousands of diagnostics is not scanned
/// quadratically.
#[derive(Default)]
struct Positions<'v> {
    index: HashMap<*const Map<String, Value>, HashMap<&'v str, usize>>,
}

impl<'v> Positions<'v> {
    fn of(&mut self, map: &'v Map<String, Value>, key: &str) -> Option<usize> {
        let table = self
            .index
            .entry(std::ptr::from_ref(map))
            .or_insert_with(|| {
                map.keys()
                    .enumerate()
                    .map(|(i, k)| (k.as_str(), i))
                    .collect()
            });
        table.get(key).copied()
    }

    /// Where a pointer leads, as member/element positions along the way. Tokens that do
    /// not resolve (a field that should be there but is not) sort after everything present.
    fn position(&mut self, root: &'v Value, pointer: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let mut node = Some(root);
        for token in tokens(pointer) {
            let (index, next) = match node {
                Some(Value::Object(map)) => match self.of(map, &token) {
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
}

/// Sorts `diagnostics` into document order; the sort is stable, so diagnostics at one
/// pointer keep the order of the rule table.
pub(crate) fn sort(root: &Value, diagnostics: &mut Vec<Diagnostic>) {
    let mut positions = Positions::default();
    let mut keyed: Vec<(Vec<usize>, Diagnostic)> = diagnostics
        .drain(..)
        .map(|d| (positions.position(root, &d.pointer), d))
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    diagnostics.extend(keyed.into_iter().map(|(_, d)| d));
}
