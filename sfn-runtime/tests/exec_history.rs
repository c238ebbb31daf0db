//! Execution history: event types and order like GetExecutionHistory, determinism, the
//! 25,000-event quota, the execution timeout.

use serde_json::{Value, json};
use sfn_runtime::asl::StateMachine;
use sfn_runtime::exec::{Execution, Executor, Status, TaskFailure};

fn machine(definition: Value) -> StateMachine {
    StateMachine::from_value(definition).unwrap()
}

fn types(execution: &Execution) -> Vec<&str> {
    execution
        .history
        .iter()
        .map(|e| e.event_type.as_str())
        .collect()
}

#[test]
fn pass_task_and_execution_events() {
    let m = machine(json!({"StartAt": "P", "States": {
        "P": {"Type": "Pass", "Next": "T"},
        "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}
    }}));
    let execution = Executor::new(&m)
        .on_state("T", |_, _| Ok(json!(1)))
        .unwrap()
        .run(json!({}));
    assert_eq!(
        types(&execution),
        vec![
            "ExecutionStarted",
            "PassStateEntered",
            "PassStateExited",
            "TaskStateEntered",
            "TaskScheduled",
            "TaskStarted",
            "TaskSucceeded",
            "TaskStateExited",
            "ExecutionSucceeded"
        ]
    );
    let ids: Vec<usize> = execution.history.iter().map(|e| e.id).collect();
    assert_eq!(ids, (1..=9).collect::<Vec<_>>());
    let scheduled = execution.history[4].to_json();
    assert_eq!(
        scheduled["taskScheduledEventDetails"]["resourceType"],
        "lambda"
    );
    assert_eq!(scheduled["taskScheduledEventDetails"]["resource"], "invoke");
    assert_eq!(scheduled["taskScheduledEventDetails"]["parameters"], "{}");
    let entered = execution.history[1].to_json();
    assert_eq!(
        entered["stateEnteredEventDetails"],
        json!({"name": "P", "input": "{}"})
    );
    assert_eq!(entered["previousEventId"], 1);
    assert_eq!(entered["timestamp"], "2024-01-01T00:00:00.000Z");
}

#[test]
fn map_and_parallel_events() {
    let m = machine(json!({"StartAt": "M", "States": {
        "M": {"Type": "Map", "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "Next": "Par"},
        "Par": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}], "End": true}
    }}));
    let execution = Executor::new(&m).run(json!([1, 2]));
    assert_eq!(
        types(&execution),
        vec![
            "ExecutionStarted",
            "MapStateEntered",
            "MapStateStarted",
            "MapIterationStarted",
            "PassStateEntered",
            "PassStateExited",
            "MapIterationSucceeded",
            "MapIterationStarted",
            "PassStateEntered",
            "PassStateExited",
            "MapIterationSucceeded",
            "MapStateSucceeded",
            "MapStateExited",
            "ParallelStateEntered",
            "ParallelStateStarted",
            "SucceedStateEntered",
            "SucceedStateExited",
            "ParallelStateSucceeded",
            "ParallelStateExited",
            "ExecutionSucceeded"
        ]
    );
    assert_eq!(execution.history[2].details["length"], 2);
    assert_eq!(execution.history[7].details["index"], 1);
}

#[test]
fn failing_states_have_no_exited_event() {
    let m = machine(
        json!({"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E", "Cause": "c"}}}),
    );
    let execution = Executor::new(&m).run(json!({}));
    assert_eq!(
        types(&execution),
        vec!["ExecutionStarted", "FailStateEntered", "ExecutionFailed"]
    );
    assert_eq!(
        execution.history[2].to_json()["executionFailedEventDetails"],
        json!({"error": "E", "cause": "c"})
    );
}

/// A machine using every source of randomness: jitter, States.UUID, States.MathRandom, $uuid.
fn random_machine() -> StateMachine {
    machine(json!({"StartAt": "Ids", "States": {
        "Ids": {"Type": "Pass", "Parameters": {"u.$": "States.UUID()", "r.$": "States.MathRandom(1, 1000000)"}, "Next": "More"},
        "More": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": {"prev": "{% $states.input %}", "v": "{% $uuid() %}"}, "Next": "Flaky"},
        "Flaky": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultPath": null,
                  "Retry": [{"ErrorEquals": ["E"], "IntervalSeconds": 5, "MaxAttempts": 3, "JitterStrategy": "FULL"}], "End": true}
    }}))
}

fn run_random(seed: u64) -> Execution {
    let calls = std::sync::atomic::AtomicUsize::new(0);
    Executor::new(&random_machine())
        .with_seed(seed)
        .on_state("Flaky", move |_, _| {
            if calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst) < 2 {
                Err(TaskFailure::new("E", "again"))
            } else {
                Ok(json!(null))
            }
        })
        .unwrap()
        .run(json!({"k": 1}))
}

#[test]
fn same_seed_same_history() {
    let (a, b, c) = (run_random(7), run_random(7), run_random(8));
    assert!(a.succeeded(), "{a:?}");
    assert_eq!(a.history, b.history);
    assert_eq!(a.output, b.output);
    assert_ne!(a.output, c.output, "another seed gives other random values");
    assert_ne!(a.duration_ms, c.duration_ms, "and other jitter");
}

#[test]
fn history_quota_stops_an_endless_loop() {
    let m = machine(
        json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}}}),
    );
    let execution = Executor::new(&m).record_history(false).run(json!({}));
    assert_eq!(execution.status, Status::Failed);
    assert!(
        execution
            .cause
            .as_deref()
            .unwrap_or_default()
            .contains("25000"),
        "{execution:?}"
    );
    assert!(execution.history.is_empty());
    assert_eq!(execution.states_visited.len(), 12_500);
}

#[test]
fn execution_timeout_on_the_virtual_clock() {
    let m = machine(
        json!({"TimeoutSeconds": 60, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}),
    );
    let execution = Executor::new(&m).run(json!({}));
    assert_eq!(execution.status, Status::TimedOut);
    // Recorded against AWS (issue #13, item 12): DescribeExecution of a TIMED_OUT execution
    // has no error and no cause, and neither has its ExecutionTimedOut event.
    assert_eq!(execution.error, None);
    assert_eq!(execution.cause, None);
    let last = execution.history.last().expect("a final event");
    assert!(last.details.is_empty(), "{last:?}");
    assert_eq!(execution.duration_ms, 60_000);
    assert_eq!(types(&execution).last(), Some(&"ExecutionTimedOut"));
    let quick = machine(
        json!({"TimeoutSeconds": 60, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 30, "End": true}}}),
    );
    assert_eq!(Executor::new(&quick).run(json!({})).duration_ms, 30_000);
}

#[test]
fn waiting_a_year_takes_no_time() {
    let m = machine(
        json!({"StartAt": "W", "States": {"W": {"Type": "Wait", "Timestamp": "2025-01-01T00:00:00Z", "Next": "Now"},
        "Now": {"Type": "Pass", "Parameters": {"t.$": "$$.State.EnteredTime"}, "End": true}}}),
    );
    let started = std::time::Instant::now();
    let execution = Executor::new(&m).run(json!({}));
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    assert_eq!(
        execution.output,
        Some(json!({"t": "2025-01-01T00:00:00.000Z"}))
    );
}

#[test]
fn execution_json_shapes() {
    let ok = Executor::new(&machine(
        json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}),
    ))
    .run(json!({"a": 1}));
    assert_eq!(
        ok.to_json(false),
        json!({"status": "SUCCEEDED", "output": {"a": 1}})
    );
    let failed = Executor::new(&machine(
        json!({"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E"}}}),
    ))
    .run(json!({}));
    assert_eq!(
        failed.to_json(false),
        json!({"status": "FAILED", "error": "E", "cause": null})
    );
    assert_eq!(
        failed.to_json(true)["history"].as_array().map(Vec::len),
        Some(3)
    );
}

#[test]
fn exited_events_carry_assigned_variables() {
    let m = machine(json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Assign": {"x": 1, "y.$": "$.v"}, "Next": "B"},
        "B": {"Type": "Pass", "End": true}
    }}));
    let execution = Executor::new(&m).run(json!({"v": {"k": true}}));
    let exited: Vec<Value> = execution
        .history
        .iter()
        .filter(|e| e.event_type == "PassStateExited")
        .map(|e| e.to_json())
        .collect();
    assert_eq!(
        exited[0]["stateExitedEventDetails"]["assignedVariables"],
        json!({"x": "1", "y": "{\"k\":true}"})
    );
    assert_eq!(
        exited[1]["stateExitedEventDetails"].get("assignedVariables"),
        None
    );
}

#[test]
fn express_executions_last_five_minutes() {
    let m = machine(
        json!({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 600, "End": true}}}),
    );
    let standard = Executor::new(&m).run(json!({}));
    assert!(standard.succeeded());
    let express = Executor::new(&m)
        .with_kind(sfn_runtime::WorkflowKind::Express)
        .run(json!({}));
    assert_eq!(express.status, Status::TimedOut);
    assert_eq!(express.duration_ms, 300_000);
}

/// `write_json` (what `sfn run` prints, event by event) is `to_json` as text, and events
/// that share a payload print it in full each time.
#[test]
fn written_json_is_the_json_value() {
    let failing = json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Next": "B"},
        "B": {"Type": "Pass", "Result": {"r": 1}, "ResultPath": "$.r", "Next": "C"},
        "C": {"Type": "Fail", "Error": "E", "Cause": "c"}
    }});
    let succeeding = json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Next": "B"},
        "B": {"Type": "Pass", "Result": {"r": 1}, "ResultPath": "$.r", "End": true}
    }});
    for definition in [failing, succeeding] {
        let execution = Executor::new(&machine(definition)).run(json!({"doc": [1, 2, 3]}));
        for with_history in [false, true] {
            let mut out = Vec::new();
            execution.write_json(with_history, &mut out).unwrap();
            let written: Value = serde_json::from_slice(&out).unwrap();
            assert_eq!(written, execution.to_json(with_history));
        }
        let history = execution.to_json(true)["history"].clone();
        // A's Entered and Exited events show the same (shared) payload, in full.
        assert_eq!(
            history[1]["stateEnteredEventDetails"]["input"],
            r#"{"doc":[1,2,3]}"#
        );
        assert_eq!(
            history[2]["stateExitedEventDetails"]["output"],
            r#"{"doc":[1,2,3]}"#
        );
    }
}
