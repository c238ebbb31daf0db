//! JSONata-mode states: Condition, Wait, Fail, Map Items/ItemSelector, extension functions.

use serde_json::{Value, json};
use sfn_runtime::asl::StateMachine;
use sfn_runtime::exec::{Executor, Status};

fn run(states: Value, input: Value) -> sfn_runtime::exec::Execution {
    let machine = StateMachine::from_value(
        json!({"QueryLanguage": "JSONata", "StartAt": "Start", "States": states}),
    )
    .unwrap();
    Executor::new(&machine).run(input)
}

#[test]
fn choice_condition_wait_and_output() {
    let states = json!({
        "Start": {"Type": "Choice", "Choices": [
            {"Condition": "{% $states.input.n > 10 %}", "Next": "Long", "Assign": {"kind": "long"}}
        ], "Default": "Short", "Assign": {"kind": "short"}},
        "Long": {"Type": "Wait", "Seconds": "{% $states.input.n %}", "Output": {"kind": "{% $kind %}"}, "End": true},
        "Short": {"Type": "Pass", "Output": {"kind": "{% $kind %}"}, "End": true}
    });
    let long = run(states.clone(), json!({"n": 30}));
    assert_eq!(
        (long.output, long.duration_ms),
        (Some(json!({"kind": "long"})), 30_000)
    );
    let short = run(states, json!({"n": 3}));
    assert_eq!(short.output, Some(json!({"kind": "short"})));
}

#[test]
fn fail_with_expressions() {
    let failed = run(
        json!({"Start": {"Type": "Fail", "Error": "{% 'Err.' & $states.input.code %}", "Cause": "{% $string($states.input.n) %}"}}),
        json!({"code": "X", "n": 5}),
    );
    assert_eq!(
        (failed.error.as_deref(), failed.cause.as_deref()),
        (Some("Err.X"), Some("5"))
    );
}

#[test]
fn map_items_and_item_selector_with_context() {
    let states = json!({"Start": {"Type": "Map", "Items": "{% $states.input.list %}",
        "ItemSelector": {"i": "{% $states.context.Map.Item.Index %}", "v": "{% $states.context.Map.Item.Value %}"},
        "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
        "Output": {"all": "{% $states.result %}"}, "End": true}});
    let execution = run(states, json!({"list": ["a", "b"]}));
    assert_eq!(
        execution.output,
        Some(json!({"all": [{"i": 0, "v": "a"}, {"i": 1, "v": "b"}]}))
    );
}

#[test]
fn extension_functions_and_seeded_randomness() {
    let states = json!({"Start": {"Type": "Pass", "Output": {
        "range": "{% $range(1, 9, 2) %}",
        "parts": "{% $partition([1, 2, 3, 4, 5], 2) %}",
        "parsed": "{% $parse('{\"a\": 1}') %}",
        "sha1": "{% $hash('input data', 'SHA-1') %}",
        "random": "{% $random() %}",
        "uuid": "{% $uuid() %}"
    }, "End": true}});
    let machine = StateMachine::from_value(
        json!({"QueryLanguage": "JSONata", "StartAt": "Start", "States": states}),
    )
    .unwrap();
    let a = Executor::new(&machine)
        .with_seed(1)
        .run(json!({}))
        .output
        .unwrap_or_default();
    let b = Executor::new(&machine)
        .with_seed(1)
        .run(json!({}))
        .output
        .unwrap_or_default();
    let c = Executor::new(&machine)
        .with_seed(2)
        .run(json!({}))
        .output
        .unwrap_or_default();
    assert_eq!(a["range"], json!([1, 3, 5, 7, 9]));
    assert_eq!(a["parts"], json!([[1, 2], [3, 4], [5]]));
    assert_eq!(a["parsed"], json!({"a": 1}));
    assert_eq!(a["sha1"], "aaff4a450a104cd177d28d18d74485e8cae074b7");
    assert!(
        a["random"]
            .as_f64()
            .is_some_and(|r| (0.0..1.0).contains(&r))
    );
    assert_eq!(a, b, "same seed, same values");
    assert_ne!(a["uuid"], c["uuid"]);
}

#[test]
fn evaluation_errors_are_query_evaluation_errors_naming_the_state() {
    let execution = run(
        json!({"Start": {"Type": "Pass", "Output": "{% $nope.field %}", "End": true}}),
        json!({}),
    );
    assert_eq!(execution.status, Status::Failed);
    assert_eq!(
        execution.error.as_deref(),
        Some("States.QueryEvaluationError")
    );
    assert!(
        execution
            .cause
            .as_deref()
            .unwrap_or_default()
            .contains("'Start'"),
        "{execution:?}"
    );
    let bad = run(
        json!({"Start": {"Type": "Pass", "Output": "{% ( %}", "End": true}}),
        json!({}),
    );
    assert_eq!(bad.error.as_deref(), Some("States.QueryEvaluationError"));
}
