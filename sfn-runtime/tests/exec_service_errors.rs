//! The errors the service itself raises while running a state, with its cause texts word
//! for word (issue #13, items 6-14). Every expected text says where it comes from; the
//! table of all of them is docs/errors.md.
//!
//! The preamble "An error occurred while executing the state 'S' (entered at the event id
//! #N). " names the id of the state's `...Entered` event: each case checks that the id is
//! the one in the history, and that the cause is the same with the history off.

use serde_json::{Value, json};
use sfn_runtime::WorkflowKind;
use sfn_runtime::asl::StateMachine;
use sfn_runtime::exec::{Execution, Executor, MockConfig, Status};

fn machine(definition: Value) -> StateMachine {
    StateMachine::from_value(definition).expect("a valid definition")
}

/// Runs with and without history; both must fail alike. Returns the recorded run.
fn fails(definition: Value, input: Value) -> Execution {
    let m = machine(definition);
    let recorded = Executor::new(&m).run(input.clone());
    let unrecorded = Executor::new(&m).record_history(false).run(input);
    assert_eq!(recorded.status, Status::Failed, "{recorded:?}");
    assert_eq!(
        (&recorded.error, &recorded.cause),
        (&unrecorded.error, &unrecorded.cause),
        "history on and off must give the same error"
    );
    recorded
}

/// The id of the `...Entered` event of `state` (the last one entered).
fn entered_id(execution: &Execution, state: &str) -> usize {
    execution
        .history
        .iter()
        .rev()
        .find(|e| {
            e.event_type.ends_with("StateEntered")
                && e.details.get("name").and_then(Value::as_str) == Some(state)
        })
        .map(|e| e.id)
        .expect("the state was entered")
}

fn preamble(state: &str, id: usize) -> String {
    format!(
        "An error occurred while executing the state '{state}' (entered at the event id #{id}). "
    )
}

fn assert_fails_with(execution: &Execution, error: &str, state: &str, rest: &str) {
    let id = entered_id(execution, state);
    assert_eq!(execution.error.as_deref(), Some(error), "{execution:?}");
    assert_eq!(
        execution.cause.as_deref(),
        Some(format!("{}{rest}", preamble(state, id)).as_str())
    );
}

fn wait_seconds_path(input: Value) -> Execution {
    fails(
        json!({"StartAt": "Wait", "States": {
            "Wait": {"Type": "Wait", "SecondsPath": "$.input.waitSeconds", "End": true}}}),
        input,
    )
}

#[test]
fn seconds_path_negative_matches_the_issue_recording() {
    // The text quoted in issue #13 (recorded against AWS), id included.
    let execution = wait_seconds_path(json!({"input": {"waitSeconds": -1}}));
    assert_eq!(
        execution.cause.as_deref(),
        Some(
            "An error occurred while executing the state 'Wait' (entered at the event id #2). The SecondsPath parameter references a negative value: $.input.waitSeconds == -1"
        )
    );
    assert_eq!(execution.error.as_deref(), Some("States.Runtime"));
}

#[test]
fn seconds_path_not_a_long_and_missing() {
    // localstack's Wait snapshot tests (aws.validated) and its SecondsPath texts.
    let execution = wait_seconds_path(json!({"input": {"waitSeconds": "soon"}}));
    assert_fails_with(
        &execution,
        "States.Runtime",
        "Wait",
        "The SecondsPath parameter cannot be parsed as a long value: $.input.waitSeconds == soon",
    );
    let execution = wait_seconds_path(json!({"input": {"waitSeconds": 1.5}}));
    assert_fails_with(
        &execution,
        "States.Runtime",
        "Wait",
        "The SecondsPath parameter cannot be parsed as a long value: $.input.waitSeconds == 1.5",
    );
    let execution = wait_seconds_path(json!({"input": {}}));
    assert_fails_with(
        &execution,
        "States.Runtime",
        "Wait",
        "The SecondsPath parameter does not reference an input value: $.input.waitSeconds",
    );
}

#[test]
fn timestamp_path_not_a_timestamp() {
    // localstack snapshot test_wait_timestamppath (recorded against AWS).
    let execution = fails(
        json!({"StartAt": "State_1", "States": {
            "State_1": {"Type": "Wait", "TimestampPath": "$.start_at", "End": true}}}),
        json!({"start_at": "2024-01-01 10:00:00"}),
    );
    assert_fails_with(
        &execution,
        "States.Runtime",
        "State_1",
        "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.start_at == 2024-01-01 10:00:00",
    );
}

#[test]
fn a_wait_longer_than_2_pow_31_seconds_fails_at_once() {
    // Recorded against AWS (issue #13, item 9): "Wait state delay is too long." at once,
    // for a target more than 2^31 - 1 seconds (~24,855 days) away.
    for wait in [
        json!({"Type": "Wait", "Seconds": 2_147_483_648u64, "End": true}),
        json!({"Type": "Wait", "Timestamp": "9999-12-31T00:00:00Z", "End": true}),
    ] {
        let execution = fails(json!({"StartAt": "W", "States": {"W": wait}}), json!({}));
        assert_fails_with(
            &execution,
            "States.Runtime",
            "W",
            "Wait state delay is too long.",
        );
        assert_eq!(execution.duration_ms, 0, "fails at once, without waiting");
    }
    // Just under the bound the wait is accepted; the one-year quota ends it.
    let m = machine(json!({"StartAt": "W", "States": {
        "W": {"Type": "Wait", "Seconds": 2_147_483_647u64, "End": true}}}));
    assert_eq!(Executor::new(&m).run(json!({})).status, Status::TimedOut);
}

#[test]
fn payload_template_path_not_found() {
    // Recorded against AWS (public execution output): "The JSONPath '$.nope' specified for
    // the field 'm.$' could not be found in the input '{"x":"a"}'".
    let execution = fails(
        json!({"StartAt": "Fast", "States": {
            "Fast": {"Type": "Pass", "Parameters": {"m.$": "$.nope"}, "End": true}}}),
        json!({"x": "a"}),
    );
    assert_fails_with(
        &execution,
        "States.Runtime",
        "Fast",
        r#"The JSONPath '$.nope' specified for the field 'm.$' could not be found in the input '{"x":"a"}'"#,
    );
}

#[test]
fn input_and_output_path_not_found() {
    // The service reports Jayway's PathNotFoundException (localstack InputPath/OutputPath).
    let execution = fails(
        json!({"StartAt": "P", "States": {
            "P": {"Type": "Pass", "InputPath": "$.no.such", "End": true}}}),
        json!({"no": {}}),
    );
    assert_fails_with(
        &execution,
        "States.Runtime",
        "P",
        "Invalid path '$.no.such' : No results for path: $['no']['such']",
    );
    // A Parallel's OutputPath fails after its branches ran: the id is still the
    // Parallel's own entry (the conformance case catch-does-not-handle-states-runtime).
    let execution = fails(
        json!({"StartAt": "Work", "States": {
            "Work": {"Type": "Parallel", "OutputPath": "$.no.such.result.path", "End": true,
                     "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}]}}}),
        json!({}),
    );
    assert_eq!(entered_id(&execution, "Work"), 2);
    assert_fails_with(
        &execution,
        "States.Runtime",
        "Work",
        "Invalid path '$.no.such.result.path' : No results for path: $['no']['such']['result']['path']",
    );
}

#[test]
fn a_nested_state_names_its_own_entry() {
    // A state inside a Parallel branch: its id comes after the Parallel's events.
    let execution = fails(
        json!({"StartAt": "Par", "States": {
            "Par": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "Ok", "States": {"Ok": {"Type": "Pass", "Next": "Inner"},
                    "Inner": {"Type": "Pass", "Parameters": {"v.$": "$.missing"}, "End": true}}}]}}}),
        json!({}),
    );
    let id = entered_id(&execution, "Inner");
    assert!(id > 3, "after the Parallel's own events: {id}");
    assert_fails_with(
        &execution,
        "States.Runtime",
        "Inner",
        "The JSONPath '$.missing' specified for the field 'v.$' could not be found in the input '{}'",
    );
}

#[test]
fn intrinsic_argument_path_not_found() {
    // Recorded against AWS (quoted in a public CDK construct's README): "The function
    // 'States.Array(...)' had the following error: The JsonPath argument for the field '...'
    // could not be found in the input '...'".
    let execution = fails(
        json!({"StartAt": "T", "States": {
            "T": {"Type": "Pass", "Parameters": {"a.$": "States.Array($.optional)"}, "End": true}}}),
        json!({"required": 1}),
    );
    assert_fails_with(
        &execution,
        "States.Runtime",
        "T",
        r#"The function 'States.Array($.optional)' had the following error: The JsonPath argument for the field '$.optional' could not be found in the input '{"required":1}'"#,
    );
}

#[test]
fn choice_variable_not_found() {
    // Recorded against AWS (Step Functions workshop): "Invalid path '$.jobs[0].done': The
    // choice state's condition path references an invalid value."
    let execution = fails(
        json!({"StartAt": "AllDone", "States": {
            "AllDone": {"Type": "Choice", "Default": "End",
                "Choices": [{"Variable": "$.jobs[0].done", "BooleanEquals": true, "Next": "End"}]},
            "End": {"Type": "Succeed"}}}),
        json!({"jobs": [{"input": "First job"}]}),
    );
    assert_fails_with(
        &execution,
        "States.Runtime",
        "AllDone",
        "Invalid path '$.jobs[0].done': The choice state's condition path references an invalid value.",
    );
}

/// A distributed Map over `$.items` with extra fields.
fn map_with(fields: Value) -> Value {
    let mut map = json!({"Type": "Map", "ItemsPath": "$.items", "End": true,
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Item", "States": {"Item": {"Type": "Pass", "End": true}}}});
    for (k, v) in fields.as_object().unwrap() {
        map[k] = v.clone();
    }
    json!({"StartAt": "Map", "States": {"Map": map}})
}

#[test]
fn max_concurrency_path_accepts_a_numeric_string() {
    // Recorded against AWS (issue #13, item 6): "1" is accepted as 1.
    let m = machine(map_with(json!({"MaxConcurrencyPath": "$.mc"})));
    let execution = Executor::new(&m).run(json!({"mc": "1", "items": [1, 2]}));
    assert_eq!(execution.status, Status::Succeeded, "{execution:?}");
    assert_eq!(execution.output, Some(json!([1, 2])));
    // Values it cannot use: the service's texts (localstack snapshot tests, aws.validated).
    let definition = map_with(json!({"MaxConcurrencyPath": "$.mc"}));
    let execution = fails(definition.clone(), json!({"mc": "one", "items": [1]}));
    assert_fails_with(
        &execution,
        "States.Runtime",
        "Map",
        r#"The MaxConcurrencyPath field refers to value "one" which is not a valid integer: $.mc"#,
    );
    let execution = fails(definition, json!({"mc": -1, "items": [1]}));
    assert_fails_with(
        &execution,
        "States.Runtime",
        "Map",
        "Expected non-negative integer for MaxConcurrency, got '-1' instead.",
    );
}

#[test]
fn tolerated_failure_paths_selecting_unusable_values() {
    // Recorded against AWS (issue #13, item 7) and localstack's texts for them
    // (aws.validated snapshot tests): the state fails with States.Runtime before any item.
    let count = map_with(json!({"ToleratedFailureCountPath": "$.t"}));
    let execution = fails(count.clone(), json!({"t": -1, "items": [1]}));
    assert_fails_with(
        &execution,
        "States.Runtime",
        "Map",
        "ToleratedFailureCount cannot be negative.",
    );
    let execution = fails(count.clone(), json!({"t": {"a": 1}, "items": [1]}));
    assert_fails_with(
        &execution,
        "States.Runtime",
        "Map",
        r#"The ToleratedFailureCountPath field refers to value "{"a":1}" which is not a valid integer: $.t"#,
    );
    let execution = fails(count.clone(), json!({"t": "many", "items": [1]}));
    assert_fails_with(
        &execution,
        "States.Runtime",
        "Map",
        r#"The ToleratedFailureCountPath field refers to value "many" which is not a valid integer: $.t"#,
    );
    // A numeric string is read as its number.
    let m = machine(count);
    let ok = Executor::new(&m).run(json!({"t": "2", "items": [1]}));
    assert_eq!(ok.status, Status::Succeeded, "{ok:?}");

    let percentage = map_with(json!({"ToleratedFailurePercentagePath": "$.p"}));
    let execution = fails(percentage.clone(), json!({"p": 101, "items": [1]}));
    assert_fails_with(
        &execution,
        "States.Runtime",
        "Map",
        "ToleratedFailurePercentage must be between 0 and 100.",
    );
    let execution = fails(percentage, json!({"p": [5], "items": [1]}));
    assert_fails_with(
        &execution,
        "States.Runtime",
        "Map",
        r#"The ToleratedFailurePercentagePath field refers to value "[5]" which is not a valid float: $.p"#,
    );
}

#[test]
fn jsonata_undefined_names_the_field_and_its_position() {
    // Recorded against AWS (public execution output): "The JSONata expression
    // '$states.input.pushLocation' specified for the field 'Arguments/Input/pushLocation'
    // returned nothing (undefined)."
    let execution = fails(
        json!({"QueryLanguage": "JSONata", "StartAt": "Transform", "States": {
            "Transform": {"Type": "Pass", "Output": {"v": "{% $states.input.absent %}"}, "End": true}}}),
        json!({}),
    );
    assert_fails_with(
        &execution,
        "States.QueryEvaluationError",
        "Transform",
        "The JSONata expression '$states.input.absent' specified for the field 'Output/v' returned nothing (undefined).",
    );
    let execution = fails(
        json!({"QueryLanguage": "JSONata", "StartAt": "Transform", "States": {
            "Transform": {"Type": "Pass", "Output": "{% $states.input.missing %}", "End": true}}}),
        json!({}),
    );
    assert_fails_with(
        &execution,
        "States.QueryEvaluationError",
        "Transform",
        "The JSONata expression '$states.input.missing' specified for the field 'Output' returned nothing (undefined).",
    );
}

#[test]
fn jsonata_items_not_an_array() {
    // localstack's Items text (aws.validated snapshot tests).
    let execution = fails(
        json!({"QueryLanguage": "JSONata", "StartAt": "Map", "States": {
            "Map": {"Type": "Map", "Items": "{% $states.input.items %}", "End": true,
                "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}}}}),
        json!({"items": {"a": 1}}),
    );
    assert_fails_with(
        &execution,
        "States.QueryEvaluationError",
        "Map",
        r#"The JSONata expression '$states.input.items' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'object' for value: {"a":1}"#,
    );
}

#[test]
fn data_limit_exceeded_names_the_state() {
    // Recorded against AWS (public execution output): "The state/task 'PostCoeffgen'
    // returned a result with a size exceeding the maximum number of bytes service limit."
    let big = "x".repeat(150_000);
    let m = machine(json!({"StartAt": "Big", "States": {
        "Big": {"Type": "Pass", "Parameters": {"a.$": "$.s", "b.$": "$.s"}, "End": true}}}));
    let execution = Executor::new(&m).run(json!({"s": big}));
    assert_eq!(execution.error.as_deref(), Some("States.DataLimitExceeded"));
    assert_eq!(
        execution.cause.as_deref(),
        Some(
            "The state/task 'Big' returned a result with a size exceeding the maximum number of bytes service limit."
        )
    );
}

#[test]
fn math_random_rounds_non_integer_bounds() {
    // Recorded against AWS (issue #13, item 10) and the Developer Guide: non-integer bounds
    // are rounded to the nearest integer, the call succeeds.
    let m = machine(json!({"StartAt": "R", "States": {
        "R": {"Type": "Pass", "Parameters": {"r.$": "States.MathRandom(12.5, 44.51)"}, "End": true}}}));
    for seed in 0..20 {
        let execution = Executor::new(&m).with_seed(seed).run(json!({}));
        assert_eq!(execution.status, Status::Succeeded, "{execution:?}");
        let r = execution.output.as_ref().unwrap()["r"].as_i64().unwrap();
        assert!((13..45).contains(&r), "{r}");
    }
}

#[test]
fn express_context_object() {
    // Recorded against AWS (issue #13, item 11): an Express execution's id is
    // arn:aws:states:REGION:ACCOUNT:express:MACHINE:NAME:ID and it has no RedriveCount.
    let m = machine(json!({"StartAt": "C", "States": {
        "C": {"Type": "Pass", "Parameters": {"e.$": "$$.Execution"}, "End": true}}}));
    let run = |kind| {
        Executor::new(&m)
            .with_names("Orders", "run-1")
            .with_kind(kind)
            .run(json!({}))
            .output
            .unwrap()["e"]
            .clone()
    };
    let express = run(WorkflowKind::Express);
    let id = express["Id"].as_str().unwrap();
    let prefix = "arn:aws:states:us-east-1:123456789012:express:Orders:run-1:";
    assert!(id.starts_with(prefix), "{id}");
    assert_eq!(id[prefix.len()..].len(), 36, "a UUID: {id}");
    assert!(express.get("RedriveCount").is_none(), "{express}");
    let standard = run(WorkflowKind::Standard);
    assert_eq!(
        standard["Id"],
        json!("arn:aws:states:us-east-1:123456789012:execution:Orders:run-1")
    );
    assert_eq!(standard["RedriveCount"], json!(0));
}

#[test]
fn a_plain_lambda_arn_mocked_with_an_invoke_response_gives_the_payload() {
    // Recorded against AWS (issue #13, item 13): a Task whose Resource is the function's ARN
    // gets the function's result, not the Invoke response around it.
    let config = MockConfig::from_json(
        r#"{"StateMachines": {"M": {"TestCases": {"Happy": {"Call": "Ok"}}}},
            "MockedResponses": {"Ok": {"0": {"Return": {"StatusCode": 200, "Payload": {"body": "hi"}}}}}}"#,
    )
    .unwrap();
    let run = |resource: &str| {
        let m = machine(json!({"StartAt": "Call", "States": {
            "Call": {"Type": "Task", "Resource": resource, "End": true}}}));
        Executor::new(&m)
            .with_mock_config(&config, Some("M"), "Happy")
            .unwrap()
            .run(json!({}))
            .output
    };
    assert_eq!(
        run("arn:aws:lambda:us-east-1:123456789012:function:Hello"),
        Some(json!({"body": "hi"}))
    );
    // The optimized integration returns the whole Invoke response.
    assert_eq!(
        run("arn:aws:states:::lambda:invoke"),
        Some(json!({"StatusCode": 200, "Payload": {"body": "hi"}}))
    );
}

// The texts below are sfn's own words after the service's preamble (the service's are not
// known from public material: see "Known differences from the service" in the README);
// the tests pin them and the preamble's id.

#[test]
fn timestamp_path_and_fail_paths_selecting_nothing() {
    let execution = fails(
        json!({"StartAt": "W", "States": {
            "W": {"Type": "Wait", "TimestampPath": "$.when", "End": true}}}),
        json!({}),
    );
    assert_fails_with(
        &execution,
        "States.Runtime",
        "W",
        "The TimestampPath parameter does not reference an input value: $.when",
    );
    let execution = fails(
        json!({"StartAt": "F", "States": {
            "F": {"Type": "Fail", "ErrorPath": "$.e", "Cause": "x"}}}),
        json!({}),
    );
    assert_fails_with(
        &execution,
        "States.Runtime",
        "F",
        "Invalid path '$.e' : No results for path: $['e']",
    );
}

#[test]
fn intrinsic_failure_result_path_items_and_choice() {
    let execution = fails(
        json!({"StartAt": "G", "States": {
            "G": {"Type": "Pass", "Parameters": {"v.$": "States.ArrayGetItem($.a, 9)"}, "End": true}}}),
        json!({"a": [1]}),
    );
    assert_fails_with(
        &execution,
        "States.IntrinsicFailure",
        "G",
        "The function 'States.ArrayGetItem($.a, 9)' had the following error: States.ArrayGetItem: index 9 is out of bounds for an array of 1 items",
    );
    let execution = fails(
        json!({"StartAt": "R", "States": {
            "R": {"Type": "Pass", "Result": 1, "ResultPath": "$.a.b", "End": true}}}),
        json!({"a": "text"}),
    );
    assert_fails_with(
        &execution,
        "States.ResultPathMatchFailure",
        "R",
        r#"Unable to apply ResultPath '$.a.b' to input '{"a":"text"}'"#,
    );
    let execution = fails(
        json!({"StartAt": "M", "States": {
            "M": {"Type": "Map", "ItemsPath": "$.items", "End": true,
                "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}}}}),
        json!({"items": {"a": 1}}),
    );
    assert_fails_with(
        &execution,
        "States.Runtime",
        "M",
        r#"Invalid path '$.items' : The value at this path must be an array, but was 'object': {"a":1}"#,
    );
    let execution = fails(
        json!({"StartAt": "C", "States": {
            "C": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "E"}]},
            "E": {"Type": "Succeed"}}}),
        json!({"n": 2}),
    );
    assert_fails_with(
        &execution,
        "States.NoChoiceMatched",
        "C",
        "No Matches! No choice rule matched and there is no Default",
    );
}

#[test]
fn tolerated_failure_threshold_exceeded() {
    let m = machine(json!({"StartAt": "Map", "States": {"Map": {
        "Type": "Map", "End": true, "ToleratedFailureCount": 1,
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Item", "States": {"Item": {"Type": "Fail", "Error": "Bad"}}}}}}));
    let execution = Executor::new(&m).run(json!([1, 2, 3]));
    assert_fails_with(
        &execution,
        "States.ExceedToleratedFailureThreshold",
        "Map",
        "The specified tolerated failure threshold was exceeded: 3 of 3 items failed",
    );
}

#[test]
fn a_distributed_map_child_counts_from_its_own_execution_started() {
    // A child execution's history starts with its ExecutionStarted (#1), so its first
    // state is entered at #2, whatever the parent's history holds.
    let m = machine(json!({"StartAt": "Before", "States": {
        "Before": {"Type": "Pass", "Next": "Map"},
        "Map": {"Type": "Map", "End": true,
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "Item", "States": {
                    "Item": {"Type": "Pass", "Parameters": {"v.$": "$.missing"}, "End": true}}}}}}));
    let execution = Executor::new(&m).run(json!([{}]));
    assert_eq!(execution.status, Status::Failed, "{execution:?}");
    let child = &execution.child_executions[0];
    assert_eq!(
        child.cause.as_deref(),
        Some(
            "An error occurred while executing the state 'Item' (entered at the event id #2). The JSONPath '$.missing' specified for the field 'v.$' could not be found in the input '{}'"
        )
    );
}
