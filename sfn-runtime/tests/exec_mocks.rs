//! Step Functions Local mock configurations with the 2.0 semantics.

use serde_json::{Value, json};
use sfn_runtime::asl::StateMachine;
use sfn_runtime::exec::{Executor, MockConfig, Status};

/// The AWS developer guide's example (`LambdaSQSIntegration` with HappyPath, RetryPath and
/// HybridPath test cases).
const DOCS_MOCKS: &str = r#"{
  "StateMachines": {
    "LambdaSQSIntegration": {
      "TestCases": {
        "HappyPath": {"LambdaState": "MockedLambdaSuccess", "SQSState": "MockedSQSSuccess"},
        "RetryPath": {"LambdaState": "MockedLambdaRetry", "SQSState": "MockedSQSSuccess"},
        "HybridPath": {"LambdaState": "MockedLambdaSuccess"}
      }
    }
  },
  "MockedResponses": {
    "MockedLambdaSuccess": {
      "0": {"Return": {"StatusCode": 200, "Payload": {"StatusCode": 200, "body": "Hello from Lambda!"}}}
    },
    "LambdaMockedResourceNotReady": {
      "0": {"Throw": {"Error": "Lambda.ResourceNotReadyException", "Cause": "Lambda resource is not ready."}}
    },
    "MockedSQSSuccess": {
      "0": {"Return": {"MD5OfMessageBody": "3bcb6e8e-7h85-4375-b0bc-1a59812c6e51", "MessageId": "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"}}
    },
    "MockedLambdaRetry": {
      "0": {"Throw": {"Error": "Lambda.ResourceNotReadyException", "Cause": "Lambda resource is not ready."}},
      "1-2": {"Throw": {"Error": "Lambda.TimeoutException", "Cause": "Lambda timed out."}},
      "3": {"Return": {"StatusCode": 200, "Payload": {"StatusCode": 200, "body": "Hello from Lambda!"}}}
    }
  }
}"#;

fn docs_machine() -> StateMachine {
    StateMachine::from_value(json!({
        "Comment": "This state machine is called: LambdaSQSIntegration",
        "StartAt": "LambdaState",
        "States": {
            "LambdaState": {
                "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"Payload.$": "$", "FunctionName": "HelloWorldFunction"},
                "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2}],
                "Next": "SQSState"
            },
            "SQSState": {
                "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/myQueue", "MessageBody.$": "$"},
                "End": true
            }
        }
    }))
    .unwrap()
}

fn executor(case: &str) -> Executor {
    let config = MockConfig::from_json(DOCS_MOCKS).expect("the documentation's file is valid");
    Executor::new(&docs_machine())
        .with_mock_config(&config, Some("LambdaSQSIntegration"), case)
        .expect("the test case exists")
}

#[test]
fn docs_happy_path() {
    let execution = executor("HappyPath").run(json!({}));
    assert_eq!(execution.status, Status::Succeeded, "{execution:?}");
    assert_eq!(
        execution.output.as_ref().map(|o| o["MessageId"].clone()),
        Some(json!("3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"))
    );
    assert_eq!(execution.duration_ms, 0);
}

#[test]
fn docs_retry_path_retries_share_the_counter() {
    let execution = executor("RetryPath").run(json!({}));
    assert_eq!(execution.status, Status::Succeeded, "{execution:?}");
    // Three failures (invocations 0, 1, 2) then success at 3: waits of 2 s, 4 s, 8 s.
    assert_eq!(execution.duration_ms, 14_000);
    let scheduled = execution
        .history
        .iter()
        .filter(|e| e.event_type == "TaskScheduled")
        .count();
    assert_eq!(scheduled, 5, "four Lambda invocations and one SQS");
}

#[test]
fn docs_hybrid_path_needs_a_handler_for_unmocked_states() {
    let without = executor("HybridPath").run(json!({}));
    assert_eq!(without.error.as_deref(), Some("States.Runtime"));
    assert!(
        without
            .cause
            .as_deref()
            .unwrap_or_default()
            .contains("SQSState"),
        "{without:?}"
    );
    let with = executor("HybridPath")
        .on_state("SQSState", |input, _| {
            Ok(json!({"sent": input["MessageBody"]["StatusCode"]}))
        })
        .unwrap()
        .run(json!({}));
    assert_eq!(with.output, Some(json!({"sent": 200})));
}

#[test]
fn exhausted_responses_are_an_uncatchable_runtime_error() {
    let machine = StateMachine::from_value(json!({"StartAt": "Loop", "States": {
        "Loop": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultPath": "$.r",
                 "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "Next": "Again"},
        "Again": {"Type": "Choice", "Choices": [{"Variable": "$.r.last", "BooleanEquals": false, "Next": "Loop"}], "Default": "Done"},
        "Caught": {"Type": "Pass", "End": true},
        "Done": {"Type": "Succeed"}
    }}))
    .unwrap();
    let config = MockConfig::from_json(
        r#"{"StateMachines": {"M": {"TestCases": {"T": {"Loop": "R"}}}},
        "MockedResponses": {"R": {"0-1": {"Return": {"last": false}}}}}"#,
    )
    .unwrap();
    let execution = Executor::new(&machine)
        .with_mock_config(&config, None, "T")
        .unwrap()
        .run(json!({}));
    assert_eq!(execution.status, Status::Failed);
    assert_eq!(execution.error.as_deref(), Some("States.Runtime"));
    assert!(
        execution
            .cause
            .as_deref()
            .unwrap_or_default()
            .contains("invocation 2"),
        "{execution:?}"
    );
    // The loop re-entered the state: invocations 0 and 1 were used (one counter per execution).
    assert_eq!(
        execution.states_visited,
        vec!["Loop", "Again", "Loop", "Again", "Loop"]
    );
}

#[test]
fn map_children_share_one_counter_in_item_order() {
    let machine = StateMachine::from_value(json!({"StartAt": "Each", "States": {"Each": {
        "Type": "Map", "MaxConcurrency": 3,
        "ItemProcessor": {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
        "End": true
    }}}))
    .unwrap();
    let config = MockConfig::from_json(r#"{"StateMachines": {"M": {"TestCases": {"T": {"Call": "R"}}}},
        "MockedResponses": {"R": {"0": {"Return": "first"}, "1": {"Return": "second"}, "2": {"Return": "third"}}}}"#)
    .unwrap();
    let execution = Executor::new(&machine)
        .with_mock_config(&config, None, "T")
        .unwrap()
        .run(json!([10, 20, 30]));
    assert_eq!(
        execution.output,
        Some(json!(["first", "second", "third"])),
        "{execution:?}"
    );
    let again = Executor::new(&machine)
        .with_mock_config(&config, None, "T")
        .unwrap()
        .run(json!([1, 2, 3, 4]));
    assert_eq!(
        again.error.as_deref(),
        Some("States.Runtime"),
        "a fourth item exhausts the responses"
    );
}

#[test]
fn throw_flows_through_retry_and_catch() {
    let machine = StateMachine::from_value(json!({"StartAt": "Call", "States": {
        "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "MaxAttempts": 1}],
                 "Catch": [{"ErrorEquals": ["Lambda.ServiceException"], "ResultPath": "$.err", "Next": "Fallback"}], "End": true},
        "Fallback": {"Type": "Pass", "End": true}
    }}))
    .unwrap();
    let config = MockConfig::from_json(
        r#"{"StateMachines": {"M": {"TestCases": {"T": {"Call": "R"}}}},
        "MockedResponses": {"R": {
            "0": {"Throw": {"Error": "Lambda.TooManyRequestsException", "Cause": "slow down"}},
            "1": {"Throw": {"Error": "Lambda.ServiceException", "Cause": "down"}}}}}"#,
    )
    .unwrap();
    let execution = Executor::new(&machine)
        .with_mock_config(&config, None, "T")
        .unwrap()
        .run(json!({"a": 1}));
    assert_eq!(
        execution.output,
        Some(json!({"a": 1, "err": {"Error": "Lambda.ServiceException", "Cause": "down"}}))
    );
}

#[test]
fn malformed_files_report_every_problem() {
    let text = r#"{
        "StateMachines": {"M": {"TestCases": {"T": {"A": "Nope", "B": 3}}, "Extra": 1}},
        "MockedResponses": {
            "R1": {"0": {"Return": 1}, "2": {"Return": 2}},
            "R2": {"0": {}},
            "R3": {"zero": {"Return": 1}},
            "R4": {"0": {"Throw": {"Error": "E"}}}
        }
    }"#;
    let errors = MockConfig::from_json(text).unwrap_err();
    let pointers: Vec<&str> = errors.iter().map(|e| e.pointer.as_str()).collect();
    for expected in [
        "/StateMachines/M/TestCases/T/A",
        "/StateMachines/M/TestCases/T/B",
        "/StateMachines/M/Extra",
        "/MockedResponses/R1",
        "/MockedResponses/R2/0",
        "/MockedResponses/R3/zero",
        "/MockedResponses/R4/0/Throw/Cause",
    ] {
        assert!(
            pointers.contains(&expected),
            "missing {expected} in {errors:#?}"
        );
    }
    assert!(
        MockConfig::from_json("{").unwrap_err()[0]
            .message
            .contains("not JSON")
    );
}

#[test]
fn mocks_naming_missing_or_non_task_states_are_rejected() {
    let config = MockConfig::from_json(r#"{"StateMachines": {"M": {"TestCases": {"T": {"LambdaStat": "R"}, "U": {"SQSState": "R"}}}},
        "MockedResponses": {"R": {"0": {"Return": 1}}}}"#)
    .unwrap();
    let err = Executor::new(&docs_machine())
        .with_mock_config(&config, None, "T")
        .err()
        .expect("unknown state");
    assert_eq!(err.pointer, "/StateMachines/M/TestCases/T/LambdaStat");
    assert!(err.message.contains("did you mean `LambdaState`"), "{err}");
    let err = Executor::new(&docs_machine())
        .with_mock_config(&config, None, "Missing")
        .err()
        .expect("unknown case");
    assert!(err.message.contains("M#T"), "{err}");
    let pass = StateMachine::from_value(
        json!({"StartAt": "SQSState", "States": {"SQSState": {"Type": "Pass", "End": true}}}),
    )
    .unwrap();
    assert!(
        Executor::new(&pass)
            .with_mock_config(&config, None, "U")
            .is_err()
    );
}

#[test]
fn unreached_empty_response_sets_are_fine() {
    let config = MockConfig::from_json(r#"{"StateMachines": {"M": {"TestCases": {"T": {"SQSState": "Empty", "LambdaState": "Ok"}}}},
        "MockedResponses": {"Empty": {}, "Ok": {"0": {"Throw": {"Error": "Stop", "Cause": "c"}}}}}"#)
    .unwrap();
    let machine = StateMachine::from_value(json!({"StartAt": "LambdaState", "States": {
        "LambdaState": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "SQSState"},
        "SQSState": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "End": true}}}))
    .unwrap();
    let execution = Executor::new(&machine)
        .with_mock_config(&config, None, "T")
        .unwrap()
        .run(Value::Null);
    assert_eq!(execution.error.as_deref(), Some("Stop"));
}

#[test]
fn activities_cannot_be_mocked() {
    let machine = StateMachine::from_value(json!({"StartAt": "Act", "States": {"Act": {
        "Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:approve", "End": true}}}))
    .unwrap();
    let config = MockConfig::from_json(
        r#"{"StateMachines": {"M": {"TestCases": {"T": {"Act": "R"}}}}, "MockedResponses": {"R": {"0": {"Return": 1}}}}"#,
    )
    .unwrap();
    let err = Executor::new(&machine)
        .with_mock_config(&config, None, "T")
        .err()
        .expect("an activity");
    assert!(err.message.contains("activity"), "{err}");
    let handled = Executor::new(&machine)
        .on_state("Act", |_, _| Ok(json!("approved")))
        .unwrap()
        .run(json!({}));
    assert_eq!(handled.output, Some(json!("approved")));
}
