//! AWS Glue DataBrew: `GlueDataBrewStartJobRun`.

use crate::engine::arn;
use crate::spec::{Field, Kind, Pattern, ResourceForm, TaskSpec, patterns};
use sfn_runtime::iam::Statement;

/// `GlueDataBrewStartJobRun`: start a DataBrew job run.
pub static START_JOB_RUN: TaskSpec = TaskSpec {
    class: "GlueDataBrewStartJobRun",
    service: "AWS Glue DataBrew",
    resource: ResourceForm::Integration("databrew:startJobRun"),
    patterns: patterns::RR_SYNC,
    default_pattern: Pattern::RequestResponse,
    fields: &[Field::new("name", "Name", Kind::Str).req()],
    token_field: None,
    jsonata: true,
    check: None,
    finish: None,
    iam: |ctx| {
        let job = arn::arn("databrew", &format!("job/{}", ctx.name_or_star("name")));
        // CDK's casing (`databrew:startJobRun`); IAM action names are case-insensitive.
        let actions: &[&str] = match ctx.pattern {
            Pattern::RunJob => &[
                "databrew:startJobRun",
                "databrew:stopJobRun",
                "databrew:listJobRuns",
            ],
            _ => &["databrew:startJobRun"],
        };
        vec![Statement::allow(actions.iter().copied(), [job])]
    },
    lambda_retry: false,
};
