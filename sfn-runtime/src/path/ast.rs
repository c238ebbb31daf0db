//! The syntax tree of a JsonPath in the Step Functions dialect.

use std::ops::Range;

use serde_json::Value;

/// What a path starts from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Root {
    /// `$`: the state's input (or whatever the field applies to).
    Input,
    /// `$$`: the context object.
    Context,
    /// `$name`: a workflow variable.
    Variable(String),
}

/// A parsed path: a root followed by segments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    /// Where the path starts.
    pub root: Root,
    /// The steps applied one after another.
    pub segments: Vec<Segment>,
    /// Byte range of the path in the text it was parsed from.
    pub span: Range<usize>,
}

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// `.name`, `['name']`, `[0]`, `.*`, ... applied to the current nodes.
    Child(Selector),
    /// `..name`, `..*`, `..[0]`: applied to the current nodes and all their descendants.
    Descendant(Selector),
}

/// What a segment picks out of a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    /// A field of an object: `.name` or `['name']`.
    Name(String),
    /// An array element; negative counts from the end: `[0]`, `[-1]`.
    Index(i64),
    /// Every member: `*` or `[*]`.
    Wildcard,
    /// Several fields: `['a','b']`.
    Names(Vec<String>),
    /// Several elements: `[0,1]`.
    Indexes(Vec<i64>),
    /// A range of elements: `[1:3]`, `[-2:]`, `[::2]`.
    Slice(Slice),
    /// Elements (or the object itself) matching a predicate: `[?(@.price < 10)]`.
    Filter(Filter),
}

/// The bounds of a slice; absent bounds take their defaults at evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slice {
    /// First index (inclusive).
    pub start: Option<i64>,
    /// Last index (exclusive).
    pub end: Option<i64>,
    /// Step; never zero.
    pub step: Option<i64>,
}

/// A filter predicate (`[?( ... )]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// `a || b`
    Or(Box<Filter>, Box<Filter>),
    /// `a && b`
    And(Box<Filter>, Box<Filter>),
    /// `!a`
    Not(Box<Filter>),
    /// `@.isbn`: true when the path selects something.
    Exists(FilterPath),
    /// `@.price < 10`
    Compare {
        /// Left operand.
        left: Operand,
        /// The comparison.
        op: CompareOp,
        /// Right operand.
        right: Operand,
    },
}

/// A comparison operator inside a filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CompareOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        }
    }
}

/// One side of a filter comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operand {
    /// `@.x` or `$.x`.
    Path(FilterPath),
    /// A literal: number, string, `true`, `false` or `null`.
    Literal(Value),
}

/// A path inside a filter: relative to the current node (`@`) or to the root input (`$`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterPath {
    /// `true` for `@`, `false` for `$`.
    pub current: bool,
    /// The steps after the root.
    pub segments: Vec<Segment>,
}

impl Selector {
    /// True when the selector always picks at most one node.
    pub fn is_single(&self) -> bool {
        matches!(self, Selector::Name(_) | Selector::Index(_))
    }
}

impl Path {
    /// True when the path can select at most one node (Jayway's "definite" paths): only
    /// names and indexes, no wildcard, deep scan, union, slice or filter. A definite path
    /// evaluates to the node itself; any other path evaluates to an array of matches.
    pub fn is_definite(&self) -> bool {
        segments_definite(&self.segments)
    }

    /// True when the path is a Reference Path: definite, and every index non-negative.
    pub fn is_reference_path(&self) -> bool {
        self.segments.iter().all(|s| match s {
            Segment::Child(Selector::Name(_)) => true,
            Segment::Child(Selector::Index(i)) => *i >= 0,
            _ => false,
        })
    }

    /// True when `other` has the same root and segments (spans are ignored).
    pub fn same_as(&self, other: &Path) -> bool {
        self.root == other.root && self.segments == other.segments
    }
}

/// Definite per Jayway: single names/indexes, plus a trailing multi-name union, which
/// Jayway merges into one object.
pub(crate) fn segments_definite(segments: &[Segment]) -> bool {
    let last = segments.len().saturating_sub(1);
    segments.iter().enumerate().all(|(i, s)| match s {
        Segment::Child(sel) if sel.is_single() => true,
        Segment::Child(Selector::Names(_)) => i == last,
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use crate::path::parse_path;

    #[test]
    fn definiteness_follows_jayway() {
        for (src, definite) in [
            ("$.a[0].b", true),
            ("$.a[-1]", true),
            ("$['a','b']", true),
            ("$['a','b'].c", false),
            ("$.a[*]", false),
            ("$..a", false),
            ("$[0,1]", false),
            ("$[?(@)]", false),
        ] {
            assert_eq!(parse_path(src).unwrap().is_definite(), definite, "{src}");
        }
    }

    #[test]
    fn same_as_ignores_spans() {
        let a = parse_path("$['a']").unwrap();
        let b = parse_path("$.a").unwrap();
        assert!(a.same_as(&b));
        assert_ne!(a, b);
    }
}
