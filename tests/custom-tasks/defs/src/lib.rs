//! Custom task types for the tests: three catalogue classes written again with
//! `#[derive(sfn::Task)]` (to prove the mechanism renders what the built-in ones render),
//! and a task of our own.

use sfn::tasks::custom::{Json, Literal, Seconds};

/// The catalogue's `SqsSendMessage`, as a custom type. The queue's ARN (for IAM) is a
/// field of its own: a custom type's IAM comes from templates over field values.
#[derive(sfn::Task)]
#[task(
    resource = "arn:aws:states:::sqs:sendMessage",
    patterns(request_response, wait_for_task_token),
    rename_all = "PascalCase",
    token = message_body,
    iam(actions("sqs:SendMessage"), resources("{queue_arn}"))
)]
pub struct SendMessage {
    #[task(rename = "QueueUrl")]
    pub queue_url: String,
    pub message_body: Json,
    #[task(rename = "DelaySeconds")]
    pub delay: Option<Seconds>,
    pub message_deduplication_id: Option<String>,
    pub message_group_id: Option<String>,
    #[task(skip)]
    pub queue_arn: Option<Literal<String>>,
}

/// The catalogue's `LambdaInvoke` (the `lambda:invoke` integration), as a custom type:
/// CDK's default Retry, the token rule on `payload`, invoke rights on the function and
/// its versions.
#[derive(sfn::Task)]
#[task(
    resource = "arn:aws:states:::lambda:invoke",
    patterns(request_response, wait_for_task_token),
    rename_all = "PascalCase",
    token = payload,
    retry = r#"[{"ErrorEquals": ["Lambda.ClientExecutionTimeoutException", "Lambda.ServiceException",
        "Lambda.AWSLambdaException", "Lambda.SdkClientException"],
        "IntervalSeconds": 2, "MaxAttempts": 6, "BackoffRate": 2}]"#,
    iam(
        actions("lambda:InvokeFunction"),
        resources("{lambda_function}", "{lambda_function}:*")
    )
)]
pub struct Invoke {
    #[task(rename = "FunctionName")]
    pub lambda_function: String,
    pub payload: Option<Json>,
    pub invocation_type: Option<InvocationType>,
    pub client_context: Option<String>,
    pub qualifier: Option<String>,
}

/// Lambda's `InvocationType`.
#[derive(sfn::TaskEnum)]
pub enum InvocationType {
    RequestResponse,
    Event,
    DryRun,
}

/// The catalogue's `GlueStartJobRun`, a `.sync` class: more rights under `run_job`.
#[derive(sfn::Task)]
#[task(
    resource = "arn:aws:states:::glue:startJobRun",
    patterns(request_response, run_job),
    rename_all = "PascalCase",
    iam(
        patterns(request_response),
        actions("glue:StartJobRun"),
        resources("arn:aws:glue:${region}:${account}:job/{glue_job_name}")
    ),
    iam(
        patterns(run_job),
        actions(
            "glue:StartJobRun",
            "glue:GetJobRun",
            "glue:GetJobRuns",
            "glue:BatchStopJobRun"
        ),
        resources("arn:aws:glue:${region}:${account}:job/{glue_job_name}")
    )
)]
pub struct StartJobRun {
    #[task(rename = "JobName")]
    pub glue_job_name: String,
    pub arguments: Option<Json>,
    pub security_configuration: Option<String>,
    pub execution_class: Option<ExecutionClass>,
}

/// Glue's `ExecutionClass`.
#[derive(sfn::TaskEnum)]
#[task(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ExecutionClass {
    Flex,
    Standard,
}

/// A company-wide audit task: CloudTrail Lake's `PutAuditEvents` through the AWS SDK
/// integration, with the fields every team must give.
#[derive(sfn::Task)]
#[task(
    resource = "arn:aws:states:::aws-sdk:cloudtraildata:putAuditEvents",
    rename_all = "PascalCase",
    query_languages(jsonpath, jsonata),
    retry = r#"[{"ErrorEquals": ["CloudTrailData.ThrottlingException"], "IntervalSeconds": 1, "MaxAttempts": 3}]"#,
    iam(actions("cloudtrail-data:PutAuditEvents"), resources("{channel_arn}"))
)]
pub struct PublishAudit {
    pub channel_arn: Literal<String>,
    pub audit_events: Json,
    pub external_id: Option<String>,
    #[task(skip)]
    pub severity: Option<Severity>,
}

/// How bad an audited event is (only for the IAM example's sake it is not rendered).
#[derive(sfn::TaskEnum)]
#[task(rename_all = "UPPERCASE")]
pub enum Severity {
    Low,
    High,
}
