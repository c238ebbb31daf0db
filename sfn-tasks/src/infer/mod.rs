//! IAM from ASL: the statements a task state needs, worked out from its `Resource` and its
//! `Parameters`/`Arguments` alone, for states that were not written with a catalogue type
//! (generic `Task { resource }` states, imported or hand-written ASL).
//!
//! The resource names the catalogue class (`arn:aws:states:::sns:publish` is `SnsPublish`);
//! the parameters are read back into that class's fields through the same field table that
//! renders them; the class's own IAM function then gives the statements. So a generic task
//! gets exactly the IAM its catalogue class gives for the same parameters, with no second copy
//! of any grant. What ASL cannot say (a field the class keeps out of the parameters, such as
//! `CallAwsService`'s `iam_resources`) is absent, and the class grants what it grants for an
//! absent field (usually `*`, as CDK does for a value known only at run time).

mod classes;
mod distributed_map;
mod parameters;
mod resource;

use crate::engine::{Ctx, Rcx};
use crate::model::{QueryLanguage, TaskCall, TaskField, TaskValue};
use crate::spec::{Pattern, TaskSpec};
use serde_json::Value;
use sfn_runtime::iam::Statement;

pub use distributed_map::{DISTRIBUTED_MAP_EXECUTIONS, MACHINE_NAME, distributed_map_statements};
pub use resource::sdk_action;

/// What [`task_statements`] found out about a task state.
#[derive(Debug, Clone, PartialEq)]
pub struct Inferred {
    /// The catalogue class the resource belongs to (`None` for an integration the catalogue
    /// does not know: the statements then come from the resource's name alone).
    pub class: Option<&'static str>,
    /// The call read back from the state, as a catalogue-typed state would have written it.
    pub call: Option<TaskCall>,
    /// The integration pattern of the resource.
    pub pattern: Pattern,
    /// The statements the state machine's role needs for this state.
    pub statements: Vec<Statement>,
}

/// The IAM statements of a Task state with this `Resource` and `Parameters` (JSONPath) or
/// `Arguments` (JSONata; pass `jsonata: true`). `None` when the resource is not a literal
/// the catalogue can read (a `${Name}` substitution or a JSONata expression): then nothing
/// can be said about what it calls.
pub fn task_statements(
    resource: &str,
    parameters: Option<&Value>,
    jsonata: bool,
) -> Option<Inferred> {
    let candidates = resource::classify(resource);
    if candidates.is_empty() {
        return resource::unknown_integration(resource).map(|statements| Inferred {
            class: None,
            call: None,
            pattern: resource::pattern_of(resource),
            statements,
        });
    }
    let empty = serde_json::Map::new();
    let params = match parameters {
        Some(Value::Object(map)) => map,
        _ => &empty,
    };
    // Of the classes sharing the resource, the first whose required fields are all there.
    let mut read: Vec<_> = candidates
        .into_iter()
        .map(|found| {
            let mut fields = found.preset;
            fields.extend(parameters::read_back(found.spec, params, jsonata));
            for (name, value) in classes::read_back_extra(found.spec.class, params) {
                if !fields.iter().any(|(n, _)| *n == name) {
                    fields.push((name, value));
                }
            }
            classes::adjust(found.spec.class, &mut fields);
            (found.spec, found.pattern, fields)
        })
        .collect();
    let complete = read.iter().position(|(spec, _, fields)| {
        spec.fields
            .iter()
            .filter(|f| f.required && !matches!(f.asl, crate::spec::Asl::Skip))
            .all(|f| fields.iter().any(|(n, _)| *n == f.name))
    });
    let (spec, pattern, fields) = read.swap_remove(complete.unwrap_or(0));
    let found = resource::Found {
        spec,
        pattern,
        preset: Vec::new(),
    };
    let call = TaskCall {
        class: found.spec.class.to_string(),
        class_loc: 0,
        fields: fields
            .into_iter()
            .map(|(name, value)| TaskField {
                name: name.to_string(),
                name_loc: 0,
                value,
                value_loc: 0,
            })
            .collect(),
        query_language: if jsonata {
            QueryLanguage::Jsonata
        } else {
            QueryLanguage::JsonPath
        },
    };
    let statements = class_statements(found.spec, &call, found.pattern);
    Some(Inferred {
        class: Some(found.spec.class),
        call: Some(call),
        pattern: found.pattern,
        statements,
    })
}

fn class_statements(spec: &'static TaskSpec, call: &TaskCall, pattern: Pattern) -> Vec<Statement> {
    let ctx = Ctx {
        call,
        spec,
        pattern,
        pattern_explicit: true,
        rcx: Rcx {
            jsonata: spec.jsonata && call.query_language == QueryLanguage::Jsonata,
        },
    };
    (spec.iam)(&ctx)
}

/// The statements of one state of any type: a Task's (see [`task_statements`]), a
/// distributed Map's own (see [`distributed_map_statements`]); nested states are not
/// visited (their statements are their own). Empty for every other state.
pub fn state_statements(state: &Value, jsonata_machine: bool) -> Vec<Statement> {
    let jsonata = match state.get("QueryLanguage").and_then(Value::as_str) {
        Some(ql) => ql == "JSONata",
        None => jsonata_machine,
    };
    match state.get("Type").and_then(Value::as_str) {
        Some("Task") => {
            let Some(resource) = state.get("Resource").and_then(Value::as_str) else {
                return Vec::new();
            };
            let params = state.get(if jsonata { "Arguments" } else { "Parameters" });
            task_statements(resource, params, jsonata)
                .map(|i| i.statements)
                .unwrap_or_default()
        }
        Some("Map") => distributed_map_statements(state),
        _ => Vec::new(),
    }
}

/// Every statement a whole definition needs: each state's, nested ones (Parallel branches,
/// Map processors) included, in document order.
pub fn definition_statements(definition: &Value) -> Vec<Statement> {
    let jsonata = definition.get("QueryLanguage").and_then(Value::as_str) == Some("JSONata");
    let mut out = Vec::new();
    walk(definition, jsonata, &mut out, 0);
    out
}

fn walk(machine: &Value, jsonata: bool, out: &mut Vec<Statement>, depth: usize) {
    // Definitions nest only as deep as their text; the bound keeps a hostile one finite.
    if depth > 64 {
        return;
    }
    let Some(states) = machine.get("States").and_then(Value::as_object) else {
        return;
    };
    for state in states.values() {
        out.extend(state_statements(state, jsonata));
        let jsonata = match state.get("QueryLanguage").and_then(Value::as_str) {
            Some(ql) => ql == "JSONata",
            None => jsonata,
        };
        for key in ["ItemProcessor", "Iterator"] {
            if let Some(inner) = state.get(key) {
                walk(inner, jsonata, out, depth + 1);
            }
        }
        for branch in state
            .get("Branches")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            walk(branch, jsonata, out, depth + 1);
        }
    }
}

/// A value read back from ASL: a `key.$` string is a path or an intrinsic call, a `{% %}`
/// string JSONata, anything else a literal.
pub(crate) fn dynamic_value(text: &str) -> TaskValue {
    if text.starts_with("States.") {
        TaskValue::Intrinsic(text.to_string())
    } else {
        TaskValue::Path(text.to_string())
    }
}
