//! Running executions: each on its own blocking thread, under a [`Control`] (real or
//! virtual time, stop, live history), with the mocks of its test case and a token
//! registry for `.waitForTaskToken` tasks that are not mocked.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value};
use sfn_runtime::WorkflowKind;
use sfn_runtime::exec::{
    Control, Execution, Executor, HistoryEvent, Status, TaskFailure, TokenOutcome,
};

use crate::ops::activities;

use crate::api::error::ApiError;
use crate::service::Service;
use crate::store::{Machine, RunStatus, Store, TokenEntry, WaitFor, Waiter};
use crate::watchdog;

/// Longest a task waits for its token: the Standard workflow quota (a year). A stop or
/// the end of the server releases it earlier.
const TOKEN_WAIT: Duration = Duration::from_secs(366 * 24 * 3600);

/// An execution ready to run.
pub struct Prepared {
    pub executor: Executor,
    pub control: Control,
    pub kind: WorkflowKind,
}

/// Builds the executor of one execution of `found` (a machine or version), with the
/// mocks of `test_case`.
pub fn prepare(
    service: &Arc<Service>,
    found: &Machine,
    test_case: Option<&str>,
    execution_arn: &str,
    execution_name: &str,
    start_ms: i64,
) -> Result<Prepared, ApiError> {
    let control = if service.config.virtual_time {
        Control::virtual_time()
    } else {
        Control::real_time()
    };
    let mut executor = found
        .executor
        .clone()
        .with_names(&found.name, execution_name)
        .with_start_time_ms(start_ms)
        .with_seed(service.random_u64())
        .with_kind(found.kind)
        .with_token_wait(TOKEN_WAIT)
        .with_control(control.clone());
    if let Some(case) = test_case {
        let config = service.config.mock_config.as_ref().ok_or_else(|| {
            ApiError::validation(format!(
                "the stateMachineArn names the test case `{case}`, but the server was started without --mock-config"
            ))
        })?;
        executor = executor
            .with_mock_config(config, Some(&found.name), case)
            .map_err(|e| {
                ApiError::validation(format!(
                    "mock config at {}: {}",
                    if e.pointer.is_empty() {
                        "/"
                    } else {
                        &e.pointer
                    },
                    e.message
                ))
            })?;
    }
    for waiting in &found.waiting_states {
        let service = service.clone();
        let arn = execution_arn.to_owned();
        let limits = watchdog::Limits::of(waiting);
        let registered = match waiting.wait_for.clone() {
            WaitFor::Token => executor.on_state(&waiting.name, move |_input, ctx| {
                // The task's real work is whoever receives the token (a test, a worker):
                // publish it; the executor then waits for SendTaskSuccess/Failure.
                if let Some(token) = ctx.task_token() {
                    let waiter = Waiter::Token(token.clone());
                    register(&service, &arn, token.token(), waiter);
                    watchdog::watch(&service, token.token(), limits);
                }
                Ok(Value::Null)
            }),
            WaitFor::Activity(activity) => executor.on_state(&waiting.name, move |input, _ctx| {
                activities::run_task(&service, &arn, &activity, input, limits)
            }),
        };
        executor = registered.map_err(|e| ApiError {
            status: axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            ..ApiError::new("InternalServerError", e.message)
        })?;
    }
    Ok(Prepared {
        executor,
        control,
        kind: found.kind,
    })
}

/// Records a token a task waits on, for SendTask* (and for StopExecution to release).
pub fn register(service: &Service, execution_arn: &str, token: &str, waiter: Waiter) {
    let mut store = service.store();
    store.tokens.insert(
        token.to_owned(),
        TokenEntry {
            waiter,
            execution_arn: execution_arn.to_owned(),
            open: true,
            last_heartbeat: std::time::Instant::now(),
        },
    );
    if let Some(record) = store.executions.get_mut(execution_arn) {
        record.tokens.push(token.to_owned());
    }
    drop(store);
    service.persist_execution(execution_arn);
}

/// Runs a recorded execution on its own thread and records how it ended.
pub fn spawn(service: &Arc<Service>, arn: String, executor: Executor, input: Value) {
    let service = service.clone();
    tokio::task::spawn_blocking(move || {
        let execution = executor.run(input);
        finish(&service, &arn, execution);
    });
}

/// Runs an execution that is not recorded (StartSyncExecution) and returns its result.
pub async fn run_sync(executor: Executor, input: Value) -> Result<Execution, ApiError> {
    tokio::task::spawn_blocking(move || executor.run(input))
        .await
        .map_err(|e| ApiError {
            status: axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            ..ApiError::new(
                "InternalServerError",
                format!("the execution thread failed: {e}"),
            )
        })
}

fn finish(service: &Service, arn: &str, execution: Execution) {
    let mut store = service.store();
    let Some(record) = store.executions.get_mut(arn) else {
        return;
    };
    let tokens = std::mem::take(&mut record.tokens);
    let mut history = record.continued(execution.history);
    if record.status == RunStatus::Aborted || record.control.is_stopped() {
        // StopExecution already set the status, date, error and cause; the executor ended
        // with States.Aborted, which the service records as ExecutionAborted.
        if let Some(last) = history.last_mut() {
            last.event_type = "ExecutionAborted".into();
            last.details = stop_details(record.error.as_deref(), record.cause.as_deref()).into();
            if let Some(stop) = record.stop_ms {
                last.timestamp_ms = stop;
            }
        }
        record.status = RunStatus::Aborted;
    } else {
        record.status = match execution.status {
            Status::Succeeded => RunStatus::Succeeded,
            Status::Failed => RunStatus::Failed,
            Status::TimedOut => RunStatus::TimedOut,
        };
        record.output = execution.output.map(|o| o.to_string());
        record.error = execution.error;
        record.cause = execution.cause;
        record.stop_ms = Some(history.last().map_or(
            record.start_ms + execution.duration_ms,
            |e: &HistoryEvent| e.timestamp_ms,
        ));
    }
    record.final_history = Some(history);
    for token in &tokens {
        if let Some(entry) = store.tokens.get_mut(token) {
            entry.open = false;
        }
    }
    if let Some(record) = store.executions.get_mut(arn) {
        record.tokens = tokens;
    }
    drop(store);
    if service.writes_executions() {
        service.persist_execution(arn);
    }
}

/// `executionAbortedEventDetails`.
pub fn stop_details(error: Option<&str>, cause: Option<&str>) -> Map<String, Value> {
    let mut details = Map::new();
    if let Some(error) = error {
        details.insert("error".into(), Value::String(error.into()));
    }
    if let Some(cause) = cause {
        details.insert("cause".into(), Value::String(cause.into()));
    }
    details
}

/// Stops an execution's run: wakes its sleeps and fails the tokens it waits on.
pub fn abort(store: &Store, arn: &str) {
    let Some(record) = store.executions.get(arn) else {
        return;
    };
    record.control.stop();
    for token in &record.tokens {
        if let Some(entry) = store.tokens.get(token) {
            entry
                .waiter
                .complete(TokenOutcome::Failure(TaskFailure::new(
                    "States.Aborted",
                    "the execution was stopped",
                )));
        }
    }
}

/// Stops every running execution (the server is shutting down).
pub fn stop_all(service: &Service) {
    let store = service.store();
    let running: Vec<String> = store
        .executions
        .values()
        .filter(|r| r.status == RunStatus::Running)
        .map(|r| r.arn.clone())
        .collect();
    for arn in running {
        abort(&store, &arn);
    }
}
