//! The memory budget of one JSONata evaluation ([`limits::JSONATA_MEMORY_BUDGET`]).
//!
//! jsonata-core has no allocation hook, so the budget is kept where memory is made: at
//! compile time the expression's tree is rewritten so that every operator and built-in
//! function that builds a new string or array (`&`, `..`, `$join`, `$append`, ...) hands its
//! result to a host function that charges its size to the evaluation's budget, and the
//! calls whose single result could dwarf their inputs (`$string` of a shared value, `$pad`
//! to a huge width) have their arguments measured first, so the value is never built. What
//! is charged is never given back: the budget bounds every byte an expression builds, hence
//! its peak memory, whatever it keeps or drops.
//!
//! The host functions' names (`sfn:...`) cannot be written in JSONata, so an expression can
//! neither call them nor shadow them with its own `:=` bindings.

use std::cell::Cell;
use std::rc::Rc;

use jsonata_core::ast::{AstNode, BinaryOp, PathStep, Stage};
use jsonata_core::evaluator::{Evaluator, EvaluatorError};
use jsonata_core::value::{JValue, with_stack};

use super::linear;
use crate::limits;

/// Charges a built value and returns it unchanged.
const BUILT: &str = "sfn:built";
/// Checks that a value's JSON text fits in what is left, and returns it unchanged.
const MEASURED: &str = "sfn:measured";
/// Checks that a number (a width, a count) fits in what is left, and returns it unchanged.
const WIDTH: &str = "sfn:width";
/// `$join`'s array or `$replace`'s subject: checks its size and notes how many times the
/// call's next argument (a separator, a replacement) can be repeated.
const REPEATED: &str = "sfn:repeated";
/// `$join`'s separator or `$replace`'s replacement: checks its size times that count.
const REPEAT: &str = "sfn:repeat";
/// `&`'s left operand: notes the length of its text.
const LEFT: &str = "sfn:left";
/// `&`'s right operand: checks the two texts' lengths together, before they are joined.
const RIGHT: &str = "sfn:right";
/// `$replace`'s pattern: a text pattern repeats the replacement once per match in the
/// subject, so the count [`REPEATED`] noted (every position) narrows to the matches.
const PATTERN: &str = "sfn:pattern";

/// `$replace`'s replacement when it is a function: wraps it so that each text it returns is
/// charged before `$replace` appends it (the result is only charged once whole).
const CHARGED_REPLACEMENT: &str = "sfn:charged-replacement";
/// `$match`'s or `$split`'s pattern (or separator): notes it beside the subject
/// [`REPEATED`] noted; the check waits for the limit when the call has one.
const PIECES_PATTERN: &str = "sfn:pieces-pattern";
/// The last argument of `$match`/`$split`: checks the pieces the call would make (with
/// the limit, when this argument is it) before jsonata-core makes them: a match object
/// per match, a string per piece, which a text of millions of characters multiplies into
/// gigabytes.
const PIECES: &str = "sfn:pieces";
/// Whether a value is the built-in the second argument names (not a binding of the
/// expression's own).
const IS_BUILTIN: &str = "sfn:is-builtin";
/// The names the rewritten `$replace` binds; no JSONata expression can write them.
const REPLACEMENT_VAR: &str = "sfn:replacement";
const MATCH_VAR: &str = "sfn:match";

/// Built-in functions whose result is a new string or array, charged once built.
const BUILDERS: &[&str] = &[
    "string",
    "join",
    "pad",
    "replace",
    "uppercase",
    "lowercase",
    "substring",
    "trim",
    "base64encode",
    "base64decode",
    "encodeUrl",
    "encodeUrlComponent",
    "decodeUrl",
    "decodeUrlComponent",
    "formatNumber",
    "formatBase",
    "formatInteger",
    "append",
    "split",
    "spread",
    "keys",
    "zip",
    "map",
    "filter",
    "distinct",
    "sort",
    "reverse",
    "shuffle",
    "merge",
    "each",
    "sift",
    "lookup",
    "match",
    // sfn's own extensions.
    "parse",
    "partition",
];

/// Rewrites `ast` so that its evaluation charges what it builds (see the module docs).
pub(crate) fn instrument(ast: AstNode) -> AstNode {
    with_stack(|| instrument_node(ast))
}

fn call(name: &str, args: Vec<AstNode>) -> AstNode {
    AstNode::Function {
        name: name.to_owned(),
        args,
        is_builtin: true,
    }
}

fn instrument_node(ast: AstNode) -> AstNode {
    let all = |nodes: Vec<AstNode>| nodes.into_iter().map(instrument).collect::<Vec<_>>();
    let boxed = |node: Box<AstNode>| Box::new(instrument(*node));
    let pairs = |pairs: Vec<(AstNode, AstNode)>| {
        pairs
            .into_iter()
            .map(|(k, v)| (instrument(k), instrument(v)))
            .collect::<Vec<_>>()
    };
    match ast {
        // `x ~> $f(a)` calls `$f(x, a)`: the call is guarded as a whole, with `x` as its
        // first argument.
        AstNode::Binary {
            op: BinaryOp::ChainPipe,
            lhs,
            rhs,
        } => match *rhs {
            AstNode::Function {
                name,
                args,
                is_builtin,
            } => {
                let mut full = vec![instrument(*lhs)];
                full.extend(args.into_iter().map(instrument));
                if let Some(linear) = replaced(&name, is_builtin, &full) {
                    return call_linear(&name, linear, full.remove(0));
                }
                let guard = guard_args(&name, is_builtin, &mut full);
                let lhs = Box::new(full.remove(0));
                let rhs = Box::new(AstNode::Function {
                    name,
                    args: full,
                    is_builtin,
                });
                let node = AstNode::Binary {
                    op: BinaryOp::ChainPipe,
                    lhs,
                    rhs,
                };
                if guard { call(BUILT, vec![node]) } else { node }
            }
            rhs => AstNode::Binary {
                op: BinaryOp::ChainPipe,
                lhs: boxed(lhs),
                rhs: Box::new(instrument(rhs)),
            },
        },
        AstNode::Binary { op, lhs, rhs } => {
            let node = AstNode::Binary {
                op,
                lhs: boxed(lhs),
                rhs: boxed(rhs),
            };
            match (op, node) {
                // Measured first: `&` prints any operand, and a value with shared parts
                // prints to far more than it holds.
                (BinaryOp::Concatenate, AstNode::Binary { op, lhs, rhs }) => call(
                    BUILT,
                    vec![AstNode::Binary {
                        op,
                        lhs: Box::new(call(LEFT, vec![*lhs])),
                        rhs: Box::new(call(RIGHT, vec![*rhs])),
                    }],
                ),
                (BinaryOp::Range, node) => call(BUILT, vec![node]),
                (_, node) => node,
            }
        }
        AstNode::Function {
            name,
            args,
            is_builtin,
        } => {
            let mut args = all(args);
            if let Some(linear) = replaced(&name, is_builtin, &args) {
                return call_linear(&name, linear, args.remove(0));
            }
            let guard = guard_args(&name, is_builtin, &mut args);
            let node = AstNode::Function {
                name,
                args,
                is_builtin,
            };
            if guard { call(BUILT, vec![node]) } else { node }
        }
        AstNode::Path { steps } => AstNode::Path {
            steps: steps.into_iter().map(instrument_step).collect(),
        },
        AstNode::Unary { op, operand } => AstNode::Unary {
            op,
            operand: boxed(operand),
        },
        AstNode::Call { procedure, args } => AstNode::Call {
            procedure: boxed(procedure),
            args: all(args),
        },
        AstNode::Lambda {
            params,
            body,
            signature,
            thunk,
        } => AstNode::Lambda {
            params,
            body: boxed(body),
            signature,
            thunk,
        },
        AstNode::Array(items) => AstNode::Array(all(items)),
        AstNode::Object(fields) => AstNode::Object(pairs(fields)),
        AstNode::ObjectTransform { input, pattern } => AstNode::ObjectTransform {
            input: boxed(input),
            pattern: pairs(pattern),
        },
        AstNode::Block(items) => AstNode::Block(all(items)),
        AstNode::Conditional {
            condition,
            then_branch,
            else_branch,
        } => AstNode::Conditional {
            condition: boxed(condition),
            then_branch: boxed(then_branch),
            else_branch: else_branch.map(boxed),
        },
        AstNode::ArrayGroup(items) => AstNode::ArrayGroup(all(items)),
        AstNode::FunctionApplication(body) => AstNode::FunctionApplication(boxed(body)),
        AstNode::Sort { input, terms } => AstNode::Sort {
            input: boxed(input),
            terms: terms
                .into_iter()
                .map(|(term, ascending)| (instrument(term), ascending))
                .collect(),
        },
        AstNode::Transform {
            location,
            update,
            delete,
        } => AstNode::Transform {
            location: boxed(location),
            update: boxed(update),
            delete: delete.map(boxed),
        },
        leaf => leaf,
    }
}

/// Wraps the arguments of a call to a builder that must be measured before it runs, and
/// says whether the call is a builder (its result is then charged). Only calls that name
/// every argument: one that reads the context (`$string()`) keeps its exact form, and its
/// input was charged when it was built.
fn guard_args(name: &str, is_builtin: bool, args: &mut [AstNode]) -> bool {
    if !is_builtin || !BUILDERS.contains(&name) || args.is_empty() {
        return false;
    }
    let wrap = |args: &mut [AstNode], i: usize, with: &str, extra: Option<AstNode>| {
        let arg = std::mem::replace(&mut args[i], AstNode::Undefined);
        args[i] = call(with, std::iter::once(arg).chain(extra).collect());
    };
    match (name, args.len()) {
        // A second argument asks for pretty printing, which indents every line.
        ("string", n) => wrap(args, 0, MEASURED, Some(AstNode::Boolean(n >= 2))),
        ("pad", n) if n >= 2 => wrap(args, 1, WIDTH, None),
        // Arguments are evaluated in order, so the count noted by the first is the one
        // the second reads (a nested pair in between is balanced).
        ("join", 2) => {
            wrap(args, 0, REPEATED, None);
            wrap(args, 1, REPEAT, None);
        }
        // `kind` tells the check what each piece costs; a limit, if any, is the last argument.
        ("match" | "split", n) if n >= 2 => {
            wrap(args, 0, REPEATED, None);
            wrap(args, 1, PIECES_PATTERN, None);
            // The check runs at the last argument it needs: the limit when there is one.
            let (at, is_limit) = if n == 2 { (1, false) } else { (2, true) };
            let kind = AstNode::String(name.to_owned());
            wrap(args, at, PIECES, Some(kind));
            if let AstNode::Function { args, .. } = &mut args[at] {
                args.push(AstNode::Boolean(is_limit));
            }
        }
        ("replace", n) if n >= 3 => {
            wrap(args, 0, REPEATED, None);
            wrap(args, 1, PATTERN, None);
            wrap(args, 2, REPEAT, None);
            let replacement = std::mem::replace(&mut args[2], AstNode::Undefined);
            args[2] = charged_replacement(replacement);
        }
        _ => {}
    }
    true
}

/// The linear replacement of a one-argument call of a built-in jsonata-core runs in
/// quadratic time ([`linear::REPLACED`]).
fn replaced(name: &str, is_builtin: bool, args: &[AstNode]) -> Option<&'static str> {
    let (_, linear) = linear::REPLACED.iter().find(|(n, _)| *n == name)?;
    (is_builtin && args.len() == 1).then_some(*linear)
}

/// `$f(x)` as `sfn:is-builtin($f, 'f') ? sfn:f(x) : $f(x)`: the linear version, unless
/// the expression bound `$f` to something of its own.
fn call_linear(name: &str, linear: &str, arg: AstNode) -> AstNode {
    let builtin = AstNode::Function {
        name: name.to_owned(),
        args: vec![arg.clone()],
        is_builtin: true,
    };
    AstNode::Conditional {
        condition: Box::new(call(
            IS_BUILTIN,
            vec![
                AstNode::Variable(name.to_owned()),
                AstNode::String(name.to_owned()),
            ],
        )),
        then_branch: Box::new(call(BUILT, vec![call(linear, vec![arg])])),
        else_branch: Some(Box::new(call(BUILT, vec![builtin]))),
    }
}

/// `$replace`'s replacement `r` as
/// `($r := r; sfn:charged-replacement($r) ? function($m){ sfn:built($r($m)) } : $r)`:
/// a function's every result is charged as it is made, so a replacement returning a large
/// text for each of a million matches ends at the budget instead of building it all.
fn charged_replacement(replacement: AstNode) -> AstNode {
    let var = || AstNode::Variable(REPLACEMENT_VAR.to_owned());
    let wrapped = AstNode::Lambda {
        params: vec![MATCH_VAR.to_owned()],
        body: Box::new(call(
            BUILT,
            vec![AstNode::Call {
                procedure: Box::new(var()),
                args: vec![AstNode::Variable(MATCH_VAR.to_owned())],
            }],
        )),
        signature: None,
        thunk: false,
    };
    AstNode::Block(vec![
        AstNode::Binary {
            op: BinaryOp::ColonEqual,
            lhs: Box::new(var()),
            rhs: Box::new(replacement),
        },
        AstNode::Conditional {
            condition: Box::new(call(CHARGED_REPLACEMENT, vec![var()])),
            then_branch: Box::new(wrapped),
            else_branch: Some(Box::new(var())),
        },
    ])
}

fn instrument_step(mut step: PathStep) -> PathStep {
    // The step keeps its id (jsonata-core caches compiled steps by it) and its flags.
    step.node = instrument(step.node);
    step.stages = step
        .stages
        .into_iter()
        .map(|stage| match stage {
            Stage::Filter(node) => Stage::Filter(Box::new(instrument(*node))),
            other => other,
        })
        .collect();
    step
}

/// What is left of one evaluation's budget, shared by its host functions, and the repeat
/// counts [`REPEATED`] noted for [`REPEAT`].
#[derive(Clone)]
pub(crate) struct Budget(Rc<Cell<usize>>, Rc<std::cell::RefCell<Vec<Repeat>>>);

/// What [`REPEATED`] noted: how often the next argument may be repeated, and the subject a
/// [`PATTERN`] counts its matches in.
struct Repeat {
    count: usize,
    subject: Option<Rc<str>>,
    /// `$match`'s or `$split`'s pattern, noted by [`PIECES_PATTERN`].
    pattern: Option<JValue>,
}

impl Budget {
    /// A full budget for one evaluation.
    pub(crate) fn new() -> Budget {
        Budget(
            Rc::new(Cell::new(limits::JSONATA_MEMORY_BUDGET)),
            Rc::default(),
        )
    }

    fn charge(&self, bytes: usize) -> Result<(), EvaluatorError> {
        match self.0.get().checked_sub(bytes) {
            Some(left) => {
                self.0.set(left);
                Ok(())
            }
            None => Err(exceeded()),
        }
    }

    fn fits(&self, bytes: usize) -> Result<(), EvaluatorError> {
        if bytes <= self.0.get() {
            Ok(())
        } else {
            Err(exceeded())
        }
    }

    /// Registers the host functions that [`instrument`] calls, charging this budget.
    pub(crate) fn register(&self, evaluator: &mut Evaluator) -> Result<(), EvaluatorError> {
        let budget = self.clone();
        evaluator.register_fn(BUILT, move |args: &[JValue]| {
            let value = args.first().cloned().unwrap_or(JValue::Undefined);
            budget.charge(shallow_size(&value))?;
            Ok(value)
        })?;
        let budget = self.clone();
        evaluator.register_fn(MEASURED, move |args: &[JValue]| {
            let value = args.first().cloned().unwrap_or(JValue::Undefined);
            let pretty = matches!(args.get(1), Some(JValue::Bool(true)));
            budget.fits(text_size(&value, pretty, budget.0.get()))?;
            Ok(value)
        })?;
        let budget = self.clone();
        evaluator.register_fn(REPEATED, move |args: &[JValue]| {
            let value = args.first().cloned().unwrap_or(JValue::Undefined);
            let (size, count) = match &value {
                JValue::String(s) => (s.len(), s.chars().count() + 1),
                JValue::Array(items) => (text_size(&value, false, budget.0.get()), items.len()),
                _ => (0, 0),
            };
            budget.fits(size)?;
            let subject = match &value {
                JValue::String(s) => Some(s.clone()),
                _ => None,
            };
            budget.1.borrow_mut().push(Repeat {
                count,
                subject,
                pattern: None,
            });
            Ok(value)
        })?;
        let budget = self.clone();
        evaluator.register_fn(LEFT, move |args: &[JValue]| {
            let value = args.first().cloned().unwrap_or(JValue::Undefined);
            let count = concatenated_size(&value, budget.0.get());
            budget.fits(count)?;
            budget.1.borrow_mut().push(Repeat {
                count,
                subject: None,
                pattern: None,
            });
            Ok(value)
        })?;
        let budget = self.clone();
        evaluator.register_fn(RIGHT, move |args: &[JValue]| {
            let value = args.first().cloned().unwrap_or(JValue::Undefined);
            let left = budget.1.borrow_mut().pop().map_or(0, |r| r.count);
            budget.fits(left.saturating_add(concatenated_size(&value, budget.0.get())))?;
            Ok(value)
        })?;
        let budget = self.clone();
        evaluator.register_fn(PATTERN, move |args: &[JValue]| {
            let value = args.first().cloned().unwrap_or(JValue::Undefined);
            if let (JValue::String(pattern), Some(repeat)) =
                (&value, budget.1.borrow_mut().last_mut())
                && !pattern.is_empty()
                && let Some(subject) = &repeat.subject
            {
                repeat.count = subject.matches(&**pattern).count();
            }
            Ok(value)
        })?;
        let budget = self.clone();
        evaluator.register_fn(REPEAT, move |args: &[JValue]| {
            let value = args.first().cloned().unwrap_or(JValue::Undefined);
            let count = budget.1.borrow_mut().pop().map_or(0, |r| r.count);
            if let JValue::String(s) = &value {
                budget.fits(s.len().saturating_mul(count))?;
            }
            Ok(value)
        })?;
        let budget = self.clone();
        evaluator.register_fn(PIECES_PATTERN, move |args: &[JValue]| {
            let value = args.first().cloned().unwrap_or(JValue::Undefined);
            if let Some(repeat) = budget.1.borrow_mut().last_mut() {
                repeat.pattern = Some(value.clone());
            }
            Ok(value)
        })?;
        let budget = self.clone();
        evaluator.register_fn(PIECES, move |args: &[JValue]| {
            let value = args.first().cloned().unwrap_or(JValue::Undefined);
            let is_match = matches!(args.get(1), Some(JValue::String(k)) if &**k == "match");
            let limit = match (args.get(2), &value) {
                (Some(JValue::Bool(true)), JValue::Number(n)) if *n >= 0.0 => Some(*n as usize),
                _ => None,
            };
            let noted = budget.1.borrow_mut().pop();
            if let Some(Repeat {
                subject: Some(subject),
                pattern: Some(pattern),
                ..
            }) = noted
            {
                let cap = budget.0.get();
                budget.fits(pieces_size(&subject, &pattern, limit, is_match, cap))?;
            }
            Ok(value)
        })?;
        evaluator.register_fn(CHARGED_REPLACEMENT, |args: &[JValue]| {
            Ok(JValue::Bool(matches!(
                args.first(),
                Some(JValue::Lambda(_))
            )))
        })?;
        evaluator.register_fn(IS_BUILTIN, |args: &[JValue]| {
            Ok(JValue::Bool(matches!(
                (args.first(), args.get(1)),
                (Some(JValue::Builtin { name }), Some(JValue::String(wanted))) if name == wanted
            )))
        })?;
        evaluator.register_fn(linear::DISTINCT, |args: &[JValue]| {
            Ok(linear::distinct(args.first()))
        })?;
        evaluator.register_fn(linear::KEYS, |args: &[JValue]| linear::keys(args.first()))?;
        let budget = self.clone();
        evaluator.register_fn(WIDTH, move |args: &[JValue]| {
            let value = args.first().cloned().unwrap_or(JValue::Undefined);
            if let Some(width) = value.as_f64() {
                // A width counts characters: up to 4 bytes each in UTF-8.
                budget.fits((width.abs().min(usize::MAX as f64) as usize).saturating_mul(4))?;
            }
            Ok(value)
        })?;
        Ok(())
    }
}

/// What `$match` (`is_match`) or `$split` of `subject` by `pattern` builds, counted up to
/// `cap`: a match object per match (its text, index and groups), or a string per piece.
/// Counted by running the pattern (a regex is linear in the text), so a long text with few
/// matches is not refused. A pattern that is a function, or that jsonata-core will reject,
/// is left to jsonata-core.
fn pieces_size(
    subject: &str,
    pattern: &JValue,
    limit: Option<usize>,
    is_match: bool,
    cap: usize,
) -> usize {
    // A match object: three keys and values in an index map, and a groups array.
    const MATCH: usize = 256;
    // A string piece: its slot in the array and its allocation's header.
    const PIECE: usize = 48;
    let per = if is_match { MATCH } else { PIECE };
    let limit = limit.unwrap_or(usize::MAX);
    let mut size = 0usize;
    let mut add = |text: usize| {
        size = size.saturating_add(per + text);
        size <= cap
    };
    match pattern {
        JValue::Regex { pattern, flags } => {
            let Ok(regex) = jsonata_core::functions::string::build_regex(pattern, flags) else {
                return 0;
            };
            if is_match {
                regex.find_iter(subject).take(limit).all(|m| add(m.len()));
            } else {
                // Pieces between matches: one more than the matches, their texts the rest.
                let matches = regex.find_iter(subject).take(limit).take_while(|_| add(0));
                let matched: usize = matches.map(|m| m.len()).sum();
                add(subject.len().saturating_sub(matched));
            }
        }
        JValue::String(separator) if !is_match => {
            if separator.is_empty() {
                subject.chars().take(limit).all(|c| add(c.len_utf8()));
            } else {
                let pieces = subject
                    .matches(&**separator)
                    .take(limit)
                    .take_while(|_| add(0));
                let matched = pieces.count() * separator.len();
                add(subject.len().saturating_sub(matched));
            }
        }
        _ => {}
    }
    size
}

/// The error for an exhausted budget; jsonata-bridge maps its message to the cause.
fn exceeded() -> EvaluatorError {
    EvaluatorError::EvaluationError(limits::exceeded(
        "JSONATA_MEMORY_BUDGET",
        format_args!("{} bytes built", limits::JSONATA_MEMORY_BUDGET),
    ))
}

/// The memory a newly built value adds: a string's bytes, an array's or object's own slots
/// (their items were charged when they were built, and may be shared).
fn shallow_size(value: &JValue) -> usize {
    const SLOT: usize = std::mem::size_of::<JValue>();
    match value {
        JValue::String(s) => s.len(),
        JValue::Array(items) => items.len() * SLOT,
        JValue::Object(map) => map.iter().map(|(k, _)| k.len() + SLOT).sum(),
        _ => 0,
    }
}

/// The length of `value` as `&` prints it: a string as it is, anything else as JSON.
fn concatenated_size(value: &JValue, cap: usize) -> usize {
    match value {
        JValue::String(s) => s.len(),
        JValue::Array(_) | JValue::Object(_) => text_size(value, false, cap),
        _ => 24,
    }
}

/// The length of `value`'s JSON text (`pretty`: with a line and an indent per item),
/// counted without recursion and only up to `cap` (past it the exact size does not matter):
/// a value whose parts are shared can print to far more than it holds (`{"a": $x, "b": $x}`
/// nested 40 times prints 2^40 copies).
fn text_size(value: &JValue, pretty: bool, cap: usize) -> usize {
    let mut size = 0usize;
    let mut stack = vec![(value, 0usize)];
    while let Some((value, depth)) = stack.pop() {
        let indent = if pretty { 2 * depth + 1 } else { 0 };
        size = size.saturating_add(indent).saturating_add(match value {
            JValue::String(s) => s.len() + 2,
            JValue::Array(items) => {
                stack.extend(items.iter().map(|item| (item, depth + 1)));
                2 + items.len() + indent
            }
            JValue::Object(map) => {
                stack.extend(map.values().map(|item| (item, depth + 1)));
                map.keys().map(|k| k.len() + 4).sum::<usize>() + 2 + indent
            }
            // Numbers print in at most 24 bytes; the rest in a few.
            JValue::Number(_) => 24,
            _ => 5,
        });
        if size > cap {
            break;
        }
    }
    size
}
