//! JSONata expressions in JSONata states (§11): every `{% ... %}` string in a field that is
//! evaluated must parse, must not read the (absent) input document at its top level, and
//! may use only the `$states` members available in its field.

use serde_json::Value;

use super::diagnostic::{Sink, child, item};
use super::doc::{Doc, Obj};
use super::fields::{Kind, Owner, WORK};
use super::suggest::did_you_mean;
use super::variables;
use crate::asl::QueryLanguage;
use crate::jsonata;

/// One JSONata string: where it is, its body, and the field of the state it belongs to.
pub(crate) struct Expression<'a> {
    pointer: String,
    /// The state it belongs to.
    state: Option<usize>,
    owner: Owner,
    field: &'a str,
    /// The syntax check, and what the expression reads (when it parses); done once.
    syntax: Result<(), jsonata::JsonataError>,
    references: Option<jsonata::References>,
}

/// The JSONata strings of the document, checked once.
fn expressions<'d, 'a>(doc: &'d Doc<'a>) -> &'d [Expression<'a>] {
    doc.memo.expressions.get_or_init(|| collect(doc))
}

/// Every JSONata string of every evaluated field of a JSONata object.
fn collect<'a>(doc: &Doc<'a>) -> Vec<Expression<'a>> {
    let mut out = Vec::new();
    for (obj, key, value, field) in doc.fields() {
        if obj.lang != QueryLanguage::Jsonata {
            continue;
        }
        let at = child(&obj.pointer, key);
        match field.kind(obj.lang) {
            // A literal (an `Items` array, say) may hold expressions at any depth.
            Kind::Jsonata | Kind::Assign | Kind::OrJsonata(_) => {
                walk(value, at, obj, key, &mut out, 0)
            }
            _ => {}
        }
    }
    out
}

/// Deeper values are not searched (serde_json never builds them from text).
const MAX_DEPTH: usize = crate::limits::MAX_JSON_DEPTH;

fn walk<'a>(
    value: &'a Value,
    at: String,
    obj: &Obj<'a>,
    field: &'a str,
    out: &mut Vec<Expression<'a>>,
    depth: usize,
) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::String(s) => push(s, at, obj, field, out),
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, item(&at, i), obj, field, out, depth + 1);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                walk(v, child(&at, k), obj, field, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn push<'a>(
    s: &'a str,
    pointer: String,
    obj: &Obj<'a>,
    field: &'a str,
    out: &mut Vec<Expression<'a>>,
) {
    if let Some(body) = jsonata::expression(s) {
        let syntax = jsonata::check_syntax(body);
        let references = syntax.is_ok().then(|| jsonata::references(body)).flatten();
        out.push(Expression {
            pointer,
            state: obj.state,
            owner: obj.owner,
            field,
            syntax,
            references,
        });
    }
}

/// §11.1: expressions parse.
pub(crate) fn jsonata_syntax(doc: &Doc, sink: &mut Sink) {
    for e in expressions(doc) {
        if let Err(err) = &e.syntax {
            // Offsets count from the start of the string: past the `{%` delimiter.
            let offset = err.offset.map(|o| o + 2);
            sink.emit_at(
                e.pointer.clone(),
                format!("JSONata expression does not parse: {}", err.message),
                offset,
            );
        }
    }
}

/// §11.1: no `$`, `$$` or bare field name at the top level of an expression.
pub(crate) fn jsonata_input_reference(doc: &Doc, sink: &mut Sink) {
    for e in expressions(doc) {
        let Some(refs) = &e.references else {
            continue;
        };
        if let Some(first) = refs.top_level.first() {
            let hint = match first.as_str() {
                "$" | "$$" => "read the state input with `$states.input`".to_owned(),
                name => format!("read the state input with `$states.input.{name}`"),
            };
            sink.emit_hint(
                e.pointer.clone(),
                format!("`{first}` reads an input document, but a JSONata state has none at the top level of an expression"),
                Some(hint),
            );
        }
    }
}

/// The members of `$states`.
const MEMBERS: &[&str] = &["input", "context", "result", "errorOutput"];

/// §11.2: `$states.result` only in Output/Assign of Task, Parallel, Map; `$states.errorOutput`
/// only in a Catcher's Output/Assign; no other members.
pub(crate) fn jsonata_states_member(doc: &Doc, sink: &mut Sink) {
    for e in expressions(doc) {
        let Some(refs) = &e.references else {
            continue;
        };
        let output_or_assign = matches!(e.field, "Output" | "Assign");
        for member in &refs.states_members {
            let message = match member.as_str() {
                "input" | "context" => continue,
                "result" if output_or_assign && e.owner.bit() & WORK != 0 && e.owner.is_state() => {
                    continue;
                }
                "errorOutput" if output_or_assign && e.owner == Owner::Catcher => continue,
                "result" => format!(
                    "`$states.result` is only available in `Output` and `Assign` of Task, Parallel and Map states, not in `{}`",
                    e.field
                ),
                "errorOutput" => {
                    "`$states.errorOutput` is only available in a Catcher's `Output` and `Assign`"
                        .to_owned()
                }
                other => format!(
                    "`$states` has no member `{other}` (it has `input`, `context`, `result`, `errorOutput`)"
                ),
            };
            let hint = did_you_mean(member, MEMBERS.iter().copied());
            sink.emit_hint(e.pointer.clone(), message, hint);
        }
    }
}

/// §12: a `$name` in an expression reads a variable some state of its scope (or of an
/// enclosing one) assigns, unless the expression binds it itself or it names a function.
pub(crate) fn jsonata_variable_unknown(doc: &Doc, sink: &mut Sink) {
    let by_scope = variables::by_scope(doc);
    for e in expressions(doc) {
        let Some(refs) = &e.references else {
            continue;
        };
        let scope = e.state.and_then(|s| doc.states.get(s)).map(|s| s.scope);
        let visible = variables::visible(doc, &by_scope, scope);
        let mut reported: Vec<&str> = Vec::new();
        for name in &refs.variables {
            if visible.contains(&name.as_str()) || reported.contains(&name.as_str()) {
                continue;
            }
            reported.push(name);
            sink.emit_hint(
                e.pointer.clone(),
                format!(
                    "no state assigns the variable `${name}` (in this scope or an enclosing one)"
                ),
                did_you_mean(name, visible.iter().copied()).or_else(|| {
                    Some(format!(
                        "assign it first with `\"Assign\": {{\"{name}\": ...}}`"
                    ))
                }),
            );
        }
    }
}
