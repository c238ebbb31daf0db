//! Issue 17, items 2 and 3: no nesting makes the macro overflow rustc's stack or emit a
//! definition that cannot be read back. Every recursive parser stops at
//! `sfn_runtime::limits::MAX_DSL_DEPTH` with an error at the token one level too deep, and a
//! definition nested deeper than `MAX_JSON_DEPTH` as a whole is refused by the rule set.
//!
//! Each case runs on a thread with the 8 MiB stack rustc gives the macro, so a regression is
//! a failing test (a stack overflow aborts this test binary), not a slow one.

use proc_macro2::TokenStream;

fn errors(out: &TokenStream) -> Vec<String> {
    let text = out.to_string();
    text.split("compile_error !")
        .skip(1)
        .map(|s| s.split('"').nth(1).unwrap_or_default().to_owned())
        .collect()
}

/// Expands `source` (a workflow! body) on an 8 MiB stack and returns its errors.
fn expand(source: String) -> Vec<String> {
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            let tokens: TokenStream = source.parse().expect("the case lexes");
            errors(&sfn_dsl::expand(tokens))
        })
        .expect("thread")
        .join()
        .expect("the expansion does not panic")
}

fn nested(open: &str, inner: &str, close: &str, n: usize) -> String {
    format!("{}{inner}{}", open.repeat(n), close.repeat(n))
}

fn assert_depth_error(found: &[String], limit: &str) {
    assert!(
        found.iter().any(|e| e.contains(limit)),
        "expected an error naming {limit}, got {found:?}"
    );
}

#[test]
fn a_thousand_parentheses_in_a_condition() {
    let cond = nested("(", "$.x == 1", ")", 1_000);
    let found = expand(format!(
        "pub FLOW {{ A: Choice {{ {cond} => B, _ => B }}, B: Succeed }}"
    ));
    assert_depth_error(&found, "MAX_DSL_DEPTH");
}

#[test]
fn a_thousand_negations() {
    let cond = format!("{}$.x == 1", "!".repeat(1_000));
    let found = expand(format!(
        "pub FLOW {{ A: Choice {{ {cond} => B, _ => B }}, B: Succeed }}"
    ));
    assert_depth_error(&found, "MAX_DSL_DEPTH");
}

#[test]
fn a_json_value_four_thousand_deep() {
    let value = nested("[", "1", "]", 4_000);
    let found = expand(format!(
        "pub FLOW {{ A: Pass {{ result: {value} }} -> end }}"
    ));
    assert_depth_error(&found, "MAX_DSL_DEPTH");
}

#[test]
fn nested_intrinsic_calls_and_path_filters() {
    let call = nested("States.Array(", "$.x", ")", 1_000);
    let found = expand(format!(
        "pub FLOW {{ A: Pass {{ parameters: {{ \"a\": {call} }} }} -> end }}"
    ));
    assert_depth_error(&found, "MAX_DSL_DEPTH");
    let filter = nested("(", "@.x == 1", ")", 1_000);
    let found = expand(format!(
        "pub FLOW {{ A: Pass {{ input_path: $.a[?{filter}] }} -> end }}"
    ));
    assert_depth_error(&found, "MAX_DSL_DEPTH");
}

/// Within the parsers' limit, but the definition around it is deeper than serde_json could
/// read back (the case that used to compile to a `null` definition).
#[test]
fn a_value_too_deep_for_the_whole_definition() {
    let value = nested("[", "1", "]", 98);
    let found = expand(format!(
        "pub FLOW {{ A: Pass {{ result: {value} }} -> end }}"
    ));
    assert_depth_error(&found, "MAX_JSON_DEPTH");
}

#[test]
fn thirty_two_nested_parallels() {
    let mut body = "X: Succeed".to_owned();
    for i in 0..32 {
        body = format!("P{i}: Parallel {{ branches: [{{ {body} }}] }} -> end");
    }
    let found = expand(format!("pub FLOW {{ {body} }}"));
    assert_depth_error(&found, "MAX_JSON_DEPTH");
}

#[test]
fn nesting_within_the_limits_still_expands() {
    let value = nested("[", "1", "]", 90);
    let found = expand(format!(
        "pub FLOW {{ A: Pass {{ result: {value} }} -> end }}"
    ));
    assert!(found.is_empty(), "{found:?}");
    let cond = nested("(", "$.x == 1", ")", 50);
    let found = expand(format!(
        "pub FLOW {{ A: Choice {{ {cond} => B, _ => B }}, B: Succeed }}"
    ));
    assert!(found.is_empty(), "{found:?}");
}
