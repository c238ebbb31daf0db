//! StartExecution, StartSyncExecution, DescribeExecution, DescribeStateMachineForExecution,
//! ListExecutions, StopExecution.

use std::sync::Arc;

use serde::Deserialize;
use serde_json::{Value, json};
use sfn_runtime::WorkflowKind;
use sfn_runtime::exec::Status;

use super::machines::{check_name, describe_json};
use crate::api::checks::Checks;
use crate::api::error::ApiError;
use crate::api::{epoch_seconds, paging};
use crate::runner;
use crate::service::Service;
use crate::store::{ExecutionRecord, RunStatus};

/// The model's limit on `input` and `output` (characters; 256 KiB).
pub const MAX_PAYLOAD: usize = 262_144;

const STATUSES: &[&str] = &[
    "RUNNING",
    "SUCCEEDED",
    "FAILED",
    "TIMED_OUT",
    "ABORTED",
    "PENDING_REDRIVE",
];

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StartInput {
    state_machine_arn: Option<String>,
    name: Option<String>,
    input: Option<String>,
    trace_header: Option<String>,
}

/// The checked members of a start request.
struct Start {
    machine: crate::arn::MachineRef,
    name: String,
    input_text: String,
    input: Value,
}

fn check_start(service: &Service, request: StartInput) -> Result<Start, ApiError> {
    let mut checks = Checks::new();
    let arn = checks.required("stateMachineArn", request.state_machine_arn);
    // A `#TestCase` suffix may take the ARN past 256 characters.
    checks.length("stateMachineArn", arn.as_deref(), 1, 2048);
    checks.length("name", request.name.as_deref(), 1, 80);
    checks.length("input", request.input.as_deref(), 0, MAX_PAYLOAD);
    checks.length("traceHeader", request.trace_header.as_deref(), 0, 256);
    checks.finish()?;
    let machine = service.arns.parse_machine(&arn.unwrap_or_default())?;
    let name = match request.name {
        Some(name) => {
            check_name(&name)?;
            name
        }
        None => service.uuid(),
    };
    let input_text = request.input.unwrap_or_else(|| "{}".into());
    let input = serde_json::from_str(&input_text).map_err(|e| {
        ApiError::new(
            "InvalidExecutionInput",
            format!("Invalid State Machine Execution Input: '{e}'"),
        )
    })?;
    Ok(Start {
        machine,
        name,
        input_text,
        input,
    })
}

pub fn start(service: &Arc<Service>, request: StartInput) -> Result<Value, ApiError> {
    let start = check_start(service, request)?;
    let arn = service.arns.execution(&start.machine.name, &start.name);
    let now = service.now_ms();
    let mut store = service.store();
    if !store.machines.contains_key(&start.machine.arn) {
        return Err(ApiError::no_machine(&start.machine.arn));
    }
    if let Some(existing) = store.executions.get(&arn) {
        // Idempotent for a running execution with the same name and input (Standard).
        if existing.status == RunStatus::Running && existing.input == start.input_text {
            return Ok(json!({
                "executionArn": arn,
                "startDate": epoch_seconds(existing.start_ms),
            }));
        }
        return Err(ApiError::new(
            "ExecutionAlreadyExists",
            format!("Execution Already Exists: '{arn}'"),
        ));
    }
    let prepared = runner::prepare(service, &store, &start.machine, &arn, &start.name, now)?;
    // Asynchronous Express runs are recorded like Standard ones here (the service only
    // logs them to CloudWatch).
    let seq = store.next_seq();
    store
        .by_machine
        .entry(start.machine.arn.clone())
        .or_default()
        .insert(seq, arn.clone());
    store.executions.insert(
        arn.clone(),
        ExecutionRecord {
            seq,
            arn: arn.clone(),
            machine_arn: start.machine.arn.clone(),
            name: start.name,
            input: start.input_text,
            start_ms: now,
            stop_ms: None,
            status: RunStatus::Running,
            output: None,
            error: None,
            cause: None,
            control: prepared.control,
            final_history: None,
            tokens: Vec::new(),
        },
    );
    drop(store);
    runner::spawn(service, arn.clone(), prepared.executor, start.input);
    Ok(json!({"executionArn": arn, "startDate": epoch_seconds(now)}))
}

pub async fn start_sync(service: &Arc<Service>, request: StartInput) -> Result<Value, ApiError> {
    let start = check_start(service, request)?;
    let id = service.uuid();
    let arn = service
        .arns
        .express_execution(&start.machine.name, &start.name, &id);
    let now = service.now_ms();
    let prepared = {
        let store = service.store();
        runner::prepare(service, &store, &start.machine, &arn, &start.name, now)?
    };
    if prepared.kind != WorkflowKind::Express {
        return Err(ApiError::new(
            "StateMachineTypeNotSupported",
            format!(
                "StartSyncExecution runs EXPRESS state machines only; '{}' is STANDARD",
                start.machine.arn
            ),
        ));
    }
    let execution = runner::run_sync(prepared.executor, start.input).await?;
    let stop = now + execution.duration_ms;
    let mut out = json!({
        "executionArn": arn,
        "stateMachineArn": start.machine.arn,
        "name": start.name,
        "startDate": epoch_seconds(now),
        "stopDate": epoch_seconds(stop),
        "status": execution.status.as_str(),
        "input": start.input_text,
        "inputDetails": {"included": true},
        "billingDetails": {
            "billedMemoryUsedInMB": 64,
            // Express bills in 100 ms increments.
            "billedDurationInMilliseconds": ((execution.duration_ms.max(1) + 99) / 100) * 100,
        },
    });
    match execution.status {
        Status::Succeeded => {
            out["output"] = Value::String(execution.output.unwrap_or(Value::Null).to_string());
            out["outputDetails"] = json!({"included": true});
        }
        Status::Failed | Status::TimedOut => {
            if let Some(error) = execution.error {
                out["error"] = Value::String(error);
            }
            if let Some(cause) = execution.cause {
                out["cause"] = Value::String(cause);
            }
        }
    }
    Ok(out)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExecutionArnInput {
    execution_arn: Option<String>,
}

/// The `executionArn` member, checked.
pub fn execution_arn(service: &Service, arn: Option<String>) -> Result<String, ApiError> {
    let mut checks = Checks::new();
    let arn = checks.required("executionArn", arn);
    checks.length("executionArn", arn.as_deref(), 1, 256);
    checks.finish()?;
    let arn = arn.unwrap_or_default();
    service.arns.check_execution(&arn)?;
    Ok(arn)
}

pub fn describe(service: &Service, request: ExecutionArnInput) -> Result<Value, ApiError> {
    let arn = execution_arn(service, request.execution_arn)?;
    let store = service.store();
    let record = store
        .executions
        .get(&arn)
        .ok_or_else(|| ApiError::no_execution(&arn))?;
    let mut out = json!({
        "executionArn": record.arn,
        "stateMachineArn": record.machine_arn,
        "name": record.name,
        "status": record.status.as_str(),
        "startDate": epoch_seconds(record.start_ms),
        "input": record.input,
        "inputDetails": {"included": true},
        "redriveCount": 0,
        "redriveStatus": "NOT_REDRIVABLE",
    });
    if let Some(stop) = record.stop_ms {
        out["stopDate"] = epoch_seconds(stop);
    }
    if let Some(output) = &record.output {
        out["output"] = Value::String(output.clone());
        out["outputDetails"] = json!({"included": true});
    }
    if let Some(error) = &record.error {
        out["error"] = Value::String(error.clone());
    }
    if let Some(cause) = &record.cause {
        out["cause"] = Value::String(cause.clone());
    }
    Ok(out)
}

pub fn machine_for(service: &Service, request: ExecutionArnInput) -> Result<Value, ApiError> {
    let arn = execution_arn(service, request.execution_arn)?;
    let store = service.store();
    let record = store
        .executions
        .get(&arn)
        .ok_or_else(|| ApiError::no_execution(&arn))?;
    let machine = store
        .machines
        .get(&record.machine_arn)
        .ok_or_else(|| ApiError::no_machine(&record.machine_arn))?;
    let mut out = describe_json(machine);
    if let Some(object) = out.as_object_mut() {
        object.remove("status");
        object.remove("type");
        object.remove("creationDate");
        object.insert("updateDate".into(), epoch_seconds(machine.created_ms));
    }
    Ok(out)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListInput {
    state_machine_arn: Option<String>,
    status_filter: Option<String>,
    max_results: Option<i64>,
    next_token: Option<String>,
    map_run_arn: Option<String>,
}

pub fn list(service: &Service, request: ListInput) -> Result<Value, ApiError> {
    let mut checks = Checks::new();
    checks.length(
        "stateMachineArn",
        request.state_machine_arn.as_deref(),
        1,
        256,
    );
    checks.one_of("statusFilter", request.status_filter.as_deref(), STATUSES);
    let (size, from) = paging::page(
        &mut checks,
        request.max_results,
        request.next_token.as_deref(),
    )?;
    checks.finish()?;
    if request.map_run_arn.is_some() {
        return Err(ApiError::new(
            "ResourceNotFound",
            "Resource not found: Map Runs are not recorded by sfn serve",
        ));
    }
    let Some(arn) = request.state_machine_arn else {
        return Err(ApiError::validation(
            "Must provide a StateMachine ARN or MapRun ARN",
        ));
    };
    let machine = service.arns.parse_machine(&arn)?;
    let store = service.store();
    let Some(found) = store.machines.get(&machine.arn) else {
        return Err(ApiError::no_machine(&machine.arn));
    };
    if found.kind == WorkflowKind::Express {
        return Err(ApiError::new(
            "StateMachineTypeNotSupported",
            "This operation is not supported by this type of state machine",
        ));
    }
    let empty = Default::default();
    let all = store.by_machine.get(&machine.arn).unwrap_or(&empty);
    // Newest first, as the service lists them; a token is the seq of the next item.
    let mut matching = all
        .range(..=from.unwrap_or(u64::MAX))
        .rev()
        .filter_map(|(_, arn)| store.executions.get(arn))
        .filter(|r| {
            request
                .status_filter
                .as_deref()
                .is_none_or(|s| s == r.status.as_str())
        });
    let mut items = Vec::new();
    let mut next = None;
    for record in matching.by_ref() {
        if items.len() == size {
            next = Some(paging::token(record.seq));
            break;
        }
        let mut item = json!({
            "executionArn": record.arn,
            "stateMachineArn": record.machine_arn,
            "name": record.name,
            "status": record.status.as_str(),
            "startDate": epoch_seconds(record.start_ms),
            "redriveCount": 0,
        });
        if let Some(stop) = record.stop_ms {
            item["stopDate"] = epoch_seconds(stop);
        }
        items.push(item);
    }
    let mut out = json!({"executions": items});
    if let Some(next) = next {
        out["nextToken"] = Value::String(next);
    }
    Ok(out)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StopInput {
    execution_arn: Option<String>,
    error: Option<String>,
    cause: Option<String>,
}

pub fn stop(service: &Service, request: StopInput) -> Result<Value, ApiError> {
    let mut checks = Checks::new();
    checks.length("error", request.error.as_deref(), 0, 256);
    checks.length("cause", request.cause.as_deref(), 0, 32_768);
    checks.finish()?;
    let arn = execution_arn(service, request.execution_arn)?;
    let now = service.now_ms();
    let mut store = service.store();
    let record = store
        .executions
        .get_mut(&arn)
        .ok_or_else(|| ApiError::no_execution(&arn))?;
    if record.status != RunStatus::Running {
        return Err(ApiError::validation(format!(
            "Execution Already Finished: '{arn}' is {}",
            record.status.as_str()
        )));
    }
    record.status = RunStatus::Aborted;
    record.stop_ms = Some(now);
    record.error = request.error;
    record.cause = request.cause;
    runner::abort(&store, &arn);
    Ok(json!({"stopDate": epoch_seconds(now)}))
}
