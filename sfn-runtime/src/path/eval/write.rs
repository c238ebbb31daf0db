//! `ResultPath`: placing a value inside a copy of the input.

use serde_json::{Map, Value};

use super::select::compact;
use crate::path::ast::{Path, Root, Segment, Selector};
use crate::path::error::EvalError;

/// Writes `value` at `path` inside `target` and returns the result, following
/// `ResultPath` rules: `$` replaces the whole target; `$.a.b` sets field `b` of `a`,
/// creating missing intermediate objects and overwriting what is there; an index
/// replaces an existing array element.
///
/// Fails with `States.ResultPathMatchFailure` when the path goes through something
/// that is not an object (or an array, for an index), and with `States.Runtime` when
/// the path is not a Reference Path on `$`.
///
/// ```
/// use serde_json::json;
/// use sfn_runtime::path::{parse_reference_path, write_at};
/// let p = parse_reference_path("$.a.b").unwrap();
/// assert_eq!(write_at(json!({"x": 1}), &p, json!(2)).unwrap(), json!({"x": 1, "a": {"b": 2}}));
/// ```
pub fn write_at(target: Value, path: &Path, value: Value) -> Result<Value, EvalError> {
    if path.root != Root::Input || !path.is_reference_path() {
        return Err(EvalError::runtime(format!(
            "'{path}' cannot be used as a ResultPath: it must be a Reference Path starting with `$`"
        )));
    }
    let failure = |target: &Value| {
        EvalError::result_path(format!(
            "Unable to apply ResultPath '{path}' to input '{}'",
            compact(target)
        ))
    };
    let mut root = target;
    match place(&mut root, &path.segments, value) {
        Ok(()) => Ok(root),
        Err(()) => Err(failure(&root)),
    }
}

fn place(node: &mut Value, segments: &[Segment], value: Value) -> Result<(), ()> {
    let Some((first, rest)) = segments.split_first() else {
        *node = value;
        return Ok(());
    };
    let slot = match first {
        Segment::Child(Selector::Name(name)) => {
            let Value::Object(map) = node else {
                return Err(());
            };
            entry(map, name, !rest.is_empty())
        }
        Segment::Child(Selector::Index(i)) => {
            let Value::Array(items) = node else {
                return Err(());
            };
            usize::try_from(*i)
                .ok()
                .and_then(|i| items.get_mut(i))
                .ok_or(())?
        }
        _ => return Err(()),
    };
    place(slot, rest, value)
}

/// The field `name`, created as an empty object when missing and more segments follow
/// (an intermediate), or as `null` when it is the final slot (overwritten right away).
fn entry<'a>(map: &'a mut Map<String, Value>, name: &str, intermediate: bool) -> &'a mut Value {
    map.entry(name.to_string()).or_insert_with(|| {
        if intermediate {
            Value::Object(Map::new())
        } else {
            Value::Null
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::path::parse_reference_path;
    use serde_json::json;

    fn write(target: Value, path: &str, value: Value) -> Result<Value, EvalError> {
        write_at(target, &parse_reference_path(path).unwrap(), value)
    }

    #[test]
    fn dollar_replaces_everything() {
        assert_eq!(write(json!({"a": 1}), "$", json!([1])).unwrap(), json!([1]));
    }

    #[test]
    fn creates_intermediates_and_overwrites() {
        assert_eq!(
            write(json!({}), "$.a.b.c", json!(1)).unwrap(),
            json!({"a": {"b": {"c": 1}}})
        );
        assert_eq!(
            write(json!({"a": {"b": 0, "k": 2}}), "$.a.b", json!(1)).unwrap(),
            json!({"a": {"b": 1, "k": 2}})
        );
    }

    #[test]
    fn writes_into_existing_array_elements() {
        assert_eq!(
            write(json!({"a": [0, 0]}), "$.a[1]", json!(5)).unwrap(),
            json!({"a": [0, 5]})
        );
        assert_eq!(
            write(json!({"a": [0]}), "$.a[3]", json!(5))
                .unwrap_err()
                .error,
            "States.ResultPathMatchFailure"
        );
    }

    #[test]
    fn non_object_input_fails() {
        let err = write(json!("text"), "$.a", json!(1)).unwrap_err();
        assert_eq!(err.error, "States.ResultPathMatchFailure");
        assert!(err.cause.contains("'$.a'"), "{}", err.cause);
        assert_eq!(
            write(json!({"a": 3}), "$.a.b", json!(1)).unwrap_err().error,
            "States.ResultPathMatchFailure"
        );
    }

    #[test]
    fn context_and_variables_are_rejected() {
        assert_eq!(
            write(json!({}), "$$.a", json!(1)).unwrap_err().error,
            "States.Runtime"
        );
        assert_eq!(
            write(json!({}), "$v.a", json!(1)).unwrap_err().error,
            "States.Runtime"
        );
    }
}
