//! `TestState`: one state with the inspection data of the TestState API.

use serde_json::json;
use sfn_runtime::asl::StateMachine;
use sfn_runtime::exec::{TestState, TestStatus};

fn task() -> serde_json::Value {
    json!({
        "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "InputPath": "$.order",
        "Parameters": {"FunctionName": "price", "Payload.$": "$"},
        "ResultSelector": {"total.$": "$.Payload.total"},
        "ResultPath": "$.priced",
        "OutputPath": "$.priced",
        "Retry": [{"ErrorEquals": ["Throttled"], "IntervalSeconds": 2, "MaxAttempts": 2}],
        "Catch": [{"ErrorEquals": ["Declined"], "ResultPath": "$.error", "Next": "Handle"}],
        "Next": "Ship"
    })
}

#[test]
fn inspection_data_for_every_stage() {
    let result = TestState::state(&task())
        .unwrap()
        .input(json!({"order": {"id": 1}}))
        .mock_result(json!({"Payload": {"total": 9}}))
        .run();
    assert_eq!(result.status, TestStatus::Succeeded);
    assert_eq!(result.next_state.as_deref(), Some("Ship"));
    assert_eq!(result.output, Some(json!({"total": 9})));
    let data = result.inspection;
    assert_eq!(data.input, Some(json!({"order": {"id": 1}})));
    assert_eq!(data.after_input_path, Some(json!({"id": 1})));
    assert_eq!(
        data.after_parameters,
        Some(json!({"FunctionName": "price", "Payload": {"id": 1}}))
    );
    assert_eq!(data.result, Some(json!({"Payload": {"total": 9}})));
    assert_eq!(data.after_result_selector, Some(json!({"total": 9})));
    assert_eq!(
        data.after_result_path,
        Some(json!({"order": {"id": 1}, "priced": {"total": 9}}))
    );
}

#[test]
fn retriable_then_failed_after_the_retries() {
    let retriable = TestState::state(&task())
        .unwrap()
        .input(json!({"order": {}}))
        .mock_error("Throttled", "slow down")
        .run();
    assert_eq!(retriable.status, TestStatus::Retriable);
    assert_eq!(retriable.inspection.retry_index, Some(0));
    assert_eq!(
        retriable.inspection.retry_backoff_interval_seconds,
        Some(2.0)
    );
    let second = TestState::state(&task())
        .unwrap()
        .input(json!({"order": {}}))
        .mock_error("Throttled", "slow down")
        .retrier_retry_count(1)
        .run();
    assert_eq!(second.inspection.retry_backoff_interval_seconds, Some(4.0));
    let exhausted = TestState::state(&task())
        .unwrap()
        .input(json!({"order": {}}))
        .mock_error("Throttled", "slow down")
        .retrier_retry_count(2)
        .run();
    assert_eq!(exhausted.status, TestStatus::Failed);
    assert_eq!(exhausted.error.as_deref(), Some("Throttled"));
}

#[test]
fn caught_error_names_the_catcher_and_next_state() {
    let result = TestState::state(&task())
        .unwrap()
        .input(json!({"order": {}}))
        .mock_error("Declined", "card")
        .run();
    assert_eq!(result.status, TestStatus::CaughtError);
    assert_eq!(result.next_state.as_deref(), Some("Handle"));
    assert_eq!(result.inspection.catch_index, Some(0));
    assert_eq!(
        result.output,
        Some(json!({"order": {}, "error": {"Error": "Declined", "Cause": "card"}}))
    );
}

#[test]
fn a_state_inside_a_machine_with_variables() {
    let machine = StateMachine::from_value(json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Next": "B"},
        "B": {"Type": "Choice", "Choices": [{"Variable": "$limit", "NumericGreaterThanPath": "$.n", "Next": "Small", "Assign": {"seen.$": "$.n"}}], "Default": "Big"},
        "Small": {"Type": "Succeed"}, "Big": {"Type": "Succeed"}
    }}))
    .unwrap();
    let mut variables = serde_json::Map::new();
    variables.insert("limit".into(), json!(10));
    let result = TestState::in_machine(&machine, "B")
        .unwrap()
        .input(json!({"n": 3}))
        .variables(variables)
        .run();
    assert_eq!(result.status, TestStatus::Succeeded);
    assert_eq!(result.next_state.as_deref(), Some("Small"));
    assert_eq!(result.inspection.variables.get("seen"), Some(&json!(3)));
    assert!(TestState::in_machine(&machine, "Nope").is_err());
}

#[test]
fn malformed_state_is_an_error_not_a_panic() {
    assert!(TestState::state(&json!({"Type": "Teleport"})).is_err());
    assert!(TestState::state(&json!([1])).is_err());
}
