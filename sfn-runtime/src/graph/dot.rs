//! Graphviz DOT output.

use std::fmt::Write as _;

use super::build::{EdgeKind, Graph, NodeShape, Scope};

impl Graph {
    /// Renders the diagram in Graphviz DOT (`dot -Tsvg`).
    pub fn to_dot(&self) -> String {
        let mut out = String::from(
            "digraph workflow {\n    rankdir=TB;\n    node [shape=box, style=rounded, fontname=\"Helvetica\"];\n    edge [fontname=\"Helvetica\", fontsize=10];\n",
        );
        scope(&mut out, &self.root, 1);
        out.push_str("}\n");
        out
    }
}

fn scope(out: &mut String, scope: &Scope, depth: usize) {
    let pad = "    ".repeat(depth);
    let start = format!("{}_start", scope.id);
    let end = format!("{}_end", scope.id);
    let _ = writeln!(
        out,
        "{pad}{start} [shape=circle, style=filled, fillcolor=black, label=\"\", width=0.15];"
    );
    if let Some(first) = &scope.start {
        let _ = writeln!(out, "{pad}{start} -> {first};");
    }
    for node in &scope.nodes {
        let attrs = match node.shape {
            NodeShape::Box => String::new(),
            NodeShape::Diamond => ", shape=diamond, style=\"\"".into(),
            NodeShape::Success => ", style=\"rounded,filled\", fillcolor=\"#d4f7d4\"".into(),
            NodeShape::Failure => ", style=\"rounded,filled\", fillcolor=\"#f9d6d5\"".into(),
        };
        let _ = writeln!(
            out,
            "{pad}{} [label={}{attrs}];",
            node.id,
            quote(&node.label)
        );
    }
    let mut has_end = false;
    for edge in &scope.edges {
        let to = edge.to.clone().unwrap_or_else(|| {
            has_end = true;
            end.clone()
        });
        let mut attrs = Vec::new();
        if let Some(label) = &edge.label {
            attrs.push(format!("label={}", quote(label)));
        }
        if edge.kind == EdgeKind::Catch {
            attrs.push("style=dashed".into());
        }
        let attrs = if attrs.is_empty() {
            String::new()
        } else {
            format!(" [{}]", attrs.join(", "))
        };
        let _ = writeln!(out, "{pad}{} -> {to}{attrs};", edge.from);
    }
    if has_end {
        let _ = writeln!(
            out,
            "{pad}{end} [shape=doublecircle, style=filled, fillcolor=black, label=\"\", width=0.1];"
        );
    }
    for (owner, child) in &scope.children {
        let _ = writeln!(out, "{pad}subgraph cluster_{} {{", child.id);
        let _ = writeln!(out, "{pad}    label={}; style=dashed;", quote(&child.title));
        self::scope(out, child, depth + 1);
        let _ = writeln!(out, "{pad}}}");
        let _ = writeln!(
            out,
            "{pad}{owner} -> {}_start [style=dotted, arrowhead=none];",
            child.id
        );
    }
}

/// A DOT string literal: `\\` and `"` escaped, a newline as DOT's `\\n` line break, and every
/// other control character (NUL, CR, tab, ...) and `&` as an HTML entity `&#N;`, which Graphviz
/// decodes in labels (a raw NUL ends the string; a raw `&` would start an entity).
pub(crate) fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '&' => out.push_str("&#38;"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') => {
                let _ = write!(out, "&#{};", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
