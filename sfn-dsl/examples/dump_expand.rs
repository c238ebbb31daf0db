//! The expansion of every `workflow! { .. }` in the given Rust files (and of the generated
//! workloads of `benches/workloads`), printed one after the other: a guard for changes that
//! must keep the output the same. Run it before and after, and diff:
//!
//! ```text
//! cargo run --release -p sfn-dsl --example dump_expand -- $(git ls-files '*.rs') > before.txt
//! ```
//!
//! Error expansions are printed too (their messages; the spans are the ui tests' concern).

#[path = "../benches/workloads/mod.rs"]
mod workloads;

use proc_macro2::{TokenStream, TokenTree};

fn main() {
    for (name, source) in [
        ("chain 10", workloads::chain(10)),
        ("chain 1000", workloads::chain(1_000)),
        ("choice 10", workloads::choice(10)),
        ("choice 1000", workloads::choice(1_000)),
    ] {
        let tokens: TokenStream = source.parse().expect("generated source lexes");
        println!("== {name}\n{}", sfn_dsl::expand(tokens));
    }
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        // Files that do not lex (ui tests of lexer errors) have no invocation to expand.
        let Ok(tokens) = text.parse::<TokenStream>() else {
            continue;
        };
        let mut count = 0;
        visit(tokens, &mut |body| {
            count += 1;
            println!("== {path} #{count}\n{}", sfn_dsl::expand(body));
        });
    }
}

/// Calls `found` with the body of every `workflow!` invocation, nested ones included.
fn visit(tokens: TokenStream, found: &mut dyn FnMut(TokenStream)) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        if let TokenTree::Group(group) = tree {
            let invoked = i >= 2
                && matches!(
                    (&trees[i - 2], &trees[i - 1]),
                    (TokenTree::Ident(name), TokenTree::Punct(bang))
                        if name == "workflow" && bang.as_char() == '!'
                );
            if invoked {
                found(group.stream());
            } else {
                visit(group.stream(), found);
            }
        }
    }
}
