//! Task handlers: closures per state and per resource, their errors and timeouts.

use serde_json::{Value, json};
use sfn_runtime::asl::StateMachine;
use sfn_runtime::exec::{Executor, Status, TaskFailure};

fn machine(definition: Value) -> StateMachine {
    StateMachine::from_value(definition).expect("a valid definition")
}

fn one_task(task: Value) -> StateMachine {
    let mut task = task;
    task["Type"] = json!("Task");
    machine(
        json!({"StartAt": "Work", "States": {"Work": task, "Caught": {"Type": "Pass", "End": true}}}),
    )
}

#[test]
fn handler_gets_effective_parameters_and_context() {
    let m = one_task(json!({
        "Resource": "arn:aws:states:::lambda:invoke",
        "InputPath": "$.order",
        "Parameters": {"amount.$": "$.amount", "state.$": "$$.State.Name", "FunctionName": "charge"},
        "ResultSelector": {"paid.$": "$.Payload.paid"},
        "ResultPath": "$.charge",
        "End": true
    }));
    let execution = Executor::new(&m)
        .on_state("Work", |input, ctx| {
            assert_eq!(ctx.state_name(), "Work");
            assert_eq!(ctx.resource(), "arn:aws:states:::lambda:invoke");
            assert_eq!(ctx.context()["State"]["Name"], "Work");
            Ok(json!({"Payload": {"paid": input["amount"], "seen": input}}))
        })
        .unwrap()
        .run(json!({"order": {"amount": 42}}));
    assert_eq!(execution.status, Status::Succeeded, "{execution:?}");
    assert_eq!(
        execution.output,
        Some(json!({"order": {"amount": 42}, "charge": {"paid": 42}}))
    );
}

#[test]
fn registration_errors_name_the_problem() {
    let m = one_task(json!({"Resource": "arn:aws:states:::lambda:invoke", "End": true}));
    let err = Executor::new(&m)
        .on_state("work", |_, _| Ok(json!(1)))
        .err()
        .expect("unknown state");
    assert!(err.message.contains("no state named `work`"), "{err}");
    assert!(err.message.contains("did you mean `Work`"), "{err}");
    let err = Executor::new(&m)
        .on_state("Caught", |_, _| Ok(json!(1)))
        .err()
        .expect("not a task");
    assert!(err.message.contains("Pass state"), "{err}");
}

#[test]
fn resource_handlers_match_with_and_without_pattern_suffix() {
    let m = machine(json!({"StartAt": "A", "States": {
        "A": {"Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun.sync", "Next": "B"},
        "B": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true}
    }}));
    let execution = Executor::new(&m)
        .on_resource("arn:aws:states:::glue:startJobRun", |_, _| {
            Ok(json!({"JobRunState": "SUCCEEDED"}))
        })
        .on_resource("arn:aws:states:::sns:publish", |input, _| {
            Ok(json!({"published": input["JobRunState"]}))
        })
        .run(json!({}));
    assert_eq!(
        execution.output,
        Some(json!({"published": "SUCCEEDED"})),
        "{execution:?}"
    );
    assert_eq!(execution.states_visited, vec!["A", "B"]);
}

#[test]
fn state_handler_wins_over_resource_handler() {
    let m = one_task(json!({"Resource": "arn:aws:states:::sns:publish", "End": true}));
    let execution = Executor::new(&m)
        .on_resource("arn:aws:states:::sns:publish", |_, _| Ok(json!("resource")))
        .on_state("Work", |_, _| Ok(json!("state")))
        .unwrap()
        .run(json!({}));
    assert_eq!(execution.output, Some(json!("state")));
}

#[test]
fn missing_handler_fails_with_state_and_resource_named() {
    let m = one_task(
        json!({"Resource": "arn:aws:states:::sqs:sendMessage", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true}),
    );
    let execution = Executor::new(&m).run(json!({}));
    assert_eq!(execution.status, Status::Failed);
    assert_eq!(execution.error.as_deref(), Some("States.Runtime"));
    let cause = execution.cause.unwrap_or_default();
    assert!(
        cause.contains("'Work'") && cause.contains("arn:aws:states:::sqs:sendMessage"),
        "{cause}"
    );
}

#[test]
fn handler_errors_are_caught_and_retried() {
    let m = one_task(json!({
        "Resource": "arn:aws:states:::lambda:invoke",
        "Retry": [{"ErrorEquals": ["Flaky"], "MaxAttempts": 2}],
        "Catch": [{"ErrorEquals": ["Declined"], "ResultPath": "$.error", "Next": "Caught"}],
        "End": true
    }));
    let calls = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = calls.clone();
    let execution = Executor::new(&m)
        .on_state("Work", move |_, ctx| {
            let n = seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            assert_eq!(ctx.retry_count(), n as u64);
            if n < 2 {
                Err(TaskFailure::new("Flaky", "try again"))
            } else {
                Err(TaskFailure::new("Declined", "card"))
            }
        })
        .unwrap()
        .run(json!({"id": 1}));
    assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 3);
    assert_eq!(
        execution.output,
        Some(json!({"id": 1, "error": {"Error": "Declined", "Cause": "card"}}))
    );
    assert_eq!(execution.states_visited, vec!["Work", "Caught"]);
}

#[test]
fn a_panicking_handler_is_a_task_failure() {
    let m = one_task(
        json!({"Resource": "arn:aws:states:::lambda:invoke", "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Caught"}], "End": true}),
    );
    let execution = Executor::new(&m)
        .on_state("Work", |_, _| panic!("boom"))
        .unwrap()
        .run(json!({}));
    assert_eq!(execution.status, Status::Succeeded);
    assert_eq!(
        execution
            .output
            .as_ref()
            .and_then(|o| o["Cause"].as_str())
            .map(|c| c.contains("boom")),
        Some(true)
    );
}

#[test]
fn timeout_seconds_on_the_virtual_clock() {
    let m = one_task(json!({
        "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 5,
        "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "Caught"}], "End": true
    }));
    let slow = Executor::new(&m).on_state("Work", |_, ctx| {
        ctx.advance(6.0);
        Ok(json!("late"))
    });
    let execution = slow.unwrap().run(json!({}));
    assert_eq!(execution.states_visited, vec!["Work", "Caught"]);
    assert_eq!(
        execution.output.as_ref().map(|o| o["Error"].clone()),
        Some(json!("States.Timeout"))
    );
    assert_eq!(execution.duration_ms, 5000);
    let quick = Executor::new(&m).on_state("Work", |_, ctx| {
        ctx.advance(4.5);
        Ok(json!("on time"))
    });
    let execution = quick.unwrap().run(json!({}));
    assert_eq!(execution.output, Some(json!("on time")));
    assert_eq!(execution.duration_ms, 4500);
}

#[test]
fn heartbeat_timeout_is_a_timeout_matched_by_heartbeat_pattern() {
    let m = one_task(json!({
        "Resource": "arn:aws:states:::ecs:runTask.sync", "TimeoutSeconds": 100, "HeartbeatSeconds": 10,
        "Catch": [{"ErrorEquals": ["States.HeartbeatTimeout"], "Next": "Caught"}], "End": true
    }));
    let beating = Executor::new(&m)
        .on_state("Work", |_, ctx| {
            for _ in 0..5 {
                ctx.advance(8.0);
                ctx.heartbeat();
            }
            Ok(json!("done"))
        })
        .unwrap()
        .run(json!({}));
    assert_eq!(beating.output, Some(json!("done")), "{beating:?}");
    let silent = Executor::new(&m)
        .on_state("Work", |_, ctx| {
            ctx.advance(8.0);
            ctx.heartbeat();
            ctx.advance(12.0);
            Ok(json!("done"))
        })
        .unwrap()
        .run(json!({}));
    assert_eq!(silent.states_visited, vec!["Work", "Caught"]);
    assert_eq!(
        silent.output.as_ref().map(|o| o["Error"].clone()),
        Some(json!("States.Timeout"))
    );
}

#[test]
fn oversized_task_result_is_catchable_data_limit() {
    let m = one_task(
        json!({"Resource": "arn:aws:states:::lambda:invoke", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true}),
    );
    let execution = Executor::new(&m)
        .on_state("Work", |_, _| Ok(json!("x".repeat(300_000))))
        .unwrap()
        .run(json!({}));
    assert_eq!(
        execution.output.as_ref().map(|o| o["Error"].clone()),
        Some(json!("States.DataLimitExceeded"))
    );
}

#[test]
fn jsonata_task_arguments_and_output() {
    let m = machine(
        json!({"QueryLanguage": "JSONata", "StartAt": "Work", "States": {"Work": {
            "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Arguments": {"n": "{% $states.input.n * 2 %}"},
            "Output": {"doubled": "{% $states.result.n %}", "original": "{% $states.input.n %}"},
            "Assign": {"last": "{% $states.result.n %}"},
            "End": true
        }}}),
    );
    let execution = Executor::new(&m)
        .on_state("Work", |input, _| Ok(input.clone()))
        .unwrap()
        .run(json!({"n": 21}));
    assert_eq!(
        execution.output,
        Some(json!({"doubled": 42, "original": 21})),
        "{execution:?}"
    );
}

#[test]
fn workflow_const_gets_an_executor() {
    const WF: sfn_runtime::Workflow = sfn_runtime::Workflow::from_parts(
        "Hello",
        r#"{"StartAt":"Say","States":{"Say":{"Type":"Pass","Parameters":{"machine.$":"$$.StateMachine.Name"},"End":true}}}"#,
        "{}",
        &[],
        sfn_runtime::WorkflowKind::Standard,
    );
    let execution = WF.executor().unwrap().run(json!({}));
    assert_eq!(execution.output, Some(json!({"machine": "Hello"})));
}

#[test]
fn executors_are_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Executor>();
    let m = one_task(json!({"Resource": "arn:aws:states:::lambda:invoke", "End": true}));
    let executor = std::sync::Arc::new(
        Executor::new(&m)
            .on_state("Work", |input, _| Ok(input["n"].clone()))
            .unwrap(),
    );
    let threads: Vec<_> = (0..4)
        .map(|n| {
            let executor = executor.clone();
            std::thread::spawn(move || executor.run(json!({"n": n})).output)
        })
        .collect();
    let outputs: Vec<Option<Value>> = threads
        .into_iter()
        .map(|t| t.join().ok().flatten())
        .collect();
    assert_eq!(
        outputs,
        vec![
            Some(json!(0)),
            Some(json!(1)),
            Some(json!(2)),
            Some(json!(3))
        ]
    );
}
