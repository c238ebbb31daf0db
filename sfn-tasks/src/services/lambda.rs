//! AWS Lambda: `LambdaInvoke`.

use crate::engine::{Ctx, arn, whole_object};
use crate::model::{TaskError, TaskValue};
use crate::spec::{Field, Kind, Pattern, ResourceForm, TaskSpec, patterns};
use serde_json::{Map, Value};
use sfn_runtime::iam::Statement;

const INVOCATION_TYPES: &[(&str, &str)] = &[
    ("request_response", "RequestResponse"),
    ("event", "Event"),
    ("dry_run", "DryRun"),
];

/// `LambdaInvoke`: invoke a function (`lambda:invoke`), or call it directly with
/// `payload_response_only`.
pub static LAMBDA_INVOKE: TaskSpec = TaskSpec {
    class: "LambdaInvoke",
    service: "AWS Lambda",
    resource: ResourceForm::Custom(resource),
    patterns: patterns::RR_TOKEN,
    default_pattern: Pattern::RequestResponse,
    fields: &[
        Field::new("lambda_function", "FunctionName", Kind::Str).req(),
        Field::new("payload", "Payload", Kind::Json),
        Field::new(
            "invocation_type",
            "InvocationType",
            Kind::Enum(INVOCATION_TYPES),
        ),
        Field::new("client_context", "ClientContext", Kind::Str),
        Field::new("qualifier", "Qualifier", Kind::Str),
        Field::skip("payload_response_only", Kind::Bool),
        Field::skip("retry_on_service_exceptions", Kind::Bool),
    ],
    token_field: Some("payload"),
    jsonata: true,
    check: Some(check),
    finish: Some(finish),
    iam,
    lambda_retry: true,
};

fn response_only(ctx: &Ctx) -> bool {
    ctx.bool("payload_response_only") == Some(true)
}

fn check(ctx: &Ctx, errors: &mut Vec<TaskError>) {
    if response_only(ctx)
        && let Some(payload) = ctx.value("payload")
        && let Err(e) = whole_object(&ctx.rcx, payload, ctx.loc("payload"))
    {
        // The payload becomes the whole Parameters object.
        errors.push(TaskError {
            message: format!("with `payload_response_only`, {}", e.message),
            ..e
        });
    }
    if response_only(ctx) {
        let conflicting = ["pattern", "invocation_type", "client_context", "qualifier"];
        if let Some(name) = conflicting.iter().find(|n| ctx.has(n)) {
            errors.push(
                TaskError::new(
                    ctx.key_loc(name),
                    format!("`{name}` cannot be used with `payload_response_only: true`"),
                )
                .hint("remove it, or drop `payload_response_only` to use the lambda:invoke integration")
                .cdk("The 'payloadResponseOnly' property cannot be used if 'integrationPattern', 'invocationType', 'clientContext', or 'qualifier' are specified."),
            );
        }
    }
}

fn resource(ctx: &Ctx) -> Result<String, TaskError> {
    if response_only(ctx) {
        return match ctx.str("lambda_function") {
            Some(f) => Ok(function_arn(f)),
            None => Err(TaskError::new(
                ctx.loc("lambda_function"),
                "with `payload_response_only` the function must be a literal ARN or name",
            )),
        };
    }
    Ok(arn::states(&format!(
        "lambda:invoke{}",
        ctx.pattern.suffix()
    )))
}

fn finish(ctx: &Ctx, mut params: Map<String, Value>) -> Option<Value> {
    let payload = ctx.value("payload");
    if response_only(ctx) {
        // The payload itself becomes the whole Parameters object.
        return payload.map(|_| {
            params
                .remove("Payload")
                .or_else(|| params.remove("Payload.$"))
                .unwrap_or(Value::Null)
        });
    }
    if payload.is_none() {
        // CDK passes the whole state input by default.
        let mut ordered = Map::new();
        for (k, v) in params {
            let is_name = k.starts_with("FunctionName");
            ordered.insert(k, v);
            if is_name {
                if ctx.jsonata() {
                    ordered.insert(
                        "Payload".into(),
                        Value::String("{% $states.input %}".into()),
                    );
                } else {
                    ordered.insert("Payload.$".into(), Value::String("$".into()));
                }
            }
        }
        return Some(Value::Object(ordered));
    }
    Some(Value::Object(params))
}

/// A function name or ARN as an unqualified-or-qualified function ARN.
pub fn function_arn(f: &str) -> String {
    if f.starts_with("arn:") || f.starts_with("${") {
        f.to_string()
    } else {
        arn::arn("lambda", &format!("function:{f}"))
    }
}

/// CDK's grant-invoke set: an unqualified function and all its versions/aliases; a
/// qualified ARN (version or alias) only itself; `*` for a function known at run time.
pub fn invoke_resources(function: Option<&TaskValue>) -> Vec<String> {
    match function {
        Some(TaskValue::Str(f)) => {
            let arn = function_arn(f);
            // arn:aws:lambda:region:account:function:name[:qualifier]; substitutions such
            // as `${AWS::Region}` hold colons of their own, so they are left out of the count.
            let qualified = arn.starts_with("arn:") && colons_outside_substitutions(&arn) > 6;
            if qualified {
                vec![arn]
            } else {
                let versions = format!("{arn}:*");
                vec![arn, versions]
            }
        }
        _ => vec!["*".to_string()],
    }
}

fn iam(ctx: &Ctx) -> Vec<Statement> {
    vec![Statement::allow(
        ["lambda:InvokeFunction"],
        invoke_resources(ctx.value("lambda_function")),
    )]
}

/// How many `:` `s` holds outside its `${...}` substitutions (an unclosed `${` counts as
/// text).
fn colons_outside_substitutions(s: &str) -> usize {
    let mut count = 0;
    let mut rest = s;
    while let Some(start) = rest.find("${") {
        count += rest[..start].matches(':').count();
        match rest[start..].find('}') {
            Some(end) => rest = &rest[start + end + 1..],
            None => {
                rest = &rest[start..];
                break;
            }
        }
    }
    count + rest.matches(':').count()
}
