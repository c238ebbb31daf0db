//! Executions on the service: start one, wait for its end (the object `sfn run` prints),
//! read its history.

use std::time::{Duration, Instant};

use aws_sdk_sfn::types::{ExecutionStatus, HistoryEvent};
use serde_json::{Map, Value, json};

use crate::connect::{Aws, Target};
use crate::error::Error;

/// The ARN of `name_or_arn`: an ARN as it is; `NAME`, `NAME:ALIAS` or `NAME:VERSION` in the
/// account and region of `aws`.
pub async fn resolve_arn(aws: &Aws, name_or_arn: &str) -> Result<String, Error> {
    if name_or_arn.starts_with("arn:") {
        return Ok(name_or_arn.to_owned());
    }
    let target = Target::of(aws).await?;
    Ok(target.state_machine_arn(name_or_arn))
}

/// Starts an execution of `arn` with `input` (JSON text); returns the execution ARN. Without
/// a `name`, one is made up (`sfn-MILLIS-PID`): the service would make one too, but some local
/// endpoints (moto) name every unnamed execution alike.
pub async fn start(aws: &Aws, arn: &str, input: &str, name: Option<&str>) -> Result<String, Error> {
    let made_up;
    let name = match name {
        Some(name) => name,
        None => {
            let millis = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis());
            made_up = format!("sfn-{millis}-{}", std::process::id());
            &made_up
        }
    };
    let request = aws
        .sfn
        .start_execution()
        .state_machine_arn(arn)
        .input(input)
        .name(name);
    let out = request
        .send()
        .await
        .map_err(|e| Error::aws(format!("start an execution of {arn}"), &e))?;
    Ok(out.execution_arn().to_owned())
}

/// How an execution ended, as `sfn run` reports a local one.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// `SUCCEEDED`, `FAILED`, `TIMED_OUT`, `ABORTED`.
    pub status: String,
    /// The output (succeeded).
    pub output: Option<Value>,
    /// The error and cause (otherwise).
    pub error: Option<String>,
    /// The cause.
    pub cause: Option<String>,
    /// The execution's ARN.
    pub execution_arn: String,
}

impl Outcome {
    /// Whether it succeeded.
    pub fn succeeded(&self) -> bool {
        self.status == "SUCCEEDED"
    }

    /// `{"status":"SUCCEEDED","output":..,"executionArn":..}` or
    /// `{"status":"FAILED","error":..,"cause":..,"executionArn":..}`.
    pub fn to_json(&self) -> Value {
        let mut object = Map::new();
        object.insert("status".into(), json!(self.status));
        if self.succeeded() {
            object.insert("output".into(), self.output.clone().unwrap_or(Value::Null));
        } else {
            object.insert("error".into(), json!(self.error));
            object.insert("cause".into(), json!(self.cause));
        }
        object.insert("executionArn".into(), json!(self.execution_arn));
        Value::Object(object)
    }
}

/// Waits (at most `limit`) for execution `arn` to end.
pub async fn wait(aws: &Aws, arn: &str, limit: Duration) -> Result<Outcome, Error> {
    let started = Instant::now();
    let mut pause = Duration::from_millis(100);
    loop {
        let out = aws
            .sfn
            .describe_execution()
            .execution_arn(arn)
            .send()
            .await
            .map_err(|e| Error::aws(format!("read execution {arn}"), &e))?;
        if !matches!(
            out.status(),
            ExecutionStatus::Running | ExecutionStatus::PendingRedrive
        ) {
            let output = out
                .output()
                .map(|text| serde_json::from_str(text).unwrap_or(Value::String(text.to_owned())));
            return Ok(Outcome {
                status: out.status().as_str().to_owned(),
                output,
                error: out.error().map(str::to_owned),
                cause: out.cause().map(str::to_owned),
                execution_arn: arn.to_owned(),
            });
        }
        if started.elapsed() >= limit {
            return Err(Error::Input(format!(
                "execution {arn} is still running after {} s (raise --timeout)",
                limit.as_secs()
            )));
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(Duration::from_secs(2));
    }
}

/// The events of execution `arn`, in the shape `sfn run --history` prints them.
pub async fn history(aws: &Aws, arn: &str) -> Result<Vec<Value>, Error> {
    let mut events = Vec::new();
    let mut token: Option<String> = None;
    // Bounded: the service caps a history at 25,000 events (1,000 per page).
    for _ in 0..100 {
        let out = aws
            .sfn
            .get_execution_history()
            .execution_arn(arn)
            .set_next_token(token.clone())
            .max_results(1000)
            .send()
            .await
            .map_err(|e| Error::aws(format!("read the history of {arn}"), &e))?;
        events.extend(out.events().iter().map(event_json));
        token = out.next_token().map(str::to_owned);
        if token.is_none() {
            break;
        }
    }
    Ok(events)
}

fn event_json(event: &HistoryEvent) -> Value {
    let mut object = Map::new();
    object.insert("id".into(), json!(event.id()));
    object.insert("previousEventId".into(), json!(event.previous_event_id()));
    object.insert(
        "timestamp".into(),
        json!(
            event
                .timestamp()
                .fmt(aws_smithy_types::date_time::Format::DateTime)
                .unwrap_or_default()
        ),
    );
    object.insert("type".into(), json!(event.r#type().as_str()));
    if let Some((key, details)) = details(event) {
        object.insert(key.into(), Value::Object(details));
    }
    Value::Object(object)
}

/// The details member of the common events, named as the service names it.
fn details(e: &HistoryEvent) -> Option<(&'static str, Map<String, Value>)> {
    let mut m = Map::new();
    let mut put = |k: &str, v: Option<&str>| {
        if let Some(v) = v {
            m.insert(k.into(), json!(v));
        }
    };
    let key = if let Some(d) = e.execution_started_event_details() {
        put("input", d.input());
        put("roleArn", d.role_arn());
        "executionStartedEventDetails"
    } else if let Some(d) = e.execution_succeeded_event_details() {
        put("output", d.output());
        "executionSucceededEventDetails"
    } else if let Some(d) = e.execution_failed_event_details() {
        put("error", d.error());
        put("cause", d.cause());
        "executionFailedEventDetails"
    } else if let Some(d) = e.execution_aborted_event_details() {
        put("error", d.error());
        put("cause", d.cause());
        "executionAbortedEventDetails"
    } else if let Some(d) = e.execution_timed_out_event_details() {
        put("error", d.error());
        put("cause", d.cause());
        "executionTimedOutEventDetails"
    } else if let Some(d) = e.state_entered_event_details() {
        put("name", Some(d.name()));
        put("input", d.input());
        "stateEnteredEventDetails"
    } else if let Some(d) = e.state_exited_event_details() {
        put("name", Some(d.name()));
        put("output", d.output());
        "stateExitedEventDetails"
    } else if let Some(d) = e.task_scheduled_event_details() {
        put("resourceType", Some(d.resource_type()));
        put("resource", Some(d.resource()));
        put("region", Some(d.region()));
        put("parameters", Some(d.parameters()));
        "taskScheduledEventDetails"
    } else if let Some(d) = e.task_succeeded_event_details() {
        put("resourceType", Some(d.resource_type()));
        put("resource", Some(d.resource()));
        put("output", d.output());
        "taskSucceededEventDetails"
    } else if let Some(d) = e.task_failed_event_details() {
        put("resourceType", Some(d.resource_type()));
        put("resource", Some(d.resource()));
        put("error", d.error());
        put("cause", d.cause());
        "taskFailedEventDetails"
    } else if let Some(d) = e.map_iteration_started_event_details() {
        put("name", d.name());
        m.insert("index".into(), json!(d.index()));
        "mapIterationStartedEventDetails"
    } else if let Some(d) = e.map_iteration_succeeded_event_details() {
        put("name", d.name());
        m.insert("index".into(), json!(d.index()));
        "mapIterationSucceededEventDetails"
    } else if let Some(d) = e.map_state_started_event_details() {
        m.insert("length".into(), json!(d.length()));
        "mapStateStartedEventDetails"
    } else {
        return None;
    };
    Some((key, m))
}
