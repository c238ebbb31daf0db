//! Amazon API Gateway: `CallApiGatewayRestApiEndpoint`, `CallApiGatewayHttpApiEndpoint`.

use crate::engine::{Ctx, Out, Rcx, arn};
use crate::model::{Loc, TaskError, TaskValue};
use crate::spec::{Field, Kind, Pattern, ResourceForm, TaskSpec, patterns};
use serde_json::{Map, Value};
use sfn_runtime::iam::Statement;

const METHODS: &[(&str, &str)] = &[
    ("GET", "GET"),
    ("POST", "POST"),
    ("PUT", "PUT"),
    ("DELETE", "DELETE"),
    ("PATCH", "PATCH"),
    ("HEAD", "HEAD"),
    ("OPTIONS", "OPTIONS"),
];

const AUTH: &[(&str, &str)] = &[
    ("no_auth", "NO_AUTH"),
    ("iam_role", "IAM_ROLE"),
    ("resource_policy", "RESOURCE_POLICY"),
];

/// The API id is part of the endpoint host and of the IAM ARN, so it must be known.
fn api_id(_: &Rcx, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
    match value {
        TaskValue::Str(s) => Ok(Out::lit(Value::String(s.clone()))),
        other => Err(TaskError::new(
            loc,
            format!(
                "the API id must be a literal string, not {}",
                other.describe()
            ),
        )),
    }
}

/// API Gateway takes every header as a list of values (`{"Name": ["v"]}`); a string, or
/// the task token on its own, is rejected by the service at run time.
fn check_headers(ctx: &Ctx, errors: &mut Vec<TaskError>) {
    let Some(TaskValue::Object(members)) = ctx.value("headers") else {
        return;
    };
    for (name, loc, value) in members {
        let is_list = match value {
            TaskValue::Array(_) | TaskValue::Jsonata(_) => true,
            TaskValue::Intrinsic(call) => {
                call.starts_with("States.Array") || call.starts_with("States.StringSplit")
            }
            // A path may hold a list at run time; the token itself is a string.
            TaskValue::Path(p) => !crate::engine::token::carries_token(value) && !p.is_empty(),
            _ => false,
        };
        if !is_list {
            let token = if ctx.jsonata() {
                "\"{% [$states.context.Task.Token] %}\""
            } else {
                "States.Array($$.Task.Token)"
            };
            errors.push(
                TaskError::new(
                    *loc,
                    format!("header `{name}` must be a list of strings, not {}", value.describe()),
                )
                .hint(format!("API Gateway takes each header as an array: write `\"{name}\": [\"value\"]`, or for the task token `\"{name}\": {token}`")),
            );
        }
    }
}

fn finish(ctx: &Ctx, params: Map<String, Value>) -> Option<Value> {
    let id = ctx.str("api").unwrap_or_default();
    let region = ctx.str("region").unwrap_or(arn::REGION);
    let mut out = Map::new();
    out.insert(
        "ApiEndpoint".into(),
        Value::String(format!("{id}.execute-api.{region}.{}", arn::URL_SUFFIX)),
    );
    for (k, v) in params {
        if k != "-api" {
            out.insert(k, v);
        }
    }
    Some(Value::Object(out))
}

fn invoke_statement(ctx: &Ctx, stage: &str, default_path: &str) -> Vec<Statement> {
    // CDK skips the grant only when NO_AUTH is written explicitly.
    if ctx
        .text("auth_type")
        .is_some_and(|a| a.eq_ignore_ascii_case("no_auth"))
    {
        return Vec::new();
    }
    let id = ctx.str("api").unwrap_or("*");
    let method = ctx.text("method").unwrap_or("*").to_ascii_uppercase();
    let path = match ctx.value("api_path") {
        Some(TaskValue::Str(p)) => p.clone(),
        _ => default_path.to_string(),
    };
    let region = ctx.str("api_region").unwrap_or(arn::REGION);
    let account = ctx.str("api_account").unwrap_or(arn::ACCOUNT);
    vec![Statement::allow(
        ["execute-api:Invoke"],
        [format!(
            "arn:aws:execute-api:{region}:{account}:{id}/{stage}/{method}{path}"
        )],
    )]
}

/// `CallApiGatewayRestApiEndpoint`: call a REST API stage.
pub static REST_API: TaskSpec = TaskSpec {
    class: "CallApiGatewayRestApiEndpoint",
    service: "Amazon API Gateway (REST API)",
    resource: ResourceForm::Integration("apigateway:invoke"),
    patterns: patterns::RR_TOKEN,
    default_pattern: Pattern::RequestResponse,
    fields: &[
        Field::new("api", "-api", Kind::Custom(api_id)).req(),
        Field::new("method", "Method", Kind::Enum(METHODS)).req(),
        Field::new("headers", "Headers", Kind::Json),
        Field::new("stage_name", "Stage", Kind::Str).req(),
        Field::new("api_path", "Path", Kind::Str),
        Field::new("query_parameters", "QueryParameters", Kind::Json),
        Field::new("request_body", "RequestBody", Kind::Json),
        Field::new("auth_type", "AuthType", Kind::Enum(AUTH)).or("\"NO_AUTH\""),
        Field::skip("region", Kind::Str),
        Field::skip("api_region", Kind::Str),
        Field::skip("api_account", Kind::Str),
    ],
    token_field: Some("headers"),
    jsonata: true,
    check: Some(check_headers),
    finish: Some(finish),
    iam: |ctx| invoke_statement(ctx, ctx.text("stage_name").unwrap_or("*"), "/*"),
    lambda_retry: false,
};

/// `CallApiGatewayHttpApiEndpoint`: call an HTTP API.
pub static HTTP_API: TaskSpec = TaskSpec {
    class: "CallApiGatewayHttpApiEndpoint",
    service: "Amazon API Gateway (HTTP API)",
    resource: ResourceForm::Integration("apigateway:invoke"),
    patterns: patterns::RR_TOKEN,
    default_pattern: Pattern::RequestResponse,
    fields: &[
        Field::new("api", "-api", Kind::Custom(api_id)).req(),
        Field::new("method", "Method", Kind::Enum(METHODS)).req(),
        Field::new("headers", "Headers", Kind::Json),
        Field::new("stage_name", "Stage", Kind::Str),
        Field::new("api_path", "Path", Kind::Str),
        Field::new("query_parameters", "QueryParameters", Kind::Json),
        Field::new("request_body", "RequestBody", Kind::Json),
        Field::new("auth_type", "AuthType", Kind::Enum(AUTH)).or("\"NO_AUTH\""),
        Field::skip("region", Kind::Str),
        Field::skip("api_region", Kind::Str),
        Field::skip("api_account", Kind::Str),
    ],
    token_field: Some("headers"),
    jsonata: true,
    check: Some(check_headers),
    finish: Some(finish),
    // CDK interpolates the missing stage and path as the text "undefined"; an unset stage
    // is the `$default` stage, and an unset path means any path.
    iam: |ctx| invoke_statement(ctx, ctx.text("stage_name").unwrap_or("$default"), "/*"),
    lambda_retry: false,
};
