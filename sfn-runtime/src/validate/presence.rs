//! Which fields may appear where: unknown fields, fields of another state type or of the
//! other query language, required fields, mutually exclusive fields.

use serde_json::Value;

use super::diagnostic::{Sink, child};
use super::doc::{Doc, Obj};
use super::fields::{self, Kind, Owner, Owners};
use super::suggest::did_you_mean;
use crate::asl::{QueryLanguage, StateType};

/// T4: a key that no object of the language takes.
pub(crate) fn unknown_field(doc: &Doc, sink: &mut Sink) {
    for obj in &doc.objects {
        for &(key, _, row) in doc.members_of(obj) {
            if row.is_none() && !fields::is_known(key) {
                let hint = did_you_mean(key, fields::names_for(obj.owner, obj.lang));
                sink.emit_hint(
                    child(&obj.pointer, key),
                    format!("unknown field `{key}` in {}", obj.owner.describe()),
                    hint,
                );
            }
        }
    }
}

/// S3, G2, R1, C2, C6: a field that exists, but not on this kind of object.
pub(crate) fn field_not_allowed(doc: &Doc, sink: &mut Sink) {
    for obj in &doc.objects {
        if obj.owner == Owner::UnknownState {
            continue;
        }
        for &(key, _, row) in doc.members_of(obj) {
            if row.is_some() || !fields::is_known(key) {
                continue;
            }
            let mut message = format!("`{key}` is not allowed on {}", obj.owner.describe());
            if obj.owner.is_state() {
                let takers = fields::state_types_taking(key);
                if !takers.is_empty() {
                    message.push_str(&format!(" (only on {})", takers.join(", ")));
                }
            }
            sink.emit_hint(child(&obj.pointer, key), message, why_not(obj.owner, key));
        }
    }
}

/// The reason behind the commonest misplaced fields.
fn why_not(owner: Owner, key: &str) -> Option<String> {
    let text = match (owner, key) {
        (Owner::State(StateType::Choice), "Next") => {
            "a Choice state's transitions live in `Choices` (each rule's `Next`) and `Default`"
        }
        (Owner::State(StateType::Choice), "End") => {
            "a Choice state cannot end the machine: send a rule or `Default` to a Succeed state"
        }
        (Owner::State(StateType::Succeed | StateType::Fail), "Next" | "End") => {
            "Succeed and Fail states end the execution by themselves"
        }
        (Owner::TopRule | Owner::NestedRule, "End") => {
            "a Choice cannot end the machine: point the rule's `Next` at a Succeed state"
        }
        (Owner::NestedRule, "Next") => "only top-level Choice rules have `Next`",
        (Owner::NestedRule, "Assign") => "only top-level Choice rules have `Assign`",
        (Owner::State(StateType::Map), "Arguments") => "a Map passes data with `ItemSelector`",
        _ => return None,
    };
    Some(text.to_owned())
}

/// §3.2, §11.6: a field of the other query language.
pub(crate) fn field_query_language(doc: &Doc, sink: &mut Sink) {
    for obj in &doc.objects {
        for &(key, _, row) in doc.members_of(obj) {
            let Some(f) = row else {
                continue;
            };
            if f.kind(obj.lang) != Kind::No {
                continue;
            }
            let (this, other) = match obj.lang {
                QueryLanguage::JsonPath => ("JSONata", "JSONPath"),
                QueryLanguage::Jsonata => ("JSONPath", "JSONata"),
            };
            sink.emit_hint(
                child(&obj.pointer, key),
                format!(
                    "`{key}` is a {this} field, but {} uses {other}",
                    obj.owner.describe()
                ),
                replacement(key, obj.lang),
            );
        }
    }
}

/// What to write instead of a field of the other language.
fn replacement(key: &str, lang: QueryLanguage) -> Option<String> {
    let text = match (lang, key) {
        (
            QueryLanguage::Jsonata,
            "InputPath" | "OutputPath" | "ResultSelector" | "ResultPath" | "Result",
        ) => "use `Output` (with `$states.input` / `$states.result`)",
        (QueryLanguage::Jsonata, "Parameters") => "use `Arguments`",
        (QueryLanguage::Jsonata, "ItemsPath") => "use `Items`",
        (QueryLanguage::Jsonata, "Variable") => "use `Condition` with a JSONata expression",
        (QueryLanguage::Jsonata, k) if k.ends_with("Path") => {
            "give the value itself, or a `{% ... %}` expression"
        }
        (QueryLanguage::JsonPath, "Output") => {
            "use `OutputPath`/`ResultPath`, or set `\"QueryLanguage\": \"JSONata\"` on the state"
        }
        (QueryLanguage::JsonPath, "Arguments") => {
            "use `Parameters`, or set `\"QueryLanguage\": \"JSONata\"` on the state"
        }
        (QueryLanguage::JsonPath, _) => "set `\"QueryLanguage\": \"JSONata\"` on the state",
        _ => return None,
    };
    Some(text.to_owned())
}

/// T1, S4, R2, R5, C2: a required field is absent.
pub(crate) fn missing_field(doc: &Doc, sink: &mut Sink) {
    for obj in &doc.objects {
        // With no usable Type only `Type` itself can be asked for.
        let bit = if obj.owner == Owner::UnknownState {
            0
        } else {
            obj.owner.bit()
        };
        for f in fields::required_rows() {
            let applies = if obj.owner == Owner::UnknownState {
                f.name == "Type"
            } else {
                f.on & bit != 0
            };
            if applies
                && f.required
                && f.kind(obj.lang) != Kind::No
                && !obj.map.contains_key(f.name)
            {
                sink.emit(
                    obj.pointer.clone(),
                    format!("`{}` is required in {}", f.name, obj.owner.describe()),
                );
            }
        }
    }
}

/// §11.6: a state may not go back to JSONPath under a JSONata machine.
pub(crate) fn query_language_downgrade(doc: &Doc, sink: &mut Sink) {
    if doc.lang != QueryLanguage::Jsonata {
        return;
    }
    for state in &doc.states {
        if state
            .map
            .and_then(|m| m.get("QueryLanguage"))
            .and_then(Value::as_str)
            == Some("JSONPath")
        {
            sink.emit_hint(
                child(&state.pointer, "QueryLanguage"),
                "`QueryLanguage` cannot be `JSONPath` when the state machine uses JSONata",
                Some("remove it, or set the machine's `QueryLanguage` to `JSONPath` and opt states into JSONata".to_owned()),
            );
        }
    }
}

/// Groups of fields of which at most one may be present.
const EXCLUSIVE: &[(Owners, &[&str])] = &[
    (fields::FLOW, &["Next", "End"]),
    (fields::FAIL, &["Error", "ErrorPath"]),
    (fields::FAIL, &["Cause", "CausePath"]),
    (fields::TASK, &["TimeoutSeconds", "TimeoutSecondsPath"]),
    (fields::TASK, &["HeartbeatSeconds", "HeartbeatSecondsPath"]),
    (
        fields::WAIT,
        &["Seconds", "Timestamp", "SecondsPath", "TimestampPath"],
    ),
    (fields::MAP, &["ItemProcessor", "Iterator"]),
    (fields::MAP, &["ItemSelector", "Parameters"]),
    (fields::MAP, &["Items", "ItemsPath"]),
    (fields::MAP, &["MaxConcurrency", "MaxConcurrencyPath"]),
    (
        fields::MAP,
        &[
            "ToleratedFailurePercentage",
            "ToleratedFailurePercentagePath",
        ],
    ),
    (
        fields::MAP,
        &["ToleratedFailureCount", "ToleratedFailureCountPath"],
    ),
    (fields::READER_CONFIG, &["MaxItems", "MaxItemsPath"]),
    (
        fields::ITEM_BATCHER,
        &["MaxItemsPerBatch", "MaxItemsPerBatchPath"],
    ),
    (
        fields::ITEM_BATCHER,
        &["MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath"],
    ),
];

/// S5: mutually exclusive fields.
pub(crate) fn exclusive_fields(doc: &Doc, sink: &mut Sink) {
    for obj in &doc.objects {
        for (on, group) in EXCLUSIVE {
            if obj.owner.bit() & on == 0 || obj.owner == Owner::UnknownState {
                continue;
            }
            let present: Vec<&str> = obj
                .map
                .keys()
                .map(String::as_str)
                .filter(|k| group.contains(k))
                .collect();
            if let Some((first, rest)) = present.split_first() {
                for other in rest {
                    sink.emit(
                        child(&obj.pointer, other),
                        format!("`{other}` cannot be used together with `{first}`"),
                    );
                }
            }
        }
    }
}

/// Groups of which at least one must be present (in the object's language).
const ONE_OF: &[(Owners, &[&str])] = &[
    (
        fields::WAIT,
        &["Seconds", "Timestamp", "SecondsPath", "TimestampPath"],
    ),
    (fields::MAP, &["ItemProcessor", "Iterator"]),
    (
        fields::ITEM_BATCHER,
        &[
            "MaxItemsPerBatch",
            "MaxItemsPerBatchPath",
            "MaxInputBytesPerBatch",
            "MaxInputBytesPerBatchPath",
        ],
    ),
];

/// S5, §5.4, §5.8: one field of a group is required.
pub(crate) fn missing_one_of(doc: &Doc, sink: &mut Sink) {
    for obj in &doc.objects {
        for (on, group) in ONE_OF {
            if obj.owner.bit() & on == 0 || obj.owner == Owner::UnknownState {
                continue;
            }
            if group.iter().any(|k| obj.map.contains_key(*k)) {
                continue;
            }
            let usable: Vec<String> = group
                .iter()
                .filter(|k| {
                    fields::lookup(obj.owner, k).is_some_and(|f| f.kind(obj.lang) != Kind::No)
                })
                .map(|k| format!("`{k}`"))
                .collect();
            sink.emit(
                obj.pointer.clone(),
                format!("{} needs one of {}", capitalised(obj), usable.join(", ")),
            );
        }
    }
}

/// G1: Pass, Task, Wait, Parallel and Map need `Next` or `"End": true`.
pub(crate) fn transition_missing(doc: &Doc, sink: &mut Sink) {
    for obj in &doc.objects {
        if obj.owner.bit() & fields::FLOW == 0 || obj.owner == Owner::UnknownState {
            continue;
        }
        if obj.map.contains_key("Next") || obj.map.get("End") == Some(&Value::Bool(true)) {
            continue;
        }
        let hint = (obj.map.get("End") == Some(&Value::Bool(false))).then(|| {
            "`\"End\": false` does not end the state; give `Next` or `\"End\": true`".to_owned()
        });
        sink.emit_hint(
            obj.pointer.clone(),
            format!("{} needs `Next` or `\"End\": true`", capitalised(obj)),
            hint,
        );
    }
}

fn capitalised(obj: &Obj) -> String {
    let d = obj.owner.describe();
    let mut c = d.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => d,
    }
}
