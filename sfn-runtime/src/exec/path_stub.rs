//! TEMPORARY stand-in for `crate::path` (owned by the "path" helper) with the contract's
//! signatures, so the executor builds before that module lands. Only `$`, `$$`, `$var`
//! with `.name` and `[n]` segments. Deleted when `crate::path` is merged.

use serde_json::{Map, Value};
use std::ops::Range;

#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub offset: usize,
    pub message: String,
}
impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (column {})", self.message, self.offset + 1)
    }
}
#[derive(Debug, Clone, PartialEq)]
pub enum Root {
    Input,
    Context,
    Variable(String),
}
#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    Field(String),
    Index(usize),
}
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    pub root: Root,
    pub segments: Vec<Segment>,
    pub span: Range<usize>,
}
impl Path {
    pub fn is_definite(&self) -> bool {
        true
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct Intrinsic;
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Path(Path),
    Intrinsic(Intrinsic),
}
pub struct Scope<'a> {
    pub input: &'a Value,
    pub context: &'a Value,
    pub variables: &'a Map<String, Value>,
}
#[derive(Debug, Clone, PartialEq)]
pub struct EvalError {
    pub error: &'static str,
    pub cause: String,
}

pub fn parse_path(src: &str) -> Result<Path, ParseError> {
    let err = |offset: usize, m: &str| ParseError { offset, message: m.to_owned() };
    let b = src.as_bytes();
    if b.first() != Some(&b'$') {
        return Err(err(0, "expected `$`"));
    }
    let (root, mut i) = if b.get(1) == Some(&b'$') {
        (Root::Context, 2)
    } else {
        let end = src[1..].find(['.', '[']).map_or(src.len(), |e| e + 1);
        if end > 1 { (Root::Variable(src[1..end].to_owned()), end) } else { (Root::Input, 1) }
    };
    let mut segments = Vec::new();
    while i < b.len() {
        match b[i] {
            b'.' => {
                let end = src[i + 1..].find(['.', '[']).map_or(src.len(), |e| e + i + 1);
                if end == i + 1 {
                    return Err(err(i, "expected a name"));
                }
                segments.push(Segment::Field(src[i + 1..end].to_owned()));
                i = end;
            }
            b'[' => {
                let end = src[i..].find(']').ok_or_else(|| err(i, "expected `]`"))? + i;
                let inner = &src[i + 1..end];
                if let Ok(n) = inner.parse::<usize>() {
                    segments.push(Segment::Index(n));
                } else if inner.len() >= 2 && inner.starts_with('\'') && inner.ends_with('\'') {
                    segments.push(Segment::Field(inner[1..inner.len() - 1].to_owned()));
                } else {
                    return Err(err(i, "unsupported segment (stub)"));
                }
                i = end + 1;
            }
            _ => return Err(err(i, "expected `.` or `[`")),
        }
    }
    Ok(Path { root, segments, span: 0..src.len() })
}
pub fn parse_reference_path(src: &str) -> Result<Path, ParseError> {
    parse_path(src)
}
pub fn parse_expr(src: &str) -> Result<Expr, ParseError> {
    if src.starts_with('$') { parse_path(src).map(Expr::Path) } else { Ok(Expr::Intrinsic(Intrinsic)) }
}
pub fn select(path: &Path, scope: &Scope) -> Result<Value, EvalError> {
    let mut current = match &path.root {
        Root::Input => scope.input,
        Root::Context => scope.context,
        Root::Variable(name) => scope.variables.get(name).ok_or_else(|| EvalError {
            error: "States.Runtime",
            cause: format!("variable ${name} not found"),
        })?,
    };
    for segment in &path.segments {
        let next = match segment {
            Segment::Field(name) => current.get(name),
            Segment::Index(n) => current.get(n),
        };
        current = next.ok_or_else(|| EvalError { error: "States.Runtime", cause: "path not found".into() })?;
    }
    Ok(current.clone())
}
pub fn eval_expr(expr: &Expr, scope: &Scope, _random: &mut dyn FnMut() -> u64) -> Result<Value, EvalError> {
    match expr {
        Expr::Path(p) => select(p, scope),
        Expr::Intrinsic(_) => Err(EvalError { error: "States.IntrinsicFailure", cause: "intrinsics: stub".into() }),
    }
}
pub fn write_at(target: Value, path: &Path, value: Value) -> Result<Value, EvalError> {
    fn write(target: Value, segments: &[Segment], value: Value) -> Result<Value, EvalError> {
        let Some((first, rest)) = segments.split_first() else { return Ok(value) };
        let Segment::Field(name) = first else {
            return Err(EvalError { error: "States.ResultPathMatchFailure", cause: "index".into() });
        };
        let mut object = match target {
            Value::Object(o) => o,
            _ => return Err(EvalError { error: "States.ResultPathMatchFailure", cause: "not an object".into() }),
        };
        let child = object.remove(name).unwrap_or(Value::Object(Map::new()));
        object.insert(name.clone(), write(child, rest, value)?);
        Ok(Value::Object(object))
    }
    write(target, &path.segments, value)
}
