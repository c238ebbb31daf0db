//! CreateStateMachineAlias, DescribeStateMachineAlias, UpdateStateMachineAlias,
//! DeleteStateMachineAlias, ListStateMachineAliases.

use serde::Deserialize;
use serde_json::{Value, json};

use super::machines::check_name;
use super::versions::{ListInput, MachinePage};
use crate::api::checks::{Checks, required_arn};
use crate::api::error::ApiError;
use crate::api::{epoch_seconds, paging};
use crate::arn::{Arns, Qualifier};
use crate::service::Service;
use crate::store::{Alias, Store};

/// The service's quota of aliases per state machine.
pub const MAX_ALIASES: usize = 100;

#[derive(Deserialize, Clone)]
#[serde(rename_all = "camelCase")]
pub struct RoutingInput {
    state_machine_version_arn: Option<String>,
    weight: Option<i64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateInput {
    name: Option<String>,
    description: Option<String>,
    routing_configuration: Option<Vec<RoutingInput>>,
}

fn not_found(arn: &str) -> ApiError {
    ApiError::new("ResourceNotFound", format!("Resource not found: '{arn}'"))
}

fn conflict(message: String) -> ApiError {
    ApiError {
        status: axum::http::StatusCode::CONFLICT,
        ..ApiError::new("ConflictException", message)
    }
}

/// Checks a routing configuration: one or two distinct, existing versions of one machine
/// whose weights add up to 100. Returns the machine ARN and the `(version, weight)` list.
fn routing(
    service: &Service,
    store: &Store,
    items: Vec<RoutingInput>,
) -> Result<(String, Vec<(String, u64)>), ApiError> {
    let mut checks = Checks::new();
    let bound = match items.len() {
        0 => Some("greater than or equal to 1"),
        1 | 2 => None,
        _ => Some("less than or equal to 2"),
    };
    if let Some(bound) = bound {
        return Err(ApiError::validation(format!(
            "1 validation error detected: Value at 'routingConfiguration' failed to satisfy constraint: Member must have length {bound}"
        )));
    }
    for (i, item) in items.iter().enumerate() {
        let field = format!("routingConfiguration.{}.member", i + 1);
        checks.required(
            &format!("{field}.stateMachineVersionArn"),
            item.state_machine_version_arn.as_ref(),
        );
        checks.required(&format!("{field}.weight"), item.weight);
        checks.range(&format!("{field}.weight"), item.weight, 0, 100);
    }
    checks.finish()?;
    let mut machine: Option<String> = None;
    let mut out = Vec::new();
    for item in items {
        let arn = item.state_machine_version_arn.unwrap_or_default();
        let parsed = service.arns.parse_machine(&arn)?;
        if !matches!(parsed.qualifier, Qualifier::Version(_)) {
            return Err(ApiError::invalid_arn(
                &arn,
                "not a state machine version ARN",
            ));
        }
        if machine.as_ref().is_some_and(|m| *m != parsed.arn) {
            return Err(ApiError::validation(
                "Routing configuration must contain state machine version ARNs of the same state machine",
            ));
        }
        if out.iter().any(|(v, _)| *v == arn) {
            return Err(ApiError::validation(
                "Routing configuration must contain distinct state machine version ARNs",
            ));
        }
        if !store.versions.contains_key(&arn) {
            return Err(not_found(&arn));
        }
        machine = Some(parsed.arn);
        out.push((
            arn,
            u64::try_from(item.weight.unwrap_or_default()).unwrap_or(0),
        ));
    }
    let total: u64 = out.iter().map(|(_, w)| w).sum();
    if total != 100 {
        return Err(ApiError::validation(format!(
            "Sum of routing configuration weights must be equal to 100 (it is {total})"
        )));
    }
    Ok((machine.unwrap_or_default(), out))
}

pub fn create(service: &Service, input: CreateInput) -> Result<Value, ApiError> {
    let mut checks = Checks::new();
    let name = checks.required("name", input.name);
    let items = checks.required("routingConfiguration", input.routing_configuration);
    checks.length("name", name.as_deref(), 1, 80);
    checks.length("description", input.description.as_deref(), 0, 256);
    checks.finish()?;
    let name = name.unwrap_or_default();
    check_name(&name)?;
    // A numeric name would read as a version number in the alias ARN.
    if name.chars().all(|c| c.is_ascii_digit()) {
        return Err(ApiError::new(
            "InvalidName",
            format!("Invalid Name: '{name}' (an alias name must not be only digits)"),
        ));
    }
    let now = service.now_ms();
    let mut store = service.store();
    let (machine, routing) = routing(service, &store, items.unwrap_or_default())?;
    let arn = Arns::alias(&machine, &name);
    if let Some(existing) = store.aliases.get(&arn) {
        // Idempotent for the same name, description and routing (the service's rule).
        if existing.description == input.description && existing.routing == routing {
            return Ok(
                json!({"stateMachineAliasArn": arn, "creationDate": epoch_seconds(existing.created_ms)}),
            );
        }
        return Err(conflict(format!(
            "Failed to create alias because an alias with the same name and a different routing configuration already exists: '{arn}'"
        )));
    }
    let count = store
        .aliases
        .values()
        .filter(|a| a.machine_arn == machine)
        .count();
    if count >= MAX_ALIASES {
        return Err(ApiError::new(
            "ServiceQuotaExceededException",
            format!("The state machine {machine} has {MAX_ALIASES} aliases, the quota"),
        ));
    }
    let seq = store.next_seq();
    store.aliases.insert(
        arn.clone(),
        Alias {
            seq,
            arn: arn.clone(),
            name,
            machine_arn: machine,
            description: input.description,
            routing,
            created_ms: now,
            updated_ms: now,
        },
    );
    Ok(json!({"stateMachineAliasArn": arn, "creationDate": epoch_seconds(now)}))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArnInput {
    state_machine_alias_arn: Option<String>,
}

/// The `stateMachineAliasArn` member, checked to be an alias ARN of this endpoint.
fn alias_arn(service: &Service, arn: Option<String>) -> Result<String, ApiError> {
    let arn = required_arn("stateMachineAliasArn", arn, 256)?;
    let parsed = service.arns.parse_machine(&arn)?;
    if !matches!(parsed.qualifier, Qualifier::Alias(_)) || parsed.test_case.is_some() {
        return Err(ApiError::invalid_arn(&arn, "not a state machine alias ARN"));
    }
    Ok(arn)
}

fn describe_json(alias: &Alias) -> Value {
    let routing: Vec<Value> = alias
        .routing
        .iter()
        .map(|(v, w)| json!({"stateMachineVersionArn": v, "weight": w}))
        .collect();
    let mut out = json!({
        "stateMachineAliasArn": alias.arn,
        "name": alias.name,
        "routingConfiguration": routing,
        "creationDate": epoch_seconds(alias.created_ms),
        "updateDate": epoch_seconds(alias.updated_ms),
    });
    if let Some(description) = &alias.description {
        out["description"] = Value::String(description.clone());
    }
    out
}

pub fn describe(service: &Service, input: ArnInput) -> Result<Value, ApiError> {
    let arn = alias_arn(service, input.state_machine_alias_arn)?;
    let store = service.store();
    store
        .aliases
        .get(&arn)
        .map(describe_json)
        .ok_or_else(|| not_found(&arn))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateInput {
    state_machine_alias_arn: Option<String>,
    description: Option<String>,
    routing_configuration: Option<Vec<RoutingInput>>,
}

pub fn update(service: &Service, input: UpdateInput) -> Result<Value, ApiError> {
    let mut checks = Checks::new();
    checks.length("description", input.description.as_deref(), 0, 256);
    checks.finish()?;
    let arn = alias_arn(service, input.state_machine_alias_arn)?;
    if input.description.is_none() && input.routing_configuration.is_none() {
        return Err(ApiError::validation(
            "Either the description or the routingConfiguration must be specified",
        ));
    }
    let now = service.now_ms();
    let mut store = service.store();
    let machine = store
        .aliases
        .get(&arn)
        .ok_or_else(|| not_found(&arn))?
        .machine_arn
        .clone();
    let routing = match input.routing_configuration {
        Some(items) => {
            let (of, routing) = routing(service, &store, items)?;
            if of != machine {
                return Err(ApiError::validation(format!(
                    "Routing configuration must contain versions of the alias's state machine {machine}"
                )));
            }
            Some(routing)
        }
        None => None,
    };
    let alias = store.aliases.get_mut(&arn).ok_or_else(|| not_found(&arn))?;
    if let Some(description) = input.description {
        alias.description = Some(description);
    }
    if let Some(routing) = routing {
        alias.routing = routing;
    }
    alias.updated_ms = now;
    Ok(json!({"updateDate": epoch_seconds(now)}))
}

pub fn delete(service: &Service, input: ArnInput) -> Result<Value, ApiError> {
    let arn = alias_arn(service, input.state_machine_alias_arn)?;
    match service.store().aliases.remove(&arn) {
        Some(_) => Ok(json!({})),
        None => Err(not_found(&arn)),
    }
}

/// The aliases of a machine, in creation order.
pub fn list(service: &Service, input: ListInput) -> Result<Value, ApiError> {
    let store = service.store();
    let MachinePage { size, from, arn } = input.check(service, &store)?;
    let mut aliases: Vec<&Alias> = store
        .aliases
        .values()
        .filter(|a| a.machine_arn == arn && from.is_none_or(|from| a.seq >= from))
        .collect();
    aliases.sort_by_key(|a| a.seq);
    let (page, next) = paging::take(aliases, size, |a| a.seq);
    let items = page
        .iter()
        .map(
            |a| json!({"stateMachineAliasArn": a.arn, "creationDate": epoch_seconds(a.created_ms)}),
        )
        .collect();
    Ok(paging::respond("stateMachineAliases", items, next))
}
