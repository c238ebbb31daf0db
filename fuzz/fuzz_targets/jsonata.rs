#![no_main]
//! The JSONata bridge: any expression over any input either evaluates or fails with a
//! message, within the limits (time, stack, sequence, depth, size) of sfn_runtime::limits;
//! what comes back is JSON no deeper than MAX_JSON_DEPTH, and converting a value there and
//! back keeps it.
//!
//! Input: `EXPRESSION\nINPUT-JSON`.

use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value, json};
use sfn_runtime::jsonata::eval::{Bindings, JsonataExpr, from_jvalue, to_jvalue};
use sfn_runtime::limits::{MAX_JSON_DEPTH, deeper_than};

fuzz_target!(|data: &[u8]| {
    quiet_caught_panics();
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (expression, input) = text.split_once('\n').unwrap_or((text, "null"));
    let input: Value = serde_json::from_str(input).unwrap_or(Value::Null);
    if let Ok(converted) = to_jvalue(&input) {
        let back = from_jvalue(&converted).expect("a value converted in converts back");
        // Numbers go through f64 in jsonata-core; everything else is kept.
        if !text.contains(|c: char| c.is_ascii_digit()) {
            assert_eq!(back, Some(input.clone()));
        }
    }
    let Ok(expr) = JsonataExpr::compile(expression) else { return };
    let mut variables = Map::new();
    variables.insert("v".into(), json!([1, {"a": "b"}]));
    let bindings = Bindings {
        input: &input,
        context: &json!({"Execution": {"Id": "x"}}),
        result: None,
        error_output: None,
        variables: &variables,
        seed: 7,
    };
    match expr.evaluate(&bindings) {
        Ok(value) => assert!(!deeper_than(&value, MAX_JSON_DEPTH)),
        Err(e) => assert!(!e.message.is_empty()),
    }
});

/// sfn's JSONata bridge catches a panic inside jsonata-core and reports it as an evaluation
/// error (a range with a huge bound overflows in its debug build: kept as a regression test in
/// sfn-runtime's jsonata tests). libFuzzer's panic hook would abort on that caught panic, so
/// the default hook is restored; a panic that escapes sfn still fails the run, through
/// libfuzzer-sys's own catch.
fn quiet_caught_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
    });
}
