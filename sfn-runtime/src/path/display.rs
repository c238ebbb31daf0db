//! Writing paths back as text. The output re-parses to the same tree: names that need it
//! are written in bracket form, filters get the parentheses their shape needs.

use std::fmt::{self, Display, Formatter, Write};

use serde_json::Value;

use super::ast::{Filter, FilterPath, Operand, Path, Root, Segment, Selector, Slice};
use super::parse::lexeme::{bracket_form, is_plain_name, write_dot_escaped, write_quoted};

impl Display for Root {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Root::Input => f.write_str("$"),
            Root::Context => f.write_str("$$"),
            Root::Variable(name) => write!(f, "${name}"),
        }
    }
}

impl Display for Path {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.root)?;
        write_segments(f, &self.segments)
    }
}

fn write_segments(f: &mut Formatter<'_>, segments: &[Segment]) -> fmt::Result {
    for s in segments {
        write!(f, "{s}")?;
    }
    Ok(())
}

impl Display for Segment {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let (prefix, selector) = match self {
            Segment::Child(s) => (".", s),
            Segment::Descendant(s) => ("..", s),
        };
        match selector {
            Selector::Name(n) if is_plain_name(n) => write!(f, "{prefix}{n}"),
            // A name brackets cannot hold (see `bracket_form`) is written as an escaped
            // dot name.
            Selector::Name(n) if bracket_form(n).is_none() => {
                f.write_str(prefix)?;
                write_dot_escaped(f, n)
            }
            Selector::Wildcard => write!(f, "{prefix}*"),
            other => {
                if prefix == ".." {
                    f.write_str("..")?;
                }
                write!(f, "{other}")
            }
        }
    }
}

/// A field name in brackets, read back by the parser as written (best effort for the rare
/// name no quote can hold: see `bracket_form`).
fn write_name(f: &mut Formatter<'_>, name: &str) -> fmt::Result {
    match bracket_form(name) {
        Some(form) => f.write_str(&form),
        None => write_quoted(f, name),
    }
}

/// The bracket form of a selector.
impl Display for Selector {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_char('[')?;
        match self {
            Selector::Name(n) => write_name(f, n)?,
            Selector::Index(i) => write!(f, "{i}")?,
            Selector::Wildcard => f.write_char('*')?,
            Selector::Names(names) => {
                for (i, n) in names.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    write_name(f, n)?;
                }
            }
            Selector::Indexes(indexes) => {
                for (i, n) in indexes.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    write!(f, "{n}")?;
                }
            }
            Selector::Slice(s) => write!(f, "{s}")?,
            Selector::Filter(filter) => write!(f, "?({filter})")?,
        }
        f.write_char(']')
    }
}

impl Display for Slice {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if let Some(s) = self.start {
            write!(f, "{s}")?;
        }
        f.write_char(':')?;
        if let Some(e) = self.end {
            write!(f, "{e}")?;
        }
        if let Some(step) = self.step {
            write!(f, ":{step}")?;
        }
        Ok(())
    }
}

fn precedence(filter: &Filter) -> u8 {
    match filter {
        Filter::Or(..) => 1,
        Filter::And(..) => 2,
        _ => 3,
    }
}

/// Writes `child` in parentheses when it binds looser than its parent needs.
fn write_child(f: &mut Formatter<'_>, child: &Filter, min: u8) -> fmt::Result {
    if precedence(child) < min {
        write!(f, "({child})")
    } else {
        write!(f, "{child}")
    }
}

impl Display for Filter {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            // Both operators are read left-associatively, so a right child of the same
            // operator needs parentheses to keep its shape.
            Filter::Or(l, r) => {
                write_child(f, l, 1)?;
                f.write_str(" || ")?;
                write_child(f, r, 2)
            }
            Filter::And(l, r) => {
                write_child(f, l, 2)?;
                f.write_str(" && ")?;
                write_child(f, r, 3)
            }
            Filter::Not(inner) => {
                f.write_char('!')?;
                write_child(f, inner, 3)
            }
            Filter::Exists(p) => write!(f, "{p}"),
            Filter::Compare { left, op, right } => write!(f, "{left} {} {right}", op.symbol()),
        }
    }
}

impl Display for FilterPath {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_char(if self.current { '@' } else { '$' })?;
        write_segments(f, &self.segments)
    }
}

impl Display for Operand {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Operand::Path(p) => write!(f, "{p}"),
            Operand::Literal(Value::String(s)) => write_quoted(f, s),
            Operand::Literal(v) => write!(f, "{v}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::path::ast::{Path, Root, Segment, Selector, Slice};

    fn show(root: Root, segments: Vec<Segment>) -> String {
        Path {
            root,
            segments,
            span: 0..0,
        }
        .to_string()
    }

    #[test]
    fn names_use_dots_only_when_safe() {
        let s = |n: &str| Segment::Child(Selector::Name(n.into()));
        assert_eq!(
            show(Root::Input, vec![s("a"), s("b c"), s(""), s("it's")]),
            r"$.a['b c']['']['it\'s']"
        );
        assert_eq!(
            show(
                Root::Variable("v".into()),
                vec![Segment::Descendant(Selector::Name("x y".into()))]
            ),
            "$v..['x y']"
        );
    }

    #[test]
    fn selectors_in_bracket_form() {
        let c = Segment::Child;
        assert_eq!(
            show(
                Root::Context,
                vec![
                    c(Selector::Index(-1)),
                    c(Selector::Indexes(vec![0, 2])),
                    c(Selector::Slice(Slice {
                        start: None,
                        end: Some(-1),
                        step: Some(2)
                    })),
                    Segment::Descendant(Selector::Wildcard),
                ]
            ),
            "$$[-1][0,2][:-1:2]..*"
        );
    }

    #[test]
    fn filters_keep_their_shape() {
        for src in [
            "$[?(@.a && (@.b && @.c))]",
            "$[?(!(@.a || @.b))]",
            "$[?(@.a || (@.b || @.c))]",
            "$[?(@['x y'] == 'q\\'s')]",
        ] {
            let p = crate::path::parse_path(src).unwrap();
            assert_eq!(p.to_string(), src);
        }
    }
}
