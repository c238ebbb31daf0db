//! `sfn_dsl::expand` called as a library: what it emits for good and bad input, and that no
//! input makes it panic.

use proc_macro2::TokenStream;
use proptest::prelude::*;
use quote::quote;

fn errors(out: &TokenStream) -> Vec<String> {
    let text = out.to_string();
    text.split("compile_error !")
        .skip(1)
        .map(|s| s.split('"').nth(1).unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn a_clean_workflow_expands_to_a_const_and_nothing_else() {
    let out = sfn_dsl::expand(quote! { pub FLOW { A: Pass {} -> end } });
    let text = out.to_string();
    assert!(
        text.contains("pub const FLOW : :: sfn :: Workflow"),
        "{text}"
    );
    // The definition is a raw string literal (`r#"{"StartAt":"A",..}"#`): lexed, not escaped.
    assert!(text.contains(r#"r#"{"StartAt":"A""#), "{text}");
    assert!(errors(&out).is_empty(), "{text}");
}

#[test]
fn errors_are_all_reported_and_the_const_still_exists() {
    let out = sfn_dsl::expand(quote! {
        pub FLOW {
            A: Pas {} -> B,
            B: Wait { secnds: 1 } -> C,
            C: Pass {} -> Nowhere,
        }
    });
    let found = errors(&out);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found[0].contains("did you mean `Pass`"));
    assert!(found[1].contains("did you mean `seconds`"));
    assert!(found[2].contains("no state named `Nowhere`"));
    // The stand-in const has an empty definition.
    assert!(out.to_string().contains(
        r#"pub const FLOW : :: sfn :: Workflow = :: sfn :: Workflow :: from_parts ("FLOW" , r"{}""#
    ));
}

#[test]
fn a_broken_header_is_one_error() {
    let out = sfn_dsl::expand(quote! { pub 42 });
    assert_eq!(errors(&out).len(), 1);
    let out = sfn_dsl::expand(quote! {});
    assert!(out.is_empty());
}

/// Words the generator glues together: DSL tokens and some that do not belong.
const VOCABULARY: &[&str] = &[
    "pub",
    "FLOW",
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    "A",
    "B",
    ":",
    ",",
    "->",
    "=>",
    "end",
    "Pass",
    "Choice",
    "Map",
    "Parallel",
    "Task",
    "LambdaInvoke",
    "$",
    ".",
    "..",
    "$$",
    "*",
    "\"x\"",
    "\"{% 1 %}\"",
    "1",
    "2s",
    "-",
    "==",
    "<",
    "&&",
    "||",
    "!",
    "_",
    "#",
    "#[start]",
    "#[retry(errors = [\"States.ALL\"])]",
    "States",
    "Format",
    "result_path",
    "parameters",
    "processor",
    "branches",
    "items",
    "true",
    "null",
    "is_present",
    "timestamp",
    "=",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn never_panics(words in proptest::collection::vec(0..VOCABULARY.len(), 0..40)) {
        let source: Vec<&str> = words.iter().map(|&i| VOCABULARY[i]).collect();
        // Unbalanced delimiters do not lex; those inputs never reach a macro.
        if let Ok(tokens) = source.join(" ").parse::<TokenStream>() {
            let _ = sfn_dsl::expand(tokens);
        }
    }

    #[test]
    fn never_panics_inside_a_state_body(words in proptest::collection::vec(0..VOCABULARY.len(), 0..30)) {
        let body: Vec<&str> = words.iter().map(|&i| VOCABULARY[i]).collect();
        let source = format!("pub FLOW {{ A: Pass {{ {} }} -> end, B: Choice {{ {} }} }}", body.join(" "), body.join(" "));
        if let Ok(tokens) = source.parse::<TokenStream>() {
            let _ = sfn_dsl::expand(tokens);
        }
    }
}
