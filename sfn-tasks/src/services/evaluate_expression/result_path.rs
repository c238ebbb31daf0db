//! `ResultPath` for the native state: JSONata states have none, so the value is merged
//! into the state input by the `Output` expression itself.

use super::translate::{Parser, field};
use serde_json::{Map, Value};
use std::fmt::Write as _;

/// Rewrites the native state's `Output` so that the value lands at `result_path` in the
/// state input, as CDK's `resultPath` did for the Lambda task (JSONata states have no
/// `ResultPath`). `None` (ResultPath `null`) keeps the input unchanged; `"$"` keeps the value.
/// Supports `$`, `$.a.b` and `$['a b']` segments.
pub fn apply_result_path(
    state: &mut Map<String, Value>,
    result_path: Option<&str>,
) -> Result<(), String> {
    let Some(Value::String(output)) = state.get("Output") else {
        return Err("the state has no Output".into());
    };
    let inner = output
        .trim()
        .strip_prefix("{%")
        .and_then(|s| s.strip_suffix("%}"))
        .map(str::trim)
        .ok_or("Output is not a JSONata expression")?
        .to_string();
    let new = match result_path {
        None => "$states.input".to_string(),
        Some(path) => {
            let segments = reference_segments(path)?;
            let mut expr = format!("({inner})");
            for i in (0..segments.len()).rev() {
                let parent = input_path(&segments[..i]);
                let key = serde_json::to_string(&segments[i]).map_err(|e| e.to_string())?;
                expr = format!("$merge([{parent}, {{{key}: {expr}}}])");
            }
            expr
        }
    };
    state.insert("Output".into(), Value::String(format!("{{% {new} %}}")));
    Ok(())
}

/// The field names of a simple reference path `$.a.b['c d']` (`$` alone: none).
fn reference_segments(path: &str) -> Result<Vec<String>, String> {
    let mut p = Parser { src: path, pos: 0 };
    if !path.starts_with('$') || path.starts_with("$$") {
        return Err(format!("`{path}` is not a path of the state input"));
    }
    p.pos = 1;
    let mut out = Vec::new();
    loop {
        let rest = p.rest();
        if rest.is_empty() {
            return Ok(out);
        }
        if let Some(after) = rest.strip_prefix('.') {
            let name: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if name.is_empty() {
                return Err(format!("`{path}`: expected a field name after `.`"));
            }
            p.pos += 1 + name.len();
            out.push(name);
        } else if rest.starts_with("['") || rest.starts_with("[\"") {
            p.pos += 1;
            let q = p.rest().chars().next().unwrap_or('\'');
            let name = p.string(q).map_err(|e| e.message)?;
            if !p.eat("]") {
                return Err(format!("`{path}`: expected `]`"));
            }
            out.push(name);
        } else {
            return Err(format!(
                "`{path}`: only field names are supported in a result path"
            ));
        }
    }
}

/// `$states.input` followed by field segments.
fn input_path(segments: &[String]) -> String {
    let mut text = String::from("$states.input");
    for s in segments {
        let _ = write!(text, ".{}", field(s));
    }
    text
}
