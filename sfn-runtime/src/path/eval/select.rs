//! Selecting nodes with a path, with Jayway's result shapes: a definite path gives the
//! node itself (or fails when it is missing), any other path gives an array of matches.

use serde_json::{Map, Value};

use super::Scope;
use super::compare::matches;
use crate::path::ast::{Path, Root, Segment, Selector, Slice, segments_definite};
use crate::path::error::EvalError;

/// Evaluates `path` against the scope.
///
/// Definite paths (see [`Path::is_definite`]) return the selected value and fail with
/// `States.Runtime` when nothing is there; other paths return an array of every match
/// (possibly empty).
pub fn select(path: &Path, scope: &Scope) -> Result<Value, EvalError> {
    let root = root_value(path, scope)?;
    evaluate(root, scope.input, &path.segments).ok_or_else(|| {
        EvalError::runtime(format!(
            "The JSONPath '{path}' could not be found in the input '{}'",
            compact(root)
        ))
    })
}

fn root_value<'a>(path: &Path, scope: &Scope<'a>) -> Result<&'a Value, EvalError> {
    match &path.root {
        Root::Input => Ok(scope.input),
        Root::Context => Ok(scope.context),
        Root::Variable(name) => scope.variables.get(name).ok_or_else(|| {
            EvalError::runtime(format!(
                "The variable '${name}' referenced by '{path}' has no value"
            ))
        }),
    }
}

/// Compact JSON text for error messages.
pub(crate) fn compact(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Applies `segments` to `root`. `input` is what `$` means inside filters. Returns `None`
/// only for a definite path that selects nothing.
pub(crate) fn evaluate(root: &Value, input: &Value, segments: &[Segment]) -> Option<Value> {
    // Jayway merges a trailing `['a','b']` into one object per node instead of listing
    // the values.
    let (walk, merge) = match segments.split_last() {
        Some((Segment::Child(Selector::Names(names)), init)) => (init, Some(names)),
        _ => (segments, None),
    };
    let mut nodes = vec![root];
    for segment in walk {
        nodes = step(&nodes, segment, input);
    }
    let mut values: Vec<Value> = match merge {
        Some(names) => nodes
            .into_iter()
            .filter_map(|node| node.as_object().map(|obj| merged(obj, names)))
            .collect(),
        None => nodes.into_iter().cloned().collect(),
    };
    if segments_definite(segments) {
        if values.is_empty() {
            None
        } else {
            Some(values.swap_remove(0))
        }
    } else {
        Some(Value::Array(values))
    }
}

fn merged(obj: &Map<String, Value>, names: &[String]) -> Value {
    let mut out = Map::new();
    for name in names {
        if let Some(v) = obj.get(name) {
            out.insert(name.clone(), v.clone());
        }
    }
    Value::Object(out)
}

fn step<'a>(nodes: &[&'a Value], segment: &Segment, input: &Value) -> Vec<&'a Value> {
    let mut out = Vec::new();
    for node in nodes {
        match segment {
            Segment::Child(sel) => apply(node, sel, input, &mut out),
            Segment::Descendant(sel) => {
                let mut all = Vec::new();
                descendants(node, &mut all);
                for n in all {
                    apply(n, sel, input, &mut out);
                }
            }
        }
    }
    out
}

/// `node` and everything below it, parents before children.
fn descendants<'a>(node: &'a Value, out: &mut Vec<&'a Value>) {
    out.push(node);
    match node {
        Value::Array(items) => items.iter().for_each(|v| descendants(v, out)),
        Value::Object(map) => map.values().for_each(|v| descendants(v, out)),
        _ => {}
    }
}

fn apply<'a>(node: &'a Value, sel: &Selector, input: &Value, out: &mut Vec<&'a Value>) {
    match sel {
        Selector::Name(name) => out.extend(node.get(name.as_str())),
        Selector::Names(names) => {
            if let Value::Object(map) = node {
                out.extend(names.iter().filter_map(|n| map.get(n)));
            }
        }
        Selector::Index(i) => out.extend(index(node, *i)),
        Selector::Indexes(indexes) => out.extend(indexes.iter().filter_map(|i| index(node, *i))),
        Selector::Wildcard => match node {
            Value::Array(items) => out.extend(items.iter()),
            Value::Object(map) => out.extend(map.values()),
            _ => {}
        },
        Selector::Slice(slice) => {
            if let Value::Array(items) = node {
                out.extend(
                    slice_indexes(slice, items.len())
                        .into_iter()
                        .filter_map(|i| items.get(i)),
                );
            }
        }
        Selector::Filter(filter) => match node {
            Value::Array(items) => {
                out.extend(items.iter().filter(|item| matches(filter, item, input)))
            }
            // Jayway applies a filter on an object to the object itself.
            Value::Object(_) if matches(filter, node, input) => out.push(node),
            _ => {}
        },
    }
}

fn index(node: &Value, i: i64) -> Option<&Value> {
    let items = node.as_array()?;
    let len = i64::try_from(items.len()).ok()?;
    let at = if i < 0 { len.checked_add(i)? } else { i };
    usize::try_from(at).ok().and_then(|at| items.get(at))
}

/// The indexes a slice selects in an array of `len` items (Python/RFC 9535 rules).
pub(crate) fn slice_indexes(slice: &Slice, len: usize) -> Vec<usize> {
    let len = i128::try_from(len).unwrap_or(i128::MAX);
    let step = i128::from(slice.step.unwrap_or(1));
    let normalize = |i: i64| {
        let i = i128::from(i);
        if i < 0 { len + i } else { i }
    };
    let mut out = Vec::new();
    if step > 0 {
        let start = slice.start.map_or(0, normalize).clamp(0, len);
        let end = slice.end.map_or(len, normalize).clamp(0, len);
        let mut i = start;
        while i < end {
            out.extend(usize::try_from(i).ok());
            i += step;
        }
    } else if step < 0 {
        let start = slice.start.map_or(len - 1, normalize).clamp(-1, len - 1);
        let end = slice.end.map_or(-1, normalize).clamp(-1, len - 1);
        let mut i = start;
        while i > end {
            out.extend(usize::try_from(i).ok());
            i += step;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(start: Option<i64>, end: Option<i64>, step: Option<i64>) -> Slice {
        Slice { start, end, step }
    }

    #[test]
    fn slices_follow_python_rules() {
        assert_eq!(slice_indexes(&s(Some(1), Some(3), None), 5), vec![1, 2]);
        assert_eq!(slice_indexes(&s(Some(-2), None, None), 5), vec![3, 4]);
        assert_eq!(slice_indexes(&s(None, None, Some(2)), 5), vec![0, 2, 4]);
        assert_eq!(slice_indexes(&s(None, None, Some(-1)), 3), vec![2, 1, 0]);
        assert_eq!(
            slice_indexes(&s(Some(10), Some(20), None), 3),
            Vec::<usize>::new()
        );
        assert_eq!(
            slice_indexes(&s(Some(i64::MIN), Some(i64::MAX), Some(i64::MAX)), 3),
            vec![0]
        );
    }

    #[test]
    fn negative_index_counts_from_the_end() {
        let v = serde_json::json!([1, 2, 3]);
        assert_eq!(index(&v, -1), Some(&serde_json::json!(3)));
        assert_eq!(index(&v, -4), None);
        assert_eq!(index(&v, 3), None);
        assert_eq!(index(&v, i64::MIN), None);
    }
}
