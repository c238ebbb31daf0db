//! String literals, told apart and read without syn's `peek(LitStr)`: that parses (and
//! unescapes) the literal to answer, and sets up a parse buffer even when the next token is
//! no literal at all. Every value and every state name asks.

use proc_macro2::Literal;
use syn::parse::ParseStream;

use crate::ast::Str;

/// Whether the next token is a string literal (`"..."`, `r#"..."#`).
pub fn peek_str(input: ParseStream) -> bool {
    input
        .cursor()
        .literal()
        .is_some_and(|(lit, _)| is_str(&lit))
}

/// The next token, consumed, when it is a string literal; else `None` and nothing is
/// consumed.
pub fn parse_str(input: ParseStream) -> Option<Str> {
    input
        .step(|cursor| {
            let here = *cursor;
            Ok(match here.literal() {
                Some((lit, rest)) if is_str(&lit) => match syn::Lit::new(lit) {
                    syn::Lit::Str(s) => (Some(Str::from_lit(&s)), rest),
                    _ => (None, here),
                },
                _ => (None, here),
            })
        })
        .ok()
        .flatten()
}

/// A literal token is a string when it starts with `"` (cooked) or `r` (raw): byte and C
/// strings, characters and numbers start otherwise.
fn is_str(lit: &Literal) -> bool {
    matches!(lit.to_string().as_bytes().first(), Some(b'"' | b'r'))
}
