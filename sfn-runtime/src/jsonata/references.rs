//! What an expression reads: input references at the top level (`$`, `$$`, bare field
//! names), which ASL forbids because a JSONata state has no input document (§11.1), and
//! the members of `$states` it uses (§11.2).

/// What one expression reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct References {
    /// Input references at the top level, as written (`$`, `$$`, `total`).
    pub top_level: Vec<String>,
    /// Members of `$states` used (`input`, `result`, ...), in order of appearance.
    pub states_members: Vec<String>,
    /// Variables read (`$total` gives `total`), other than `$states`, names bound inside
    /// the expression (`$x := ...`, lambda parameters, `@$v`, `#$i`) and JSONata's own
    /// functions passed as values (`$map(xs, $string)`).
    pub variables: Vec<String>,
}

/// The references of `body` (the text between `{%` and `%}`), or `None` when it does not
/// parse (see [`super::check_syntax`]) or the `jsonata` feature is off.
///
/// ```
/// use sfn_runtime::jsonata::references;
/// let r = references(" $states.input.a + total ").unwrap();
/// assert_eq!(r.top_level, ["total"]);
/// assert_eq!(r.states_members, ["input"]);
/// ```
pub fn references(body: &str) -> Option<References> {
    imp::references(body)
}

#[cfg(feature = "jsonata")]
mod imp {
    use jsonata_core::ast::{AstNode, BinaryOp, PathStep, Stage};

    use super::References;

    /// Deeper expressions are not searched: the parser has already accepted them, and the
    /// walk must not exhaust the stack.
    const MAX_DEPTH: usize = 200;

    pub(super) fn references(body: &str) -> Option<References> {
        let ast = std::panic::catch_unwind(|| jsonata_core::parser::parse(body).ok())
            .ok()
            .flatten()?;
        let mut out = References::default();
        let mut bound = Vec::new();
        visit(&ast, true, &mut out, &mut bound, 0);
        out.variables
            .retain(|v| v != "states" && !bound.contains(v) && !FUNCTIONS.contains(&v.as_str()));
        let mut seen = Vec::new();
        out.variables.retain(|v| {
            let first = !seen.contains(v);
            seen.push(v.clone());
            first
        });
        Some(out)
    }

    /// JSONata's function library and the Step Functions additions: a `$name` that is one
    /// of these is a function, not a variable.
    const FUNCTIONS: &[&str] = &[
        "sum",
        "count",
        "max",
        "min",
        "average",
        "string",
        "substring",
        "substringBefore",
        "substringAfter",
        "lowercase",
        "uppercase",
        "length",
        "trim",
        "pad",
        "contains",
        "split",
        "join",
        "match",
        "replace",
        "now",
        "millis",
        "fromMillis",
        "toMillis",
        "formatNumber",
        "formatBase",
        "formatInteger",
        "parseInteger",
        "number",
        "abs",
        "floor",
        "ceil",
        "round",
        "power",
        "sqrt",
        "random",
        "boolean",
        "not",
        "exists",
        "keys",
        "lookup",
        "spread",
        "merge",
        "sift",
        "each",
        "error",
        "assert",
        "type",
        "sort",
        "reverse",
        "shuffle",
        "distinct",
        "zip",
        "append",
        "map",
        "filter",
        "single",
        "reduce",
        "base64encode",
        "base64decode",
        "encodeUrlComponent",
        "encodeUrl",
        "decodeUrlComponent",
        "decodeUrl",
        "eval",
        "clone",
        "partition",
        "range",
        "hash",
        "uuid",
        "parse",
    ];

    /// `top`: whether the node is evaluated against the (absent) input document rather
    /// than against a context that an enclosing path, filter or lambda provides.
    fn visit(
        node: &AstNode,
        top: bool,
        out: &mut References,
        bound: &mut Vec<String>,
        depth: usize,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        let d = depth + 1;
        match node {
            AstNode::Variable(name) if name.is_empty() && top => out.top_level.push("$".to_owned()),
            AstNode::Variable(name) if !name.is_empty() => {
                out.variables.push(name.trim_start_matches('$').to_owned());
            }
            AstNode::ParentVariable(_) => out.top_level.push("$$".to_owned()),
            AstNode::Name(name) if top => out.top_level.push(name.clone()),
            AstNode::Path { steps } => path(steps, top, out, bound, d),
            AstNode::Binary { op, lhs, rhs } => {
                if *op == BinaryOp::ColonEqual
                    && let AstNode::Variable(name) = lhs.as_ref()
                {
                    bound.push(name.trim_start_matches('$').to_owned());
                }
                visit(lhs, top, out, bound, d);
                visit(rhs, top, out, bound, d);
            }
            AstNode::Unary { operand, .. } => visit(operand, top, out, bound, d),
            AstNode::Function { args, .. } => {
                for a in args {
                    visit(a, top, out, bound, d);
                }
            }
            AstNode::Call { procedure, args } => {
                visit(procedure, top, out, bound, d);
                for a in args {
                    visit(a, top, out, bound, d);
                }
            }
            // A lambda body runs against whatever context it is called in.
            AstNode::Lambda { params, body, .. } => {
                bound.extend(params.iter().map(|p| p.trim_start_matches('$').to_owned()));
                visit(body, false, out, bound, d);
            }
            AstNode::Array(items) | AstNode::Block(items) => {
                for i in items {
                    visit(i, top, out, bound, d);
                }
            }
            AstNode::ArrayGroup(items) => {
                for i in items {
                    visit(i, false, out, bound, d);
                }
            }
            AstNode::Object(pairs) => {
                for (k, v) in pairs {
                    visit(k, top, out, bound, d);
                    visit(v, top, out, bound, d);
                }
            }
            AstNode::ObjectTransform { input, pattern } => {
                visit(input, top, out, bound, d);
                for (k, v) in pattern {
                    visit(k, false, out, bound, d);
                    visit(v, false, out, bound, d);
                }
            }
            AstNode::Conditional {
                condition,
                then_branch,
                else_branch,
            } => {
                visit(condition, top, out, bound, d);
                visit(then_branch, top, out, bound, d);
                if let Some(e) = else_branch {
                    visit(e, top, out, bound, d);
                }
            }
            AstNode::FunctionApplication(inner) => visit(inner, top, out, bound, d),
            AstNode::Sort { input, terms } => {
                visit(input, top, out, bound, d);
                for (t, _) in terms {
                    visit(t, false, out, bound, d);
                }
            }
            AstNode::Transform {
                location,
                update,
                delete,
            } => {
                visit(location, false, out, bound, d);
                visit(update, false, out, bound, d);
                if let Some(x) = delete {
                    visit(x, false, out, bound, d);
                }
            }
            _ => {}
        }
    }

    /// A path: only its first step reads from the surrounding context; later steps and
    /// every predicate read from the steps before them.
    fn path(
        steps: &[PathStep],
        top: bool,
        out: &mut References,
        bound: &mut Vec<String>,
        depth: usize,
    ) {
        if let (Some(first), Some(second)) = (steps.first(), steps.get(1))
            && first.node == AstNode::Variable("states".to_owned())
            && let AstNode::Name(member) = &second.node
        {
            out.states_members.push(member.clone());
        }
        for (i, step) in steps.iter().enumerate() {
            bound.extend(
                step.focus
                    .iter()
                    .chain(&step.index_var)
                    .map(|v| v.trim_start_matches('$').to_owned()),
            );
            visit(&step.node, top && i == 0, out, bound, depth);
            for stage in &step.stages {
                if let Stage::Filter(f) = stage {
                    visit(f, false, out, bound, depth);
                }
            }
        }
    }
}

#[cfg(not(feature = "jsonata"))]
mod imp {
    use super::References;

    pub(super) fn references(_body: &str) -> Option<References> {
        None
    }
}

#[cfg(all(test, feature = "jsonata"))]
mod tests {
    use super::references;

    fn top(body: &str) -> Vec<String> {
        references(body).unwrap().top_level
    }

    #[test]
    fn finds_top_level_input_references() {
        assert_eq!(top("$"), ["$"]);
        assert_eq!(top("$$.a"), ["$$"]);
        assert_eq!(top("total * 2"), ["total"]);
        assert_eq!(top("$sum(items.price)"), ["items"]);
    }

    #[test]
    fn ignores_context_inside_paths_filters_and_lambdas() {
        assert!(top("$states.input.items[price > 5].name").is_empty());
        assert!(top("$map($states.input.xs, function($v) { $v.a + b })").is_empty());
        assert!(top("($x := 5; $x + 1)").is_empty());
        assert!(top("$states.input.a ? 'yes' : 'no'").is_empty());
        assert!(top("{ 'k': $states.context.Execution.Id }").is_empty());
    }

    #[test]
    fn lists_variables_that_are_not_bound_inside() {
        let vars = |b: &str| references(b).unwrap().variables;
        assert_eq!(vars("$total + $states.input.x"), ["total"]);
        assert!(vars("($x := 5; $x + 1)").is_empty());
        assert!(vars("$map($states.input.xs, function($v) { $v * 2 })").is_empty());
        assert!(vars("$map($states.input.xs, $string)").is_empty());
        assert_eq!(vars("$count($items) + $limit"), ["items", "limit"]);
    }

    #[test]
    fn lists_states_members() {
        let r = references("$states.result.Payload & $states.input.x").unwrap();
        assert_eq!(r.states_members, ["result", "input"]);
        assert!(references("(").is_none());
    }
}
