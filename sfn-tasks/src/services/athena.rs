//! Amazon Athena: start, stop, get execution, get results.

use crate::engine::{Ctx, Out, Rcx, arn, member};
use crate::model::{Loc, TaskError, TaskValue};
use crate::spec::{Field, Kind, Pattern, ResourceForm, TaskSpec, patterns};
use serde_json::{Value, json};
use sfn_runtime::iam::Statement;

macro_rules! simple {
    ($name:ident, $class:literal, $api:literal, [$($action:literal),*], [$($field:expr),*]) => {
        #[doc = concat!("`", $class, "`: Athena `", $api, "`.")]
        pub static $name: TaskSpec = TaskSpec {
            class: $class,
            service: "Amazon Athena",
            resource: ResourceForm::Integration(concat!("athena:", $api)),
            patterns: patterns::RR,
            default_pattern: Pattern::RequestResponse,
            fields: &[$($field),*],
            token_field: None,
            jsonata: true,
            check: None,
            finish: None,
            iam: |_| vec![Statement::allow([$($action),*], ["*"])],
            lambda_retry: false,
        };
    };
}

simple!(
    GET_QUERY_EXECUTION,
    "AthenaGetQueryExecution",
    "getQueryExecution",
    ["athena:getQueryExecution"],
    [Field::new("query_execution_id", "QueryExecutionId", Kind::Str).req()]
);
simple!(
    GET_QUERY_RESULTS,
    "AthenaGetQueryResults",
    "getQueryResults",
    ["athena:getQueryResults", "s3:GetObject"],
    [
        Field::new("query_execution_id", "QueryExecutionId", Kind::Str).req(),
        Field::new("next_token", "NextToken", Kind::Str),
        Field::new("max_results", "MaxResults", Kind::Int(1, 1000))
    ]
);
simple!(
    STOP_QUERY_EXECUTION,
    "AthenaStopQueryExecution",
    "stopQueryExecution",
    ["athena:stopQueryExecution"],
    [Field::new("query_execution_id", "QueryExecutionId", Kind::Str).req()]
);

const ENCRYPTION: &[Field] = &[
    Field::new(
        "encryption_option",
        "EncryptionOption",
        Kind::Enum(&[
            ("s3_managed", "SSE_S3"),
            ("kms", "SSE_KMS"),
            ("client_side_kms", "CSE_KMS"),
        ]),
    )
    .req(),
    Field::new("encryption_key", "KmsKey", Kind::Str),
];

const LOCATION: &[Field] = &[
    Field::skip("bucket_name", Kind::Str).req(),
    Field::skip("object_key", Kind::Str).req(),
];

const RESULT_CONFIGURATION: &[Field] = &[
    Field::new(
        "encryption_configuration",
        "EncryptionConfiguration",
        Kind::Struct(ENCRYPTION),
    ),
    Field::new(
        "output_location",
        "OutputLocation",
        Kind::Custom(output_location),
    ),
];

const CONTEXT: &[Field] = &[
    Field::new("catalog_name", "Catalog", Kind::Str),
    Field::new("database_name", "Database", Kind::Str),
];

fn output_location(rcx: &Rcx, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
    if let TaskValue::Object(members) = value {
        rcx.object(LOCATION, members, loc)?;
        // The object form is joined into one literal `s3://bucket/key/`: a path in a part
        // would be dropped from it, so only literals are taken here.
        for (name, kloc, v) in members {
            if v.as_str().is_none() {
                return Err(TaskError::new(
                    *kloc,
                    format!("`{name}` of `output_location` must be a literal string, not {}", v.describe()),
                )
                .hint("to choose the location at run time, give the whole `output_location` as one value, e.g. `output_location: States.Format('s3://{}/{}/', $.bucket, $.prefix)`"));
            }
        }
        let bucket = member(value, "bucket_name")
            .and_then(|(v, _)| v.as_str())
            .unwrap_or_default();
        let key = member(value, "object_key")
            .and_then(|(v, _)| v.as_str())
            .unwrap_or_default();
        return Ok(Out::lit(Value::String(format!("s3://{bucket}/{key}/"))));
    }
    rcx.render(&Kind::Str, value, loc)
}

fn reuse(rcx: &Rcx, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
    let TaskValue::DurationSecs(s) = value else {
        return rcx.render(&Kind::Minutes, value, loc);
    };
    if *s > 0 && *s < 60 {
        return Err(TaskError::new(
            loc,
            format!(
                "`result_reuse_configuration_max_age` must be `0s` or at least `1min`, not `{s}s`"
            ),
        )
        .hint("Athena reuses results by whole minutes"));
    }
    let minutes = rcx.render(&Kind::Minutes, value, loc)?.value;
    if minutes.as_u64().is_some_and(|m| m > 10080) {
        return Err(TaskError::new(
            loc,
            format!(
                "`result_reuse_configuration_max_age` must be `0s` or between `1min` and `10080min` (7 days), not `{minutes}min`"
            ),
        )
        .cdk(format!("resultReuseConfigurationMaxAge must either be 0 or between 1 and 10080 minutes, got {minutes}")));
    }
    Ok(Out::lit(
        json!({"ResultReuseByAgeConfiguration": {"Enabled": true, "MaxAgeInMinutes": minutes}}),
    ))
}

/// `AthenaStartQueryExecution`: run a query.
pub static START_QUERY_EXECUTION: TaskSpec = TaskSpec {
    class: "AthenaStartQueryExecution",
    service: "Amazon Athena",
    resource: ResourceForm::Integration("athena:startQueryExecution"),
    patterns: patterns::RR_SYNC,
    default_pattern: Pattern::RequestResponse,
    fields: &[
        Field::new("query_string", "QueryString", Kind::Str).req(),
        Field::new("client_request_token", "ClientRequestToken", Kind::Str),
        Field::new(
            "query_execution_context",
            "QueryExecutionContext",
            Kind::Struct(CONTEXT),
        ),
        Field::new(
            "result_configuration",
            "ResultConfiguration",
            Kind::Struct(RESULT_CONFIGURATION),
        )
        .or("{}"),
        Field::new("work_group", "WorkGroup", Kind::Str),
        Field::new("execution_parameters", "ExecutionParameters", Kind::StrList),
        Field::new(
            "result_reuse_configuration_max_age",
            "ResultReuseConfiguration",
            Kind::Custom(reuse),
        ),
    ],
    token_field: None,
    jsonata: true,
    check: Some(check_start),
    finish: None,
    iam: iam_start,
    lambda_retry: false,
};

fn check_start(ctx: &Ctx, errors: &mut Vec<TaskError>) {
    if let Some(TaskValue::Array(items)) = ctx.value("execution_parameters") {
        if items.is_empty() {
            errors.push(
                TaskError::new(
                    ctx.loc("execution_parameters"),
                    "`execution_parameters` must not be empty",
                )
                .hint("remove the field, or give at least one parameter")
                .cdk("'executionParameters' must be a non-empty list"),
            );
        }
        for (iloc, item) in items {
            if let TaskValue::Str(s) = item
                && (s.is_empty() || s.chars().count() > 1024)
            {
                errors.push(TaskError::new(
                    *iloc,
                    "every entry of `execution_parameters` must be between 1 and 1024 characters long",
                ));
            }
        }
    }
}

fn nested_str<'a>(ctx: &Ctx<'a>, field: &str, path: &[&str]) -> Option<&'a str> {
    let mut v = ctx.value(field)?;
    for p in path {
        v = member(v, p)?.0;
    }
    v.as_str()
}

fn iam_start(ctx: &Ctx) -> Vec<Statement> {
    let catalog =
        nested_str(ctx, "query_execution_context", &["catalog_name"]).unwrap_or("AwsDataCatalog");
    let database =
        nested_str(ctx, "query_execution_context", &["database_name"]).unwrap_or("default");
    let work_group = ctx.str("work_group").unwrap_or("primary");
    let bucket = nested_str(
        ctx,
        "result_configuration",
        &["output_location", "bucket_name"],
    );
    let key = nested_str(
        ctx,
        "result_configuration",
        &["output_location", "object_key"],
    );
    let output = match (bucket, key) {
        (Some(b), Some(k)) => arn::global("s3", &format!("{b}/{k}/*")),
        // A literal `s3://bucket/prefix/`: the writes go under that prefix.
        _ => nested_str(ctx, "result_configuration", &["output_location"])
            .and_then(|url| url.strip_prefix("s3://"))
            .filter(|rest| rest.split('/').next().is_some_and(|b| !b.is_empty()))
            .map(|rest| arn::global("s3", &format!("{rest}*")))
            .unwrap_or_else(|| "*".to_string()),
    };
    vec![
        Statement::allow(
            [
                "athena:getDataCatalog",
                "athena:startQueryExecution",
                "athena:getQueryExecution",
            ],
            [
                arn::arn("athena", &format!("datacatalog/{catalog}")),
                arn::arn("athena", &format!("workgroup/{work_group}")),
            ],
        ),
        Statement::allow(
            [
                "s3:CreateBucket",
                "s3:ListBucket",
                "s3:GetBucketLocation",
                "s3:GetObject",
            ],
            ["*"],
        ),
        Statement::allow(
            [
                "s3:AbortMultipartUpload",
                "s3:ListBucketMultipartUploads",
                "s3:ListMultipartUploadParts",
                "s3:PutObject",
            ],
            [output],
        ),
        Statement::allow(["lakeformation:GetDataAccess"], ["*"]),
        Statement::allow(
            [
                "glue:BatchCreatePartition",
                "glue:BatchDeletePartition",
                "glue:BatchDeleteTable",
                "glue:BatchGetPartition",
                "glue:CreateDatabase",
                "glue:CreatePartition",
                "glue:CreateTable",
                "glue:DeleteDatabase",
                "glue:DeletePartition",
                "glue:DeleteTable",
                "glue:GetDatabase",
                "glue:GetDatabases",
                "glue:GetPartition",
                "glue:GetPartitions",
                "glue:GetTable",
                "glue:GetTables",
                "glue:UpdateDatabase",
                "glue:UpdatePartition",
                "glue:UpdateTable",
            ],
            [
                arn::arn("glue", "catalog"),
                arn::arn("glue", &format!("database/{database}")),
                arn::arn("glue", &format!("table/{database}/*")),
                arn::arn("glue", &format!("userDefinedFunction/{database}/*")),
            ],
        ),
    ]
}
