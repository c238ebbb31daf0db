//! SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat: complete the token a waiting task
//! handed out.

use serde::Deserialize;
use serde_json::{Value, json};
use sfn_runtime::exec::{TaskFailure, TokenOutcome};

use super::executions::MAX_PAYLOAD;
use crate::api::checks::Checks;
use crate::api::error::ApiError;
use crate::service::Service;
use crate::store::{Store, TokenEntry, Waiter};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuccessInput {
    task_token: Option<String>,
    output: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FailureInput {
    task_token: Option<String>,
    error: Option<String>,
    cause: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HeartbeatInput {
    task_token: Option<String>,
}

pub fn success(service: &Service, request: SuccessInput) -> Result<Value, ApiError> {
    let mut checks = Checks::new();
    let token = checks.required("taskToken", request.task_token);
    let output = checks.required("output", request.output);
    checks.length("taskToken", token.as_deref(), 1, 2048);
    checks.length("output", output.as_deref(), 0, MAX_PAYLOAD);
    checks.finish()?;
    let output: Value = serde_json::from_str(&output.unwrap_or_default())
        .map_err(|e| ApiError::new("InvalidOutput", format!("Invalid Output: '{e}'")))?;
    complete(
        service,
        &token.unwrap_or_default(),
        TokenOutcome::Success(output),
    )
}

pub fn failure(service: &Service, request: FailureInput) -> Result<Value, ApiError> {
    let mut checks = Checks::new();
    let token = checks.required("taskToken", request.task_token);
    checks.length("taskToken", token.as_deref(), 1, 2048);
    checks.length("error", request.error.as_deref(), 0, 256);
    checks.length("cause", request.cause.as_deref(), 0, 32_768);
    checks.finish()?;
    let failure = TaskFailure::new(
        request.error.unwrap_or_default(),
        request.cause.unwrap_or_default(),
    );
    complete(
        service,
        &token.unwrap_or_default(),
        TokenOutcome::Failure(failure),
    )
}

pub fn heartbeat(service: &Service, request: HeartbeatInput) -> Result<Value, ApiError> {
    let mut checks = Checks::new();
    let token = checks.required("taskToken", request.task_token);
    checks.length("taskToken", token.as_deref(), 1, 2048);
    checks.finish()?;
    let token = token.unwrap_or_default();
    let mut store = service.store();
    let entry = open_task(&store, &token)?;
    let alive = match &entry.waiter {
        Waiter::Token(token) => token.send_heartbeat(),
        Waiter::Activity(_) => true,
        Waiter::Gone => false,
    };
    if !alive {
        return Err(already_completed());
    }
    // What the watchdog measures `HeartbeatSeconds` from.
    if let Some(entry) = store.tokens.get_mut(&token) {
        entry.last_heartbeat = std::time::Instant::now();
    }
    Ok(json!({}))
}

/// The token of a task still waiting: `InvalidToken` for a token this server never gave,
/// `TaskTimedOut` for one whose task is over.
fn open_task<'s>(store: &'s Store, token: &str) -> Result<&'s TokenEntry, ApiError> {
    let Some(entry) = store.tokens.get(token) else {
        return Err(ApiError::new(
            "InvalidToken",
            "Invalid Token: 'the task token was not issued by this endpoint'",
        ));
    };
    if matches!(entry.waiter, Waiter::Gone) {
        return Err(ApiError::new(
            "TaskTimedOut",
            format!(
                "Task Timed Out: 'the task of execution {} ended when sfn serve restarted: redrive the execution'",
                entry.execution_arn
            ),
        ));
    }
    if !entry.open {
        return Err(ApiError::new(
            "TaskTimedOut",
            format!(
                "Task Timed Out: 'the task of execution {} is no longer waiting for this token'",
                entry.execution_arn
            ),
        ));
    }
    Ok(entry)
}

/// Completes the token; only the first completion counts, as in the service.
fn complete(service: &Service, token: &str, outcome: TokenOutcome) -> Result<Value, ApiError> {
    let mut store = service.store();
    let entry = open_task(&store, token)?;
    if !entry.waiter.complete(outcome) {
        return Err(already_completed());
    }
    let execution = store.tokens.get_mut(token).map(|entry| {
        entry.open = false;
        entry.execution_arn.clone()
    });
    drop(store);
    if let Some(execution) = execution {
        service.persist_execution(&execution);
    }
    Ok(json!({}))
}

fn already_completed() -> ApiError {
    ApiError::new(
        "TaskTimedOut",
        "Task Timed Out: 'the task was already completed'",
    )
}
