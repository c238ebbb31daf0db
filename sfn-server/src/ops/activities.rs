//! CreateActivity, DescribeActivity, ListActivities, DeleteActivity, GetActivityTask (a
//! long poll of up to 60 s, as in the service), and the executor side of an activity
//! task: queue it for a worker and wait for SendTaskSuccess/SendTaskFailure.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::mpsc::RecvTimeoutError;
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::{Value, json};
use sfn_runtime::exec::{TaskFailure, TokenOutcome};
use tokio::sync::Notify;

use super::machines::check_name;
use super::tags::{self, TagInput};
use crate::api::checks::{Checks, required_arn};
use crate::api::error::ApiError;
use crate::api::{epoch_seconds, paging};
use crate::runner;
use crate::service::Service;
use crate::store::{Activity, Waiter};
use crate::watchdog::{self, Check, Limits};

/// How long GetActivityTask waits for a task before answering with no token.
pub const LONG_POLL: Duration = Duration::from_secs(60);

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateInput {
    name: Option<String>,
    tags: Option<Vec<TagInput>>,
}

pub fn create(service: &Service, request: CreateInput) -> Result<Value, ApiError> {
    let mut checks = Checks::new();
    let name = checks.required("name", request.name);
    checks.length("name", name.as_deref(), 1, 80);
    let tags = tags::read(&mut checks, request.tags.unwrap_or_default());
    checks.finish()?;
    let tags = tags?;
    let name = name.unwrap_or_default();
    check_name(&name)?;
    let arn = service.arns.activity(&name);
    let now = service.now_ms();
    let mut store = service.store();
    // Idempotent: creating an existing activity returns it.
    if let Some(existing) = store.activities.get(&arn) {
        return Ok(json!({"activityArn": arn, "creationDate": epoch_seconds(existing.created_ms)}));
    }
    let seq = store.next_seq();
    store.activities.insert(
        arn.clone(),
        Activity {
            seq,
            arn: arn.clone(),
            name,
            created_ms: now,
            tags,
            queue: VecDeque::new(),
            ready: Arc::new(Notify::new()),
        },
    );
    Ok(json!({"activityArn": arn, "creationDate": epoch_seconds(now)}))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArnInput {
    activity_arn: Option<String>,
}

fn activity_arn(service: &Service, arn: Option<String>) -> Result<String, ApiError> {
    let arn = required_arn("activityArn", arn, 256)?;
    service.arns.check_activity(&arn)?;
    Ok(arn)
}

fn no_activity(arn: &str) -> ApiError {
    ApiError::new(
        "ActivityDoesNotExist",
        format!("Activity Does Not Exist: '{arn}'"),
    )
}

pub fn describe(service: &Service, request: ArnInput) -> Result<Value, ApiError> {
    let arn = activity_arn(service, request.activity_arn)?;
    let store = service.store();
    let activity = store
        .activities
        .get(&arn)
        .ok_or_else(|| no_activity(&arn))?;
    Ok(json!({
        "activityArn": activity.arn,
        "name": activity.name,
        "creationDate": epoch_seconds(activity.created_ms),
    }))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListInput {
    max_results: Option<i64>,
    next_token: Option<String>,
}

pub fn list(service: &Service, request: ListInput) -> Result<Value, ApiError> {
    let mut checks = Checks::new();
    let (size, from) = paging::page(
        &mut checks,
        request.max_results,
        request.next_token.as_deref(),
    )?;
    checks.finish()?;
    let store = service.store();
    let mut activities: Vec<&Activity> = store
        .activities
        .values()
        .filter(|a| from.is_none_or(|from| a.seq >= from))
        .collect();
    activities.sort_by_key(|a| a.seq);
    let (page, next) = paging::take(activities, size, |a| a.seq);
    let items = page
        .iter()
        .map(|a| json!({"activityArn": a.arn, "name": a.name, "creationDate": epoch_seconds(a.created_ms)}))
        .collect();
    Ok(paging::respond("activities", items, next))
}

pub fn delete(service: &Service, request: ArnInput) -> Result<Value, ApiError> {
    let arn = activity_arn(service, request.activity_arn)?;
    service.store().activities.remove(&arn);
    Ok(json!({}))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetTaskInput {
    activity_arn: Option<String>,
    worker_name: Option<String>,
}

/// Hands the oldest scheduled task to the worker, waiting up to [`LONG_POLL`] for one;
/// `{}` (no `taskToken`) when none came.
pub async fn get_task(service: &Service, request: GetTaskInput) -> Result<Value, ApiError> {
    let mut checks = Checks::new();
    checks.length("workerName", request.worker_name.as_deref(), 1, 80);
    checks.finish()?;
    let arn = activity_arn(service, request.activity_arn)?;
    let deadline = tokio::time::Instant::now() + LONG_POLL;
    loop {
        let ready = {
            let mut store = service.store();
            let activity = store
                .activities
                .get_mut(&arn)
                .ok_or_else(|| no_activity(&arn))?;
            if let Some((token, input)) = activity.queue.pop_front() {
                return Ok(json!({"taskToken": token, "input": input}));
            }
            activity.ready.clone()
        };
        // `notify_one` keeps a permit when no worker waits, so a task queued between the
        // look above and this wait is not missed.
        if tokio::time::timeout_at(deadline, ready.notified())
            .await
            .is_err()
        {
            return Ok(json!({}));
        }
    }
}

/// The executor side of an activity task (runs on the execution's thread): queues the
/// task for a worker and blocks until a worker answers, the execution is stopped, or a
/// limit of the state passes (real time, see [`watchdog`]).
pub fn run_task(
    service: &Service,
    execution_arn: &str,
    activity_arn: &str,
    input: &Value,
    limits: Limits,
) -> Result<Value, TaskFailure> {
    let token = format!(
        "{}-{}",
        activity_token_prefix(execution_arn),
        service.uuid()
    );
    let (sender, receiver) = std::sync::mpsc::channel();
    runner::register(service, execution_arn, &token, Waiter::Activity(sender));
    {
        let mut store = service.store();
        let Some(activity) = store.activities.get_mut(activity_arn) else {
            return Err(TaskFailure::new(
                "States.Runtime",
                format!(
                    "the activity {activity_arn} does not exist: create it with CreateActivity"
                ),
            ));
        };
        activity.queue.push_back((token.clone(), input.to_string()));
        activity.ready.notify_one();
    }
    let started = Instant::now();
    loop {
        let pause = if limits.is_none() {
            None
        } else {
            match watchdog::check(service, &token, started, limits) {
                Check::Wait(pause) => Some(pause),
                // Answered: the outcome is in the channel (or comes with the stop).
                Check::Done => Some(Duration::from_millis(250)),
                Check::Expired(failure) => {
                    watchdog::close(service, &token);
                    return Err(failure);
                }
            }
        };
        let outcome = match pause {
            None => receiver.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(pause) => receiver.recv_timeout(pause),
        };
        match outcome {
            Ok(TokenOutcome::Success(output)) => return Ok(output),
            Ok(TokenOutcome::Failure(failure)) => return Err(failure),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                return Err(TaskFailure::new(
                    "States.Runtime",
                    "the server stopped before a worker answered",
                ));
            }
        }
    }
}

/// Tokens start with the execution's name so a log line says whose task it is.
fn activity_token_prefix(execution_arn: &str) -> &str {
    execution_arn.rsplit(':').next().unwrap_or("task")
}
