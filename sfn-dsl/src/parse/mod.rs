//! Tokens -> DSL syntax tree ([`crate::ast`]), recovering after each broken state or field
//! so that every mistake of an invocation is reported.

mod block;
mod concat;
mod cond;
mod depth;
mod lit;
mod text;
mod value;

pub use block::{parse_all, parse_workflows};
pub use cond::{TESTS, TYPES};

use proc_macro2::TokenStream;
use syn::parse::ParseStream;

/// Returns `result`; on error, first consumes what is left of `content` (the inside of a
/// group) so syn does not add a second, misleading "unexpected token" error.
pub(crate) fn drained<T>(content: ParseStream, result: syn::Result<T>) -> syn::Result<T> {
    if result.is_err() {
        let _ = content.parse::<TokenStream>();
    }
    result
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenStream;

    /// The ASL text of a path written as tokens.
    fn path(source: &str) -> String {
        let tokens: TokenStream = source.parse().expect("test input lexes");
        super::parse_all(tokens, super::text::parse_path)
            .and_then(|r| r)
            .map(|text| text.text)
            .unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn paths_are_rebuilt_from_tokens() {
        assert_eq!(path("$"), "$");
        assert_eq!(path("$$.Execution.Input.id"), "$$.Execution.Input.id");
        assert_eq!(path("$total"), "$total");
        assert_eq!(path("$.a[\"b c\"].d"), "$.a['b c'].d");
        assert_eq!(path("$..book[-1:]"), "$..book[-1:]");
        assert_eq!(path("$[0, 1]"), "$[0,1]");
        assert_eq!(path("$.a[?(@.x == \"it's\")]"), "$.a[?(@.x == 'it\\'s')]");
        assert_eq!(
            path("$.a[?(@.price >= 10 && @.ok)]"),
            "$.a[?(@.price >= 10 && @.ok)]"
        );
        assert_eq!(path("$.r#type"), "$.type");
        assert!(path("$.").starts_with("error: "));
    }

    #[test]
    fn a_token_of_the_path_is_found_by_offset() {
        let tokens: TokenStream = "$.a[\"b c\"].d".parse().expect("lexes");
        let text = super::parse_all(tokens, super::text::parse_path)
            .and_then(|r| r)
            .expect("parses");
        // `$.a['b c'].d`: byte 4 is inside the quoted name, produced by the string token.
        let piece = text
            .pieces
            .iter()
            .take_while(|(start, _)| *start <= 4)
            .last()
            .map(|(start, _)| *start);
        assert_eq!(piece, Some(4));
        assert_eq!(&text.text[4..9], "'b c'");
    }
}
