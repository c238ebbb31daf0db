//! `#[retry(..)]` and `#[catch(..)]`: one attribute per entry, fields in the documented order.

use serde_json::Value as Json;

use super::error::{ImportError, child};
use super::fields::{FieldValue, path_or_null};
use super::layout::{Out, fits};
use super::names::state_name;
use super::rewrite::Rewrites;
use super::value::{Mode, Tree, duration, flat, layout, string, tree};

pub fn retrier(item: &Json, at: &str) -> Result<Vec<(String, Tree)>, ImportError> {
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

pub fn catcher(
    item: &Json,
    at: &str,
    template: Mode,
    rw: &mut Rewrites,
) -> Result<Vec<(String, Tree)>, ImportError> {
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
            "ResultPath" => match path_or_null(value, &key_at, rw)? {
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
pub fn attr_list(out: &mut Out, name: &str, fields: &[(String, Tree)]) {
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
