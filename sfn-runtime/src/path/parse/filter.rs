//! Filter expressions inside `[?( ... )]`.
//!
//! Grammar (Jayway subset): `or := and ('||' and)*`, `and := unary ('&&' unary)*`,
//! `unary := '!' unary | '(' or ')' | operand (op operand)?`. A path alone tests existence.

use super::lexeme::{is_ident_continue, json_number, quoted};
use super::path::PathParser;
use crate::path::ast::{CompareOp, Filter, FilterPath, Operand};
use crate::path::error::ParseError;
use serde_json::Value;

const MAX_DEPTH: usize = 32;

pub(crate) fn or_expr(p: &mut PathParser) -> Result<Filter, ParseError> {
    let mut left = and_expr(p)?;
    loop {
        p.cur.skip_ws();
        if !p.cur.eat("||") {
            return Ok(left);
        }
        let right = and_expr(p)?;
        left = Filter::Or(Box::new(left), Box::new(right));
    }
}

fn and_expr(p: &mut PathParser) -> Result<Filter, ParseError> {
    let mut left = unary(p)?;
    loop {
        p.cur.skip_ws();
        if !p.cur.eat("&&") {
            return Ok(left);
        }
        let right = unary(p)?;
        left = Filter::And(Box::new(left), Box::new(right));
    }
}

fn unary(p: &mut PathParser) -> Result<Filter, ParseError> {
    p.cur.skip_ws();
    if p.depth >= MAX_DEPTH {
        return Err(p.cur.error("filter expression is nested too deeply"));
    }
    if p.cur.peek() == Some('!') && p.cur.peek2() != Some('=') {
        p.cur.bump();
        p.depth += 1;
        let inner = unary(p);
        p.depth -= 1;
        return Ok(Filter::Not(Box::new(inner?)));
    }
    if p.cur.eat("(") {
        p.depth += 1;
        let inner = or_expr(p);
        p.depth -= 1;
        let inner = inner?;
        p.cur.skip_ws();
        p.cur.expect(")", "`)` to close the parenthesis")?;
        return Ok(inner);
    }
    let left_at = p.cur.pos;
    let left = operand(p)?;
    p.cur.skip_ws();
    let Some(op) = operator(p)? else {
        return match left {
            Operand::Path(path) => Ok(Filter::Exists(path)),
            Operand::Literal(_) => Err(ParseError::new(
                p.cur.pos.max(left_at),
                "expected a comparison operator (==, !=, <, <=, >, >=) after a literal",
            )),
        };
    };
    p.cur.skip_ws();
    let right = operand(p)?;
    Ok(Filter::Compare { left, op, right })
}

/// Reads a comparison operator, if one is next.
fn operator(p: &mut PathParser) -> Result<Option<CompareOp>, ParseError> {
    const OPS: [(&str, CompareOp); 6] = [
        ("==", CompareOp::Eq),
        ("!=", CompareOp::Ne),
        ("<=", CompareOp::Le),
        (">=", CompareOp::Ge),
        ("<", CompareOp::Lt),
        (">", CompareOp::Gt),
    ];
    if p.cur.rest().starts_with("=~") {
        return Err(p
            .cur
            .error("regular-expression filters (`=~`) are not supported"));
    }
    for (text, op) in OPS {
        if p.cur.eat(text) {
            return Ok(Some(op));
        }
    }
    if p.cur.peek().is_some_and(char::is_alphabetic) {
        let word: String = p
            .cur
            .rest()
            .chars()
            .take_while(|c| is_ident_continue(*c))
            .collect();
        return Err(p.cur.error(format!(
            "the `{word}` filter operator is not supported; expected ==, !=, <, <=, > or >="
        )));
    }
    Ok(None)
}

fn operand(p: &mut PathParser) -> Result<Operand, ParseError> {
    match p.cur.peek() {
        Some('@') => {
            p.cur.bump();
            let segments = p.segments()?;
            Ok(Operand::Path(FilterPath {
                current: true,
                segments,
            }))
        }
        Some('$') => {
            p.cur.bump();
            if p.cur
                .peek()
                .is_some_and(|c| c == '$' || c.is_alphabetic() || c == '_')
            {
                return Err(p.cur.error(
                    "only `@` and `$` paths may appear in a filter (not `$$` or variables)",
                ));
            }
            let segments = p.segments()?;
            Ok(Operand::Path(FilterPath {
                current: false,
                segments,
            }))
        }
        Some('\'' | '"') => Ok(Operand::Literal(Value::String(quoted(p.cur)?))),
        Some('/') => Err(p.cur.error("regular-expression filters are not supported")),
        Some(c) if c == '-' || c.is_ascii_digit() => number(p),
        Some(c) if c.is_alphabetic() => {
            let word: String = p
                .cur
                .rest()
                .chars()
                .take_while(|c| is_ident_continue(*c))
                .collect();
            let value = match word.as_str() {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                "null" => Value::Null,
                _ => {
                    return Err(p.cur.expected(
                        "`@`, `$`, a number, a quoted string, `true`, `false` or `null`",
                    ));
                }
            };
            p.cur.pos += word.len();
            Ok(Operand::Literal(value))
        }
        _ => Err(p
            .cur
            .expected("`@`, `$`, a number, a quoted string, `true`, `false` or `null`")),
    }
}

/// A JSON number literal.
fn number(p: &mut PathParser) -> Result<Operand, ParseError> {
    let start = p.cur.pos;
    let len = p
        .cur
        .rest()
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
        .count();
    let text = p.cur.rest().get(..len).unwrap_or("");
    match json_number(text) {
        Some(n) => {
            p.cur.pos += len;
            Ok(Operand::Literal(Value::Number(n)))
        }
        None => Err(ParseError::new(
            start,
            format!("expected a number, found `{text}`"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use crate::path::ast::{CompareOp, Filter, Operand, Segment, Selector};
    use crate::path::parse_path;
    use serde_json::json;

    fn filter(src: &str) -> Filter {
        match parse_path(&format!("$[?({src})]")).map(|p| p.segments) {
            Ok(mut s) => match s.pop() {
                Some(Segment::Child(Selector::Filter(f))) => f,
                other => panic!("{src}: {other:?}"),
            },
            Err(e) => panic!("{src}: {e}"),
        }
    }

    #[test]
    fn and_binds_tighter_than_or() {
        assert!(
            matches!(filter("@.a || @.b && @.c"), Filter::Or(_, r) if matches!(*r, Filter::And(..)))
        );
        assert!(
            matches!(filter("(@.a || @.b) && @.c"), Filter::And(l, _) if matches!(*l, Filter::Or(..)))
        );
    }

    #[test]
    fn literals_on_either_side() {
        let Filter::Compare { left, op, right } = filter("'x' != @.s") else {
            panic!()
        };
        assert_eq!(left, Operand::Literal(json!("x")));
        assert_eq!(op, CompareOp::Ne);
        assert!(matches!(right, Operand::Path(p) if p.current));
        assert!(
            matches!(filter("@.a == false"), Filter::Compare { right: Operand::Literal(v), .. } if v == json!(false))
        );
        assert!(
            matches!(filter("@.a<=-2.5"), Filter::Compare { op: CompareOp::Le, right: Operand::Literal(v), .. } if v == json!(-2.5))
        );
    }

    #[test]
    fn not_is_not_confused_with_not_equal() {
        assert!(matches!(filter("!@.a"), Filter::Not(_)));
        assert!(matches!(
            filter("@.a!=1"),
            Filter::Compare {
                op: CompareOp::Ne,
                ..
            }
        ));
    }

    #[test]
    fn unknown_words_are_rejected() {
        assert!(parse_path("$[?(@.a == yes)]").is_err());
        assert!(parse_path("$[?(@.a size 2)]").is_err());
    }
}
