//! Amazon EventBridge: `EventBridgePutEvents`, `EventBridgeSchedulerCreateScheduleTask`.

mod scheduler;

pub use scheduler::CREATE_SCHEDULE;

use crate::engine::{Ctx, arn, member};
use crate::model::{TaskError, TaskValue};
use crate::spec::{Field, Kind, Pattern, ResourceForm, TaskSpec, patterns};
use sfn_runtime::iam::Statement;

const ENTRY: &[Field] = &[
    Field::new("detail", "Detail", Kind::Json).req(),
    Field::new("detail_type", "DetailType", Kind::Str).req(),
    Field::new("event_bus", "EventBusName", Kind::Str),
    Field::new("source", "Source", Kind::Str).req(),
];

/// `EventBridgePutEvents`: put events on buses.
pub static PUT_EVENTS: TaskSpec = TaskSpec {
    class: "EventBridgePutEvents",
    service: "Amazon EventBridge",
    resource: ResourceForm::Integration("events:putEvents"),
    patterns: patterns::RR_TOKEN,
    default_pattern: Pattern::RequestResponse,
    fields: &[Field::new("entries", "Entries", Kind::List(&Kind::Struct(ENTRY))).req()],
    token_field: Some("entries"),
    jsonata: true,
    check: Some(check_entries),
    finish: None,
    iam: |ctx| {
        let buses: Vec<String> = entries(ctx)
            .iter()
            .map(|e| match member(e, "event_bus") {
                Some((TaskValue::Str(b), _)) if b.starts_with("arn:") || b.starts_with("${") => {
                    b.clone()
                }
                Some((TaskValue::Str(b), _)) => arn::arn("events", &format!("event-bus/{b}")),
                Some(_) => "*".to_string(),
                None => arn::arn("events", "event-bus/default"),
            })
            .collect();
        vec![Statement::allow(["events:PutEvents"], buses)]
    },
    lambda_retry: false,
};

fn entries<'a>(ctx: &Ctx<'a>) -> Vec<&'a TaskValue> {
    match ctx.value("entries") {
        Some(TaskValue::Array(items)) => items.iter().map(|(_, v)| v).collect(),
        _ => Vec::new(),
    }
}

fn check_entries(ctx: &Ctx, errors: &mut Vec<TaskError>) {
    if let Some(TaskValue::Array(items)) = ctx.value("entries") {
        if items.is_empty() {
            errors.push(
                TaskError::new(ctx.loc("entries"), "`entries` must not be empty")
                    .cdk("Value for property `entries` must be a non-empty array."),
            );
        }
        if items.len() > 10 {
            // CDK documents the limit but does not check it; PutEvents rejects more.
            errors.push(TaskError::new(
                ctx.loc("entries"),
                format!("`entries` must have at most 10 items, not {}", items.len()),
            ));
        }
        for (_, e) in items {
            if let Some((TaskValue::Str(src), loc)) = member(e, "source")
                && src.starts_with("aws.")
            {
                errors.push(
                    TaskError::new(
                        loc,
                        "`source` cannot start with `aws.` (it is for AWS's own events)",
                    )
                    .hint("use your own source name, e.g. \"com.example.orders\"")
                    .cdk("Event source cannot start with \"aws.\""),
                );
            }
        }
    }
}
