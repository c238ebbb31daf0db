//! One state: its attributes, its fields in reading order and its transition.

use serde_json::Value as Json;

use super::attrs::{attr_list, catcher, retrier};
use super::block::query_language_word;
use super::choice;
use super::error::{ImportError, child};
use super::fields::{
    FieldValue, branches, number_or_path, path_only, path_or_null, payload, plain_string, processor,
};
use super::layout::{Out, fits};
use super::names::state_name;
use super::rewrite::Rewrites;
use super::text;
use super::value::{Mode, Tree, flat, layout, tree};

/// The order fields are written in.
const FIELD_ORDER: &[&str] = &[
    "resource",
    "mode",
    "execution_type",
    "items",
    "item_reader",
    "item_selector",
    "item_batcher",
    "max_concurrency",
    "tolerated_failure_percentage",
    "tolerated_failure_count",
    "label",
    "seconds",
    "timestamp",
    "error",
    "cause",
    "input_path",
    "parameters",
    "arguments",
    "credentials",
    "result",
    "result_selector",
    "result_path",
    "result_writer",
    "output_path",
    "output",
    "timeout",
    "heartbeat",
    "branches",
    "processor",
];

/// Writes one state at pointer `at`.
pub fn write_state(
    out: &mut Out,
    name: &str,
    state: &Json,
    at: &str,
    scope_jsonata: bool,
    is_start: bool,
    rw: &mut Rewrites,
) -> Result<(), ImportError> {
    let Json::Object(state) = state else {
        return Err(ImportError::new(at, "a state is a JSON object"));
    };
    let ty = state
        .get("Type")
        .and_then(Json::as_str)
        .ok_or_else(|| ImportError::new(child(at, "Type"), "a state needs a `Type` string"))?;
    if !matches!(
        ty,
        "Pass" | "Task" | "Choice" | "Wait" | "Succeed" | "Fail" | "Parallel" | "Map"
    ) {
        return Err(ImportError::new(
            child(at, "Type"),
            format!("`{ty}` is not a state type"),
        ));
    }
    let jsonata = match state.get("QueryLanguage") {
        Some(value) => query_language_word(value, &child(at, "QueryLanguage"))? == "jsonata",
        None => scope_jsonata,
    };
    let template = if jsonata {
        Mode::Literal
    } else {
        Mode::Template
    };

    // Attributes.
    if let Some(comment) = state.get("Comment") {
        let Json::String(comment) = comment else {
            return Err(ImportError::new(
                child(at, "Comment"),
                "`Comment` is a string",
            ));
        };
        out.comment(comment);
    }
    if is_start {
        out.line("#[start]");
    }
    if let Some(value) = state.get("QueryLanguage") {
        let word = query_language_word(value, &child(at, "QueryLanguage"))?;
        out.line(&format!("#[query_language = {word}]"));
    }
    if let Some(assign) = state.get("Assign") {
        let t = tree(assign, &child(at, "Assign"), template, false)?;
        out.line(&format!("#[assign({})]", layout(&t, out.indent, 10)));
    }
    for list in ["Retry", "Catch"] {
        let Some(entries) = state.get(list) else {
            continue;
        };
        let list_at = child(at, list);
        if !matches!(ty, "Task" | "Parallel" | "Map") {
            return Err(ImportError::new(
                list_at,
                format!("`{list}` belongs to Task, Parallel and Map states, not to a {ty}"),
            ));
        }
        let items = match entries {
            Json::Array(items) if !items.is_empty() => items,
            _ => {
                return Err(ImportError::new(
                    list_at,
                    format!(
                        "the DSL writes `{list}` as one `#[{}(..)]` per entry; an empty or non-array `{list}` cannot be written",
                        list.to_lowercase()
                    ),
                ));
            }
        };
        for (i, item) in items.iter().enumerate() {
            let item_at = child(&list_at, &i.to_string());
            let fields = if list == "Retry" {
                retrier(item, &item_at)?
            } else {
                catcher(item, &item_at, template, rw)?
            };
            attr_list(out, &list.to_lowercase(), &fields);
        }
    }

    // Fields.
    let mut fields: Vec<(&'static str, FieldValue)> = Vec::new();
    let mut arms = Vec::new();
    let mut next = None;
    let mut end = None;
    let mut mode = None;
    let mut execution_type = None;
    for (key, value) in state {
        let key_at = child(at, key);
        let (field, rendered) = match (ty, key.as_str()) {
            (_, "Type" | "Comment" | "QueryLanguage" | "Assign" | "Retry" | "Catch") => continue,
            (_, "Next") => {
                next = Some(
                    value
                        .as_str()
                        .ok_or_else(|| ImportError::new(&key_at, "`Next` is a state name"))?,
                );
                continue;
            }
            (_, "End") => {
                end = Some(value.clone());
                continue;
            }
            ("Choice", "Choices") => {
                arms = choice::arms(value, &key_at, jsonata, out.indent + 1, rw)?;
                continue;
            }
            ("Choice", "Default") => continue,
            (t, "InputPath" | "OutputPath") if t != "Fail" => {
                let name = if key == "InputPath" {
                    "input_path"
                } else {
                    "output_path"
                };
                (name, path_or_null(value, &key_at, rw)?)
            }
            (t, "Output") if t != "Fail" => (
                "output",
                FieldValue::Value(tree(value, &key_at, template, false)?),
            ),
            ("Pass" | "Task" | "Parallel" | "Map", "ResultPath") => {
                ("result_path", path_or_null(value, &key_at, rw)?)
            }
            ("Pass" | "Task" | "Parallel", "Parameters") => (
                "parameters",
                FieldValue::Value(payload(value, &key_at, template, false)?),
            ),
            ("Task" | "Parallel" | "Map", "Arguments") => (
                "arguments",
                FieldValue::Value(payload(value, &key_at, template, false)?),
            ),
            ("Task" | "Parallel" | "Map", "ResultSelector") => (
                "result_selector",
                FieldValue::Value(payload(value, &key_at, template, false)?),
            ),
            ("Task", "Credentials") => (
                "credentials",
                FieldValue::Value(payload(value, &key_at, template, false)?),
            ),
            ("Pass", "Result") => (
                "result",
                FieldValue::Value(tree(value, &key_at, Mode::Literal, false)?),
            ),
            ("Task", "Resource") => ("resource", plain_string(value, &key_at)?),
            ("Map", "Label") => ("label", plain_string(value, &key_at)?),
            ("Task", "TimeoutSeconds" | "TimeoutSecondsPath") => {
                ("timeout", number_or_path(key, value, &key_at, true, rw)?)
            }
            ("Task", "HeartbeatSeconds" | "HeartbeatSecondsPath") => {
                ("heartbeat", number_or_path(key, value, &key_at, true, rw)?)
            }
            ("Wait", "Seconds" | "SecondsPath") => {
                ("seconds", number_or_path(key, value, &key_at, true, rw)?)
            }
            ("Map", "MaxConcurrency" | "MaxConcurrencyPath") => (
                "max_concurrency",
                number_or_path(key, value, &key_at, false, rw)?,
            ),
            ("Map", "ToleratedFailurePercentage" | "ToleratedFailurePercentagePath") => (
                "tolerated_failure_percentage",
                number_or_path(key, value, &key_at, false, rw)?,
            ),
            ("Map", "ToleratedFailureCount" | "ToleratedFailureCountPath") => (
                "tolerated_failure_count",
                number_or_path(key, value, &key_at, false, rw)?,
            ),
            ("Wait", "Timestamp") => ("timestamp", plain_string(value, &key_at)?),
            ("Wait", "TimestampPath") => ("timestamp", path_only(value, &key_at, rw)?),
            ("Fail", "Error") => ("error", plain_string(value, &key_at)?),
            ("Fail", "Cause") => ("cause", plain_string(value, &key_at)?),
            ("Fail", "ErrorPath" | "CausePath") => {
                let name = if key == "ErrorPath" { "error" } else { "cause" };
                let expr = value.as_str().ok_or_else(|| {
                    ImportError::new(&key_at, format!("`{key}` is a path or an intrinsic call"))
                })?;
                let written = text::expression(expr).map_err(|m| ImportError::new(&key_at, m))?;
                text::note_respaced(rw, &key_at, expr, &written);
                (name, FieldValue::Value(Tree::Atom(written.dsl)))
            }
            ("Map", "ItemsPath") => ("items", path_only(value, &key_at, rw)?),
            ("Map", "Items") => (
                "items",
                FieldValue::Value(tree(value, &key_at, template, false)?),
            ),
            ("Map", "ItemSelector") => (
                "item_selector",
                FieldValue::Value(payload(value, &key_at, template, true)?),
            ),
            ("Map", "ItemReader") => (
                "item_reader",
                FieldValue::Value(payload(value, &key_at, template, false)?),
            ),
            ("Map", "ItemBatcher") => (
                "item_batcher",
                FieldValue::Value(payload(value, &key_at, template, false)?),
            ),
            ("Map", "ResultWriter") => (
                "result_writer",
                FieldValue::Value(payload(value, &key_at, template, false)?),
            ),
            ("Parallel", "Branches") => ("branches", branches(value, &key_at, jsonata, rw)?),
            ("Map", "ItemProcessor" | "Iterator") => {
                if key == "Iterator" {
                    legacy_map_key(state, at, "Iterator", "ItemProcessor", "processor", rw)?;
                }
                let (block, m, e) = processor(value, &key_at, jsonata, rw)?;
                mode = m;
                execution_type = e;
                ("processor", block)
            }
            ("Map", "Parameters") => {
                legacy_map_key(state, at, "Parameters", "ItemSelector", "item_selector", rw)?;
                (
                    "item_selector",
                    FieldValue::Value(payload(value, &key_at, template, true)?),
                )
            }
            (t, k) => {
                return Err(ImportError::new(
                    key_at,
                    format!("a {t} state has no field `{k}` the DSL can write"),
                ));
            }
        };
        if fields.iter().any(|(f, _)| *f == field) {
            return Err(ImportError::new(
                key_at,
                format!(
                    "`{key}` and another form of it are both given; the DSL writes one `{field}`"
                ),
            ));
        }
        fields.push((field, rendered));
    }
    if let Some(word) = mode {
        fields.insert(0, ("mode", FieldValue::Value(Tree::Atom(word))));
    }
    if let Some(word) = execution_type {
        fields.insert(0, ("execution_type", FieldValue::Value(Tree::Atom(word))));
    }
    let required = match ty {
        "Choice" => "Choices",
        "Task" => "Resource",
        "Parallel" => "Branches",
        "Map" if state.contains_key("ItemProcessor") => "ItemProcessor",
        "Map" if state.contains_key("Iterator") => "Iterator",
        "Map" => "ItemProcessor",
        _ => "Type",
    };
    if !state.contains_key(required) {
        return Err(ImportError::new(
            at,
            format!("a {ty} state needs `{required}`"),
        ));
    }
    if ty == "Choice"
        && let Some(default) = state.get("Default")
    {
        let target = default
            .as_str()
            .ok_or_else(|| ImportError::new(child(at, "Default"), "`Default` is a state name"))?;
        arms.push(format!("_ => {},", state_name(target)));
    }

    // The transition.
    let arrow = match (ty, next, &end) {
        ("Choice" | "Succeed" | "Fail", None, None) => String::new(),
        ("Choice" | "Succeed" | "Fail", _, _) => {
            return Err(ImportError::new(
                at,
                format!("a {ty} state takes no `Next` or `End`"),
            ));
        }
        (_, Some(target), None) => format!(" -> {}", state_name(target)),
        (_, None, Some(Json::Bool(true))) => " -> end".into(),
        _ => {
            return Err(ImportError::new(
                at,
                "a state of this type needs either `Next` or `\"End\": true`",
            ));
        }
    };

    // The declaration: fields in one reading order (what the state does, then its data flow,
    // nested blocks last).
    fields.sort_by_key(|(field, _)| {
        FIELD_ORDER
            .iter()
            .position(|f| f == field)
            .unwrap_or(FIELD_ORDER.len())
    });
    let head = format!("{}: {ty}", state_name(name));
    if fields.is_empty() && arms.is_empty() {
        out.line(&format!("{head}{arrow},"));
        return Ok(());
    }
    if arms.is_empty() && fields.len() <= 2 {
        let parts: Option<Vec<String>> = fields
            .iter()
            .map(|(field, rendered)| match rendered {
                FieldValue::Value(t) => Some(format!("{field}: {}", flat(t))),
                FieldValue::Blocks(..) => None,
            })
            .collect();
        if let Some(parts) = parts {
            let one_line = format!("{head} {{ {} }}{arrow},", parts.join(", "));
            if fits(out.indent, 0, &one_line) {
                out.line(&one_line);
                return Ok(());
            }
        }
    }
    out.line(&format!("{head} {{"));
    out.indent += 1;
    for arm in &arms {
        out.line(arm);
    }
    for (field, rendered) in &fields {
        match rendered {
            FieldValue::Value(t) => {
                let text = layout(t, out.indent, field.len() + 3);
                out.line(&format!("{field}: {text},"));
            }
            FieldValue::Blocks(blocks, list) => {
                out.line(&format!("{field}: {}", if *list { "[" } else { "{" }));
                out.indent += 1;
                for block in blocks {
                    if *list {
                        out.line("{");
                        out.indent += 1;
                    }
                    for line in block.lines() {
                        if line.is_empty() {
                            out.text.push('\n');
                        } else {
                            out.line(line);
                        }
                    }
                    if *list {
                        out.indent -= 1;
                        out.line("},");
                    }
                }
                out.indent -= 1;
                out.line(if *list { "]," } else { "}," });
            }
        }
    }
    out.indent -= 1;
    out.line(&format!("}}{arrow},"));
    Ok(())
}

/// A legacy Map key (`Iterator`, `Parameters`) is written as its modern field, with a note;
/// given together with its modern form, it cannot be.
fn legacy_map_key(
    state: &serde_json::Map<String, Json>,
    at: &str,
    legacy: &'static str,
    modern: &'static str,
    field: &str,
    rw: &mut Rewrites,
) -> Result<(), ImportError> {
    if state.contains_key(modern) {
        return Err(ImportError::new(
            child(at, legacy),
            format!(
                "`{legacy}` is the legacy form of `{modern}`, which is also given; the DSL writes one `{field}` (remove `{legacy}`)"
            ),
        ));
    }
    rw.rename(
        at,
        legacy,
        modern,
        format!("{legacy} written as {field} ({modern}), same meaning"),
    );
    Ok(())
}
