//! Retry timing on the virtual clock, retrier counters, and what Retry never handles.

use serde_json::{Value, json};
use sfn_runtime::asl::StateMachine;
use sfn_runtime::exec::{Execution, Executor, TaskFailure};

/// A Task that fails `failures` times with `error`, then returns "ok", under `retry`.
fn run(retry: Value, failures: usize, error: &'static str, seed: u64) -> Execution {
    let machine = StateMachine::from_value(json!({"StartAt": "Work", "States": {"Work": {
        "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": retry, "End": true
    }}}))
    .unwrap();
    let count = std::sync::atomic::AtomicUsize::new(0);
    Executor::new(&machine)
        .with_seed(seed)
        .on_state("Work", move |_, _| {
            if count.fetch_add(1, std::sync::atomic::Ordering::SeqCst) < failures {
                Err(TaskFailure::new(error, "no"))
            } else {
                Ok(json!("ok"))
            }
        })
        .unwrap()
        .run(json!({}))
}

/// Virtual milliseconds between consecutive `TaskScheduled` events.
fn gaps(execution: &Execution) -> Vec<i64> {
    let times: Vec<i64> = execution
        .history
        .iter()
        .filter(|e| e.event_type == "TaskScheduled")
        .map(|e| e.timestamp_ms)
        .collect();
    times.windows(2).map(|w| w[1] - w[0]).collect()
}

#[test]
fn backoff_doubles_by_default() {
    let execution = run(
        json!([{"ErrorEquals": ["E"], "IntervalSeconds": 3}]),
        3,
        "E",
        0,
    );
    assert_eq!(execution.output, Some(json!("ok")));
    assert_eq!(gaps(&execution), vec![3000, 6000, 12000]);
}

#[test]
fn max_delay_caps_and_backoff_rate_applies() {
    let capped = run(
        json!([{"ErrorEquals": ["E"], "IntervalSeconds": 3, "BackoffRate": 2, "MaxDelaySeconds": 4, "MaxAttempts": 3}]),
        3,
        "E",
        0,
    );
    assert_eq!(gaps(&capped), vec![3000, 4000, 4000]);
    let rate = run(
        json!([{"ErrorEquals": ["E"], "IntervalSeconds": 3, "BackoffRate": 1.5, "MaxAttempts": 2}]),
        2,
        "E",
        0,
    );
    assert_eq!(gaps(&rate), vec![3000, 4500]);
}

#[test]
fn full_jitter_is_bounded_and_seeded() {
    let retry = json!([{"ErrorEquals": ["E"], "IntervalSeconds": 10, "MaxAttempts": 3, "JitterStrategy": "FULL"}]);
    let a = gaps(&run(retry.clone(), 3, "E", 42));
    let b = gaps(&run(retry.clone(), 3, "E", 42));
    let c = gaps(&run(retry, 3, "E", 43));
    assert_eq!(a, b, "same seed, same waits");
    assert_ne!(a, c, "another seed, other waits");
    for (k, gap) in a.iter().enumerate() {
        assert!((0..=10_000 << k).contains(gap), "{a:?}");
    }
}

#[test]
fn attempts_run_out_then_the_error_surfaces() {
    let execution = run(
        json!([{"ErrorEquals": ["E"], "IntervalSeconds": 1, "MaxAttempts": 2}]),
        5,
        "E",
        0,
    );
    assert_eq!(execution.error.as_deref(), Some("E"));
    assert_eq!(gaps(&execution).len(), 2);
    let never = run(json!([{"ErrorEquals": ["E"], "MaxAttempts": 0}]), 1, "E", 0);
    assert_eq!(never.error.as_deref(), Some("E"));
    assert_eq!(never.duration_ms, 0);
}

#[test]
fn first_matching_retrier_decides() {
    // The first retrier matches E and is exhausted after one retry; the second would allow
    // more but is not consulted.
    let execution = run(
        json!([{"ErrorEquals": ["E"], "MaxAttempts": 1}, {"ErrorEquals": ["States.ALL"], "MaxAttempts": 5}]),
        3,
        "E",
        0,
    );
    assert_eq!(execution.error.as_deref(), Some("E"));
    assert_eq!(gaps(&execution).len(), 1);
}

#[test]
fn retries_re_run_a_parallel_and_count_per_visit() {
    // A loop enters the Parallel twice; each visit gets fresh retrier counters.
    let machine = StateMachine::from_value(json!({"StartAt": "P", "States": {
        "P": {"Type": "Parallel", "Branches": [{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}],
              "Retry": [{"ErrorEquals": ["E"], "MaxAttempts": 1, "IntervalSeconds": 1}], "ResultPath": "$.r", "Next": "Again"},
        "Again": {"Type": "Choice", "Choices": [{"Variable": "$.round", "NumericEquals": 0, "Next": "Bump"}], "Default": "Done"},
        "Bump": {"Type": "Pass", "Result": 1, "ResultPath": "$.round", "Next": "P"},
        "Done": {"Type": "Succeed"}
    }}))
    .unwrap();
    let calls = std::sync::atomic::AtomicUsize::new(0);
    let execution = Executor::new(&machine)
        .on_state("T", move |_, _| {
            // Fail on every first try of a visit: calls 0 and 2.
            if calls
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst)
                .is_multiple_of(2)
            {
                Err(TaskFailure::new("E", "first try"))
            } else {
                Ok(json!(1))
            }
        })
        .unwrap()
        .run(json!({"round": 0}));
    assert!(execution.succeeded(), "{execution:?}");
    assert_eq!(
        execution.states_visited,
        vec![
            "P", "T", "T", "Again", "Bump", "P", "T", "T", "Again", "Done"
        ]
    );
    assert_eq!(
        execution
            .history
            .iter()
            .filter(|e| e.event_type == "ParallelStateStarted")
            .count(),
        4
    );
}

#[test]
fn states_all_never_retries_runtime_errors() {
    let machine = StateMachine::from_value(json!({"StartAt": "Work", "States": {"Work": {
        "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "OutputPath": "$.missing",
        "Retry": [{"ErrorEquals": ["States.ALL"]}], "End": true
    }}}))
    .unwrap();
    let execution = Executor::new(&machine)
        .on_state("Work", |_, _| Ok(json!({})))
        .unwrap()
        .run(json!({}));
    assert_eq!(execution.error.as_deref(), Some("States.Runtime"));
    assert_eq!(
        execution
            .history
            .iter()
            .filter(|e| e.event_type == "TaskScheduled")
            .count(),
        1
    );
    assert!(
        execution
            .cause
            .as_deref()
            .unwrap_or_default()
            .contains("'Work'"),
        "{execution:?}"
    );
}
