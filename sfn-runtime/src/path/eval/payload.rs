//! Payload templates (`Parameters`, `ResultSelector`, `ItemSelector`, `Assign`, ...):
//! keys ending in `.$` are evaluated and renamed, everything else is copied.

use serde_json::{Map, Value};

use super::select::compact;
use super::{Scope, eval_expr};
use crate::path::ast::Root;
use crate::path::error::{EvalError, RUNTIME};
use crate::path::expr::{Expr, parse_expr};

/// Renders a payload template against `scope`. At any depth (inside nested objects and
/// objects in arrays), a key `k.$` becomes `k` with the value of the path or intrinsic it
/// holds; other keys keep their values literally.
///
/// Fails with `States.Runtime` when a `.$` value is not a string, does not parse, or is a
/// definite path that selects nothing; intrinsic failures keep their own error name.
///
/// ```
/// use serde_json::{json, Map};
/// use sfn_runtime::path::{render_payload, Scope, SplitMix64};
/// let input = json!({"who": "world"});
/// let scope = Scope { input: &input, context: &json!({}), variables: &Map::new() };
/// let out = render_payload(&json!({"greeting.$": "States.Format('hi {}', $.who)", "n": 1}),
///                          &scope, &mut SplitMix64::default().as_fn()).unwrap();
/// assert_eq!(out, json!({"greeting": "hi world", "n": 1}));
/// ```
pub fn render_payload(
    template: &Value,
    scope: &Scope,
    random: &mut dyn FnMut() -> u64,
) -> Result<Value, EvalError> {
    match template {
        Value::Object(map) => {
            let mut out = Map::new();
            for (key, value) in map {
                match key.strip_suffix(".$") {
                    Some(name) => {
                        out.insert(name.to_string(), dynamic(key, value, scope, random)?);
                    }
                    None => {
                        out.insert(key.clone(), render_payload(value, scope, random)?);
                    }
                }
            }
            Ok(Value::Object(out))
        }
        Value::Array(items) => items
            .iter()
            .map(|item| render_payload(item, scope, random))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        other => Ok(other.clone()),
    }
}

fn dynamic(
    key: &str,
    value: &Value,
    scope: &Scope,
    random: &mut dyn FnMut() -> u64,
) -> Result<Value, EvalError> {
    let Value::String(text) = value else {
        return Err(EvalError::runtime(format!(
            "The value for the field '{key}' must be a string holding a JSONPath or an \
             intrinsic function call, found '{}'",
            compact(value)
        )));
    };
    let expr = parse_expr(text).map_err(|e| {
        EvalError::runtime(format!(
            "The value for the field '{key}' must be a valid JSONPath or a valid intrinsic \
             function call: {e}"
        ))
    })?;
    eval_expr(&expr, scope, random).map_err(|e| {
        // Name the field, as the service does, when a path selects nothing.
        let root = match &expr {
            Expr::Path(path) if e.error == RUNTIME => match path.root {
                Root::Input => scope.input,
                Root::Context => scope.context,
                Root::Variable(_) => return e,
            },
            _ => return e,
        };
        EvalError::runtime(format!(
            "The JSONPath '{text}' specified for the field '{key}' could not be found in the \
             input '{}'",
            compact(root)
        ))
    })
}
