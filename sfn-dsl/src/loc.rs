//! Source locations: a start and an end span, so an error can underline several tokens on
//! stable Rust (syn reports an error from the first to the last token it is given).

use proc_macro2::{Ident, Span, TokenStream};
use quote::ToTokens;

/// A range of tokens in the macro input.
#[derive(Debug, Clone, Copy)]
pub struct Loc {
    /// Span of the first token.
    pub start: Span,
    /// Span of the last token.
    pub end: Span,
}

impl Loc {
    /// The location of one token.
    pub fn of(span: Span) -> Loc {
        Loc {
            start: span,
            end: span,
        }
    }

    /// From the start of `self` to the end of `other`.
    pub fn to(self, other: Loc) -> Loc {
        Loc {
            start: self.start,
            end: other.end,
        }
    }

    /// An error underlining this location.
    pub fn error(self, message: impl std::fmt::Display) -> syn::Error {
        syn::Error::new_spanned(self, message)
    }
}

impl From<Span> for Loc {
    fn from(span: Span) -> Loc {
        Loc::of(span)
    }
}

impl ToTokens for Loc {
    // Two placeholder tokens carrying the two spans: `syn::Error::new_spanned` takes the span
    // of the first and of the last token it is given.
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.extend([
            proc_macro2::TokenTree::Ident(Ident::new("start", self.start)),
            proc_macro2::TokenTree::Ident(Ident::new("end", self.end)),
        ]);
    }
}
