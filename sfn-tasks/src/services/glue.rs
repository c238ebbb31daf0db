//! AWS Glue: `GlueStartJobRun`, `GlueStartCrawlerRun`.

use crate::engine::{Ctx, arn, member};
use crate::model::TaskError;
use crate::spec::{Field, Kind, Pattern, ResourceForm, TaskSpec, patterns};
use serde_json::Value;
use sfn_runtime::iam::Statement;

const WORKER_TYPES: &[(&str, &str)] = &[
    ("standard", "Standard"),
    ("g_025x", "G.025X"),
    ("g_1x", "G.1X"),
    ("g_2x", "G.2X"),
    ("g_4x", "G.4X"),
    ("g_8x", "G.8X"),
    ("z_2x", "Z.2X"),
];

const WORKER: &[Field] = &[
    Field::new("worker_type", "WorkerType", Kind::Enum(WORKER_TYPES)),
    // CDK's `WorkerTypeV2.of(any)`: any worker type name, unchecked.
    Field::new("worker_type_v2", "WorkerType", Kind::Str),
    Field::new("number_of_workers", "NumberOfWorkers", Kind::Number).req(),
];

/// `GlueStartJobRun`: start a Glue job run.
pub static START_JOB_RUN: TaskSpec = TaskSpec {
    class: "GlueStartJobRun",
    service: "AWS Glue",
    resource: ResourceForm::Integration("glue:startJobRun"),
    patterns: patterns::RR_SYNC,
    default_pattern: Pattern::RequestResponse,
    fields: &[
        Field::new("glue_job_name", "JobName", Kind::Str).req(),
        Field::new("arguments", "Arguments", Kind::Json),
        // CDK takes the state's taskTimeout and moves it here; a state-level timeout
        // stays a state-level timeout with us, so the job's own limit has its own name.
        Field::new("job_timeout", "Timeout", Kind::Minutes),
        Field::new("security_configuration", "SecurityConfiguration", Kind::Str),
        Field::at(
            "notify_delay_after",
            &["NotificationProperty", "NotifyDelayAfter"],
            Kind::Minutes,
        ),
        Field::new("worker_configuration", "-worker", Kind::Struct(WORKER)),
        Field::new(
            "execution_class",
            "ExecutionClass",
            Kind::Enum(&[("flex", "FLEX"), ("standard", "STANDARD")]),
        ),
    ],
    token_field: None,
    jsonata: true,
    check: Some(check_worker),
    finish: Some(|_, params| {
        // Flatten the worker configuration into WorkerType + NumberOfWorkers, in place.
        let mut out = serde_json::Map::new();
        for (k, v) in params {
            match (k.as_str(), v) {
                ("-worker", Value::Object(w)) => out.extend(w),
                (_, v) => {
                    out.insert(k, v);
                }
            }
        }
        Some(Value::Object(out))
    }),
    iam: |ctx| {
        let job = arn::arn(
            "glue",
            &format!("job/{}", ctx.name_or_star("glue_job_name")),
        );
        let actions: &[&str] = match ctx.pattern {
            Pattern::RunJob => &[
                "glue:StartJobRun",
                "glue:GetJobRun",
                "glue:GetJobRuns",
                "glue:BatchStopJobRun",
            ],
            _ => &["glue:StartJobRun"],
        };
        vec![Statement::allow(actions.iter().copied(), [job])]
    },
    lambda_retry: false,
};

fn check_worker(ctx: &Ctx, errors: &mut Vec<TaskError>) {
    if let Some(w) = ctx.value("worker_configuration")
        && w.is_expression()
    {
        // It fills two parameters, so one expression cannot stand for it.
        errors.push(
            TaskError::new(
                ctx.loc("worker_configuration"),
                "`worker_configuration` must be an object",
            )
            .hint("write { worker_type: g_1x, number_of_workers: $.workers }"),
        );
        return;
    }
    if let Some(w) = ctx.value("worker_configuration") {
        let v1 = member(w, "worker_type");
        let v2 = member(w, "worker_type_v2");
        match (v1, v2) {
            (Some(_), Some((_, loc))) => errors.push(
                TaskError::new(
                    loc,
                    "`worker_configuration` takes `worker_type` or `worker_type_v2`, not both",
                )
                .hint("keep one of `worker_type` / `worker_type_v2`")
                .cdk("You cannot set both 'workerType' and 'workerTypeV2' properties in 'workerConfiguration'."),
            ),
            (None, None) => errors.push(
                TaskError::new(
                    ctx.loc("worker_configuration"),
                    "`worker_configuration` needs `worker_type` or `worker_type_v2`",
                )
                .hint("add `worker_type: g_1x` (or another worker type)"),
            ),
            _ => {}
        }
    }
}

/// `GlueStartCrawlerRun`: start a crawler (SDK integration `glue:startCrawler`).
pub static START_CRAWLER_RUN: TaskSpec = TaskSpec {
    class: "GlueStartCrawlerRun",
    service: "AWS Glue",
    resource: ResourceForm::Integration("aws-sdk:glue:startCrawler"),
    // CDK appends any pattern's suffix here; `.sync` and `.waitForTaskToken` do not exist
    // for this SDK call, so only request/response is accepted.
    patterns: patterns::RR,
    default_pattern: Pattern::RequestResponse,
    fields: &[Field::new("crawler_name", "Name", Kind::Str).req()],
    token_field: None,
    jsonata: true,
    check: None,
    finish: None,
    iam: |ctx| {
        vec![Statement::allow(
            ["glue:StartCrawler", "glue:GetCrawler"],
            [arn::arn(
                "glue",
                &format!("crawler/{}", ctx.name_or_star("crawler_name")),
            )],
        )]
    },
    lambda_retry: false,
};
