//! Value checks driven by the field table: JSON types, numeric ranges, enumerations,
//! empty arrays, state types.

use serde_json::Value;

use super::diagnostic::{Sink, child};
use super::doc::Doc;
use super::fields::{Field, Kind};
use super::suggest::did_you_mean;
use crate::asl::{QueryLanguage, StateType};
use crate::jsonata;

/// What is wrong with a value, by rule.
#[derive(Clone)]
pub(crate) enum Problem {
    /// `wrong-type`.
    Type(String),
    /// `out-of-range`.
    Range(String),
    /// `invalid-enum`, with a hint.
    Enum(String, Option<String>),
    /// `state-type-unknown`, with a hint.
    StateType(String, Option<String>),
    /// `empty-array`.
    Empty(String),
}

/// The problem of `value` as the value of a field of `kind`, if any.
pub(crate) fn problem(
    name: &str,
    kind: Kind,
    value: &Value,
    lang: QueryLanguage,
) -> Option<Problem> {
    let wrong = |what: &str| {
        let found = match value {
            Value::Number(n) => format!("the number {n}"),
            Value::Bool(b) => format!("the boolean {b}"),
            Value::String(s) if s.chars().count() <= 40 => format!("the string \"{s}\""),
            other => describe(other).to_owned(),
        };
        Some(Problem::Type(format!(
            "`{name}` must be {what}, not {found}"
        )))
    };
    match kind {
        Kind::No | Kind::Any | Kind::Jsonata | Kind::Template => None,
        Kind::Str
        | Kind::StateName
        | Kind::Timestamp
        | Kind::Label
        | Kind::Path
        | Kind::PathOrIntrinsic => (!value.is_string())
            .then_some(())
            .and_then(|()| wrong("a string")),
        Kind::ReferencePath => (!value.is_string())
            .then_some(())
            .and_then(|()| wrong("a Reference Path string")),
        Kind::PathOrNull | Kind::ResultPath => (!value.is_string() && !value.is_null())
            .then_some(())
            .and_then(|()| wrong("a path string or null")),
        Kind::Array => (!value.is_array())
            .then_some(())
            .and_then(|()| wrong("an array (or a JSONata expression giving one)")),
        Kind::Bool => (!value.is_boolean())
            .then_some(())
            .and_then(|()| wrong("a boolean")),
        Kind::Int(min, max) => {
            let Some(n) = value.as_number() else {
                return wrong("an integer");
            };
            let Some(i) = n.as_i64().or_else(|| n.as_u64().map(|_| i64::MAX)) else {
                return wrong("an integer");
            };
            (i < min || i > max)
                .then(|| Problem::Range(format!("`{name}` must be {}, not {n}", range(min, max))))
        }
        Kind::Num(min, max) => {
            let Some(x) = value.as_f64() else {
                return wrong("a number");
            };
            (x < min || x > max)
                .then(|| Problem::Range(format!("`{name}` must be {}, not {x}", range_f(min, max))))
        }
        Kind::Enum(allowed) => {
            let Some(s) = value.as_str() else {
                return wrong("a string");
            };
            (!allowed.contains(&s)).then(|| {
                Problem::Enum(
                    format!("`{name}` must be one of {}, not `{s}`", list(allowed)),
                    did_you_mean(s, allowed.iter().copied()),
                )
            })
        }
        Kind::StateType => {
            let Some(s) = value.as_str() else {
                return wrong("a string");
            };
            let names = StateType::ALL.map(StateType::as_str);
            StateType::parse(s).is_none().then(|| {
                Problem::StateType(
                    format!(
                        "unknown state type `{s}`: `Type` must be one of {}",
                        list(&names)
                    ),
                    did_you_mean(s, names),
                )
            })
        }
        Kind::States | Kind::Object(_) | Kind::Rule | Kind::Assign => (!value.is_object())
            .then_some(())
            .and_then(|()| wrong("an object")),
        Kind::Strings => {
            let Some(items) = value.as_array() else {
                return wrong("an array of strings");
            };
            if items.is_empty() {
                return Some(Problem::Empty(format!("`{name}` must not be empty")));
            }
            items
                .iter()
                .any(|v| !v.is_string())
                .then(|| Problem::Type(format!("every entry of `{name}` must be a string")))
        }
        Kind::Retriers | Kind::Catchers | Kind::Rules | Kind::Branches => {
            let Some(items) = value.as_array() else {
                return wrong("an array of objects");
            };
            if items.is_empty() && matches!(kind, Kind::Rules | Kind::Branches) {
                return Some(Problem::Empty(format!("`{name}` must not be empty")));
            }
            items
                .iter()
                .any(|v| !v.is_object())
                .then(|| Problem::Type(format!("every entry of `{name}` must be an object")))
        }
        Kind::OrJsonata(inner) => {
            if lang == QueryLanguage::Jsonata
                && value.as_str().and_then(jsonata::expression).is_some()
            {
                None
            } else {
                problem(name, *inner, value, lang)
            }
        }
    }
}

fn range(min: i64, max: i64) -> String {
    match (min, max) {
        (0, i64::MAX) => "a non-negative integer".to_owned(),
        (1, i64::MAX) => "a positive integer".to_owned(),
        (min, max) => format!("an integer from {min} to {max}"),
    }
}

fn range_f(min: f64, max: f64) -> String {
    if max.is_infinite() {
        format!("a number of at least {min}")
    } else {
        format!("a number from {min} to {max}")
    }
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `a string`, `an array`, ... for messages.
pub(crate) fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A field whose value has a [`Problem`], with the object it is a member of (its index in
/// `Doc::objects`).
pub(crate) struct Found<'a> {
    object: usize,
    key: &'a str,
    value: &'a Value,
    field: &'static Field,
    problem: Problem,
}

/// Every field's problem, in document order: found once for the five rules that each
/// report one kind of them (reading a number with `arbitrary_precision` parses its text).
fn found<'d, 'a>(doc: &'d Doc<'a>) -> &'d [Found<'a>] {
    doc.memo.problems.get_or_init(|| {
        doc.objects
            .iter()
            .enumerate()
            .flat_map(|(object, obj)| {
                doc.members_of(obj)
                    .iter()
                    .filter_map(move |&(key, value, field)| {
                        let field = field?;
                        let problem = problem(key, field.kind(obj.lang), value, obj.lang)?;
                        Some(Found {
                            object,
                            key,
                            value,
                            field,
                            problem,
                        })
                    })
            })
            .collect()
    })
}

/// Reports the problems of the fields (see [`found`]) that `pick` selects.
fn report(doc: &Doc, sink: &mut Sink, pick: fn(Problem) -> Option<(String, Option<String>)>) {
    if !doc.root.is_object() {
        if let Some((m, h)) = pick(Problem::Type(format!(
            "a state machine definition must be a JSON object, not {}",
            describe(doc.root)
        ))) {
            sink.emit_hint(String::new(), m, h);
        }
        return;
    }
    for &Found {
        object,
        key,
        value,
        field,
        ref problem,
    } in found(doc)
    {
        let Some(obj) = doc.objects.get(object) else {
            continue;
        };
        if let Some((m, h)) = pick(problem.clone()) {
            // A JSONata expression where JSONPath wants a literal: the state's language is
            // the likelier mistake.
            let jsonata_elsewhere = obj.lang == QueryLanguage::JsonPath
                && value.as_str().and_then(jsonata::expression).is_some()
                && matches!(field.jsonata, Kind::OrJsonata(_) | Kind::Jsonata);
            let h = h.or_else(|| {
                jsonata_elsewhere.then(|| {
                    "JSONata expressions need `\"QueryLanguage\": \"JSONata\"` on the state or the machine".to_owned()
                })
            });
            sink.emit_hint(child(&obj.pointer, key), m, h);
        }
    }
    // A state that is not an object has no fields to check, but is itself the wrong type.
    for state in &doc.states {
        if state.map.is_none() {
            let p = Problem::Type(format!("state `{}` must be an object", state.name));
            if let Some((m, h)) = pick(p) {
                sink.emit_hint(state.pointer.clone(), m, h);
            }
        }
    }
}

/// S6: JSON types.
pub(crate) fn wrong_type(doc: &Doc, sink: &mut Sink) {
    report(doc, sink, |p| match p {
        Problem::Type(m) => Some((m, None)),
        _ => None,
    });
}

/// S6: numeric ranges.
pub(crate) fn out_of_range(doc: &Doc, sink: &mut Sink) {
    report(doc, sink, |p| match p {
        Problem::Range(m) => Some((m, None)),
        _ => None,
    });
}

/// T3, S6: enumerations.
pub(crate) fn invalid_enum(doc: &Doc, sink: &mut Sink) {
    report(doc, sink, |p| match p {
        Problem::Enum(m, h) => Some((m, h)),
        _ => None,
    });
}

/// S1: state types.
pub(crate) fn state_type_unknown(doc: &Doc, sink: &mut Sink) {
    report(doc, sink, |p| match p {
        Problem::StateType(m, h) => Some((m, h)),
        _ => None,
    });
}

/// C1, C3, R2, §3.3: arrays that must not be empty.
pub(crate) fn empty_array(doc: &Doc, sink: &mut Sink) {
    report(doc, sink, |p| match p {
        Problem::Empty(m) => Some((m, None)),
        _ => None,
    });
}
