//! Values: literals, durations, paths, intrinsic calls, JSON objects and arrays, words and
//! nested blocks of states.

use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Ident, LitBool, LitFloat, LitInt, LitStr, Token};

use super::block::parse_block_content;
use super::text::{TextBuilder, parse_path, single_quoted};
use crate::ast::{Entry, Text, Value};
use crate::diag::Errors;
use crate::loc::Loc;

/// Milliseconds per duration unit suffix.
const UNITS: [(&str, u64); 5] = [
    ("ms", 1),
    ("s", 1_000),
    ("min", 60_000),
    ("h", 3_600_000),
    ("d", 86_400_000),
];

/// Parses one value (`a + b` is an error that says how strings are joined).
pub fn parse_value(input: ParseStream, errors: &mut Errors) -> syn::Result<Value> {
    let value = parse_single(input, errors)?;
    if input.peek(Token![+]) && !input.peek(Token![+=]) {
        return Err(super::concat::error(value, input, errors));
    }
    Ok(value)
}

/// Parses one value, without looking at what follows it.
pub(super) fn parse_single(input: ParseStream, errors: &mut Errors) -> syn::Result<Value> {
    let _level = super::depth::enter(input.span())?;
    if input.peek(Token![$]) {
        return parse_path(input).map(Value::Path);
    }
    if let Some(s) = super::lit::parse_str(input) {
        return Ok(Value::Str(s));
    }
    // One look at a literal token (syn's `peek(LitInt)` and `peek(LitFloat)` read it each).
    if number_literal(input).is_some() || input.peek(Token![-]) {
        return parse_number(input);
    }
    if input.peek(LitBool) {
        let b: LitBool = input.parse()?;
        return Ok(Value::Bool(b.value, Loc::of(b.span)));
    }
    if input.peek(Ident::peek_any) {
        if input.peek(syn::Ident) && input.peek2(Token![.]) {
            let fork = input.fork();
            let name: Ident = fork.parse()?;
            if name == "States" {
                return parse_intrinsic(input).map(Value::Intrinsic);
            }
        }
        let word = input.call(Ident::parse_any)?;
        if word == "null" {
            return Ok(Value::Null(Loc::of(word.span())));
        }
        return Ok(Value::Word(word));
    }
    if input.peek(syn::token::Brace) {
        let content;
        let brace = syn::braced!(content in input);
        let loc = Loc {
            start: brace.span.open(),
            end: brace.span.close(),
        };
        let is_block = content.peek(Token![#])
            || (content.peek(Ident) && content.peek2(Token![:]) && content.peek3(Ident))
            || starts_with_string_named_state(&content);
        if is_block {
            return Ok(Value::Block(parse_block_content(&content, loc, errors)));
        }
        let result = parse_object(&content, loc, errors);
        return super::drained(&content, result);
    }
    if input.peek(syn::token::Bracket) {
        let content;
        let bracket = syn::bracketed!(content in input);
        let loc = Loc {
            start: bracket.span.open(),
            end: bracket.span.close(),
        };
        let result = parse_array(&content, errors);
        return super::drained(&content, result).map(|items| Value::Array(items, loc));
    }
    Err(input.error(
        "expected a value: a string, a number, a duration (`2s`), `true`/`false`/`null`, a path (`$.x`), \
         an intrinsic (`States.Format(..)`), an object `{ \"k\": v }` or an array `[..]`",
    ))
}

fn parse_array(content: ParseStream, errors: &mut Errors) -> syn::Result<Vec<Value>> {
    let mut items = Vec::new();
    while !content.is_empty() {
        items.push(parse_value(content, errors)?);
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    Ok(items)
}

fn parse_object(content: ParseStream, loc: Loc, errors: &mut Errors) -> syn::Result<Value> {
    let mut entries = Vec::new();
    while !content.is_empty() {
        if content.peek(Ident::peek_any) {
            let key = content.call(Ident::parse_any)?;
            return Err(Loc::of(key.span()).error(format!(
                "object keys are strings: write `\"{}\": ..`",
                key.unraw()
            )));
        }
        let key: LitStr = content
            .parse()
            .map_err(|e| syn::Error::new(e.span(), "expected a string key"))?;
        content.parse::<Token![:]>()?;
        let value = parse_value(content, errors)?;
        entries.push(Entry {
            key: key.value(),
            key_loc: Loc::of(key.span()),
            value,
        });
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    Ok(Value::Object(entries, loc))
}

/// A number (possibly negative) or a duration (`2s`).
fn parse_number(input: ParseStream) -> syn::Result<Value> {
    let minus: Option<Token![-]> = input.parse()?;
    let sign = if minus.is_some() { "-" } else { "" };
    let (digits, suffix, span, is_int) = match number_literal(input) {
        Some(syn::Lit::Int(lit)) => {
            input.parse::<proc_macro2::Literal>()?;
            (
                lit.base10_digits().to_owned(),
                lit.suffix().to_owned(),
                lit.span(),
                true,
            )
        }
        Some(syn::Lit::Float(lit)) => {
            input.parse::<proc_macro2::Literal>()?;
            (
                lit.base10_digits().to_owned(),
                lit.suffix().to_owned(),
                lit.span(),
                false,
            )
        }
        // Not a number after `-`: syn's error for it.
        _ => {
            let lit: LitFloat = input.parse()?;
            (
                lit.base10_digits().to_owned(),
                lit.suffix().to_owned(),
                lit.span(),
                false,
            )
        }
    };
    let loc = match minus {
        Some(m) => Loc {
            start: m.span,
            end: span,
        },
        None => Loc::of(span),
    };
    if suffix.is_empty() {
        let number: serde_json::Number = format!("{sign}{digits}")
            .parse()
            .map_err(|_| loc.error("this number cannot be represented in JSON"))?;
        return Ok(Value::Num(number, loc));
    }
    let Some((_, per_unit)) = UNITS.iter().find(|(unit, _)| *unit == suffix) else {
        return Err(loc.error(format!(
            "unknown duration unit `{suffix}`: use `ms`, `s`, `min`, `h` or `d` (e.g. `30s`)"
        )));
    };
    if !is_int || minus.is_some() {
        return Err(loc.error(format!("a duration is a whole, non-negative number: write e.g. `1500ms` instead of `{sign}{digits}{suffix}`")));
    }
    let millis = digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(*per_unit))
        .ok_or_else(|| loc.error("this duration is too long"))?;
    Ok(Value::Duration(millis, loc))
}

/// The next token as an integer or float literal (not consumed), if it is one.
fn number_literal(input: ParseStream) -> Option<syn::Lit> {
    let (literal, _) = input.cursor().literal()?;
    let lit = syn::Lit::new(literal);
    matches!(lit, syn::Lit::Int(_) | syn::Lit::Float(_)).then_some(lit)
}

/// `States.Name(arg, ..)`.
pub fn parse_intrinsic(input: ParseStream) -> syn::Result<Text> {
    let _level = super::depth::enter(input.span())?;
    let mut text = TextBuilder::new();
    let states: Ident = input.parse()?;
    text.push("States", states.span());
    let dot: Token![.] = input.parse()?;
    text.push(".", dot.span);
    let name: Ident = input.call(Ident::parse_any)?;
    text.push(&name.to_string(), name.span());
    let is_format = name == "Format";
    let content;
    let paren = syn::parenthesized!(content in input);
    text.push("(", paren.span.open());
    let result = push_arguments(&content, &mut text, is_format);
    super::drained(&content, result)?;
    text.push(")", paren.span.close());
    Ok(text.finish(states.span()))
}

fn push_arguments(
    content: ParseStream,
    text: &mut TextBuilder,
    is_format: bool,
) -> syn::Result<()> {
    let mut index = 0;
    while !content.is_empty() {
        if index > 0 {
            text.push(", ", content.span());
        }
        push_argument(content, text, is_format && index == 0)?;
        index += 1;
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    Ok(())
}

fn push_argument(input: ParseStream, text: &mut TextBuilder, is_template: bool) -> syn::Result<()> {
    if input.peek(Token![$]) {
        text.push_text(&parse_path(input)?);
    } else if input.peek(Ident) && input.peek2(Token![.]) {
        text.push_text(&parse_intrinsic(input)?);
    } else if input.peek(LitStr) {
        let s: LitStr = input.parse()?;
        text.push(&intrinsic_string(&s.value(), is_template), s.span());
    } else if input.peek(LitBool) {
        let b: LitBool = input.parse()?;
        text.push(if b.value { "true" } else { "false" }, b.span);
    } else if input.peek(LitInt) || input.peek(LitFloat) || input.peek(Token![-]) {
        match parse_number(input)? {
            Value::Num(n, loc) => text.push(&n.to_string(), loc.start),
            other => {
                return Err(other.loc().error(
                    "an intrinsic argument cannot be a duration; write the number of seconds",
                ));
            }
        }
    } else if input.peek(Ident) {
        let word: Ident = input.parse()?;
        if word != "null" {
            return Err(Loc::of(word.span()).error(
                "expected an intrinsic argument: a string, a number, `true`/`false`/`null`, a path or an intrinsic call",
            ));
        }
        text.push("null", word.span());
    } else {
        return Err(input.error(
            "expected an intrinsic argument: a string, a number, `true`/`false`/`null`, a path or an intrinsic call",
        ));
    }
    Ok(())
}

/// A string argument of an intrinsic: single-quoted, with `'`, `\`, `{` and `}` escaped,
/// except the `{}` placeholders of a `States.Format` template.
fn intrinsic_string(value: &str, is_template: bool) -> String {
    let quoted = single_quoted(value);
    let mut out = String::with_capacity(quoted.len());
    let mut chars = quoted.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if is_template && chars.peek() == Some(&'}') => {
                out.push_str("{}");
                chars.next();
            }
            '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// `{ "Charge card": Pass ..`: a block whose first state has a string name. A JSON object
/// can also start with `"key": word`, but state kinds are capitalised (`Pass`,
/// `LambdaInvoke`) and the DSL's bare words are not (`jsonata`, `express`, `full`).
fn starts_with_string_named_state(content: ParseStream) -> bool {
    let fork = content.fork();
    // After the kind comes its body, its arrow, the next state or the end of the block; an
    // intrinsic (`"k": States.Format(..)`) continues with `.`.
    fork.parse::<LitStr>().is_ok()
        && fork.parse::<Token![:]>().is_ok()
        && fork.parse::<Ident>().is_ok_and(|kind| {
            kind.to_string()
                .starts_with(|c: char| c.is_ascii_uppercase())
        })
        && (fork.is_empty()
            || fork.peek(syn::token::Brace)
            || fork.peek(Token![->])
            || fork.peek(Token![,]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_template_keeps_placeholders() {
        assert_eq!(intrinsic_string("a {} b", true), "'a {} b'");
        assert_eq!(intrinsic_string("a {} b", false), "'a \\{\\} b'");
        assert_eq!(intrinsic_string("it's", false), "'it\\'s'");
    }
}
