//! GetExecutionHistory: the executor's events in the service's shape, live while the
//! execution runs, with `reverseOrder`, `includeExecutionData` and pagination.

use serde::Deserialize;
use serde_json::{Value, json};

use super::executions::execution_arn;
use crate::api::checks::Checks;
use crate::api::error::ApiError;
use crate::api::{epoch_seconds, paging};
use crate::service::Service;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryInput {
    execution_arn: Option<String>,
    max_results: Option<i64>,
    reverse_order: Option<bool>,
    next_token: Option<String>,
    include_execution_data: Option<bool>,
}

pub fn get(service: &Service, request: HistoryInput) -> Result<Value, ApiError> {
    let mut checks = Checks::new();
    let (size, from) = paging::page(
        &mut checks,
        request.max_results,
        request.next_token.as_deref(),
    )?;
    checks.finish()?;
    let arn = execution_arn(service, request.execution_arn)?;
    let events = {
        let store = service.store();
        store
            .executions
            .get(&arn)
            .ok_or_else(|| ApiError::no_execution(&arn))?
            .history()
    };
    let reverse = request.reverse_order.unwrap_or(false);
    let include_data = request.include_execution_data.unwrap_or(true);
    // A token is the id of the next event to return (ids are 1-based and stable).
    let ordered: Box<dyn Iterator<Item = _>> = if reverse {
        let start = from.unwrap_or(u64::MAX);
        Box::new(events.iter().rev().filter(move |e| e.id as u64 <= start))
    } else {
        let start = from.unwrap_or(0);
        Box::new(events.iter().filter(move |e| e.id as u64 >= start))
    };
    let mut items = Vec::new();
    let mut next = None;
    for event in ordered {
        if items.len() == size {
            next = Some(paging::token(event.id as u64));
            break;
        }
        let mut item = event.to_json();
        item["timestamp"] = epoch_seconds(event.timestamp_ms);
        if !include_data {
            strip_data(&mut item);
        }
        items.push(item);
    }
    let mut out = json!({"events": items});
    if let Some(next) = next {
        out["nextToken"] = Value::String(next);
    }
    Ok(out)
}

/// `includeExecutionData: false` leaves out inputs, outputs and parameters.
fn strip_data(event: &mut Value) {
    let Some(object) = event.as_object_mut() else {
        return;
    };
    for (key, details) in object.iter_mut() {
        if !key.ends_with("EventDetails") {
            continue;
        }
        if let Some(details) = details.as_object_mut() {
            for field in ["input", "output", "parameters"] {
                details.remove(field);
            }
        }
    }
}
