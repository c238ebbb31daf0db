//! EvaluateExpression's native state run through the local executor: the value CDK's
//! Lambda computes (JavaScript semantics) when the input has the fields, a failed state
//! when it does not, never a silently different or missing result.
mod common;
use common::*;
use serde_json::{Value, json};
use sfn_runtime::asl::StateMachine;
use sfn_runtime::exec::{Execution, Executor, Status};
use sfn_tasks::services::evaluate_expression::apply_result_path;

/// Runs `expression` as a one-state machine with `result_path` (`None`: the value is the output).
fn run(expression: &str, result_path: Option<&str>, input: Value) -> Execution {
    let c = call("EvaluateExpression", vec![("expression", s(expression))]);
    let mut state = ok(&c).native_state.expect("a native state");
    if let Some(path) = result_path {
        apply_result_path(&mut state, Some(path)).expect("result path");
    }
    state.insert("End".into(), Value::Bool(true));
    let definition = json!({"StartAt": "E", "States": {"E": state}});
    let machine = StateMachine::from_json(&definition.to_string())
        .unwrap_or_else(|e| panic!("{expression}: {e:?}\n{definition:#}"));
    Executor::new(&machine).run(input)
}

/// The value of `expression` on `input`, or the error name and cause.
fn value(expression: &str, input: Value) -> Result<Value, (String, String)> {
    let execution = run(expression, None, input);
    match execution.status {
        Status::Succeeded => Ok(execution.output.unwrap_or(Value::Null)),
        _ => Err((
            execution.error.unwrap_or_default(),
            execution.cause.unwrap_or_default(),
        )),
    }
}

fn fails(expression: &str, input: Value) -> String {
    match value(expression, input.clone()) {
        Ok(v) => panic!("{expression} on {input} gave {v}, expected a failure"),
        Err((error, cause)) => {
            assert_eq!(error, "States.QueryEvaluationError", "{cause}");
            cause
        }
    }
}

#[test]
fn length_is_javascript_length() {
    let e = "$.a.length > 2 ? 'many' : 'few'";
    assert_eq!(value(e, json!({"a": [1, 2, 3]})), Ok(json!("many")));
    assert_eq!(value(e, json!({"a": [1]})), Ok(json!("few")));
    assert_eq!(value(e, json!({"a": "abcd"})), Ok(json!("many")));
    assert_eq!(value(e, json!({"a": "ab"})), Ok(json!("few")));
    // An object's `length` is its field, as in JavaScript.
    assert_eq!(value(e, json!({"a": {"length": 5}})), Ok(json!("many")));
    // A number has no length: CDK's path `$.a.length` fails; so do we.
    fails(e, json!({"a": 7}));
    // The field is missing: CDK's Parameters path fails; we fail, naming the path.
    let cause = fails(e, json!({"b": 1}));
    assert!(cause.contains("$.a"), "{cause}");
    assert_eq!(
        value("$.list[1].length", json!({"list": ["x", "yyy"]})),
        Ok(json!(3))
    );
}

#[test]
fn a_missing_field_fails_the_state() {
    let cause = fails("$.waitMilliseconds / 1000", json!({"other": 1}));
    assert!(cause.contains("$.waitMilliseconds"), "{cause}");
    // With a result path the value is not silently dropped either.
    let execution = run(
        "$.waitMilliseconds / 1000",
        Some("$.waitSeconds"),
        json!({}),
    );
    assert_eq!(execution.status, Status::Failed);
    let execution = run(
        "$.waitMilliseconds / 1000",
        Some("$.waitSeconds"),
        json!({"waitMilliseconds": 1500}),
    );
    assert_eq!(
        execution.output,
        Some(json!({"waitMilliseconds": 1500, "waitSeconds": 1.5}))
    );
    // CDK reads every path before evaluating: a path in the branch not taken counts too.
    fails("$.flag ? 1 : $.missing", json!({"flag": true}));
    // Indexes need an array of that length; fields need an object.
    fails("$.list[5]", json!({"list": [1]}));
    fails("$.list[0]", json!({"list": {"0": 1}}));
    fails("$.a.b", json!({"a": [{"b": 1}]}));
    // A field holding null exists.
    assert_eq!(value("$.a === null", json!({"a": null})), Ok(json!(true)));
}

#[test]
fn javascript_operators_keep_their_meaning() {
    let input = json!({
        "n": 2, "m": 3, "s": "x", "t": "", "list": [10, 20], "empty": [], "obj": {"k": "v"},
        "flag": true, "off": false, "nil": null, "zero": 0, "half": 0.5
    });
    let cases: &[(&str, Value)] = &[
        ("$.n + $.m", json!(5)),
        ("$.s + $.n", json!("x2")),
        ("$.n + $.s", json!("2x")),
        ("'n=' + $.n", json!("n=2")),
        ("$.list + ''", json!("10,20")),
        ("$.obj + '!'", json!("[object Object]!")),
        ("$.nil + 'x'", json!("nullx")),
        ("$.flag + 'x'", json!("truex")),
        ("$.n * ($.m - 1) % 3", json!(1)),
        ("$.n / 4", json!(0.5)),
        ("-$.n", json!(-2)),
        ("+$.n", json!(2)),
        ("$.list[1]", json!(20)),
        ("$['obj'].k", json!("v")),
        ("$.obj['k']", json!("v")),
        // && and || give an operand, with JavaScript's truthiness.
        ("$.s || 'default'", json!("x")),
        ("$.t || 'default'", json!("default")),
        ("$.zero || 'none'", json!("none")),
        ("$.empty || 'none'", json!([])),
        ("$.obj && $.n", json!(2)),
        ("$.nil && $.n", json!(null)),
        ("$.flag && $.off", json!(false)),
        ("!$.empty", json!(false)),
        ("!$.t", json!(true)),
        ("$.empty ? 'truthy' : 'falsy'", json!("truthy")),
        ("$.zero ? 'truthy' : 'falsy'", json!("falsy")),
        // Strict equality compares objects and arrays by reference: never equal.
        ("$.list === $.list", json!(false)),
        ("$.n === 2", json!(true)),
        ("$.n === '2'", json!(false)),
        ("$.s !== 'x'", json!(false)),
        ("$.nil == null", json!(true)),
        ("$.n == 2", json!(true)),
        ("$.n < $.m && $.s >= 'a'", json!(true)),
        ("`${$.obj.k}-${$.n}-${$.list}`", json!("v-2-10,20")),
        ("`${$.half * 2}`", json!("1")),
        ("'a\\u0041\\n'", json!("aA\n")),
        ("`tab\\there`", json!("tab\there")),
        (".5 + 1", json!(1.5)),
        ("1 + 2", json!(3)),
    ];
    for (js, want) in cases {
        assert_eq!(value(js, input.clone()).as_ref(), Ok(want), "{js}");
    }
    // Where JavaScript would coerce in ways JSONata cannot follow, the state fails
    // instead of computing something else.
    fails("$.n == '2'", input.clone());
    fails("$.s * 2", input.clone());
    fails("$.obj * 2", input.clone());
    fails("$.flag < 2", input.clone());
}

#[test]
fn the_seed_chain_runs() {
    let first = run(
        "$.waitMilliseconds / 1000",
        Some("$.waitSeconds"),
        json!({"waitMilliseconds": 2500}),
    );
    let second = run(
        "`Now waiting ${$.waitSeconds} seconds...`",
        Some("$.message"),
        first.output.expect("output"),
    );
    assert_eq!(
        second.output,
        Some(json!({
            "waitMilliseconds": 2500, "waitSeconds": 2.5,
            "message": "Now waiting 2.5 seconds..."
        }))
    );
}

#[test]
fn untranslatable_javascript_is_a_compile_error() {
    for (js, needle) in [
        ("$", "bare `$`"),
        ("$.a.length.b", "`.length`"),
        ("'\\u{1F600}'", "escape"),
        ("typeof $.a", "typeof"),
        ("$.a = 1", "unexpected"),
        ("$.a ** 2", "`**`"),
    ] {
        let c = call("EvaluateExpression", vec![("expression", s(js))]);
        let e = errs(&c);
        assert!(e.iter().any(|e| e.message.contains(needle)), "{js}: {e:?}");
    }
}
