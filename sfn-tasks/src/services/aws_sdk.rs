//! AWS SDK integrations: `CallAwsService`, `CallAwsServiceCrossRegion`.

use crate::engine::{Ctx, arn, member, whole_object};
use crate::model::{TaskError, TaskValue};
use crate::spec::{Field, Kind, Pattern, ResourceForm, TaskSpec, patterns};
use serde_json::{Map, Value};
use sfn_runtime::iam::{Effect, Statement};

/// SDK service names whose IAM prefix differs from the name. CDK knows only some of
/// these (and only in `CallAwsService`); the rest come from the IAM service reference.
pub const IAM_PREFIXES: &[(&str, &str)] = &[
    ("sfn", "states"),
    ("cloudwatchlogs", "logs"),
    ("cloudwatch-logs", "logs"),
    ("mwaa", "airflow"),
    ("elasticloadbalancingv2", "elasticloadbalancing"),
    ("mediapackagevod", "mediapackage-vod"),
    ("efs", "elasticfilesystem"),
    ("bedrockagent", "bedrock"),
    ("bedrockagentruntime", "bedrock"),
    ("bedrockruntime", "bedrock"),
    ("sagemakerruntime", "sagemaker"),
    ("lexruntimev2", "lex"),
    ("lexmodelsv2", "lex"),
    ("apigatewayv2", "apigateway"),
    ("apigatewaymanagementapi", "execute-api"),
    ("applicationautoscaling", "application-autoscaling"),
    ("applicationinsights", "applicationinsights"),
    ("costexplorer", "ce"),
    ("databasemigration", "dms"),
    ("directconnect", "directconnect"),
    ("emrcontainers", "emr-containers"),
    ("emrserverless", "emr-serverless"),
    ("iotdata", "iot"),
    ("kinesisanalyticsv2", "kinesisanalytics"),
    ("marketplacecatalog", "aws-marketplace"),
    ("opensearch", "es"),
    ("personalizeruntime", "personalize"),
    ("resourcegroupstaggingapi", "tag"),
    ("route53domains", "route53domains"),
    ("sesv2", "ses"),
    ("servicediscovery", "servicediscovery"),
    ("ssoadmin", "sso"),
    ("timestreamquery", "timestream"),
    ("timestreamwrite", "timestream"),
    ("transcribe", "transcribe"),
];

/// The IAM prefix of an SDK service name.
pub fn iam_prefix(service: &str) -> String {
    let lower = service.to_ascii_lowercase();
    IAM_PREFIXES
        .iter()
        .find(|(s, _)| *s == lower)
        .map(|(_, p)| (*p).to_string())
        .unwrap_or(lower)
}

const STATEMENT: &[Field] = &[
    Field::skip(
        "effect",
        Kind::Enum(&[("allow", "Allow"), ("deny", "Deny")]),
    ),
    Field::skip("actions", Kind::StrList).req(),
    Field::skip("resources", Kind::StrList).req(),
    Field::skip("condition", Kind::Json),
];

/// `CallAwsService`: any AWS SDK API (`aws-sdk:<service>:<action>`).
pub static CALL_AWS_SERVICE: TaskSpec = TaskSpec {
    class: "CallAwsService",
    service: "AWS SDK integration",
    resource: ResourceForm::Custom(|ctx| {
        let service = ctx.text("service").unwrap_or_default().to_ascii_lowercase();
        let action = ctx.text("action").unwrap_or_default();
        Ok(arn::states(&format!(
            "aws-sdk:{service}:{action}{}",
            ctx.pattern.suffix()
        )))
    }),
    patterns: patterns::RR_TOKEN,
    default_pattern: Pattern::RequestResponse,
    fields: &[
        Field::skip("service", Kind::Str).req(),
        Field::skip("action", Kind::Str).req(),
        Field::new("parameters", "-", Kind::Custom(whole_object)),
        Field::skip("iam_resources", Kind::StrList).req(),
        Field::skip("iam_action", Kind::Str),
        Field::skip(
            "additional_iam_statements",
            Kind::List(&Kind::Struct(STATEMENT)),
        ),
    ],
    token_field: Some("parameters"),
    jsonata: true,
    check: Some(check_sdk),
    finish: Some(|_, mut params| {
        Some(
            params
                .remove("-")
                .unwrap_or_else(|| Value::Object(Map::new())),
        )
    }),
    iam: iam_sdk,
    lambda_retry: false,
};

fn check_sdk(ctx: &Ctx, errors: &mut Vec<TaskError>) {
    for name in ["service", "action"] {
        if ctx.has(name) && ctx.str(name).is_none() {
            errors.push(TaskError::new(
                ctx.loc(name),
                format!("`{name}` must be a literal string"),
            ));
        }
    }
    if let Some(action) = ctx.str("action")
        && !action.starts_with(|c: char| c.is_ascii_lowercase())
    {
        let fixed: String = action
            .chars()
            .enumerate()
            .map(|(i, c)| if i == 0 { c.to_ascii_lowercase() } else { c })
            .collect();
        errors.push(
            TaskError::new(
                ctx.loc("action"),
                format!("action must be camelCase, got: {action}"),
            )
            .hint(format!("write `{fixed}`")),
        );
    }
    if let Some(TaskValue::Object(members)) = ctx.value("parameters") {
        for (k, kloc, _) in members {
            if !k.starts_with(|c: char| c.is_ascii_uppercase()) {
                errors.push(
                    TaskError::new(
                        *kloc,
                        format!("parameter names must be PascalCase, got: {k}"),
                    )
                    .hint("SDK integrations take the API's own PascalCase names, e.g. `Bucket`"),
                );
            }
        }
    }
    if let Some(TaskValue::Array(items)) = ctx.value("additional_iam_statements") {
        for (iloc, item) in items {
            if let Err(e) = ctx.rcx.render(&Kind::Struct(STATEMENT), item, *iloc) {
                errors.push(e);
            }
        }
    }
    if let Some(v) = ctx.value("iam_resources")
        && let Err(e) = ctx.rcx.render(&Kind::StrList, v, ctx.loc("iam_resources"))
    {
        errors.push(e);
    }
}

fn strings(v: Option<(&TaskValue, crate::model::Loc)>) -> Vec<String> {
    match v {
        Some((TaskValue::Array(items), _)) => items
            .iter()
            .filter_map(|(_, i)| i.as_str().map(String::from))
            .collect(),
        Some((TaskValue::Str(s), _)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// The `additional_iam_statements` of a call, as statements.
pub fn additional_statements(ctx: &Ctx) -> Vec<Statement> {
    let mut out = Vec::new();
    if let Some(TaskValue::Array(items)) = ctx.value("additional_iam_statements") {
        for (_, item) in items {
            let effect = match member(item, "effect") {
                Some((TaskValue::Ident(e) | TaskValue::Str(e), _))
                    if e.eq_ignore_ascii_case("deny") =>
                {
                    Effect::Deny
                }
                _ => Effect::Allow,
            };
            let condition = member(item, "condition")
                .and_then(|(c, loc)| ctx.rcx.json(c, loc).ok())
                .map(|o| o.value);
            out.push(Statement {
                effect,
                actions: strings(member(item, "actions")),
                resources: strings(member(item, "resources")),
                condition,
            });
        }
    }
    out
}

fn iam_sdk(ctx: &Ctx) -> Vec<Statement> {
    let action = match ctx.str("iam_action") {
        Some(a) => a.to_string(),
        None => format!(
            "{}:{}",
            iam_prefix(ctx.str("service").unwrap_or_default()),
            ctx.str("action").unwrap_or_default()
        ),
    };
    let resources = match ctx.value("iam_resources") {
        Some(TaskValue::Array(items)) => items
            .iter()
            .filter_map(|(_, i)| i.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    };
    let mut out = vec![Statement::allow([action], resources)];
    out.extend(additional_statements(ctx));
    out
}

/// `CallAwsServiceCrossRegion`: an SDK call in another region through a handler Lambda
/// that the user deploys and names (`handler`), since a workflow provisions nothing.
pub static CALL_AWS_SERVICE_CROSS_REGION: TaskSpec = TaskSpec {
    class: "CallAwsServiceCrossRegion",
    service: "AWS SDK call in another region",
    resource: ResourceForm::Custom(|ctx| {
        Ok(match ctx.pattern {
            Pattern::WaitForTaskToken => arn::states("lambda:invoke.waitForTaskToken"),
            _ => ctx.str("handler").unwrap_or_default().to_string(),
        })
    }),
    patterns: patterns::RR_TOKEN,
    default_pattern: Pattern::RequestResponse,
    fields: &[
        Field::skip("handler", Kind::Str).req(),
        Field::new("region", "region", Kind::Str).req(),
        Field::new("endpoint", "endpoint", Kind::Str),
        Field::new("action", "action", Kind::Str).req(),
        Field::new("service", "service", Kind::Str).req(),
        Field::new("parameters", "parameters", Kind::Json),
        Field::skip("iam_resources", Kind::StrList).req(),
        Field::skip("iam_action", Kind::Str),
        Field::skip(
            "additional_iam_statements",
            Kind::List(&Kind::Struct(STATEMENT)),
        ),
        Field::skip("retry_on_service_exceptions", Kind::Bool),
    ],
    token_field: Some("parameters"),
    jsonata: true,
    check: Some(|ctx, errors| {
        if ctx.has("handler") && ctx.str("handler").is_none() {
            errors.push(TaskError::new(
                ctx.loc("handler"),
                "`handler` must be the literal ARN of the cross-region handler Lambda",
            ));
        }
        if let Some(action) = ctx.str("action")
            && !action.starts_with(|c: char| c.is_ascii_lowercase())
        {
            errors.push(TaskError::new(
                ctx.loc("action"),
                format!("action must be camelCase, got: {action}"),
            ));
        }
    }),
    finish: Some(|ctx, params| {
        if ctx.pattern == Pattern::WaitForTaskToken {
            let mut wrapped = Map::new();
            wrapped.insert(
                "FunctionName".into(),
                Value::String(ctx.str("handler").unwrap_or_default().to_string()),
            );
            wrapped.insert("Payload".into(), Value::Object(params));
            Some(Value::Object(wrapped))
        } else {
            Some(Value::Object(params))
        }
    }),
    iam: |ctx| {
        vec![Statement::allow(
            ["lambda:InvokeFunction"],
            super::lambda::invoke_resources(ctx.value("handler")),
        )]
    },
    lambda_retry: true,
};
