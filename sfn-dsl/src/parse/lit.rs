//! String literals, told apart and read without syn's `peek(LitStr)`: that parses (and
//! unescapes) the literal to answer, and sets up a parse buffer even when the next token is
//! no literal at all. Every value and every state name asks.

use syn::parse::ParseStream;

use crate::ast::Str;

/// Whether the next token is a string literal (`"..."`, `r#"..."#`).
pub fn peek_str(input: ParseStream) -> bool {
    input
        .cursor()
        .literal()
        .is_some_and(|(lit, _)| is_str(&lit.to_string()))
}

/// The next token, consumed, when it is a string literal; else `None` and nothing is
/// consumed.
pub fn parse_str(input: ParseStream) -> Option<Str> {
    input
        .step(|cursor| {
            let here = *cursor;
            let Some((lit, rest)) = here.literal() else {
                return Ok((None, here));
            };
            let repr = lit.to_string();
            if !is_str(&repr) {
                return Ok((None, here));
            }
            let value = match plain(&repr) {
                Some(value) => value.to_owned(),
                // Escapes, raw strings, suffixes: as syn reads them.
                None => match syn::Lit::new(lit.clone()) {
                    syn::Lit::Str(s) => s.value(),
                    _ => return Ok((None, here)),
                },
            };
            let span = lit.span();
            Ok((Some(Str { value, span }), rest))
        })
        .ok()
        .flatten()
}

/// A literal token is a string when it starts with `"` (cooked) or `r` (raw): byte and C
/// strings, characters and numbers start otherwise.
fn is_str(repr: &str) -> bool {
    matches!(repr.as_bytes().first(), Some(b'"' | b'r'))
}

/// The value of a cooked string literal without escapes, carriage returns or suffix
/// (`"arn:aws:..."`, most of them): its text between the quotes, as syn reads it.
fn plain(repr: &str) -> Option<&str> {
    let inner = repr.strip_prefix('"')?.strip_suffix('"')?;
    (!inner.bytes().any(|b| matches!(b, b'\\' | b'"' | b'\r'))).then_some(inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The value of each literal is the one syn reads, fast path or not.
    #[test]
    fn strings_read_as_syn_reads_them() {
        for source in [
            r#""plain arn:aws:lambda""#,
            r#""""#,
            r#""tab\there \" quote \u{e9} \\ back""#,
            r###"r#"raw "quoted""#"###,
            r#""suffixed"x"#,
            "\"é ∑ ${Fn}\"",
        ] {
            let tokens: proc_macro2::TokenStream = source.parse().expect("lexes");
            let expected = match syn::parse2::<syn::LitStr>(tokens.clone()) {
                Ok(lit) => lit.value(),
                Err(e) => panic!("{source}: {e}"),
            };
            let read = crate::parse::parse_all(tokens, parse_str).expect("parses");
            assert_eq!(read.map(|s| s.value), Some(expected), "{source}");
        }
        // Other literals are not strings, and are left where they are.
        for source in ["1", "'c'", "b\"x\"", "c\"x\"", "2.5"] {
            let tokens: proc_macro2::TokenStream = source.parse().expect("lexes");
            let read = crate::parse::parse_all(tokens, |input| {
                let none = parse_str(input).is_none() && !peek_str(input);
                let _ = input.parse::<proc_macro2::TokenStream>();
                none
            });
            assert!(read.expect("parses"), "{source}");
        }
    }
}
