//! Variables (§12): names, and no shadowing of an outer scope's variables.

use std::collections::HashMap;

use super::diagnostic::{Sink, child};
use super::doc::{Doc, Scope};
use super::fields::{Kind, Owner};
use crate::asl::QueryLanguage;

/// The longest variable name.
const MAX_NAME: usize = 80;

/// One `Assign` key: (object pointer, key as written, variable name, scope, owner of the
/// `Assign`).
pub(crate) type Assigned<'d> = (String, &'d str, &'d str, Option<usize>, Owner);

/// Every `Assign` key, found once for the five rules that read them (each search walks
/// every field of the document).
pub(crate) fn assigned<'d, 'a>(doc: &'d Doc<'a>) -> &'d [Assigned<'a>] {
    doc.memo.assigned.get_or_init(|| find_assigned(doc))
}

fn find_assigned<'a>(doc: &Doc<'a>) -> Vec<Assigned<'a>> {
    let mut out = Vec::new();
    for (obj, key, value, field) in doc.fields() {
        if field.kind(obj.lang) != Kind::Assign {
            continue;
        }
        let Some(map) = value.as_object() else {
            continue;
        };
        let at = child(&obj.pointer, key);
        for k in map.keys() {
            let name = match obj.lang {
                QueryLanguage::JsonPath => k.strip_suffix(".$").unwrap_or(k),
                QueryLanguage::Jsonata => k,
            };
            out.push((at.clone(), k.as_str(), name, doc.scope_of(obj), obj.owner));
        }
    }
    out
}

/// Why `name` is not a variable name, if it is not.
pub(crate) fn name_problem(name: &str) -> Option<String> {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return Some("a variable name must not be empty".to_owned());
    };
    if name == "states" {
        return Some("`states` is reserved (JSONata's `$states`)".to_owned());
    }
    if name.chars().count() > MAX_NAME {
        return Some(format!("a variable name is at most {MAX_NAME} characters"));
    }
    // UAX #31 identifiers, approximated with Unicode alphabetic/numeric classes; `_` is
    // accepted (see asl-rules §21: unverified against AWS).
    if !(first.is_alphabetic() || first == '_') {
        return Some(format!(
            "a variable name must start with a letter, not `{first}`"
        ));
    }
    if let Some(bad) = chars.find(|c| !(c.is_alphanumeric() || *c == '_')) {
        return Some(format!("a variable name cannot contain `{bad}`"));
    }
    None
}

/// §12.1: variable names.
pub(crate) fn variable_name(doc: &Doc, sink: &mut Sink) {
    for &(ref at, key, name, _, _) in assigned(doc) {
        if let Some(why) = name_problem(name) {
            sink.emit_hint(
                child(at, key),
                format!("`{name}` is not a valid variable name: {why}"),
                name.contains('-')
                    .then(|| format!("did you mean `{}`?", name.replace('-', "_"))),
            );
        }
    }
}

/// §12.4: a state in a branch or processor must not assign a variable of an outer scope.
///
/// The variables a Catcher assigns do not count as the outer scope's: the service creates
/// and runs a Parallel whose branch assigns a name its own Catch assigns (recorded
/// executions, issue #13 item 3), the Catch's Assign taking effect only once the branches
/// have failed.
pub(crate) fn variable_outer_scope(doc: &Doc, sink: &mut Sink) {
    let mut names: HashMap<Option<usize>, Vec<&str>> = HashMap::new();
    for &(_, _, name, scope, owner) in assigned(doc) {
        if owner != Owner::Catcher {
            names.entry(scope).or_default().push(name);
        }
    }
    for &(ref at, key, name, scope, _) in assigned(doc) {
        let Some(here) = scope.and_then(|s| doc.scopes.get(s)) else {
            continue;
        };
        // A distributed Map's children are separate executions with their own variables.
        if is_distributed(here) {
            continue;
        }
        if visible(doc, &names, here.parent).contains(&name) {
            sink.emit(
                child(at, key),
                format!("variable `{name}` belongs to an enclosing scope; a state inside a branch or processor cannot assign it"),
            );
        }
    }
}

/// Whether `scope` is the processor of a DISTRIBUTED Map.
fn is_distributed(scope: &Scope) -> bool {
    scope.owner == Owner::Processor
        && scope
            .map
            .get("ProcessorConfig")
            .and_then(|c| c.get("Mode"))
            .and_then(serde_json::Value::as_str)
            == Some("DISTRIBUTED")
}

/// Variable names assigned per scope (`None`: outside any state).
pub(crate) fn by_scope<'d>(doc: &'d Doc) -> HashMap<Option<usize>, Vec<&'d str>> {
    let mut out: HashMap<Option<usize>, Vec<&str>> = HashMap::new();
    for &(_, _, name, scope, _) in assigned(doc) {
        out.entry(scope).or_default().push(name);
    }
    out
}

/// The variables a state of `scope` can read: those assigned in its scope and in the
/// enclosing ones, up to the first distributed Map processor (whose child workflows cannot
/// read the parent's variables).
pub(crate) fn visible<'d>(
    doc: &Doc,
    by_scope: &HashMap<Option<usize>, Vec<&'d str>>,
    mut scope: Option<usize>,
) -> Vec<&'d str> {
    let mut visible: Vec<&str> = Vec::new();
    loop {
        visible.extend(by_scope.get(&scope).into_iter().flatten().copied());
        let here = scope.and_then(|s| doc.scopes.get(s));
        let distributed = here.is_some_and(is_distributed);
        match here.and_then(|s| s.parent) {
            Some(parent) if !distributed => scope = Some(parent),
            _ => return visible,
        }
    }
}
