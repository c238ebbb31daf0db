//! Rebuilding the ASL text of a path or an intrinsic call from its tokens, remembering
//! which token produced which byte so errors can point at the right token.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Ident, LitStr, Token};

use crate::ast::Text;
use crate::loc::Loc;

/// How two neighbouring tokens are joined.
#[derive(Clone, Copy, PartialEq)]
enum Last {
    Start,
    Word,
    Op,
    Other,
}

/// Builds a [`Text`] piece by piece.
pub struct TextBuilder {
    text: String,
    pieces: Vec<(usize, Span)>,
    first: Option<Span>,
    last_span: Option<Span>,
    last: Last,
}

impl TextBuilder {
    /// An empty text.
    pub fn new() -> Self {
        TextBuilder {
            text: String::new(),
            pieces: Vec::new(),
            first: None,
            last_span: None,
            last: Last::Start,
        }
    }

    /// Appends `s`, produced by the token at `span`.
    pub fn push(&mut self, s: &str, span: Span) {
        self.pieces.push((self.text.len(), span));
        self.text.push_str(s);
        self.first.get_or_insert(span);
        self.last_span = Some(span);
        self.last = Last::Other;
    }

    /// Appends a word (identifier or literal), separated from a previous word by a space.
    fn push_word(&mut self, s: &str, span: Span) {
        if matches!(self.last, Last::Word | Last::Op) {
            self.text.push(' ');
        }
        self.push(s, span);
        self.last = Last::Word;
    }

    /// Appends a nested text (an argument), keeping its token offsets.
    pub fn push_text(&mut self, nested: &Text) {
        let base = self.text.len();
        self.pieces.extend(
            nested
                .pieces
                .iter()
                .map(|(offset, span)| (base + offset, *span)),
        );
        self.text.push_str(&nested.text);
        self.first.get_or_insert(nested.loc.start);
        self.last_span = Some(nested.loc.end);
        self.last = Last::Other;
    }

    /// The finished text.
    pub fn finish(self, fallback: Span) -> Text {
        let start = self.first.unwrap_or(fallback);
        Text {
            text: self.text,
            pieces: self.pieces,
            loc: Loc {
                start,
                end: self.last_span.unwrap_or(start),
            },
        }
    }

    /// Appends the tokens inside `[..]` of a path (indexes, slices, quoted names, filters).
    fn push_tokens(&mut self, tokens: TokenStream) -> syn::Result<()> {
        for tree in tokens {
            match tree {
                TokenTree::Ident(ident) => self.push_word(&crate::ast::unraw(&ident), ident.span()),
                TokenTree::Literal(literal) => {
                    let span = literal.span();
                    let tree = TokenTree::Literal(literal.clone());
                    match syn::parse2::<LitStr>(tree.into()) {
                        Ok(s) => self.push_word(&single_quoted(&s.value()), span),
                        Err(_) => self.push_word(&literal.to_string(), span),
                    }
                }
                TokenTree::Punct(punct) => {
                    let c = punct.as_char();
                    let is_op = "<>=!&|".contains(c);
                    if is_op && self.last != Last::Op && self.last != Last::Start {
                        self.text.push(' ');
                    }
                    if !is_op && self.last == Last::Op {
                        self.text.push(' ');
                    }
                    self.push(&c.to_string(), punct.span());
                    self.last = if is_op && punct.spacing() == proc_macro2::Spacing::Joint {
                        Last::Op
                    } else if is_op {
                        // The operator is complete: a space follows it.
                        self.text.push(' ');
                        Last::Other
                    } else {
                        Last::Other
                    };
                }
                TokenTree::Group(group) => {
                    let (open, close) = match group.delimiter() {
                        Delimiter::Parenthesis => ("(", ")"),
                        Delimiter::Bracket => ("[", "]"),
                        Delimiter::None => ("", ""),
                        Delimiter::Brace => {
                            return Err(syn::Error::new(
                                group.span(),
                                "braces are not part of a path",
                            ));
                        }
                    };
                    let _level = super::depth::enter(group.span_open())?;
                    if self.last == Last::Word {
                        self.text.push(' ');
                    }
                    self.push(open, group.span_open());
                    self.push_tokens(group.stream())?;
                    self.push(close, group.span_close());
                }
            }
        }
        Ok(())
    }
}

/// `'text'` with `\` and `'` escaped (the quoting of paths and intrinsic arguments).
pub fn single_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        if c == '\'' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// Parses a path written as tokens: `$`, `$$` or `$name`, then `.name`, `..name`, `.*`, `[..]`.
pub fn parse_path(input: ParseStream) -> syn::Result<Text> {
    let mut text = TextBuilder::new();
    let dollar: Token![$] = input.parse()?;
    text.push("$", dollar.span);
    if input.peek(Token![$]) {
        let second: Token![$] = input.parse()?;
        text.push("$", second.span);
    } else if input.peek(Ident::peek_any) {
        let name = input.call(Ident::parse_any)?;
        text.push(&crate::ast::unraw(&name), name.span());
    }
    loop {
        if input.peek(Token![.]) {
            let dot: Token![.] = input.parse()?;
            text.push(".", dot.span);
            if input.peek(Token![.]) {
                let dot: Token![.] = input.parse()?;
                text.push(".", dot.span);
            }
            if input.peek(Token![*]) {
                let star: Token![*] = input.parse()?;
                text.push("*", star.span);
            } else if input.peek(Ident::peek_any) {
                let name = input.call(Ident::parse_any)?;
                text.push(&crate::ast::unraw(&name), name.span());
            } else if input.peek(syn::LitInt) {
                let index: syn::LitInt = input.parse()?;
                text.push(&index.to_string(), index.span());
            } else if !input.peek(syn::token::Bracket) {
                return Err(input.error("expected a field name, `*` or `[..]` after `.` in a path"));
            }
        } else if input.peek(syn::token::Bracket) {
            let content;
            let bracket = syn::bracketed!(content in input);
            text.push("[", bracket.span.open());
            let tokens: TokenStream = content.parse()?;
            text.push_tokens(tokens)?;
            text.push("]", bracket.span.close());
        } else {
            break;
        }
    }
    Ok(text.finish(dollar.span))
}
