//! RedriveExecution: a FAILED, TIMED_OUT or ABORTED Standard execution runs again from the
//! top-level state that did not complete, with the input that state got the first time.
//! The history continues: the old events, `ExecutionRedriven`, then the new run's events.
//!
//! Where the service is finer: it reruns only the unsuccessful branches of a Parallel and
//! iterations of a Map; here the whole Parallel or Map state runs again. Variables
//! assigned before the failed state are not carried over.

use std::sync::Arc;

use serde::Deserialize;
use serde_json::{Map, Value, json};
use sfn_runtime::asl::StateMachine;
use sfn_runtime::exec::{Executor, HistoryEvent, MAX_EVENTS};

use super::executions::execution_arn;
use crate::api::checks::Checks;
use crate::api::epoch_seconds;
use crate::api::error::ApiError;
use crate::runner;
use crate::service::Service;
use crate::store::{ExecutionRecord, Machine, RunStatus};

/// The service redrives executions that ended within the last 14 days.
pub const REDRIVE_WINDOW_MS: i64 = 14 * 24 * 3600 * 1000;

/// The service's limit of redrives per execution.
pub const MAX_REDRIVES: u64 = 1000;

/// Why `record` cannot be redriven now (`None`: it can), as DescribeExecution's
/// `redriveStatusReason` says.
pub fn not_redrivable(record: &ExecutionRecord, now_ms: i64) -> Option<String> {
    let status = record.status;
    if matches!(status, RunStatus::Running | RunStatus::Succeeded) {
        return Some(format!(
            "Execution is {} and cannot be redriven",
            status.as_str()
        ));
    }
    if record.ran.kind == sfn_runtime::WorkflowKind::Express {
        return Some("Express executions cannot be redriven".into());
    }
    if record
        .stop_ms
        .is_some_and(|stop| now_ms - stop > REDRIVE_WINDOW_MS)
    {
        return Some("Execution can only be redriven within 14 days of when it ended".into());
    }
    if record.redrive_count >= MAX_REDRIVES {
        return Some(format!(
            "Execution was redriven {MAX_REDRIVES} times, the limit"
        ));
    }
    let history = record.history();
    if history.len() + 2 >= MAX_EVENTS {
        return Some(format!(
            "Execution history has {} events: a redrive would pass the limit of {MAX_EVENTS}",
            history.len()
        ));
    }
    if restart_point(&record.ran, &history).is_none() {
        return Some("Execution did not fail in a state: there is no state to redrive from".into());
    }
    None
}

/// The top-level state that was entered and not exited, and the input it got.
fn restart_point(machine: &Machine, history: &[HistoryEvent]) -> Option<(String, Value)> {
    let top_level = machine.executor.machine();
    let mut current: Option<(String, Value)> = None;
    for event in history {
        let Some(name) = event.details.get("name").and_then(Value::as_str) else {
            continue;
        };
        if !top_level.states.contains_key(name) {
            continue;
        }
        if event.event_type.ends_with("StateEntered") {
            let input = event.details.get("input").cloned().unwrap_or(json!({}));
            current = Some((name.to_owned(), input));
        } else if event.event_type.ends_with("StateExited")
            && current.as_ref().is_some_and(|(c, _)| c == name)
        {
            current = None;
        }
    }
    current
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RedriveInput {
    execution_arn: Option<String>,
    client_token: Option<String>,
}

pub fn redrive(service: &Arc<Service>, input: RedriveInput) -> Result<Value, ApiError> {
    let mut checks = Checks::new();
    checks.length("clientToken", input.client_token.as_deref(), 1, 64);
    checks.finish()?;
    let arn = execution_arn(service, input.execution_arn)?;
    let now = service.now_ms();
    let mut store = service.store();
    let record = store
        .executions
        .get_mut(&arn)
        .ok_or_else(|| ApiError::no_execution(&arn))?;
    if let Some(reason) = not_redrivable(record, now) {
        return Err(ApiError::new(
            "ExecutionNotRedrivable",
            format!("Execution Not Redrivable: '{arn}': {reason}"),
        ));
    }
    let history = record.history();
    let Some((state, state_input)) = restart_point(&record.ran, &history) else {
        return Err(ApiError::new(
            "ExecutionNotRedrivable",
            format!("Execution Not Redrivable: '{arn}'"),
        ));
    };
    let mut definition: StateMachine = record.ran.executor.machine().clone();
    definition.start_at = state;
    let from_state = Machine {
        executor: Executor::from_machine(definition),
        ..(*record.ran).clone()
    };
    let prepared = runner::prepare(
        service,
        &from_state,
        record.test_case.as_deref(),
        &arn,
        &record.name,
        // The new run's events follow ExecutionRedriven in time.
        now,
    )?;
    let count = record.redrive_count + 1;
    let mut prior = history;
    let mut details = Map::new();
    details.insert("redriveCount".into(), json!(count));
    prior.push(HistoryEvent {
        id: prior.len() + 1,
        previous_event_id: prior.len(),
        timestamp_ms: now,
        event_type: "ExecutionRedriven".into(),
        details: details.into(),
    });
    record.prior = prior;
    record.redrive_count = count;
    record.redrive_ms = Some(now);
    record.status = RunStatus::Running;
    record.stop_ms = None;
    record.output = None;
    record.error = None;
    record.cause = None;
    record.final_history = None;
    record.control = prepared.control;
    drop(store);
    service.persist_execution(&arn);
    runner::spawn(service, arn, prepared.executor, state_input);
    Ok(json!({"redriveDate": epoch_seconds(now)}))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::machines::compile;
    use crate::store::Machine;

    fn event(id: usize, event_type: &str, name: Option<&str>, input: Value) -> HistoryEvent {
        let mut details = Map::new();
        if let Some(name) = name {
            details.insert("name".into(), json!(name));
            details.insert("input".into(), input);
        }
        HistoryEvent {
            id,
            previous_event_id: id - 1,
            timestamp_ms: 0,
            event_type: event_type.to_owned().into(),
            details: details.into(),
        }
    }

    fn machine(definition: &str) -> Machine {
        let (executor, waiting_states) =
            compile(definition, sfn_runtime::WorkflowKind::Standard).unwrap();
        Machine {
            seq: 1,
            arn: "arn:aws:states:us-east-1:123456789012:stateMachine:M".into(),
            name: "M".into(),
            definition: definition.into(),
            role_arn: "arn:aws:iam::123456789012:role/r".into(),
            kind: sfn_runtime::WorkflowKind::Standard,
            created_ms: 0,
            revision: 1,
            logging: None,
            tracing: None,
            version: None,
            last_version: 0,
            published: None,
            tags: Default::default(),
            waiting_states,
            executor,
        }
    }

    #[test]
    fn the_restart_point_is_the_top_level_state_left_unfinished() {
        let m = machine(
            r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "P"},
                "P": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Fail", "Error": "E"}}}], "End": true}}}"#,
        );
        let history = [
            event(1, "ExecutionStarted", None, json!(null)),
            event(2, "PassStateEntered", Some("A"), json!({"n": 1})),
            event(3, "PassStateExited", Some("A"), json!({"n": 1})),
            event(4, "ParallelStateEntered", Some("P"), json!({"n": 2})),
            // A nested state is not a restart point: its Parallel is.
            event(5, "FailStateEntered", Some("B"), json!({"n": 2})),
            event(6, "ExecutionFailed", None, json!(null)),
        ];
        assert_eq!(
            restart_point(&m, &history),
            Some(("P".to_owned(), json!({"n": 2})))
        );
        assert_eq!(restart_point(&m, &history[..3]), None);
    }
}
