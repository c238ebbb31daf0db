//! AWS Elemental MediaConvert: `MediaConvertCreateJob`.

use crate::engine::{Ctx, arn, member, whole_object};
use crate::model::{TaskError, TaskValue};
use crate::spec::{Field, Kind, Pattern, ResourceForm, TaskSpec, patterns};
use serde_json::{Map, Value, json};
use sfn_runtime::iam::Statement;

/// `MediaConvertCreateJob`: create a transcoding job from a complete CreateJob request.
pub static CREATE_JOB: TaskSpec = TaskSpec {
    class: "MediaConvertCreateJob",
    service: "AWS Elemental MediaConvert",
    resource: ResourceForm::Integration("mediaconvert:createJob"),
    patterns: patterns::RR_SYNC,
    default_pattern: Pattern::RequestResponse,
    fields: &[Field::new("create_job_request", "-", Kind::Custom(whole_object)).req()],
    token_field: None,
    jsonata: true,
    check: Some(check),
    finish: Some(|_, mut params| {
        Some(
            params
                .remove("-")
                .unwrap_or_else(|| Value::Object(Map::new())),
        )
    }),
    iam: |ctx| {
        let role = match ctx
            .value("create_job_request")
            .and_then(|r| member(r, "Role"))
        {
            Some((TaskValue::Str(r), _)) => r.clone(),
            _ => "*".to_string(),
        };
        let mut out = vec![
            Statement::allow(["iam:PassRole"], [role]).with_condition(
                json!({"StringLike": {"iam:PassedToService": "mediaconvert.amazonaws.com"}}),
            ),
            Statement::allow(["mediaconvert:CreateJob"], ["*"]),
        ];
        if ctx.pattern == Pattern::RunJob {
            out.push(Statement::allow(
                ["mediaconvert:GetJob", "mediaconvert:CancelJob"],
                ["*"],
            ));
            out.push(Statement::allow(
                ["events:PutTargets", "events:PutRule", "events:DescribeRule"],
                [arn::events_rule(
                    "StepFunctionsGetEventsForMediaConvertJobRule",
                )],
            ));
        }
        out
    },
    lambda_retry: false,
};

fn check(ctx: &Ctx, errors: &mut Vec<TaskError>) {
    let Some(req) = ctx.value("create_job_request") else {
        return;
    };
    if !matches!(req, TaskValue::Object(_)) {
        // Reported by the field's kind.
        return;
    }
    for key in ["Role", "Settings"] {
        if member(req, key).is_none() {
            errors.push(
                TaskError::new(
                    ctx.loc("create_job_request"),
                    format!("create_job_request is missing required property: {key}"),
                )
                .hint(format!(
                    "add `\"{key}\": ...` (the CreateJob request's own PascalCase names)"
                )),
            );
        }
    }
}
