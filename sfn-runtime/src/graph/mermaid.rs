//! Mermaid `flowchart` output.

use std::fmt::Write as _;

use super::build::{EdgeKind, Graph, NodeShape, Scope};

impl Graph {
    /// Renders the diagram as a Mermaid flowchart (paste into a ```` ```mermaid ```` block).
    pub fn to_mermaid(&self) -> String {
        let mut out = String::from("flowchart TD\n");
        scope(&mut out, &self.root, 1);
        out.push_str("    classDef succeed fill:#d4f7d4,stroke:#2a8a2a\n");
        out.push_str("    classDef fail fill:#f9d6d5,stroke:#b52a22\n");
        out
    }
}

fn scope(out: &mut String, scope: &Scope, depth: usize) {
    let pad = "    ".repeat(depth);
    let start = format!("{}_start", scope.id);
    let end = format!("{}_end", scope.id);
    let _ = writeln!(out, "{pad}{start}((\"{}\"))", escape(&scope.title));
    if let Some(first) = &scope.start {
        let _ = writeln!(out, "{pad}{start} --> {first}");
    }
    let mut has_end = false;
    for node in &scope.nodes {
        let label = escape(&node.label);
        let (open, close, class) = match node.shape {
            NodeShape::Box => ("[\"", "\"]", None),
            NodeShape::Diamond => ("{\"", "\"}", None),
            NodeShape::Success => ("([\"", "\"])", Some("succeed")),
            NodeShape::Failure => ("([\"", "\"])", Some("fail")),
        };
        let _ = writeln!(out, "{pad}{}{open}{label}{close}", node.id);
        if let Some(class) = class {
            let _ = writeln!(out, "{pad}class {} {class}", node.id);
        }
    }
    for edge in &scope.edges {
        let to = match &edge.to {
            Some(to) => to.clone(),
            None => {
                has_end = true;
                end.clone()
            }
        };
        let arrow = match edge.kind {
            EdgeKind::Normal => "-->",
            EdgeKind::Catch => "-.->",
        };
        match &edge.label {
            Some(label) => {
                let _ = writeln!(
                    out,
                    "{pad}{} {arrow}|\"{}\"| {to}",
                    edge.from,
                    escape(label)
                );
            }
            None => {
                let _ = writeln!(out, "{pad}{} {arrow} {to}", edge.from);
            }
        }
    }
    if has_end {
        let _ = writeln!(out, "{pad}{end}((\"end\"))");
    }
    for (owner, child) in &scope.children {
        let _ = writeln!(
            out,
            "{pad}subgraph {}[\"{}\"]",
            child.id,
            escape(&child.title)
        );
        self::scope(out, child, depth + 1);
        let _ = writeln!(out, "{pad}end");
        let _ = writeln!(out, "{pad}{owner} -.- {}", child.id);
    }
}

/// A label's text for inside Mermaid's `"..."`: every character that could end the label,
/// start markup or break the line (quotes, `#`, `<`, `&`, `|`, brackets, newlines, NUL and
/// every other control or line-separator character) becomes a numeric entity code `#N;`, which
/// Mermaid decodes back to the character; other characters are written as they are.
pub(crate) fn escape(text: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let plain = c.is_ascii_alphanumeric()
            || matches!(
                c,
                ' ' | '_'
                    | '-'
                    | '.'
                    | ','
                    | ':'
                    | '/'
                    | '$'
                    | '@'
                    | '!'
                    | '?'
                    | '+'
                    | '='
                    | '*'
                    | '\''
                    | '%'
                    | '~'
                    | '^'
                    | '('
                    | ')'
                    | '['
                    | ']'
                    | '{'
                    | '}'
                    | ';'
            )
            || (!c.is_ascii()
                && !c.is_control()
                && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}'));
        if plain {
            out.push(c);
        } else if let Some(name) = named_entity(c) {
            out.push_str(name);
        } else {
            let _ = write!(out, "#{};", u32::from(c));
        }
    }
    out
}

/// The readable entity names Mermaid knows, for the characters labels use most.
fn named_entity(c: char) -> Option<&'static str> {
    Some(match c {
        '"' => "#quot;",
        '<' => "#lt;",
        '>' => "#gt;",
        '&' => "#amp;",
        _ => return None,
    })
}
