//! Amazon SQS: `SqsSendMessage`.

use crate::engine::{Ctx, Out, Rcx};
use crate::model::{Loc, TaskError, TaskValue};
use crate::spec::{Field, Kind, Pattern, ResourceForm, TaskSpec, patterns};
use serde_json::Value;
use sfn_runtime::iam::Statement;

/// `SqsSendMessage`: send a message to a queue.
pub static SQS_SEND_MESSAGE: TaskSpec = TaskSpec {
    class: "SqsSendMessage",
    service: "Amazon SQS",
    resource: ResourceForm::Integration("sqs:sendMessage"),
    patterns: patterns::RR_TOKEN,
    default_pattern: Pattern::RequestResponse,
    fields: &[
        Field::new("queue", "QueueUrl", Kind::Custom(queue_url)).req(),
        Field::new("message_body", "MessageBody", Kind::Json).req(),
        Field::new("delay", "DelaySeconds", Kind::Seconds),
        Field::new(
            "message_deduplication_id",
            "MessageDeduplicationId",
            Kind::Str,
        ),
        Field::new("message_group_id", "MessageGroupId", Kind::Str),
        Field::skip("queue_arn", Kind::Str),
        Field::skip("kms_key_arn", Kind::Str),
    ],
    token_field: Some("message_body"),
    jsonata: true,
    check: Some(check),
    finish: None,
    iam,
    lambda_retry: false,
};

/// The queue URL of an ARN `arn:aws:sqs:<region>:<account>:<name>`.
fn url_of_arn(arn: &str) -> Option<String> {
    let parts: Vec<&str> = arn.split(':').collect();
    match parts.as_slice() {
        ["arn", _, "sqs", region, account, name] => Some(format!(
            "https://sqs.{region}.amazonaws.com/{account}/{name}"
        )),
        _ => None,
    }
}

/// The ARN of a queue URL `https://sqs.<region>.amazonaws.com/<account>/<name>`.
fn arn_of_url(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://sqs.")?;
    let (host, path) = rest.split_once('/')?;
    let region = host.split('.').next()?;
    let (account, name) = path.split_once('/')?;
    Some(format!("arn:aws:sqs:{region}:{account}:{name}"))
}

fn queue_url(rcx: &Rcx, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
    if let TaskValue::Str(s) = value
        && s.starts_with("arn:")
    {
        return url_of_arn(s)
            .map(|u| Out::lit(Value::String(u)))
            .ok_or_else(|| TaskError::new(loc, format!("`{s}` is not an SQS queue ARN")));
    }
    rcx.render(&Kind::Str, value, loc)
}

fn queue_arn(ctx: &Ctx) -> Option<String> {
    if let Some(a) = ctx.str("queue_arn") {
        return Some(a.to_string());
    }
    let q = ctx.str("queue")?;
    if q.starts_with("arn:") {
        Some(q.to_string())
    } else {
        arn_of_url(q)
    }
}

fn check(ctx: &Ctx, errors: &mut Vec<TaskError>) {
    if ctx.has("queue") && queue_arn(ctx).is_none() {
        errors.push(
            TaskError::new(
                ctx.loc("queue"),
                "cannot tell the queue ARN (for IAM) from this queue",
            )
            .hint("give the queue as an ARN or https URL, or add `queue_arn: \"...\"` (\"*\" for any queue)"),
        );
    }
}

fn iam(ctx: &Ctx) -> Vec<Statement> {
    let mut out = vec![Statement::allow(
        ["sqs:SendMessage"],
        [queue_arn(ctx).unwrap_or_else(|| "*".into())],
    )];
    if let Some(key) = ctx.str("kms_key_arn") {
        out.push(Statement::allow(
            ["kms:Decrypt", "kms:GenerateDataKey*"],
            [key],
        ));
    }
    out
}
