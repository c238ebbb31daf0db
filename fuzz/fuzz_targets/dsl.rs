#![no_main]
//! The workflow! language from random token trees (deep nesting included): `sfn_dsl::expand`
//! never panics and never overflows the stack; it always returns tokens (the const and any
//! compile errors).
//!
//! Each byte is one step: open or close a group, or push a token from the language's
//! vocabulary, so the fuzzer reaches real syntax quickly.

use libfuzzer_sys::fuzz_target;
use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

const WORDS: &[&str] = &[
    "pub", "FLOW", "A", "B", "Pass", "Choice", "Task", "Wait", "Succeed", "Fail", "Parallel",
    "Map", "LambdaInvoke", "result", "parameters", "branches", "end", "seconds", "is_present",
    "States", "Format", "Array", "null", "true", "jsonata", "retry", "catch", "errors", "next",
];
const PUNCTS: &[(&str, Spacing)] = &[
    (":", Spacing::Alone), (",", Spacing::Alone), ("$", Spacing::Alone), (".", Spacing::Alone),
    ("!", Spacing::Alone), ("#", Spacing::Alone), ("=", Spacing::Alone), ("_", Spacing::Alone),
    ("-", Spacing::Joint), (">", Spacing::Alone), ("=", Spacing::Joint), ("&", Spacing::Joint),
    ("&", Spacing::Alone), ("<", Spacing::Alone), ("@", Spacing::Alone), ("?", Spacing::Alone),
];

fn tokens(data: &[u8]) -> TokenStream {
    // A stack of open groups, each with its delimiter and its tokens so far.
    let mut stack: Vec<(Delimiter, Vec<TokenTree>)> = vec![(Delimiter::None, Vec::new())];
    for &b in data {
        match b % 8 {
            0..=2 => {
                let delimiter = [Delimiter::Brace, Delimiter::Parenthesis, Delimiter::Bracket][usize::from(b % 3)];
                stack.push((delimiter, Vec::new()));
            }
            3 if stack.len() > 1 => {
                let (delimiter, inner) = stack.pop().expect("open group");
                let group = Group::new(delimiter, inner.into_iter().collect());
                stack.last_mut().expect("outer").1.push(TokenTree::Group(group));
            }
            4 | 5 => {
                let word = WORDS[usize::from(b / 8) % WORDS.len()];
                let ident = Ident::new(word, Span::call_site());
                stack.last_mut().expect("a group").1.push(TokenTree::Ident(ident));
            }
            6 => {
                let (c, spacing) = PUNCTS[usize::from(b / 8) % PUNCTS.len()];
                let tree = if c == "_" {
                    TokenTree::Ident(Ident::new("_", Span::call_site()))
                } else {
                    TokenTree::Punct(Punct::new(c.chars().next().unwrap_or(':'), spacing))
                };
                stack.last_mut().expect("a group").1.push(tree);
            }
            _ => {
                let literal = match b / 8 % 5 {
                    0 => Literal::string("x"),
                    1 => Literal::u64_unsuffixed(u64::from(b)),
                    2 => Literal::f64_unsuffixed(1.5),
                    3 => Literal::string("{% $states.input %}"),
                    _ => Literal::string("$.a"),
                };
                stack.last_mut().expect("a group").1.push(TokenTree::Literal(literal));
            }
        }
    }
    while stack.len() > 1 {
        let (delimiter, inner) = stack.pop().expect("open group");
        let group = Group::new(delimiter, inner.into_iter().collect());
        stack.last_mut().expect("outer").1.push(TokenTree::Group(group));
    }
    stack.pop().map(|(_, t)| t.into_iter().collect()).unwrap_or_default()
}

fuzz_target!(|data: &[u8]| {
    // rustc runs a proc macro on a thread with an 8 MiB stack: fuzz with the same room.
    let input = tokens(data);
    let text = input.to_string();
    let out = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || sfn_dsl::expand(text.parse().expect("printed tokens lex")).is_empty())
        .expect("thread")
        .join();
    assert!(out.is_ok(), "expand panicked");
});
