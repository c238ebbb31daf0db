//! StartExecution, StartSyncExecution, DescribeExecution, DescribeStateMachineForExecution,
//! ListExecutions, StopExecution.

use std::sync::Arc;

use serde::Deserialize;
use serde_json::{Value, json};
use sfn_runtime::WorkflowKind;
use sfn_runtime::exec::Status;

use super::machines::{check_name, describe_json};
use super::{redrive, versions};
use crate::api::checks::{Checks, required_arn};
use crate::api::error::ApiError;
use crate::api::{epoch_seconds, paging};
use crate::arn::Qualifier;
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
    let resolved = versions::resolve(service, &store, &start.machine)?;
    let (ran, version_arn, alias_arn) = (
        Arc::new(resolved.machine.clone()),
        resolved.version_arn,
        resolved.alias_arn,
    );
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
    let test_case = start.machine.test_case.clone();
    let prepared = runner::prepare(service, &ran, test_case.as_deref(), &arn, &start.name, now)?;
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
            ran,
            version_arn,
            alias_arn,
            test_case,
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
            redrive_count: 0,
            redrive_ms: None,
            prior: Vec::new(),
        },
    );
    drop(store);
    service.persist_execution(&arn);
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
        let resolved = versions::resolve(service, &store, &start.machine)?;
        runner::prepare(
            service,
            resolved.machine,
            start.machine.test_case.as_deref(),
            &arn,
            &start.name,
            now,
        )?
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
    let arn = required_arn("executionArn", arn, 256)?;
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
        "redriveCount": record.redrive_count,
    });
    match redrive::not_redrivable(record, service.now_ms()) {
        None => out["redriveStatus"] = json!("REDRIVABLE"),
        Some(reason) => {
            out["redriveStatus"] = json!("NOT_REDRIVABLE");
            out["redriveStatusReason"] = json!(reason);
        }
    }
    if let Some(redriven) = record.redrive_ms {
        out["redriveDate"] = epoch_seconds(redriven);
    }
    if let Some(version) = &record.version_arn {
        out["stateMachineVersionArn"] = json!(version);
    }
    if let Some(alias) = &record.alias_arn {
        out["stateMachineAliasArn"] = json!(alias);
    }
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
    // The definition the execution ran, even if the machine was updated or deleted since.
    let machine = &record.ran;
    let mut out = describe_json(machine);
    if let Some(object) = out.as_object_mut() {
        object.remove("status");
        object.remove("type");
        object.remove("creationDate");
        object.remove("description");
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
    // A version or alias ARN lists the executions started through it.
    let (version, alias) = match &machine.qualifier {
        Qualifier::None => (None, None),
        Qualifier::Version(_) => (Some(machine.qualified_arn()), None),
        Qualifier::Alias(_) => (None, Some(machine.qualified_arn())),
    };
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
    let matching = all
        .range(..=from.unwrap_or(u64::MAX))
        .rev()
        .filter_map(|(_, arn)| store.executions.get(arn))
        .filter(|r| version.is_none() || r.version_arn == version)
        .filter(|r| alias.is_none() || r.alias_arn == alias)
        .filter(|r| {
            request
                .status_filter
                .as_deref()
                .is_none_or(|s| s == r.status.as_str())
        });
    let (page, next) = paging::take(matching, size, |r| r.seq);
    let mut items = Vec::new();
    for record in page {
        let mut item = json!({
            "executionArn": record.arn,
            "stateMachineArn": record.machine_arn,
            "name": record.name,
            "status": record.status.as_str(),
            "startDate": epoch_seconds(record.start_ms),
            "redriveCount": record.redrive_count,
        });
        if let Some(stop) = record.stop_ms {
            item["stopDate"] = epoch_seconds(stop);
        }
        if let Some(redriven) = record.redrive_ms {
            item["redriveDate"] = epoch_seconds(redriven);
        }
        if let Some(version) = &record.version_arn {
            item["stateMachineVersionArn"] = json!(version);
        }
        if let Some(alias) = &record.alias_arn {
            item["stateMachineAliasArn"] = json!(alias);
        }
        items.push(item);
    }
    Ok(paging::respond("executions", items, next))
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
    drop(store);
    service.persist_execution(&arn);
    Ok(json!({"stopDate": epoch_seconds(now)}))
}
