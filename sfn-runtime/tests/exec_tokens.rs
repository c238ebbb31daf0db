//! `.waitForTaskToken`: the handler gets the token; the test completes it, also from
//! another thread.

use std::time::Duration;

use serde_json::json;
use sfn_runtime::asl::StateMachine;
use sfn_runtime::exec::{Executor, Status};

fn machine() -> StateMachine {
    StateMachine::from_value(json!({"StartAt": "Approve", "States": {
        "Approve": {
            "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token", "order.$": "$.order"}},
            "ResultPath": "$.approval",
            "Catch": [{"ErrorEquals": ["Rejected"], "ResultPath": "$.rejection", "Next": "Rejected"}],
            "End": true
        },
        "Rejected": {"Type": "Pass", "End": true}
    }}))
    .unwrap()
}

#[test]
fn token_completed_from_another_thread() {
    let kept = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let keep = kept.clone();
    // Completed later from another thread: the test asks for real-time waiting.
    let execution = Executor::new(&machine())
        .with_token_wait(Duration::from_secs(10))
        .on_state("Approve", move |input, ctx| {
            let token = ctx
                .task_token()
                .cloned()
                .expect("a token for waitForTaskToken");
            keep.lock().unwrap().push(token.clone());
            assert_eq!(input["MessageBody"]["token"].as_str(), Some(token.token()));
            let order = input["MessageBody"]["order"].clone();
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(20));
                token.send_heartbeat();
                token.send_success(json!({"approved": order}));
            });
            Ok(json!("message sent"))
        })
        .unwrap()
        .run(json!({"order": 7}));
    assert_eq!(execution.status, Status::Succeeded, "{execution:?}");
    assert_eq!(
        execution.output,
        Some(json!({"order": 7, "approval": {"approved": 7}}))
    );
    let token = kept.lock().unwrap().pop().expect("the handler ran");
    assert!(
        !token.send_success(json!("twice")),
        "only the first completion counts"
    );
    assert!(
        !token.send_heartbeat(),
        "a completed token takes no heartbeats"
    );
    let types: Vec<&str> = execution
        .history
        .iter()
        .map(|e| e.event_type.as_str())
        .collect();
    assert!(
        types
            .windows(3)
            .any(|w| w == ["TaskStarted", "TaskSubmitted", "TaskSucceeded"]),
        "{types:?}"
    );
}

#[test]
fn token_failure_is_a_task_error() {
    let execution = Executor::new(&machine())
        .on_state("Approve", |_, ctx| {
            let token = ctx.task_token().cloned().expect("a token");
            token.send_failure("Rejected", "too expensive");
            Ok(json!(null))
        })
        .unwrap()
        .run(json!({"order": 8}));
    assert_eq!(
        execution.output,
        Some(json!({"order": 8, "rejection": {"Error": "Rejected", "Cause": "too expensive"}}))
    );
}

/// A `.waitForTaskToken` task with the given extra fields, under a machine with `machine`.
fn waiting(task: serde_json::Value, machine: serde_json::Value) -> StateMachine {
    let mut approve = json!({
        "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}},
        "End": true
    });
    approve
        .as_object_mut()
        .unwrap()
        .extend(task.as_object().unwrap().clone());
    let mut definition = json!({"StartAt": "Approve", "States": {"Approve": approve,
        "Late": {"Type": "Pass", "End": true}}});
    definition
        .as_object_mut()
        .unwrap()
        .extend(machine.as_object().unwrap().clone());
    StateMachine::from_value(definition).unwrap()
}

fn never_answered(m: &StateMachine) -> sfn_runtime::exec::Execution {
    let started = std::time::Instant::now();
    let execution = Executor::new(m)
        .on_state("Approve", |_, _| Ok(json!("sent, never answered")))
        .unwrap()
        .run(json!({}));
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "the virtual clock waits, not the test"
    );
    execution
}

/// On the service an unanswered token waits until the state's TimeoutSeconds (States.Timeout,
/// catchable); locally that wait is on the virtual clock, by default.
#[test]
fn an_unanswered_token_times_out_at_the_states_timeout_in_virtual_time() {
    let m = waiting(json!({"TimeoutSeconds": 3600}), json!({}));
    let execution = never_answered(&m);
    assert_eq!(execution.status, Status::Failed, "{execution:?}");
    assert_eq!(execution.error.as_deref(), Some("States.Timeout"));
    assert!(
        execution
            .cause
            .as_deref()
            .unwrap_or_default()
            .contains("TimeoutSeconds")
    );
    assert_eq!(execution.duration_ms, 3_600_000);

    let caught = waiting(
        json!({"TimeoutSeconds": 60, "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "Late"}]}),
        json!({}),
    );
    let execution = never_answered(&caught);
    assert_eq!(execution.status, Status::Succeeded, "{execution:?}");
    assert_eq!(execution.duration_ms, 60_000);
}

#[test]
fn an_unanswered_token_misses_its_heartbeat_in_virtual_time() {
    let m = waiting(
        json!({"TimeoutSeconds": 3600, "HeartbeatSeconds": 30}),
        json!({}),
    );
    let execution = never_answered(&m);
    assert_eq!(execution.error.as_deref(), Some("States.Timeout"));
    assert!(
        execution
            .cause
            .as_deref()
            .unwrap_or_default()
            .contains("HeartbeatSeconds")
    );
    assert_eq!(execution.duration_ms, 30_000);
}

/// Without a state timeout the workflow's own TimeoutSeconds decides.
#[test]
fn without_a_state_timeout_the_execution_timeout_decides() {
    let m = waiting(json!({}), json!({"TimeoutSeconds": 7200}));
    let execution = never_answered(&m);
    assert_eq!(execution.status, Status::TimedOut, "{execution:?}");
    assert_eq!(execution.duration_ms, 7_200_000);
}

/// Real-time waiting, asked for explicitly (what a local server uses).
#[test]
fn a_token_never_completed_times_out() {
    let execution = Executor::new(&machine())
        .with_token_wait(Duration::from_millis(30))
        .on_state("Approve", |_, _| Ok(json!("sent, never answered")))
        .unwrap()
        .run(json!({"order": 9}));
    assert_eq!(execution.status, Status::Failed);
    assert_eq!(execution.error.as_deref(), Some("States.Timeout"));
    assert!(
        execution
            .cause
            .as_deref()
            .unwrap_or_default()
            .contains("Approve"),
        "{execution:?}"
    );
}

#[test]
fn plain_tasks_have_no_token() {
    let plain = StateMachine::from_value(json!({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "End": true}}})).unwrap();
    let execution = Executor::new(&plain)
        .on_state("T", |_, ctx| Ok(json!(ctx.task_token().is_some())))
        .unwrap()
        .run(json!({}));
    assert_eq!(execution.output, Some(json!(false)));
}
