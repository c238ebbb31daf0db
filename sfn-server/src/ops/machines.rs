//! CreateStateMachine, UpdateStateMachine, DescribeStateMachine, ListStateMachines,
//! DeleteStateMachine.

use serde::Deserialize;
use serde_json::{Value, json};
use sfn_runtime::WorkflowKind;
use sfn_runtime::asl::{State, StateMachine, States};
use sfn_runtime::exec::Executor;

use super::validate::service_diagnostics;
use crate::api::checks::Checks;
use crate::api::error::ApiError;
use crate::api::{epoch_seconds, paging};
use crate::service::Service;
use crate::store::{Machine, WaitFor};

/// The model's limit on `definition` (characters).
pub const MAX_DEFINITION: usize = 1_048_576;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateInput {
    name: Option<String>,
    definition: Option<String>,
    role_arn: Option<String>,
    r#type: Option<String>,
    logging_configuration: Option<Value>,
    tracing_configuration: Option<Value>,
}

pub fn create(service: &Service, input: CreateInput) -> Result<Value, ApiError> {
    let mut checks = Checks::new();
    let name = checks.required("name", input.name);
    let definition = checks.required("definition", input.definition);
    let role_arn = checks.required("roleArn", input.role_arn);
    checks.length("name", name.as_deref(), 1, 80);
    checks.length("definition", definition.as_deref(), 1, MAX_DEFINITION);
    checks.length("roleArn", role_arn.as_deref(), 1, 256);
    checks.one_of("type", input.r#type.as_deref(), &["STANDARD", "EXPRESS"]);
    checks.finish()?;
    let (name, definition, role_arn) = (
        name.unwrap_or_default(),
        definition.unwrap_or_default(),
        role_arn.unwrap_or_default(),
    );
    check_name(&name)?;
    check_role(&role_arn)?;
    let kind = match input.r#type.as_deref() {
        Some("EXPRESS") => WorkflowKind::Express,
        _ => WorkflowKind::Standard,
    };
    let (executor, waiting_states) = compile(&definition, kind)?;
    let arn = service.arns.machine(&name);
    let now = service.now_ms();
    let mut store = service.store();
    if let Some(existing) = store.machines.get(&arn) {
        // The service is idempotent for an identical request and refuses a different one.
        if existing.definition == definition
            && existing.role_arn == role_arn
            && existing.kind == kind
        {
            return Ok(json!({
                "stateMachineArn": arn,
                "creationDate": epoch_seconds(existing.created_ms),
            }));
        }
        return Err(ApiError::new(
            "StateMachineAlreadyExists",
            format!("State Machine Already Exists: '{arn}'"),
        ));
    }
    let seq = store.next_seq();
    store.machines.insert(
        arn.clone(),
        Machine {
            seq,
            arn: arn.clone(),
            name,
            definition,
            role_arn,
            kind,
            created_ms: now,
            revision: 1,
            logging: input.logging_configuration,
            tracing: input.tracing_configuration,
            waiting_states,
            executor,
        },
    );
    Ok(json!({"stateMachineArn": arn, "creationDate": epoch_seconds(now)}))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateInput {
    state_machine_arn: Option<String>,
    definition: Option<String>,
    role_arn: Option<String>,
    logging_configuration: Option<Value>,
    tracing_configuration: Option<Value>,
}

pub fn update(service: &Service, input: UpdateInput) -> Result<Value, ApiError> {
    let mut checks = Checks::new();
    let arn = checks.required("stateMachineArn", input.state_machine_arn);
    checks.length("stateMachineArn", arn.as_deref(), 1, 256);
    checks.length("definition", input.definition.as_deref(), 1, MAX_DEFINITION);
    checks.length("roleArn", input.role_arn.as_deref(), 1, 256);
    checks.finish()?;
    let arn = service.arns.parse_machine(&arn.unwrap_or_default())?.arn;
    if input.definition.is_none()
        && input.role_arn.is_none()
        && input.logging_configuration.is_none()
        && input.tracing_configuration.is_none()
    {
        return Err(ApiError::new(
            "MissingRequiredParameter",
            "Either the definition, the roleArn, the loggingConfiguration or the tracingConfiguration must be specified",
        ));
    }
    if let Some(role) = &input.role_arn {
        check_role(role)?;
    }
    // The machine keeps its type: an EXPRESS one is checked as EXPRESS.
    let kind = service
        .store()
        .machines
        .get(&arn)
        .map_or(WorkflowKind::Standard, |m| m.kind);
    let compiled = input
        .definition
        .as_deref()
        .map(|d| compile(d, kind))
        .transpose()?;
    let now = service.now_ms();
    let mut store = service.store();
    let machine = store
        .machines
        .get_mut(&arn)
        .ok_or_else(|| ApiError::no_machine(&arn))?;
    if let (Some(definition), Some((executor, waiting_states))) = (input.definition, compiled) {
        machine.definition = definition;
        machine.executor = executor;
        machine.waiting_states = waiting_states;
    }
    if let Some(role) = input.role_arn {
        machine.role_arn = role;
    }
    if let Some(logging) = input.logging_configuration {
        machine.logging = Some(logging);
    }
    if let Some(tracing) = input.tracing_configuration {
        machine.tracing = Some(tracing);
    }
    machine.revision += 1;
    Ok(json!({
        "updateDate": epoch_seconds(now),
        "revisionId": machine.revision.to_string(),
    }))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArnInput {
    state_machine_arn: Option<String>,
}

pub fn describe(service: &Service, input: ArnInput) -> Result<Value, ApiError> {
    let arn = required_arn(service, input.state_machine_arn)?;
    let store = service.store();
    let machine = store
        .machines
        .get(&arn)
        .ok_or_else(|| ApiError::no_machine(&arn))?;
    Ok(describe_json(machine))
}

/// `DescribeStateMachine`'s members for a machine.
pub fn describe_json(machine: &Machine) -> Value {
    let mut out = json!({
        "stateMachineArn": machine.arn,
        "name": machine.name,
        "status": "ACTIVE",
        "definition": machine.definition,
        "roleArn": machine.role_arn,
        "type": machine.kind.as_str(),
        "creationDate": epoch_seconds(machine.created_ms),
        "revisionId": machine.revision.to_string(),
        "loggingConfiguration": machine.logging.clone().unwrap_or_else(|| json!({"level": "OFF", "includeExecutionData": false})),
    });
    if let Some(tracing) = &machine.tracing {
        out["tracingConfiguration"] = tracing.clone();
    }
    out
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListInput {
    max_results: Option<i64>,
    next_token: Option<String>,
}

pub fn list(service: &Service, input: ListInput) -> Result<Value, ApiError> {
    let mut checks = Checks::new();
    let (size, from) = paging::page(&mut checks, input.max_results, input.next_token.as_deref())?;
    checks.finish()?;
    let store = service.store();
    let mut machines: Vec<&Machine> = store
        .machines
        .values()
        .filter(|m| from.is_none_or(|from| m.seq >= from))
        .collect();
    machines.sort_by_key(|m| m.seq);
    let next = machines.get(size).map(|m| paging::token(m.seq));
    let items: Vec<Value> = machines
        .iter()
        .take(size)
        .map(|m| {
            json!({
                "stateMachineArn": m.arn,
                "name": m.name,
                "type": m.kind.as_str(),
                "creationDate": epoch_seconds(m.created_ms),
            })
        })
        .collect();
    let mut out = json!({"stateMachines": items});
    if let Some(next) = next {
        out["nextToken"] = Value::String(next);
    }
    Ok(out)
}

/// Deletes the machine (idempotent, as in the service). Its executions stay readable and
/// running ones finish.
pub fn delete(service: &Service, input: ArnInput) -> Result<Value, ApiError> {
    let arn = required_arn(service, input.state_machine_arn)?;
    service.store().machines.remove(&arn);
    Ok(json!({}))
}

fn required_arn(service: &Service, arn: Option<String>) -> Result<String, ApiError> {
    let mut checks = Checks::new();
    let arn = checks.required("stateMachineArn", arn);
    checks.length("stateMachineArn", arn.as_deref(), 1, 256);
    checks.finish()?;
    Ok(service.arns.parse_machine(&arn.unwrap_or_default())?.arn)
}

/// The service's name rule: no whitespace, brackets, wildcards, special or control
/// characters.
pub fn check_name(name: &str) -> Result<(), ApiError> {
    let bad = name
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || "<>{}[]?*\"#%\\^|~`$&,;:/".contains(*c));
    match bad {
        Some(c) => Err(ApiError::new(
            "InvalidName",
            format!("Invalid Name: '{name}' (the character {c:?} is not allowed)"),
        )),
        None => Ok(()),
    }
}

fn check_role(role: &str) -> Result<(), ApiError> {
    let parts: Vec<&str> = role.split(':').collect();
    if parts.len() >= 6 && parts[0] == "arn" && parts[2] == "iam" && parts[5].starts_with("role/") {
        Ok(())
    } else {
        Err(ApiError::invalid_arn(role, "not an IAM role ARN"))
    }
}

/// Checks a definition with sfn's rule set (`InvalidDefinition` listing every error; the
/// service creates a machine with warnings) and builds its executor; also returns the Task
/// states that wait for a worker.
fn compile(
    definition: &str,
    kind: WorkflowKind,
) -> Result<(Executor, Vec<(String, WaitFor)>), ApiError> {
    let mut diagnostics = service_diagnostics(definition, kind);
    diagnostics.retain(|d| d.severity == sfn_runtime::validate::Severity::Error);
    if !diagnostics.is_empty() {
        let listed: Vec<String> = diagnostics
            .iter()
            .map(|d| match &d.location {
                Some(at) => format!("{}: {} at {at}", d.code, d.message),
                None => format!("{}: {}", d.code, d.message),
            })
            .collect();
        return Err(ApiError::new(
            "InvalidDefinition",
            format!("Invalid State Machine Definition: '{}'", listed.join(", ")),
        ));
    }
    let machine = StateMachine::from_json(definition).map_err(|e| {
        ApiError::new(
            "InvalidDefinition",
            format!("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: {e}'"),
        )
    })?;
    let mut waiting = Vec::new();
    collect_waiting_states(&machine.states, &mut waiting);
    Ok((Executor::new(&machine), waiting))
}

fn collect_waiting_states(states: &States, out: &mut Vec<(String, WaitFor)>) {
    for (name, state) in states {
        match state {
            State::Task(task) if task.resource.ends_with(".waitForTaskToken") => {
                out.push((name.clone(), WaitFor::Token));
            }
            State::Task(task) if task.resource.contains(":activity:") => {
                out.push((name.clone(), WaitFor::Activity(task.resource.clone())));
            }
            State::Parallel(p) => p
                .branches
                .iter()
                .for_each(|b| collect_waiting_states(&b.states, out)),
            State::Map(m) => {
                if let Some(p) = m.processor() {
                    collect_waiting_states(&p.states, out);
                }
            }
            _ => {}
        }
    }
}
