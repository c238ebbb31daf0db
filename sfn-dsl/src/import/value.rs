//! JSON values as DSL values: literals, payload templates (`"k.$": "$.x"` -> `"k": $.x`),
//! durations, laid out on one line when short and one entry per line when not.

use serde_json::Value as Json;

use super::error::{ImportError, child};
use super::layout::fits;
use super::text;

/// How a value is read by ASL (the DSL's `Mode`).
#[derive(Clone, Copy, PartialEq)]
pub enum Mode {
    /// A payload template: `k.$` keys hold paths or intrinsics.
    Template,
    /// A JSONata state's template (no `k.$` evaluation) or a verbatim value (`Result`).
    Literal,
}

/// A value, ready to be laid out.
pub enum Tree {
    /// Anything on one line.
    Atom(String),
    /// `{ key: value, .. }` (keys already rendered).
    Object(Vec<(String, Tree)>),
    /// `[value, ..]`.
    Array(Vec<Tree>),
}

/// A Rust string literal with exactly `text` as its value.
pub fn string(text: &str) -> String {
    format!("{text:?}")
}

/// Seconds as the DSL writes them: `30s`, `5min`, `1h`, `1d`.
pub fn duration(seconds: u64) -> String {
    if seconds.checked_mul(86_400_000).is_none() {
        // Too long for the DSL's millisecond durations: a plain number means the same.
        return seconds.to_string();
    }
    match seconds {
        0 => "0s".into(),
        s if s % 86_400 == 0 => format!("{}d", s / 86_400),
        s if s % 3_600 == 0 => format!("{}h", s / 3_600),
        s if s % 60 == 0 => format!("{}min", s / 60),
        s => format!("{s}s"),
    }
}

/// A JSON value at `pointer` as a DSL value.
pub fn tree(value: &Json, pointer: &str, mode: Mode, selector: bool) -> Result<Tree, ImportError> {
    Ok(match value {
        Json::Null => Tree::Atom("null".into()),
        Json::Bool(b) => Tree::Atom(b.to_string()),
        Json::Number(n) => Tree::Atom(n.to_string()),
        Json::String(s) => Tree::Atom(string(s)),
        Json::Array(items) => Tree::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| tree(item, &child(pointer, &i.to_string()), mode, selector))
                .collect::<Result<_, _>>()?,
        ),
        Json::Object(map) => {
            let mut entries = Vec::new();
            for (key, item) in map {
                let at = child(pointer, key);
                let evaluated = match (mode, key.strip_suffix(".$"), item) {
                    (Mode::Template, Some(bare), Json::String(expr)) => {
                        if !selector {
                            super::fields::map_context(expr, &at)?;
                        }
                        text::exact_expression(expr).map(|dsl| (bare, dsl))
                    }
                    _ => None,
                };
                match evaluated {
                    Some((bare, dsl)) => entries.push((string(bare), Tree::Atom(dsl))),
                    // A `k.$` the DSL cannot evaluate stays a literal key with a string: the
                    // same JSON, for the rule set to judge.
                    None => entries.push((string(key), tree(item, &at, mode, selector)?)),
                }
            }
            Tree::Object(entries)
        }
    })
}

/// Lays out `tree` for a position at `indent` that already has `extra` characters on its line.
pub fn layout(tree: &Tree, indent: usize, extra: usize) -> String {
    let flat = flat(tree);
    if fits(indent, extra, &flat) {
        return flat;
    }
    let pad = "    ".repeat(indent + 1);
    let close = "    ".repeat(indent);
    match tree {
        Tree::Atom(atom) => atom.clone(),
        Tree::Object(entries) => {
            let mut out = String::from("{\n");
            for (key, value) in entries {
                let value = layout(value, indent + 1, key.len() + 3);
                out.push_str(&format!("{pad}{key}: {value},\n"));
            }
            out.push_str(&close);
            out.push('}');
            out
        }
        Tree::Array(items) => {
            let mut out = String::from("[\n");
            for item in items {
                let item = layout(item, indent + 1, 1);
                out.push_str(&format!("{pad}{item},\n"));
            }
            out.push_str(&close);
            out.push(']');
            out
        }
    }
}

/// `tree` on one line.
pub fn flat(tree: &Tree) -> String {
    match tree {
        Tree::Atom(atom) => atom.clone(),
        Tree::Object(entries) if entries.is_empty() => "{}".into(),
        Tree::Object(entries) => {
            let inner: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{k}: {}", flat(v)))
                .collect();
            format!("{{ {} }}", inner.join(", "))
        }
        Tree::Array(items) => {
            let inner: Vec<String> = items.iter().map(flat).collect();
            format!("[{}]", inner.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_use_the_largest_whole_unit() {
        assert_eq!(duration(0), "0s");
        assert_eq!(duration(90), "90s");
        assert_eq!(duration(300), "5min");
        assert_eq!(duration(7200), "2h");
        assert_eq!(duration(172_800), "2d");
        assert_eq!(duration(u64::MAX), u64::MAX.to_string());
    }
}
