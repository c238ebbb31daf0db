//! Selecting from a value that is consumed: `$.a.b[0]` moves the node out instead of
//! copying it, so an `OutputPath` or `InputPath` on a large payload costs no copy.

use serde_json::Value;

use crate::path::ast::{Path, Root, Segment, Selector};

/// What [`select`](super::select) gives for `path` on `input`, moved out of `input`,
/// when `path` is `$` followed by plain names and indexes and selects a node; `None`
/// otherwise (the caller then selects by reference, for the same value or error).
pub fn take(path: &Path, input: &mut Value) -> Option<Value> {
    if path.root != Root::Input || path.segments.is_empty() {
        return None;
    }
    let mut node = input;
    for segment in &path.segments {
        node = match segment {
            Segment::Child(Selector::Name(name)) => node.as_object_mut()?.get_mut(name)?,
            Segment::Child(Selector::Index(i)) => {
                let items = node.as_array_mut()?;
                let len = i64::try_from(items.len()).ok()?;
                let at = if *i < 0 { len.checked_add(*i)? } else { *i };
                items.get_mut(usize::try_from(at).ok()?)?
            }
            _ => return None,
        };
    }
    Some(std::mem::take(node))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::path::{Scope, parse_path, select};
    use serde_json::{Map, json};

    #[test]
    fn takes_what_select_selects() {
        let input = json!({"a": {"b": [1, {"c": "x"}, 3]}, "d": null, "e.f": 2});
        let empty = Map::new();
        let scope = Scope {
            input: &input,
            context: &Value::Null,
            variables: &empty,
        };
        for source in [
            "$.a",
            "$.a.b",
            "$.a.b[1]",
            "$.a.b[-1]",
            "$.a.b[1].c",
            "$.d",
            "$['e.f']",
        ] {
            let path = parse_path(source).unwrap();
            let mut owned = input.clone();
            assert_eq!(
                take(&path, &mut owned),
                Some(select(&path, &scope).unwrap()),
                "{source}"
            );
        }
        // Not simple, or nothing there: left to `select` (which has the error text).
        for source in [
            "$",
            "$.a.*",
            "$..c",
            "$.a.b[0:1]",
            "$.x",
            "$.a.b[5]",
            "$.a.b[-9]",
            "$.a.b.c",
            "$$.x",
        ] {
            let path = parse_path(source).unwrap();
            let mut owned = input.clone();
            assert_eq!(take(&path, &mut owned), None, "{source}");
            assert_eq!(owned, input, "{source} leaves the input alone");
        }
    }
}
