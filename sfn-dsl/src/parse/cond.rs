//! Choice conditions: `||` over `&&` over `!` over comparisons and tests.

use syn::parse::ParseStream;
use syn::{Ident, LitStr, Token};

use super::text::parse_path;
use crate::ast::{CmpOp, Cond, Operand, Value};
use crate::diag::Errors;
use crate::loc::Loc;

/// Type tests: `is_present($.x)` -> `IsPresent`.
pub const TESTS: [&str; 6] = [
    "is_present",
    "is_null",
    "is_numeric",
    "is_string",
    "is_boolean",
    "is_timestamp",
];

/// Type words that wrap an operand: `timestamp("..")`, `string($.b)`.
pub const TYPES: [&str; 4] = ["string", "number", "boolean", "timestamp"];

/// Parses a condition up to `=>`.
pub fn parse_cond(input: ParseStream) -> syn::Result<Cond> {
    let mut terms = vec![parse_and(input)?];
    while input.peek(Token![||]) {
        input.parse::<Token![||]>()?;
        terms.push(parse_and(input)?);
    }
    Ok(if terms.len() == 1 {
        terms.remove(0)
    } else {
        Cond::Or(terms)
    })
}

fn parse_and(input: ParseStream) -> syn::Result<Cond> {
    let mut terms = vec![parse_unary(input)?];
    while input.peek(Token![&&]) {
        input.parse::<Token![&&]>()?;
        terms.push(parse_unary(input)?);
    }
    Ok(if terms.len() == 1 {
        terms.remove(0)
    } else {
        Cond::And(terms)
    })
}

fn parse_unary(input: ParseStream) -> syn::Result<Cond> {
    let _level = super::depth::enter(input.span())?;
    if input.peek(Token![!]) {
        let bang: Token![!] = input.parse()?;
        let inner = parse_unary(input)?;
        return Ok(Cond::Not(Box::new(inner), Loc::of(bang.span)));
    }
    if input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in input);
        let result = parse_cond(&content).and_then(|cond| {
            if content.is_empty() {
                Ok(cond)
            } else {
                Err(content.error("expected `)`, `&&` or `||`"))
            }
        });
        return super::drained(&content, result);
    }
    if super::lit::peek_str(input) {
        let fork = input.fork();
        let s: LitStr = fork.parse()?;
        if crate::lower::is_jsonata(&s.value()) {
            input.parse::<LitStr>()?;
            return Ok(Cond::Jsonata(s));
        }
        let text = s.value();
        let text = text.trim();
        if text.starts_with("{%") || text.ends_with("%}") {
            // Not a comparison with a missing operator: a JSONata condition cut short.
            let (missing, fixed) = if text.starts_with("{%") {
                ("`%}` at its end", format!("{text} %}}"))
            } else {
                ("`{%` at its start", format!("{{% {text}"))
            };
            return Err(Loc::of(s.span()).error(format!(
                "this JSONata condition has no {missing}: write `{fixed:?} => ..`"
            )));
        }
    }
    if input.peek(Ident) && input.peek2(syn::token::Paren) {
        let fork = input.fork();
        let func: Ident = fork.parse()?;
        let name = func.to_string();
        if TESTS.contains(&name.as_str()) || name == "matches" {
            input.parse::<Ident>()?;
            let content;
            syn::parenthesized!(content in input);
            let path = parse_path(&content).map_err(|e| {
                syn::Error::new(
                    e.span(),
                    format!("`{name}` takes a path: `{name}($.field)`"),
                )
            })?;
            if name == "matches" {
                content.parse::<Token![,]>().map_err(|e| {
                    syn::Error::new(
                        e.span(),
                        "`matches` takes a path and a pattern: `matches($.file, \"*.log\")`",
                    )
                })?;
                let pattern: LitStr = content.parse()?;
                ensure_empty(&content)?;
                return Ok(Cond::Matches {
                    func,
                    path,
                    pattern,
                });
            }
            ensure_empty(&content)?;
            return Ok(Cond::Test { func, path });
        }
    }
    let left = parse_operand(input)?;
    let (op, op_loc) = parse_op(input)?;
    let right = parse_operand(input)?;
    Ok(Cond::Compare {
        left,
        op,
        op_loc,
        right,
    })
}

fn ensure_empty(content: ParseStream) -> syn::Result<()> {
    if content.is_empty() {
        Ok(())
    } else {
        Err(content.error("unexpected argument"))
    }
}

fn parse_op(input: ParseStream) -> syn::Result<(CmpOp, Loc)> {
    macro_rules! two {
        ($tok:tt, $op:expr) => {
            if input.peek(Token![$tok]) {
                let t: Token![$tok] = input.parse()?;
                return Ok((
                    $op,
                    Loc {
                        start: t.spans[0],
                        end: t.spans[1],
                    },
                ));
            }
        };
    }
    macro_rules! one {
        ($tok:tt, $op:expr) => {
            if input.peek(Token![$tok]) {
                let t: Token![$tok] = input.parse()?;
                return Ok(($op, Loc::of(t.span)));
            }
        };
    }
    two!(==, CmpOp::Eq);
    two!(!=, CmpOp::Ne);
    two!(<=, CmpOp::Le);
    two!(>=, CmpOp::Ge);
    one!(<, CmpOp::Lt);
    one!(>, CmpOp::Gt);
    Err(input.error("expected a comparison: `==`, `!=`, `<`, `<=`, `>` or `>=`"))
}

fn parse_operand(input: ParseStream) -> syn::Result<Operand> {
    let _level = super::depth::enter(input.span())?;
    if input.peek(Token![$]) {
        return parse_path(input).map(Operand::Path);
    }
    if input.peek(Ident) && input.peek2(syn::token::Paren) {
        let ty: Ident = input.parse()?;
        if !TYPES.contains(&ty.to_string().as_str()) {
            let message = crate::diag::with_suggestion(
                format!(
                    "unknown function `{ty}` in a condition: use `timestamp(..)`, `string(..)`, `number(..)`, `boolean(..)`, `is_present(..)`, `is_null(..)`, `is_numeric(..)`, `is_string(..)`, `is_boolean(..)`, `is_timestamp(..)` or `matches(..)`"
                ),
                &ty.to_string(),
                TYPES.iter().chain(TESTS.iter()).copied().chain(["matches"]),
            );
            return Err(Loc::of(ty.span()).error(message));
        }
        let content;
        let paren = syn::parenthesized!(content in input);
        let inner = parse_operand(&content)?;
        ensure_empty(&content)?;
        let loc = Loc {
            start: ty.span(),
            end: paren.span.close(),
        };
        return Ok(Operand::Typed {
            ty,
            inner: Box::new(inner),
            loc,
        });
    }
    let mut errors = Errors::default();
    let value = super::value::parse_value(input, &mut errors)?;
    if let Some(error) = errors.combined() {
        return Err(error);
    }
    match value {
        Value::Str(_) | Value::Num(..) | Value::Bool(..) | Value::Null(_) => Ok(Operand::Literal(value)),
        other => Err(other.loc().error(format!(
            "expected a path, a string, a number, `true`/`false`, `null` or `timestamp(\"..\")` in a comparison, found {}",
            other.describe()
        ))),
    }
}
