//! Blocks of states and single states: attributes, fields and the transition.

use std::collections::HashSet;

use serde_json::{Map, Value as Json};

use super::choice;
use super::error::{ImportError, child};
use super::layout::{Out, fits};
use super::names::{is_plain_ident, state_name};
use super::text;
use super::value::{Mode, Tree, duration, flat, layout, string, tree};

type Object = Map<String, Json>;

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

/// `jsonata` / `jsonpath` for a `QueryLanguage` value.
pub fn query_language_word(value: &Json, at: &str) -> Result<&'static str, ImportError> {
    match value.as_str() {
        Some("JSONata") => Ok("jsonata"),
        Some("JSONPath") => Ok("jsonpath"),
        _ => Err(ImportError::new(
            at,
            "`QueryLanguage` is \"JSONata\" or \"JSONPath\"",
        )),
    }
}

/// Writes the states of `container` (the machine, a branch or a processor at `base`).
pub fn block(
    out: &mut Out,
    container: &Object,
    base: &str,
    jsonata: bool,
    nested: bool,
) -> Result<(), ImportError> {
    let start = container
        .get("StartAt")
        .and_then(Json::as_str)
        .ok_or_else(|| {
            ImportError::new(child(base, "StartAt"), "`StartAt` names the first state")
        })?;
    let Some(Json::Object(states)) = container.get("States") else {
        return Err(ImportError::new(
            child(base, "States"),
            "`States` is an object of states",
        ));
    };
    let states_at = child(base, "States");
    if states.is_empty() {
        return Err(ImportError::new(
            states_at,
            "a block needs at least one state",
        ));
    }
    if !states.contains_key(start) {
        return Err(ImportError::new(
            child(base, "StartAt"),
            format!("`StartAt` names `{start}`, which is not a state of this block"),
        ));
    }
    targets_exist(states, &states_at)?;
    reachable(states, start, &states_at)?;
    let mut order: Vec<(&String, &Json)> = states.iter().collect();
    let mut mark_start = order
        .first()
        .is_some_and(|(name, _)| name.as_str() != start);
    // The DSL reads `{ "Name": .. }` as an object, not a block, when a nested block's first
    // state starts with a string name; an attribute in front (`#[start]`) makes it a block.
    if nested
        && let Some((first, state)) = order.first()
        && !is_plain_ident(first)
        && !has_attrs(state)
    {
        mark_start = true;
        if let Some(index) = order.iter().position(|(name, _)| name.as_str() == start) {
            let entry = order.remove(index);
            order.insert(0, entry);
        }
    }
    for (i, (name, state)) in order.into_iter().enumerate() {
        if i > 0 {
            out.text.push('\n');
        }
        let at = child(&states_at, name);
        let is_start = mark_start && name.as_str() == start;
        write_state(out, name, state, &at, jsonata, is_start)?;
    }
    Ok(())
}

fn has_attrs(state: &Json) -> bool {
    ["Comment", "QueryLanguage", "Assign", "Retry", "Catch"]
        .iter()
        .any(|key| state.get(key).is_some())
}

/// Every transition names a state of its own block (the DSL cannot leave a branch).
fn targets_exist(states: &Object, at: &str) -> Result<(), ImportError> {
    for (name, state) in states {
        let state_at = child(at, name);
        let mut targets: Vec<(String, &Json)> = Vec::new();
        for key in ["Next", "Default"] {
            if let Some(target) = state.get(key) {
                targets.push((child(&state_at, key), target));
            }
        }
        for list in ["Choices", "Catch"] {
            if let Some(Json::Array(items)) = state.get(list) {
                for (i, item) in items.iter().enumerate() {
                    if let Some(target) = item.get("Next") {
                        let item_at = child(&child(&state_at, list), &i.to_string());
                        targets.push((child(&item_at, "Next"), target));
                    }
                }
            }
        }
        for (pointer, target) in targets {
            match target.as_str() {
                Some(target) if states.contains_key(target) => {}
                Some(target) => {
                    return Err(ImportError::new(
                        pointer,
                        format!(
                            "no state named `{target}` in this block (a transition cannot leave a Parallel branch or a Map processor)"
                        ),
                    ));
                }
                None => return Err(ImportError::new(pointer, "a transition names a state")),
            }
        }
    }
    Ok(())
}

/// The DSL refuses unreachable states: report them at their pointer.
fn reachable(states: &Object, start: &str, at: &str) -> Result<(), ImportError> {
    let mut seen: HashSet<&str> = HashSet::from([start]);
    let mut queue = vec![start];
    while let Some(name) = queue.pop() {
        let Some(state) = states.get(name) else {
            continue;
        };
        let mut targets: Vec<&str> = Vec::new();
        targets.extend(state.get("Next").and_then(Json::as_str));
        targets.extend(state.get("Default").and_then(Json::as_str));
        for list in ["Choices", "Catch"] {
            if let Some(Json::Array(items)) = state.get(list) {
                targets.extend(items.iter().filter_map(|i| i.get("Next")?.as_str()));
            }
        }
        for target in targets {
            if states.contains_key(target) && seen.insert(target) {
                queue.push(target);
            }
        }
    }
    match states.keys().find(|name| !seen.contains(name.as_str())) {
        Some(name) => Err(ImportError::new(
            child(at, name),
            format!(
                "state `{name}` is unreachable from the start state; the DSL refuses unreachable states (remove it)"
            ),
        )),
        None => Ok(()),
    }
}

/// A field's rendered value.
enum FieldValue {
    Value(Tree),
    /// Blocks of states, already written at level 0 (one for `processor`, several for `branches`).
    Blocks(Vec<String>, bool),
}

fn write_state(
    out: &mut Out,
    name: &str,
    state: &Json,
    at: &str,
    scope_jsonata: bool,
    is_start: bool,
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
                catcher(item, &item_at, template)?
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
                arms = choice::arms(value, &key_at, jsonata, out.indent + 1)?;
                continue;
            }
            ("Choice", "Default") => continue,
            (t, "InputPath" | "OutputPath") if t != "Fail" => {
                let name = if key == "InputPath" {
                    "input_path"
                } else {
                    "output_path"
                };
                (name, path_or_null(value, &key_at)?)
            }
            (t, "Output") if t != "Fail" => (
                "output",
                FieldValue::Value(tree(value, &key_at, template, false)?),
            ),
            ("Pass" | "Task" | "Parallel" | "Map", "ResultPath") => {
                ("result_path", path_or_null(value, &key_at)?)
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
                ("timeout", number_or_path(key, value, &key_at, true)?)
            }
            ("Task", "HeartbeatSeconds" | "HeartbeatSecondsPath") => {
                ("heartbeat", number_or_path(key, value, &key_at, true)?)
            }
            ("Wait", "Seconds" | "SecondsPath") => {
                ("seconds", number_or_path(key, value, &key_at, true)?)
            }
            ("Map", "MaxConcurrency" | "MaxConcurrencyPath") => (
                "max_concurrency",
                number_or_path(key, value, &key_at, false)?,
            ),
            ("Map", "ToleratedFailurePercentage" | "ToleratedFailurePercentagePath") => (
                "tolerated_failure_percentage",
                number_or_path(key, value, &key_at, false)?,
            ),
            ("Map", "ToleratedFailureCount" | "ToleratedFailureCountPath") => (
                "tolerated_failure_count",
                number_or_path(key, value, &key_at, false)?,
            ),
            ("Wait", "Timestamp") => ("timestamp", plain_string(value, &key_at)?),
            ("Wait", "TimestampPath") => ("timestamp", path_only(value, &key_at)?),
            ("Fail", "Error") => ("error", plain_string(value, &key_at)?),
            ("Fail", "Cause") => ("cause", plain_string(value, &key_at)?),
            ("Fail", "ErrorPath" | "CausePath") => {
                let name = if key == "ErrorPath" { "error" } else { "cause" };
                let expr = value.as_str().ok_or_else(|| {
                    ImportError::new(&key_at, format!("`{key}` is a path or an intrinsic call"))
                })?;
                let dsl = text::expression(expr).map_err(|m| ImportError::new(&key_at, m))?;
                (name, FieldValue::Value(Tree::Atom(dsl)))
            }
            ("Map", "ItemsPath") => ("items", path_only(value, &key_at)?),
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
            ("Parallel", "Branches") => ("branches", branches(value, &key_at, jsonata)?),
            ("Map", "ItemProcessor") => {
                let (block, m, e) = processor(value, &key_at, jsonata)?;
                mode = m;
                execution_type = e;
                ("processor", block)
            }
            ("Map", "Iterator" | "Parameters") => {
                return Err(ImportError::new(
                    key_at,
                    format!(
                        "`{key}` is the legacy Map form; the DSL writes `ItemProcessor`/`ItemSelector` (rename `{key}` to `{}` in the ASL first)",
                        if key == "Iterator" {
                            "ItemProcessor"
                        } else {
                            "ItemSelector"
                        }
                    ),
                ));
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

/// A payload template field: the DSL takes an object, an array or a JSONata string there,
/// not a bare path.
fn payload(value: &Json, at: &str, mode: Mode, selector: bool) -> Result<Tree, ImportError> {
    tree(value, at, mode, selector)
}

fn plain_string(value: &Json, at: &str) -> Result<FieldValue, ImportError> {
    match value {
        Json::String(s) => Ok(FieldValue::Value(Tree::Atom(string(s)))),
        _ => Err(ImportError::new(
            at,
            "the DSL writes this field as a string",
        )),
    }
}

fn path_only(value: &Json, at: &str) -> Result<FieldValue, ImportError> {
    let expr = value
        .as_str()
        .ok_or_else(|| ImportError::new(at, "this field is a path"))?;
    map_context(expr, at)?;
    let dsl = text::path(expr).map_err(|m| ImportError::new(at, m))?;
    Ok(FieldValue::Value(Tree::Atom(dsl)))
}

fn path_or_null(value: &Json, at: &str) -> Result<FieldValue, ImportError> {
    match value {
        Json::Null => Ok(FieldValue::Value(Tree::Atom("null".into()))),
        _ => path_only(value, at),
    }
}

/// `$$.Map.Item` is accepted by the DSL only in a Map's `item_selector`.
pub fn map_context(expr: &str, at: &str) -> Result<(), ImportError> {
    if expr.contains("$$.Map.") {
        return Err(ImportError::new(
            at,
            "the DSL accepts `$$.Map.Item` only in a Map's `ItemSelector`",
        ));
    }
    Ok(())
}

/// `TimeoutSeconds: 30` -> `30s`; `TimeoutSecondsPath` -> a path; JSONata strings as written.
fn number_or_path(
    key: &str,
    value: &Json,
    at: &str,
    is_time: bool,
) -> Result<FieldValue, ImportError> {
    if key.ends_with("Path") {
        return path_only(value, at);
    }
    let atom = match value {
        Json::Number(n) => match n.as_u64() {
            Some(seconds) if is_time => duration(seconds),
            _ => n.to_string(),
        },
        Json::String(s) if crate::lower::is_jsonata(s) => string(s),
        _ => {
            return Err(ImportError::new(
                at,
                format!("`{key}` is a number or a JSONata string"),
            ));
        }
    };
    Ok(FieldValue::Value(Tree::Atom(atom)))
}

fn sub_block(
    value: &Json,
    at: &str,
    jsonata: bool,
    allowed: &[&str],
) -> Result<String, ImportError> {
    let Json::Object(container) = value else {
        return Err(ImportError::new(
            at,
            "a block of states is an object with `StartAt` and `States`",
        ));
    };
    if let Some(key) = container.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(ImportError::new(
            child(at, key),
            format!("`{key}` cannot be written in a block of states"),
        ));
    }
    let mut out = Out::default();
    block(&mut out, container, at, jsonata, true)?;
    Ok(out.text)
}

fn branches(value: &Json, at: &str, jsonata: bool) -> Result<FieldValue, ImportError> {
    let Json::Array(items) = value else {
        return Err(ImportError::new(at, "`Branches` is an array of blocks"));
    };
    let blocks = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            sub_block(
                item,
                &child(at, &i.to_string()),
                jsonata,
                &["StartAt", "States"],
            )
        })
        .collect::<Result<_, _>>()?;
    Ok(FieldValue::Blocks(blocks, true))
}

type Processor = (FieldValue, Option<String>, Option<String>);

fn processor(value: &Json, at: &str, jsonata: bool) -> Result<Processor, ImportError> {
    let block = sub_block(
        value,
        at,
        jsonata,
        &["StartAt", "States", "ProcessorConfig"],
    )?;
    let mut mode = None;
    let mut execution_type = None;
    if let Some(config) = value.get("ProcessorConfig") {
        let config_at = child(at, "ProcessorConfig");
        let Json::Object(config) = config else {
            return Err(ImportError::new(
                config_at,
                "`ProcessorConfig` is an object",
            ));
        };
        if config.is_empty() {
            return Err(ImportError::new(
                config_at,
                "the DSL cannot write an empty `ProcessorConfig` (remove it)",
            ));
        }
        for (key, value) in config {
            let words: &[&str] = match key.as_str() {
                "Mode" => &["INLINE", "DISTRIBUTED"],
                "ExecutionType" => &["STANDARD", "EXPRESS"],
                _ => {
                    return Err(ImportError::new(
                        child(&config_at, key),
                        format!("`{key}` has no DSL field"),
                    ));
                }
            };
            let word = value
                .as_str()
                .filter(|w| words.contains(w))
                .ok_or_else(|| {
                    ImportError::new(
                        child(&config_at, key),
                        format!("`{key}` is one of {}", words.join(", ")),
                    )
                })?
                .to_lowercase();
            if key == "Mode" {
                mode = Some(word);
            } else {
                execution_type = Some(word);
            }
        }
    }
    Ok((FieldValue::Blocks(vec![block], false), mode, execution_type))
}

fn retrier(item: &Json, at: &str) -> Result<Vec<(String, Tree)>, ImportError> {
    let Json::Object(item) = item else {
        return Err(ImportError::new(at, "a retrier is an object"));
    };
    let mut fields = Vec::new();
    for (key, value) in item {
        let key_at = child(at, key);
        let (name, text) = match key.as_str() {
            "ErrorEquals" => {
                fields.push(("errors".to_owned(), error_names(value, &key_at)?));
                continue;
            }
            "IntervalSeconds" | "MaxDelaySeconds" => {
                let seconds = value.as_u64().ok_or_else(|| {
                    ImportError::new(
                        &key_at,
                        format!("the DSL writes `{key}` as a whole number of seconds"),
                    )
                })?;
                (
                    if key == "IntervalSeconds" {
                        "interval"
                    } else {
                        "max_delay"
                    },
                    duration(seconds),
                )
            }
            "MaxAttempts" | "BackoffRate" => match value {
                Json::Number(n) => (
                    if key == "MaxAttempts" {
                        "max_attempts"
                    } else {
                        "backoff_rate"
                    },
                    n.to_string(),
                ),
                _ => return Err(ImportError::new(key_at, format!("`{key}` is a number"))),
            },
            "JitterStrategy" => match value.as_str() {
                Some("FULL") => ("jitter", "full".into()),
                Some("NONE") => ("jitter", "none".into()),
                _ => {
                    return Err(ImportError::new(
                        key_at,
                        "`JitterStrategy` is \"FULL\" or \"NONE\"",
                    ));
                }
            },
            "Comment" => ("comment", comment_string(value, &key_at)?),
            other => {
                return Err(ImportError::new(
                    key_at,
                    format!("a retrier has no field `{other}` the DSL can write"),
                ));
            }
        };
        fields.push((name.to_owned(), Tree::Atom(text)));
    }
    if !item.contains_key("ErrorEquals") {
        return Err(ImportError::new(at, "a retrier needs `ErrorEquals`"));
    }
    Ok(ordered(
        fields,
        &[
            "errors",
            "interval",
            "max_attempts",
            "backoff_rate",
            "max_delay",
            "jitter",
            "comment",
        ],
    ))
}

fn catcher(item: &Json, at: &str, template: Mode) -> Result<Vec<(String, Tree)>, ImportError> {
    let Json::Object(item) = item else {
        return Err(ImportError::new(at, "a catcher is an object"));
    };
    let mut fields = Vec::new();
    for (key, value) in item {
        let key_at = child(at, key);
        let (name, text) = match key.as_str() {
            "ErrorEquals" => {
                fields.push(("errors".to_owned(), error_names(value, &key_at)?));
                continue;
            }
            "Next" => (
                "next",
                state_name(
                    value
                        .as_str()
                        .ok_or_else(|| ImportError::new(&key_at, "`Next` is a state name"))?,
                ),
            ),
            "ResultPath" => match path_or_null(value, &key_at)? {
                FieldValue::Value(t) => {
                    fields.push(("result_path".to_owned(), t));
                    continue;
                }
                FieldValue::Blocks(..) => continue,
            },
            "Assign" | "Output" => {
                let t = tree(value, &key_at, template, false)?;
                fields.push((key.to_lowercase(), t));
                continue;
            }
            "Comment" => ("comment", comment_string(value, &key_at)?),
            other => {
                return Err(ImportError::new(
                    key_at,
                    format!("a catcher has no field `{other}` the DSL can write"),
                ));
            }
        };
        fields.push((name.to_owned(), Tree::Atom(text)));
    }
    for required in ["ErrorEquals", "Next"] {
        if !item.contains_key(required) {
            return Err(ImportError::new(
                at,
                format!("a catcher needs `{required}`"),
            ));
        }
    }
    Ok(ordered(
        fields,
        &[
            "errors",
            "next",
            "result_path",
            "assign",
            "output",
            "comment",
        ],
    ))
}

/// Attribute fields in the order the DSL documents them.
fn ordered(mut fields: Vec<(String, Tree)>, order: &[&str]) -> Vec<(String, Tree)> {
    fields.sort_by_key(|(name, _)| order.iter().position(|o| o == name).unwrap_or(order.len()));
    fields
}

fn comment_string(value: &Json, at: &str) -> Result<String, ImportError> {
    value
        .as_str()
        .map(string)
        .ok_or_else(|| ImportError::new(at, "`Comment` is a string"))
}

fn error_names(value: &Json, at: &str) -> Result<Tree, ImportError> {
    let Json::Array(items) = value else {
        return Err(ImportError::new(
            at,
            "`ErrorEquals` is an array of error names",
        ));
    };
    let names = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            item.as_str()
                .map(|name| Tree::Atom(string(name)))
                .ok_or_else(|| {
                    ImportError::new(child(at, &i.to_string()), "an error name is a string")
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Tree::Array(names))
}

/// `#[name(a = 1, b = 2)]`, one field per line when long.
fn attr_list(out: &mut Out, name: &str, fields: &[(String, Tree)]) {
    let parts: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{k} = {}", flat(v)))
        .collect();
    let one_line = format!("#[{name}({})]", parts.join(", "));
    if fits(out.indent, 0, &one_line) {
        out.line(&one_line);
        return;
    }
    out.line(&format!("#[{name}("));
    out.indent += 1;
    for (key, value) in fields {
        let text = layout(value, out.indent, key.len() + 4);
        out.line(&format!("{key} = {text},"));
    }
    out.indent -= 1;
    out.line(")]");
}
