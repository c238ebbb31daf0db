//! CreateStateMachine, UpdateStateMachine, DescribeStateMachine, ListStateMachines,
//! DeleteStateMachine.

use serde::Deserialize;
use serde_json::{Value, json};
use sfn_runtime::WorkflowKind;
use sfn_runtime::asl::{IntOrExpr, State, StateMachine, States};
use sfn_runtime::exec::Executor;

use super::tags::{self, TagInput};
use super::validate::service_diagnostics;
use super::versions;
use crate::api::checks::{Checks, required_arn};
use crate::api::error::ApiError;
use crate::api::{epoch_seconds, paging};
use crate::arn::Qualifier;
use crate::service::Service;
use crate::store::{Machine, WaitFor, WaitingState};

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
    tags: Option<Vec<TagInput>>,
    publish: Option<bool>,
    version_description: Option<String>,
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
    checks.length(
        "versionDescription",
        input.version_description.as_deref(),
        0,
        256,
    );
    let tags = tags::read(&mut checks, input.tags.unwrap_or_default());
    checks.finish()?;
    let tags = tags?;
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
        if *existing.definition == *definition
            && existing.role_arn == role_arn
            && existing.kind == kind
        {
            let mut out = json!({
                "stateMachineArn": arn,
                "creationDate": epoch_seconds(existing.created_ms),
            });
            if let Some((_, version)) = &existing.published {
                out["stateMachineVersionArn"] = Value::String(version.clone());
            }
            return Ok(out);
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
            definition: definition.into(),
            role_arn,
            kind,
            created_ms: now,
            revision: 1,
            logging: input.logging_configuration,
            tracing: input.tracing_configuration,
            version: None,
            last_version: 0,
            published: None,
            tags,
            waiting_states,
            executor,
        },
    );
    let mut out = json!({"stateMachineArn": arn, "creationDate": epoch_seconds(now)});
    if input.publish == Some(true) {
        let version = versions::publish_current(&mut store, &arn, input.version_description, now)?;
        out["stateMachineVersionArn"] = Value::String(version);
    }
    Ok(out)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateInput {
    state_machine_arn: Option<String>,
    definition: Option<String>,
    role_arn: Option<String>,
    logging_configuration: Option<Value>,
    tracing_configuration: Option<Value>,
    publish: Option<bool>,
    version_description: Option<String>,
}

pub fn update(service: &Service, input: UpdateInput) -> Result<Value, ApiError> {
    let mut checks = Checks::new();
    let arn = checks.required("stateMachineArn", input.state_machine_arn);
    checks.length("stateMachineArn", arn.as_deref(), 1, 256);
    checks.length("definition", input.definition.as_deref(), 1, MAX_DEFINITION);
    checks.length("roleArn", input.role_arn.as_deref(), 1, 256);
    checks.length(
        "versionDescription",
        input.version_description.as_deref(),
        0,
        256,
    );
    checks.finish()?;
    let arn = service
        .arns
        .parse_machine(&arn.unwrap_or_default())?
        .unqualified()?
        .arn;
    if input.version_description.is_some() && input.publish != Some(true) {
        return Err(ApiError::validation(
            "Version description can only be set when publish is true",
        ));
    }
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
    let changed = input
        .definition
        .as_deref()
        .is_some_and(|d| d != &*machine.definition)
        || input
            .role_arn
            .as_deref()
            .is_some_and(|r| r != machine.role_arn)
        || input.logging_configuration.is_some()
        || input.tracing_configuration.is_some();
    if let (Some(definition), Some((executor, waiting_states))) = (input.definition, compiled) {
        machine.definition = definition.into();
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
    // An update that changes nothing keeps the revision, so publishing after it is a no-op.
    if changed {
        machine.revision += 1;
    }
    let mut out = json!({
        "updateDate": epoch_seconds(now),
        "revisionId": machine.revision.to_string(),
    });
    if input.publish == Some(true) {
        let version = versions::publish_current(&mut store, &arn, input.version_description, now)?;
        out["stateMachineVersionArn"] = Value::String(version);
    }
    Ok(out)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArnInput {
    state_machine_arn: Option<String>,
}

/// Describes a state machine, or one of its versions given its version ARN.
pub fn describe(service: &Service, input: ArnInput) -> Result<Value, ApiError> {
    let arn = required_arn("stateMachineArn", input.state_machine_arn, 256)?;
    let machine = service.arns.parse_machine(&arn)?;
    let store = service.store();
    let found = match machine.qualifier {
        Qualifier::None => store.machines.get(&machine.arn),
        Qualifier::Version(_) => store.versions.get(&machine.qualified_arn()),
        Qualifier::Alias(_) => {
            return Err(ApiError::invalid_arn(
                &arn,
                "Resource type not valid in this context: describe an alias with DescribeStateMachineAlias",
            ));
        }
    };
    found
        .map(describe_json)
        .ok_or_else(|| ApiError::no_machine(&machine.qualified_arn()))
}

/// `DescribeStateMachine`'s members for a machine or version.
pub fn describe_json(machine: &Machine) -> Value {
    let mut out = json!({
        "stateMachineArn": machine.arn,
        "name": machine.name,
        "status": "ACTIVE",
        "definition": &*machine.definition,
        "roleArn": machine.role_arn,
        "type": machine.kind.as_str(),
        "creationDate": epoch_seconds(machine.created_ms),
        "revisionId": machine.revision.to_string(),
        "loggingConfiguration": machine.logging.clone().unwrap_or_else(|| json!({"level": "OFF", "includeExecutionData": false})),
    });
    if let Some(tracing) = &machine.tracing {
        out["tracingConfiguration"] = tracing.clone();
    }
    if let Some(description) = machine
        .version
        .as_ref()
        .and_then(|v| v.description.as_ref())
    {
        out["description"] = Value::String(description.clone());
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
    let (page, next) = paging::take(machines, size, |m| m.seq);
    let items: Vec<Value> = page
        .iter()
        .map(|m| {
            json!({
                "stateMachineArn": m.arn,
                "name": m.name,
                "type": m.kind.as_str(),
                "creationDate": epoch_seconds(m.created_ms),
            })
        })
        .collect();
    Ok(paging::respond("stateMachines", items, next))
}

/// Deletes the machine with its versions and aliases (idempotent, as in the service). Its
/// executions stay readable and running ones finish.
pub fn delete(service: &Service, input: ArnInput) -> Result<Value, ApiError> {
    let arn = required_arn("stateMachineArn", input.state_machine_arn, 256)?;
    let arn = service.arns.parse_machine(&arn)?.unqualified()?.arn;
    let mut store = service.store();
    store.machines.remove(&arn);
    let qualified = format!("{arn}:");
    store.versions.retain(|v, _| !v.starts_with(&qualified));
    store.aliases.retain(|a, _| !a.starts_with(&qualified));
    Ok(json!({}))
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
pub(crate) fn compile(
    definition: &str,
    kind: WorkflowKind,
) -> Result<(Executor, Vec<WaitingState>), ApiError> {
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
    Ok((Executor::from_machine(machine), waiting))
}

fn collect_waiting_states(states: &States, out: &mut Vec<WaitingState>) {
    for (name, state) in states {
        match state {
            State::Task(task) => {
                let wait_for = if task.resource.ends_with(".waitForTaskToken") {
                    WaitFor::Token
                } else if task.resource.contains(":activity:") {
                    WaitFor::Activity(task.resource.clone())
                } else {
                    continue;
                };
                // Literal values only: a path or JSONata expression is evaluated by the
                // executor's virtual clock, not by the server's real-time watchdog.
                let seconds = |v: &Option<IntOrExpr>| match v {
                    Some(IntOrExpr::Int(n)) => Some(*n),
                    _ => None,
                };
                out.push(WaitingState {
                    name: name.clone(),
                    wait_for,
                    timeout_seconds: seconds(&task.timeout_seconds),
                    heartbeat_seconds: seconds(&task.heartbeat_seconds),
                });
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
