//! HTTPS endpoints: `HttpInvoke`.

use crate::engine::Ctx;
use crate::model::{TaskError, TaskValue};
use crate::spec::{Field, Kind, Pattern, ResourceForm, TaskSpec};
use serde_json::{Map, Value, json};
use sfn_runtime::iam::Statement;

const ENCODINGS: &[(&str, &str)] = &[
    ("brackets", "BRACKETS"),
    ("commas", "COMMAS"),
    ("default", "DEFAULT"),
    ("indices", "INDICES"),
    ("none", "NONE"),
    ("repeat", "REPEAT"),
];

const METHODS: &[(&str, &str)] = &[
    ("GET", "GET"),
    ("POST", "POST"),
    ("PUT", "PUT"),
    ("DELETE", "DELETE"),
    ("PATCH", "PATCH"),
    ("HEAD", "HEAD"),
    ("OPTIONS", "OPTIONS"),
];

/// `HttpInvoke`: call an HTTPS API through an EventBridge connection.
pub static HTTP_INVOKE: TaskSpec = TaskSpec {
    class: "HttpInvoke",
    service: "HTTPS endpoint",
    resource: ResourceForm::Integration("http:invoke"),
    // CDK accepts and ignores a pattern here; there is only request/response.
    patterns: &[],
    default_pattern: Pattern::RequestResponse,
    fields: &[
        Field::skip("api_root", Kind::Str).req(),
        Field::skip("api_endpoint", Kind::Str).req(),
        Field::at(
            "connection",
            &["Authentication", "ConnectionArn"],
            Kind::Str,
        )
        .req(),
        Field::new("method", "Method", Kind::Enum(METHODS)).req(),
        Field::new("headers", "Headers", Kind::Json),
        Field::new("body", "RequestBody", Kind::Json),
        Field::new("query_string_parameters", "QueryParameters", Kind::Json),
        Field::skip("url_encoding_format", Kind::Enum(ENCODINGS)),
        Field::skip("connection_secret_arn", Kind::Str),
    ],
    token_field: None,
    jsonata: true,
    check: Some(check),
    finish: Some(finish),
    iam,
    lambda_retry: false,
};

fn check(ctx: &Ctx, errors: &mut Vec<TaskError>) {
    for name in ["api_root", "api_endpoint", "url_encoding_format"] {
        if let Some(v) = ctx.value(name) {
            let kind = if name == "url_encoding_format" {
                Kind::Enum(ENCODINGS)
            } else {
                Kind::Str
            };
            if let Err(e) = ctx.rcx.render(&kind, v, ctx.loc(name)) {
                errors.push(e);
            }
        }
    }
    if ctx.has("connection") && secret_arn(ctx).is_none() {
        errors.push(
            TaskError::new(
                ctx.loc("connection"),
                "cannot tell the connection's secret ARN (for IAM) from this connection",
            )
            .hint("give the connection as a literal ARN, or add `connection_secret_arn: \"...\"`"),
        );
    }
}

/// The Secrets Manager secret EventBridge keeps for a connection
/// `arn:aws:events:<r>:<a>:connection/<name>/<id>`.
fn secret_arn(ctx: &Ctx) -> Option<String> {
    if let Some(s) = ctx.str("connection_secret_arn") {
        return Some(s.to_string());
    }
    let conn = ctx.str("connection")?;
    let parts: Vec<&str> = conn.split(':').collect();
    match parts.as_slice() {
        ["arn", partition, "events", region, account, resource] => {
            let name = resource.strip_prefix("connection/")?.split('/').next()?;
            Some(format!(
                "arn:{partition}:secretsmanager:{region}:{account}:secret:events!connection/{name}/*"
            ))
        }
        _ => None,
    }
}

/// A literal for an intrinsic argument: single quotes, `'` and `\` escaped.
fn quote(s: &str) -> String {
    let mut out = String::from("'");
    let chars: Vec<char> = s.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' if !matches!(chars.get(i + 1), Some('{') | Some('}')) => out.push_str("\\\\"),
            c => out.push(*c),
        }
    }
    out.push('\'');
    out
}

fn jsonata_part(v: Option<&TaskValue>) -> String {
    match v {
        Some(TaskValue::Jsonata(e)) => e
            .trim()
            .trim_start_matches("{%")
            .trim_end_matches("%}")
            .trim()
            .to_string(),
        Some(TaskValue::Str(s)) => format!("'{}'", s.replace('\'', "\\'")),
        _ => String::new(),
    }
}

fn finish(ctx: &Ctx, params: Map<String, Value>) -> Option<Value> {
    let mut out = Map::new();
    let root = ctx.value("api_root");
    let endpoint = ctx.value("api_endpoint");
    if ctx.jsonata() {
        out.insert(
            "ApiEndpoint".into(),
            Value::String(format!(
                "{{% {} & '/' & {} %}}",
                jsonata_part(root),
                jsonata_part(endpoint)
            )),
        );
    } else {
        let arg = |v: Option<&TaskValue>| match v {
            Some(TaskValue::Path(p) | TaskValue::Intrinsic(p)) => p.clone(),
            Some(TaskValue::Str(s)) => quote(s),
            _ => String::new(),
        };
        out.insert(
            "ApiEndpoint.$".into(),
            Value::String(format!(
                "States.Format('{{}}/{{}}', {}, {})",
                arg(root),
                arg(endpoint)
            )),
        );
    }
    let encoding = ctx
        .text("url_encoding_format")
        .map(|w| w.to_ascii_uppercase())
        .filter(|w| w != "NONE");
    for (k, v) in params {
        out.insert(k, v);
    }
    if let Some(encoding) = encoding {
        let headers = out
            .entry("Headers")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(h) = headers {
            h.insert(
                "Content-Type".into(),
                Value::String("application/x-www-form-urlencoded".into()),
            );
        }
        let mut transform = json!({"RequestBodyEncoding": "URL_ENCODED"});
        if encoding != "DEFAULT" {
            transform["RequestEncodingOptions"] = json!({"ArrayFormat": encoding});
        }
        out.insert("Transform".into(), transform);
    }
    Some(Value::Object(out))
}

fn iam(ctx: &Ctx) -> Vec<Statement> {
    let endpoint = match ctx.str("api_root") {
        Some(root) => format!("{root}*"),
        None => "*".to_string(),
    };
    vec![
        Statement::allow(
            ["events:RetrieveConnectionCredentials"],
            [ctx.name_or_star("connection")],
        ),
        Statement::allow(
            [
                "secretsmanager:GetSecretValue",
                "secretsmanager:DescribeSecret",
            ],
            [secret_arn(ctx).unwrap_or_else(|| "*".into())],
        ),
        Statement::allow(["states:InvokeHTTPEndpoint"], ["*"])
            .with_condition(json!({"StringLike": {"states:HTTPEndpoint": endpoint}})),
    ]
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quoting() {
        assert_eq!(quote("it's"), "'it\\'s'");
        assert_eq!(quote("a\\b"), "'a\\\\b'");
        assert_eq!(quote("a\\{"), "'a\\{'");
    }
}
