//! Field values of a state: templates, strings, paths, numbers with a `...Path` form, and
//! nested blocks of states (`branches`, `processor`).

use serde_json::Value as Json;

use super::block::block;
use super::error::{ImportError, child};
use super::layout::Out;
use super::rewrite::Rewrites;
use super::text;
use super::value::{Mode, Tree, duration, string, tree};

/// A field's rendered value.
pub enum FieldValue {
    /// A value.
    Value(Tree),
    /// Blocks of states, already written at level 0 (one for `processor`, several for
    /// `branches`, which is then a list).
    Blocks(Vec<String>, bool),
}

/// A payload template field: the DSL takes an object, an array or a JSONata string there,
/// not a bare path.
pub fn payload(value: &Json, at: &str, mode: Mode, selector: bool) -> Result<Tree, ImportError> {
    tree(value, at, mode, selector)
}

pub fn plain_string(value: &Json, at: &str) -> Result<FieldValue, ImportError> {
    match value {
        Json::String(s) => Ok(FieldValue::Value(Tree::Atom(string(s)))),
        _ => Err(ImportError::new(
            at,
            "the DSL writes this field as a string",
        )),
    }
}

pub fn path_only(value: &Json, at: &str, rw: &mut Rewrites) -> Result<FieldValue, ImportError> {
    let expr = value
        .as_str()
        .ok_or_else(|| ImportError::new(at, "this field is a path"))?;
    map_context(expr, at)?;
    let written = text::path(expr).map_err(|m| ImportError::new(at, m))?;
    text::note_respaced(rw, at, expr, &written);
    Ok(FieldValue::Value(Tree::Atom(written.dsl)))
}

pub fn path_or_null(value: &Json, at: &str, rw: &mut Rewrites) -> Result<FieldValue, ImportError> {
    match value {
        Json::Null => Ok(FieldValue::Value(Tree::Atom("null".into()))),
        _ => path_only(value, at, rw),
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
pub fn number_or_path(
    key: &str,
    value: &Json,
    at: &str,
    is_time: bool,
    rw: &mut Rewrites,
) -> Result<FieldValue, ImportError> {
    if key.ends_with("Path") {
        return path_only(value, at, rw);
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

pub fn sub_block(
    value: &Json,
    at: &str,
    jsonata: bool,
    allowed: &[&str],
    rw: &mut Rewrites,
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
    block(&mut out, container, at, jsonata, rw)?;
    Ok(out.text)
}

pub fn branches(
    value: &Json,
    at: &str,
    jsonata: bool,
    rw: &mut Rewrites,
) -> Result<FieldValue, ImportError> {
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
                rw,
            )
        })
        .collect::<Result<_, _>>()?;
    Ok(FieldValue::Blocks(blocks, true))
}

type Processor = (FieldValue, Option<String>, Option<String>);

pub fn processor(
    value: &Json,
    at: &str,
    jsonata: bool,
    rw: &mut Rewrites,
) -> Result<Processor, ImportError> {
    let block = sub_block(
        value,
        at,
        jsonata,
        &["StartAt", "States", "ProcessorConfig"],
        rw,
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
