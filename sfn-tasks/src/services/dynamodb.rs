//! DynamoDB: `DynamoGetItem`, `DynamoPutItem`, `DynamoUpdateItem`, `DynamoDeleteItem`.
//!
//! Attribute maps (`key`, `item`, `expression_attribute_values`) take DynamoDB JSON
//! (`{ "S": "x" }`, `{ "N": 10 }`, `{ "S": $.path }`) or plain values whose type is
//! inferred: a string is `S`, a number `N` (sent as a string, as CDK does), a boolean
//! `BOOL`, null `NULL`, an array `L`, an object `M`.

use crate::engine::{Ctx, Out, Rcx, arn, put};
use crate::model::{Loc, TaskError, TaskValue};
use crate::spec::{Field, Kind, Pattern, ResourceForm, TaskSpec, patterns};
use serde_json::{Map, Value};
use sfn_runtime::iam::Statement;

const CONSUMED: &[(&str, &str)] = &[("indexes", "INDEXES"), ("total", "TOTAL"), ("none", "NONE")];
const METRICS: &[(&str, &str)] = &[("size", "SIZE"), ("none", "NONE")];
const RETURN_VALUES: &[(&str, &str)] = &[
    ("none", "NONE"),
    ("all_old", "ALL_OLD"),
    ("updated_old", "UPDATED_OLD"),
    ("all_new", "ALL_NEW"),
    ("updated_new", "UPDATED_NEW"),
];

const TYPES: &[&str] = &["S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL"];

fn attr_map(rcx: &Rcx, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
    let TaskValue::Object(members) = value else {
        return Err(TaskError::new(
            loc,
            format!("attributes must be an object, not {}", value.describe()),
        ));
    };
    let mut out = Map::new();
    for (name, kloc, v) in members {
        out.insert(name.clone(), Value::Object(attr(rcx, v, *kloc)?));
    }
    Ok(Out::lit(Value::Object(out)))
}

fn attr(rcx: &Rcx, v: &TaskValue, loc: Loc) -> Result<Map<String, Value>, TaskError> {
    let mut m = Map::new();
    match v {
        TaskValue::Object(members)
            if let [(ty, tloc, inner)] = members.as_slice()
                && TYPES.contains(&ty.as_str()) =>
        {
            let out = match (ty.as_str(), inner) {
                ("N", TaskValue::Number(n)) => Out::lit(Value::String(n.to_string())),
                ("NS", TaskValue::Array(items)) => Out::lit(Value::Array(
                    items
                        .iter()
                        .map(|(_, i)| match i {
                            TaskValue::Number(n) => Value::String(n.to_string()),
                            TaskValue::Str(s) => Value::String(s.clone()),
                            _ => Value::Null,
                        })
                        .collect(),
                )),
                ("M", TaskValue::Object(_)) if !inner.is_expression() => {
                    attr_map(rcx, inner, *tloc)?
                }
                ("L", TaskValue::Array(items)) => {
                    let mut list = Vec::new();
                    for (iloc, i) in items {
                        list.push(Value::Object(attr(rcx, i, *iloc)?));
                    }
                    Out::lit(Value::Array(list))
                }
                ("BOOL", _) => rcx.render(&Kind::Bool, inner, *tloc)?,
                ("NULL", _) => rcx.render(&Kind::Bool, inner, *tloc)?,
                ("SS" | "BS", _) => rcx.render(&Kind::StrList, inner, *tloc)?,
                (_, other) if other.is_expression() => rcx.render(&Kind::Str, other, *tloc)?,
                ("S" | "N" | "B", other) => rcx.render(&Kind::Str, other, *tloc)?,
                (ty, other) => {
                    return Err(TaskError::new(
                        *tloc,
                        format!("a DynamoDB `{ty}` value cannot be {}", other.describe()),
                    ));
                }
            };
            put(&mut m, ty, out);
        }
        TaskValue::Str(s) => {
            m.insert("S".into(), Value::String(s.clone()));
        }
        TaskValue::Number(n) => {
            m.insert("N".into(), Value::String(n.to_string()));
        }
        TaskValue::Bool(b) => {
            m.insert("BOOL".into(), Value::Bool(*b));
        }
        TaskValue::Null => {
            m.insert("NULL".into(), Value::Bool(true));
        }
        TaskValue::Array(items) => {
            let mut list = Vec::new();
            for (iloc, i) in items {
                list.push(Value::Object(attr(rcx, i, *iloc)?));
            }
            m.insert("L".into(), Value::Array(list));
        }
        TaskValue::Object(_) => {
            m.insert("M".into(), attr_map(rcx, v, loc)?.value);
        }
        other => {
            return Err(TaskError::new(
                loc,
                format!("the DynamoDB type of {} is unknown", other.describe()),
            )
            .hint("say the type: { \"S\": $.name }, { \"N\": $.count }, { \"M\": $.map } ..."));
        }
    }
    Ok(m)
}

fn table_arn(ctx: &Ctx) -> String {
    match ctx.str("table") {
        Some(t) if t.starts_with("arn:") => t.to_string(),
        Some(t) => arn::arn("dynamodb", &format!("table/{t}")),
        None => "*".into(),
    }
}

fn table_name(rcx: &Rcx, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
    // An ARN is accepted and sent as the table name (DynamoDB takes both).
    rcx.render(&Kind::Str, value, loc)
}

fn check_projection(ctx: &Ctx, errors: &mut Vec<TaskError>) {
    if let Some(p) = ctx.str("projection_expression") {
        for part in p.split(',') {
            if part.trim().starts_with('[') {
                errors.push(
                    TaskError::new(
                        ctx.loc("projection_expression"),
                        format!(
                            "each path of `projection_expression` must start with an attribute name, not `{}`",
                            part.trim()
                        ),
                    )
                    .hint("write `attr[1].sub`, not `[1]`")
                    .cdk("Expression must start with an attribute"),
                );
            }
        }
    }
}

macro_rules! dynamo_spec {
    ($name:ident, $class:literal, $api:literal, $action:literal, $check:expr, [$($field:expr),* $(,)?]) => {
        #[doc = concat!("`", $class, "`: DynamoDB `", $api, "`.")]
        pub static $name: TaskSpec = TaskSpec {
            class: $class,
            service: "DynamoDB",
            resource: ResourceForm::Integration(concat!("dynamodb:", $api)),
            patterns: patterns::RR,
            default_pattern: Pattern::RequestResponse,
            fields: &[$($field),*],
            token_field: None,
            jsonata: true,
            check: $check,
            finish: None,
            iam: |ctx| vec![Statement::allow([concat!("dynamodb:", $action)], [table_arn(ctx)])],
            lambda_retry: false,
        };
    };
}

dynamo_spec!(
    DYNAMO_GET_ITEM,
    "DynamoGetItem",
    "getItem",
    "GetItem",
    Some(check_projection),
    [
        Field::new("key", "Key", Kind::Custom(attr_map)).req(),
        Field::new("table", "TableName", Kind::Custom(table_name)).req(),
        Field::new("consistent_read", "ConsistentRead", Kind::Bool).or("false"),
        Field::new(
            "expression_attribute_names",
            "ExpressionAttributeNames",
            Kind::StrMap
        ),
        Field::new("projection_expression", "ProjectionExpression", Kind::Str),
        Field::new(
            "return_consumed_capacity",
            "ReturnConsumedCapacity",
            Kind::Enum(CONSUMED)
        ),
    ]
);

dynamo_spec!(
    DYNAMO_PUT_ITEM,
    "DynamoPutItem",
    "putItem",
    "PutItem",
    None,
    [
        Field::new("item", "Item", Kind::Custom(attr_map)).req(),
        Field::new("table", "TableName", Kind::Custom(table_name)).req(),
        Field::new("condition_expression", "ConditionExpression", Kind::Str),
        Field::new(
            "expression_attribute_names",
            "ExpressionAttributeNames",
            Kind::StrMap
        ),
        Field::new(
            "expression_attribute_values",
            "ExpressionAttributeValues",
            Kind::Custom(attr_map)
        ),
        Field::new(
            "return_consumed_capacity",
            "ReturnConsumedCapacity",
            Kind::Enum(CONSUMED)
        ),
        Field::new(
            "return_item_collection_metrics",
            "ReturnItemCollectionMetrics",
            Kind::Enum(METRICS)
        ),
        Field::new("return_values", "ReturnValues", Kind::Enum(RETURN_VALUES)),
    ]
);

dynamo_spec!(
    DYNAMO_UPDATE_ITEM,
    "DynamoUpdateItem",
    "updateItem",
    "UpdateItem",
    None,
    [
        Field::new("key", "Key", Kind::Custom(attr_map)).req(),
        Field::new("table", "TableName", Kind::Custom(table_name)).req(),
        Field::new("condition_expression", "ConditionExpression", Kind::Str),
        Field::new(
            "expression_attribute_names",
            "ExpressionAttributeNames",
            Kind::StrMap
        ),
        Field::new(
            "expression_attribute_values",
            "ExpressionAttributeValues",
            Kind::Custom(attr_map)
        ),
        Field::new(
            "return_consumed_capacity",
            "ReturnConsumedCapacity",
            Kind::Enum(CONSUMED)
        ),
        Field::new(
            "return_item_collection_metrics",
            "ReturnItemCollectionMetrics",
            Kind::Enum(METRICS)
        ),
        Field::new("return_values", "ReturnValues", Kind::Enum(RETURN_VALUES)),
        Field::new("update_expression", "UpdateExpression", Kind::Str),
    ]
);

dynamo_spec!(
    DYNAMO_DELETE_ITEM,
    "DynamoDeleteItem",
    "deleteItem",
    "DeleteItem",
    None,
    [
        Field::new("key", "Key", Kind::Custom(attr_map)).req(),
        Field::new("table", "TableName", Kind::Custom(table_name)).req(),
        Field::new("condition_expression", "ConditionExpression", Kind::Str),
        Field::new(
            "expression_attribute_names",
            "ExpressionAttributeNames",
            Kind::StrMap
        ),
        Field::new(
            "expression_attribute_values",
            "ExpressionAttributeValues",
            Kind::Custom(attr_map)
        ),
        Field::new(
            "return_consumed_capacity",
            "ReturnConsumedCapacity",
            Kind::Enum(CONSUMED)
        ),
        Field::new(
            "return_item_collection_metrics",
            "ReturnItemCollectionMetrics",
            Kind::Enum(METRICS)
        ),
        Field::new("return_values", "ReturnValues", Kind::Enum(RETURN_VALUES)),
    ]
);
