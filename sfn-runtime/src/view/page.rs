//! The page: the template with the picture, the stylesheet, the script and the data filled
//! in. The data is one JSON document the script reads; payloads past a size budget are cut
//! so that a 25,000-event history still makes a page a browser opens quickly.

use serde_json::{Map, Value, json};

use super::trace::{Statics, Trace, Visit};
use crate::asl::{State, StateMachine};
use crate::exec::{Execution, format_timestamp};
use crate::graph::Graph;

const TEMPLATE: &str = include_str!("page.html");
const STYLE: &str = include_str!("view.css");
const SCRIPT: &str = include_str!("view.js");

/// Payload bytes the page may hold in all; each payload gets its share, at least
/// [`MIN_PAYLOAD`] and at most [`MAX_PAYLOAD`].
const PAYLOAD_BUDGET: usize = 48 * 1024 * 1024;
const MIN_PAYLOAD: usize = 2 * 1024;
const MAX_PAYLOAD: usize = 64 * 1024;

/// The view of an execution of `machine`, titled `title`.
pub fn execution_html(machine: &StateMachine, execution: &Execution, title: &str) -> String {
    let statics = Statics::of(machine);
    let trace = Trace::of(&execution.history, &execution.child_executions, &statics);
    let payloads = trace.visits.len() * 4 + 2;
    let cap = (PAYLOAD_BUDGET / payloads).clamp(MIN_PAYLOAD, MAX_PAYLOAD);
    let visits: Vec<Value> = trace.visits.iter().map(|v| visit(v, cap)).collect();
    let data = json!({
        "title": title,
        "execution": {
            "status": execution.status.as_str(),
            "error": execution.error,
            "cause": execution.cause,
            "input": trace.input.as_ref().map(|v| clip(v, MAX_PAYLOAD)),
            "output": execution.output.as_ref().map(|v| clip(v, MAX_PAYLOAD)),
            "durationMs": execution.duration_ms,
            "startedAt": format_timestamp(trace.started_ms),
            "recorded": !execution.history.is_empty(),
        },
        "states": states(machine, &statics),
        "visits": visits,
    });
    page(machine, title, &data)
}

/// A page of the definition alone: the graph, each state's ASL on a click.
pub fn definition_html(machine: &StateMachine, title: &str) -> String {
    let statics = Statics::of(machine);
    let data = json!({
        "title": title,
        "execution": null,
        "states": states(machine, &statics),
        "visits": [],
    });
    page(machine, title, &data)
}

fn page(machine: &StateMachine, title: &str, data: &Value) -> String {
    let svg = Graph::of(machine).to_svg_unstyled();
    // `<` only occurs inside JSON strings, where `\u003c` means the same: the data cannot
    // close its <script> element.
    let data = data.to_string().replace('<', "\\u003c");
    let title = crate::graph::escape_xml(title);
    fill(
        TEMPLATE,
        &[
            ("{{TITLE}}", &title),
            ("{{STYLE}}", STYLE),
            ("{{SVG}}", &svg),
            ("{{DATA}}", &data),
            ("{{SCRIPT}}", SCRIPT),
        ],
    )
}

/// Replaces each marker of the template once, never looking into what was inserted.
fn fill(template: &str, parts: &[(&str, &str)]) -> String {
    let extra: usize = parts.iter().map(|(_, v)| v.len()).sum();
    let mut out = String::with_capacity(template.len() + extra);
    let mut rest = template;
    loop {
        let next = parts
            .iter()
            .filter_map(|(marker, value)| rest.find(marker).map(|at| (at, *marker, *value)))
            .min_by_key(|(at, ..)| *at);
        let Some((at, marker, value)) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..at]);
        out.push_str(value);
        rest = &rest[at + marker.len()..];
    }
}

/// Each state: its type, the Maps around it, and its ASL (nested states left out).
fn states(machine: &StateMachine, statics: &Statics) -> Value {
    let mut out = Map::new();
    collect(&machine.states, statics, &mut out);
    Value::Object(out)
}

fn collect(states: &crate::asl::States, statics: &Statics, out: &mut Map<String, Value>) {
    for (name, state) in states {
        let mut definition = serde_json::to_value(state).unwrap_or(Value::Null);
        if let Value::Object(fields) = &mut definition {
            for key in ["Branches", "ItemProcessor", "Iterator"] {
                if fields.contains_key(key) {
                    fields.insert(key.into(), Value::String("(drawn in the graph)".into()));
                }
            }
        }
        let info = statics.states.get(name);
        out.insert(
            name.clone(),
            json!({
                "type": info.map_or("", |i| i.kind),
                "maps": info.map(|i| i.maps.clone()).unwrap_or_default(),
                "definition": clip(&definition, MAX_PAYLOAD),
            }),
        );
        match state {
            State::Parallel(p) => p
                .branches
                .iter()
                .for_each(|b| collect(&b.states, statics, out)),
            State::Map(m) => {
                if let Some(p) = m.processor() {
                    collect(&p.states, statics, out);
                }
            }
            _ => {}
        }
    }
}

fn visit(v: &Visit, cap: usize) -> Value {
    let opt = |value: &Option<Value>| value.as_ref().map(|v| clip(v, cap));
    let attempts: Vec<Value> = v
        .attempts
        .iter()
        .map(|a| {
            json!({
                "atMs": a.at_ms,
                "endMs": a.end_ms,
                "parameters": opt(&a.parameters),
                "result": opt(&a.result),
                "error": a.error,
                "cause": a.cause,
            })
        })
        .collect();
    let mut object = json!({
        "name": v.name,
        "ctx": v.ctx,
        "parent": v.parent,
        "prev": v.prev,
        "enteredMs": v.entered_ms,
        "exitedMs": v.exited_ms,
        "input": clip(&v.input, cap),
        "output": opt(&v.output),
        "attempts": attempts,
        "error": v.error,
        "cause": v.cause,
        "outcome": v.outcome().as_str(),
    });
    if let (Some(iterations), Value::Object(fields)) = (&v.iterations, &mut object) {
        fields.insert(
            "iterations".into(),
            json!({"count": iterations.count, "failed": iterations.failed}),
        );
    }
    object
}

/// The value, or when its JSON text is longer than `cap` bytes a marker the script shows
/// as the first `cap` bytes of the text.
fn clip(value: &Value, cap: usize) -> Value {
    let size = crate::exec::json_size(value, cap + 1);
    if size <= cap {
        return value.clone();
    }
    let text = value.to_string();
    let mut end = cap.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    json!({"$sfnTruncated": {"bytes": text.len(), "preview": &text[..end]}})
}
