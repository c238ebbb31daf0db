//! Amazon SNS: `SnsPublish`.

use crate::engine::{Ctx, Out, Rcx, member};
use crate::model::{Loc, TaskError, TaskValue};
use crate::spec::{Field, Kind, Pattern, ResourceForm, TaskSpec, patterns};
use serde_json::{Map, Value};
use sfn_runtime::iam::Statement;

/// `SnsPublish`: publish a message to a topic.
pub static SNS_PUBLISH: TaskSpec = TaskSpec {
    class: "SnsPublish",
    service: "Amazon SNS",
    resource: ResourceForm::Integration("sns:publish"),
    patterns: patterns::RR_TOKEN,
    default_pattern: Pattern::RequestResponse,
    fields: &[
        Field::new("topic", "TopicArn", Kind::Str).req(),
        Field::new("message", "Message", Kind::Json).req(),
        Field::new(
            "message_deduplication_id",
            "MessageDeduplicationId",
            Kind::Str,
        ),
        Field::new("message_group_id", "MessageGroupId", Kind::Str),
        Field::new(
            "message_per_subscription_type",
            "MessageStructure",
            Kind::Custom(message_structure),
        ),
        Field::new(
            "message_attributes",
            "MessageAttributes",
            Kind::Custom(attributes),
        ),
        Field::new("subject", "Subject", Kind::Str),
        Field::skip("content_based_deduplication", Kind::Bool),
    ],
    token_field: Some("message"),
    jsonata: true,
    check: Some(check),
    finish: Some(drop_nulls),
    iam: |ctx| {
        vec![Statement::allow(
            ["sns:Publish"],
            [ctx.name_or_star("topic")],
        )]
    },
    lambda_retry: false,
};

/// Removes keys whose value rendered as `null` (flags that render nothing when false).
pub fn drop_nulls(_: &Ctx, mut params: Map<String, Value>) -> Option<Value> {
    params.retain(|_, v| !v.is_null());
    Some(Value::Object(params))
}

fn message_structure(rcx: &Rcx, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
    match value {
        TaskValue::Bool(true) => Ok(Out::lit(Value::String("json".into()))),
        TaskValue::Bool(false) => Ok(Out::lit(Value::Null)),
        other => rcx.render(&Kind::Bool, other, loc),
    }
}

fn check(ctx: &Ctx, errors: &mut Vec<TaskError>) {
    let fifo = ctx.str("topic").is_some_and(|t| t.ends_with(".fifo"));
    if !fifo {
        return;
    }
    match ctx.str("message_group_id") {
        None if !ctx.has("message_group_id") => errors.push(
            TaskError::new(
                ctx.loc("topic"),
                "a FIFO topic (`.fifo`) needs `message_group_id`",
            )
            .hint("add `message_group_id: ...`"),
        ),
        Some(g) if g.chars().count() > 128 => errors.push(TaskError::new(
            ctx.loc("message_group_id"),
            format!(
                "`message_group_id` must be at most 128 characters long, not {}",
                g.chars().count()
            ),
        )),
        _ => {}
    }
    let content_dedup = ctx.bool("content_based_deduplication") == Some(true);
    match ctx.str("message_deduplication_id") {
        None if !content_dedup && !ctx.has("message_deduplication_id") => errors.push(
            TaskError::new(
                ctx.loc("topic"),
                "a FIFO topic (`.fifo`) without content-based deduplication needs `message_deduplication_id`",
            )
            .hint("add `message_deduplication_id: ...`, or `content_based_deduplication: true` if the topic has it")
            .cdk("'messageDeduplicationId' is required for FIFO topics with 'contentBasedDeduplication' disabled"),
        ),
        Some(d) if d.chars().count() > 128 => errors.push(TaskError::new(
            ctx.loc("message_deduplication_id"),
            format!("`message_deduplication_id` must be at most 128 characters long, not {}", d.chars().count()),
        )),
        _ => {}
    }
}

const DATA_TYPES: &[(&str, &str)] = &[
    ("string", "String"),
    ("string_array", "String.Array"),
    ("number", "Number"),
    ("binary", "Binary"),
];

/// The DSL's word for an ASL data type (`String.Array` is `string_array`).
fn dsl_data_type(asl: &str) -> &str {
    DATA_TYPES
        .iter()
        .find(|(_, a)| *a == asl)
        .map_or(asl, |(dsl, _)| dsl)
}

/// What a literal `value` of an ASL data type is written as.
fn expected_value(asl: &str) -> &'static str {
    match asl {
        "String.Array" => "an array",
        "Number" => "a number",
        "String" => "a string or a boolean",
        _ => "a string",
    }
}

/// `{ name: value }` or `{ name: { value: .., data_type: .. } }`, encoded as SNS message
/// attributes with the data type inferred like CDK does.
fn attributes(rcx: &Rcx, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
    let TaskValue::Object(members) = value else {
        return Err(TaskError::new(
            loc,
            "expected an object of message attributes",
        ));
    };
    let mut out = Map::new();
    for (name, kloc, v) in members {
        out.insert(name.clone(), Value::Object(attribute(rcx, v, *kloc)?));
    }
    Ok(Out::lit(Value::Object(out)))
}

fn attribute(rcx: &Rcx, v: &TaskValue, loc: Loc) -> Result<Map<String, Value>, TaskError> {
    let (value, vloc, data_type) = match v {
        TaskValue::Object(members) => {
            for (k, kloc, _) in members {
                if k != "value" && k != "data_type" {
                    return Err(TaskError::new(*kloc, format!("unknown field `{k}`"))
                        .hint("an attribute is a value, or { value: .., data_type: string | number | binary | string_array }"));
                }
            }
            let Some((value, vloc)) = member(v, "value") else {
                return Err(TaskError::new(loc, "missing `value`"));
            };
            let dt = match member(v, "data_type") {
                Some((d, dloc)) => match rcx.render(&Kind::Enum(DATA_TYPES), d, dloc)?.value {
                    Value::String(s) => Some((s, dloc)),
                    _ => None,
                },
                None => None,
            };
            (value, vloc, dt)
        }
        other => (other, loc, None),
    };
    let mut attr = Map::new();
    let explicit = data_type.as_ref().map(|(s, _)| s.as_str());
    let dt_loc = data_type.as_ref().map(|(_, l)| *l).unwrap_or(vloc);
    let mismatch = |dt: &str, what: &str| {
        Err(TaskError::new(
            dt_loc,
            format!(
                "with `data_type: {}` the attribute's `value` must be {}, not {what}",
                dsl_data_type(dt),
                expected_value(dt)
            ),
        ))
    };
    if value.is_expression() {
        let dt = explicit.unwrap_or("String");
        attr.insert("DataType".into(), Value::String(dt.into()));
        let key = if dt == "Binary" {
            "BinaryValue"
        } else {
            "StringValue"
        };
        crate::engine::put(&mut attr, key, rcx.render(&Kind::Str, value, vloc)?);
        return Ok(attr);
    }
    let (dt, text) = match (explicit, value) {
        (Some("Binary"), TaskValue::Str(s)) => ("Binary", s.clone()),
        (Some("Binary"), _) => return mismatch("Binary", value.describe()),
        (None | Some("String.Array"), TaskValue::Array(items)) => {
            let mut list = Vec::new();
            for (iloc, item) in items {
                list.push(match item {
                    TaskValue::Str(s) => Value::String(s.clone()),
                    TaskValue::Number(n) => Value::Number(n.clone()),
                    TaskValue::Bool(b) => Value::Bool(*b),
                    TaskValue::Null => Value::Null,
                    other => {
                        let error = TaskError::new(
                            *iloc,
                            format!("the items of a `string_array` attribute must be strings, numbers, booleans or null, not {}", other.describe()),
                        );
                        // CDK words it after JavaScript's `typeof`, which is "object" for both.
                        return Err(match other {
                            TaskValue::Object(_) | TaskValue::Array(_) => error.cdk("Requested SNS message attribute type was object but Array values must be one of string,boolean,number"),
                            _ => error,
                        });
                    }
                });
            }
            ("String.Array", Value::Array(list).to_string())
        }
        (Some(dt), TaskValue::Array(_)) => return mismatch(dt, "an array"),
        (None | Some("Number"), TaskValue::Number(n)) => ("Number", n.to_string()),
        (Some(dt), TaskValue::Number(_)) => return mismatch(dt, "a number"),
        (None | Some("String"), TaskValue::Str(s)) => ("String", s.clone()),
        (None | Some("String"), TaskValue::Bool(b)) => ("String", b.to_string()),
        (Some(dt), other) => return mismatch(dt, other.describe()),
        (None, other) => {
            return Err(TaskError::new(
                vloc,
                format!("a message attribute cannot be {}", other.describe()),
            ));
        }
    };
    attr.insert("DataType".into(), Value::String(dt.into()));
    let key = if dt == "Binary" {
        "BinaryValue"
    } else {
        "StringValue"
    };
    attr.insert(key.into(), Value::String(text));
    Ok(attr)
}
