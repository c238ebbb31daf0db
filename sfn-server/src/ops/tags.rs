//! TagResource, UntagResource, ListTagsForResource on state machines and activities (the
//! resources the service tags), and the `tags` member of CreateStateMachine/CreateActivity.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Value, json};

use crate::api::checks::{Checks, required_arn};
use crate::api::error::ApiError;
use crate::service::Service;
use crate::store::Store;

/// The service's limit of tags per resource.
pub const MAX_TAGS: usize = 50;

/// One `{"key": .., "value": ..}` of a request.
#[derive(Deserialize)]
pub struct TagInput {
    key: Option<String>,
    value: Option<String>,
}

/// Checks the tags of a request (key 1..=128 characters, value 0..=256) into `checks`
/// and returns them as a map; more than [`MAX_TAGS`] is `TooManyTags`.
pub fn read(
    checks: &mut Checks,
    tags: Vec<TagInput>,
) -> Result<BTreeMap<String, String>, ApiError> {
    let mut out = BTreeMap::new();
    for (i, tag) in tags.into_iter().enumerate() {
        let field = format!("tags.{}.member", i + 1);
        checks.length(&format!("{field}.key"), tag.key.as_deref(), 1, 128);
        checks.length(&format!("{field}.value"), tag.value.as_deref(), 0, 256);
        out.insert(tag.key.unwrap_or_default(), tag.value.unwrap_or_default());
    }
    if out.len() > MAX_TAGS {
        return Err(too_many(out.len()));
    }
    Ok(out)
}

fn too_many(count: usize) -> ApiError {
    ApiError::new(
        "TooManyTags",
        format!(
            "Too many tags: a resource has at most {MAX_TAGS} tags, this would give it {count}"
        ),
    )
}

/// The tags of the machine or activity `arn` names.
fn tags_of<'s>(
    service: &Service,
    store: &'s mut Store,
    arn: &str,
) -> Result<&'s mut BTreeMap<String, String>, ApiError> {
    let not_found = || ApiError::new("ResourceNotFound", format!("Resource not found: '{arn}'"));
    if service.arns.check_activity(arn).is_ok() {
        return store
            .activities
            .get_mut(arn)
            .map(|a| &mut a.tags)
            .ok_or_else(not_found);
    }
    let machine = service.arns.parse_machine(arn)?;
    if machine.test_case.is_some() {
        return Err(ApiError::invalid_arn(
            arn,
            "Resource type not valid in this context",
        ));
    }
    let machine = machine.unqualified()?;
    store
        .machines
        .get_mut(&machine.arn)
        .map(|m| &mut m.tags)
        .ok_or_else(not_found)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TagResourceInput {
    resource_arn: Option<String>,
    tags: Option<Vec<TagInput>>,
}

pub fn tag(service: &Service, input: TagResourceInput) -> Result<Value, ApiError> {
    let mut checks = Checks::new();
    let tags = checks.required("tags", input.tags);
    let tags = read(&mut checks, tags.unwrap_or_default());
    checks.finish()?;
    let tags = tags?;
    let arn = required_arn("resourceArn", input.resource_arn, 256)?;
    let mut store = service.store();
    let existing = tags_of(service, &mut store, &arn)?;
    let count = existing.len() + tags.keys().filter(|k| !existing.contains_key(*k)).count();
    if count > MAX_TAGS {
        return Err(too_many(count));
    }
    existing.extend(tags);
    Ok(json!({}))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UntagInput {
    resource_arn: Option<String>,
    tag_keys: Option<Vec<String>>,
}

pub fn untag(service: &Service, input: UntagInput) -> Result<Value, ApiError> {
    let mut checks = Checks::new();
    let keys = checks.required("tagKeys", input.tag_keys);
    checks.finish()?;
    let arn = required_arn("resourceArn", input.resource_arn, 256)?;
    let mut store = service.store();
    let existing = tags_of(service, &mut store, &arn)?;
    for key in keys.unwrap_or_default() {
        existing.remove(&key);
    }
    Ok(json!({}))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListInput {
    resource_arn: Option<String>,
}

pub fn list(service: &Service, input: ListInput) -> Result<Value, ApiError> {
    let arn = required_arn("resourceArn", input.resource_arn, 256)?;
    let mut store = service.store();
    let tags: Vec<Value> = tags_of(service, &mut store, &arn)?
        .iter()
        .map(|(key, value)| json!({"key": key, "value": value}))
        .collect();
    Ok(json!({"tags": tags}))
}
