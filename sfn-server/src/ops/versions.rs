//! PublishStateMachineVersion, ListStateMachineVersions, DeleteStateMachineVersion, and
//! which machine (or version) a `stateMachineArn` of StartExecution runs: the machine, a
//! version, or an alias's version chosen by its routing weights.

use serde::Deserialize;
use serde_json::{Value, json};

use crate::api::checks::{Checks, required_arn};
use crate::api::error::ApiError;
use crate::api::{epoch_seconds, paging};
use crate::arn::{Arns, MachineRef, Qualifier};
use crate::service::Service;
use crate::store::{Machine, Store, Version};

/// The service's quota of versions per state machine.
pub const MAX_VERSIONS: u64 = 1000;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PublishInput {
    state_machine_arn: Option<String>,
    revision_id: Option<String>,
    description: Option<String>,
}

pub fn publish(service: &Service, input: PublishInput) -> Result<Value, ApiError> {
    let mut checks = Checks::new();
    checks.length("description", input.description.as_deref(), 0, 256);
    checks.length("revisionId", input.revision_id.as_deref(), 0, 256);
    checks.finish()?;
    let arn = required_arn("stateMachineArn", input.state_machine_arn, 256)?;
    let arn = service.arns.parse_machine(&arn)?.unqualified()?.arn;
    let now = service.now_ms();
    let mut store = service.store();
    let machine = store
        .machines
        .get(&arn)
        .ok_or_else(|| ApiError::no_machine(&arn))?;
    if let Some(expected) = &input.revision_id {
        // `INITIAL` names the revision a machine has before any update.
        let current = machine.revision.to_string();
        let matches = *expected == current || (expected == "INITIAL" && machine.revision == 1);
        if !matches {
            return Err(ApiError {
                status: axum::http::StatusCode::CONFLICT,
                ..ApiError::new(
                    "ConflictException",
                    format!(
                        "Failed to publish the State Machine version for revision {expected}. The current State Machine revision is {current}."
                    ),
                )
            });
        }
    }
    let version = publish_current(&mut store, &arn, input.description, now)?;
    let created = store.versions.get(&version).map_or(now, |v| v.created_ms);
    Ok(json!({"stateMachineVersionArn": version, "creationDate": epoch_seconds(created)}))
}

/// Publishes the machine's current revision (its newest version if that revision was
/// published already) and returns the version ARN.
pub fn publish_current(
    store: &mut Store,
    arn: &str,
    description: Option<String>,
    now: i64,
) -> Result<String, ApiError> {
    let seq = store.next_seq();
    let Some(machine) = store.machines.get_mut(arn) else {
        return Err(ApiError::no_machine(arn));
    };
    if let Some((revision, version)) = &machine.published
        && *revision == machine.revision
        && store.versions.contains_key(version)
    {
        return Ok(version.clone());
    }
    let live = store
        .versions
        .keys()
        .filter(|v| v.starts_with(&format!("{arn}:")))
        .count() as u64;
    if live >= MAX_VERSIONS {
        return Err(ApiError::new(
            "ServiceQuotaExceededException",
            format!(
                "The state machine {arn} has {MAX_VERSIONS} versions, the quota: delete unused ones with DeleteStateMachineVersion"
            ),
        ));
    }
    machine.last_version += 1;
    let number = machine.last_version;
    let version_arn = Arns::version(arn, number);
    machine.published = Some((machine.revision, version_arn.clone()));
    let snapshot = Machine {
        seq,
        arn: version_arn.clone(),
        created_ms: now,
        version: Some(Version {
            number,
            description,
        }),
        published: None,
        tags: Default::default(),
        ..machine.clone()
    };
    store.versions.insert(version_arn.clone(), snapshot);
    Ok(version_arn)
}

/// The request of ListStateMachineVersions and of ListStateMachineAliases: a page of what
/// one machine owns.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListInput {
    state_machine_arn: Option<String>,
    max_results: Option<i64>,
    next_token: Option<String>,
}

/// A checked [`ListInput`]: the page's size, where it starts, and the machine's unqualified
/// ARN (the machine exists).
pub(crate) struct MachinePage {
    pub(crate) size: usize,
    pub(crate) from: Option<u64>,
    pub(crate) arn: String,
}

impl ListInput {
    /// Checks the request against `store`, under the caller's lock.
    pub(crate) fn check(self, service: &Service, store: &Store) -> Result<MachinePage, ApiError> {
        let mut checks = Checks::new();
        let (size, from) = paging::page(&mut checks, self.max_results, self.next_token.as_deref())?;
        checks.finish()?;
        let arn = required_arn("stateMachineArn", self.state_machine_arn, 256)?;
        let arn = service.arns.parse_machine(&arn)?.unqualified()?.arn;
        if !store.machines.contains_key(&arn) {
            return Err(ApiError::no_machine(&arn));
        }
        Ok(MachinePage { size, from, arn })
    }
}

/// The versions of a machine, newest first.
pub fn list(service: &Service, input: ListInput) -> Result<Value, ApiError> {
    let store = service.store();
    let MachinePage { size, from, arn } = input.check(service, &store)?;
    let number = |m: &&Machine| m.version.as_ref().map_or(0, |v| v.number);
    let mut versions: Vec<&Machine> = store
        .versions
        .values()
        .filter(|v| {
            v.arn
                .strip_prefix(arn.as_str())
                .is_some_and(|q| q.starts_with(':'))
        })
        .filter(|v| from.is_none_or(|from| number(v) <= from))
        .collect();
    versions.sort_by_key(|v| std::cmp::Reverse(number(v)));
    let (page, next) = paging::take(versions, size, number);
    let items = page
        .iter()
        .map(|v| json!({"stateMachineVersionArn": v.arn, "creationDate": epoch_seconds(v.created_ms)}))
        .collect();
    Ok(paging::respond("stateMachineVersions", items, next))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeleteInput {
    state_machine_version_arn: Option<String>,
}

/// Deletes a version (idempotent); refused while an alias routes to it.
pub fn delete(service: &Service, input: DeleteInput) -> Result<Value, ApiError> {
    let arn = required_arn(
        "stateMachineVersionArn",
        input.state_machine_version_arn,
        2000,
    )?;
    let parsed = service.arns.parse_machine(&arn)?;
    if !matches!(parsed.qualifier, Qualifier::Version(_)) {
        return Err(ApiError::invalid_arn(
            &arn,
            "not a state machine version ARN",
        ));
    }
    let arn = parsed.qualified_arn();
    let mut store = service.store();
    let mut aliases: Vec<&str> = store
        .aliases
        .values()
        .filter(|a| a.routing.iter().any(|(v, _)| *v == arn))
        .map(|a| a.arn.as_str())
        .collect();
    if !aliases.is_empty() {
        aliases.sort_unstable();
        return Err(ApiError {
            status: axum::http::StatusCode::CONFLICT,
            ..ApiError::new(
                "ConflictException",
                format!(
                    "Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [{}]",
                    aliases.join(", ")
                ),
            )
        });
    }
    store.versions.remove(&arn);
    Ok(json!({}))
}

/// What a StartExecution runs.
pub struct Resolved<'s> {
    pub machine: &'s Machine,
    /// Set when a version ran: named directly or chosen by an alias.
    pub version_arn: Option<String>,
    pub alias_arn: Option<String>,
}

/// The machine, version, or (for an alias) the version its routing picks: the first
/// with probability `weight`%, else the second.
pub fn resolve<'s>(
    service: &Service,
    store: &'s Store,
    target: &MachineRef,
) -> Result<Resolved<'s>, ApiError> {
    let missing = || ApiError::no_machine(&target.qualified_arn());
    match &target.qualifier {
        Qualifier::None => Ok(Resolved {
            machine: store.machines.get(&target.arn).ok_or_else(missing)?,
            version_arn: None,
            alias_arn: None,
        }),
        Qualifier::Version(_) => {
            let arn = target.qualified_arn();
            Ok(Resolved {
                machine: store.versions.get(&arn).ok_or_else(missing)?,
                version_arn: Some(arn),
                alias_arn: None,
            })
        }
        Qualifier::Alias(_) => {
            let alias_arn = target.qualified_arn();
            let alias = store.aliases.get(&alias_arn).ok_or_else(missing)?;
            let draw = service.random_u64() % 100;
            let mut below = 0;
            let mut chosen = &alias.routing[0].0;
            for (version, weight) in &alias.routing {
                below += weight;
                if draw < below {
                    chosen = version;
                    break;
                }
            }
            Ok(Resolved {
                machine: store.versions.get(chosen).ok_or_else(missing)?,
                version_arn: Some(chosen.clone()),
                alias_arn: Some(alias_arn),
            })
        }
    }
}
