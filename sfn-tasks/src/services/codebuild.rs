//! AWS CodeBuild: `CodeBuildStartBuild`, `CodeBuildStartBuildBatch`.

use crate::engine::{Ctx, Out, Rcx, arn, member, put};
use crate::model::{Loc, TaskError, TaskValue};
use crate::spec::{Field, Kind, Pattern, ResourceForm, TaskSpec, patterns};
use serde_json::{Map, Value};
use sfn_runtime::iam::Statement;

const VAR_TYPES: &[(&str, &str)] = &[
    ("plaintext", "PLAINTEXT"),
    ("parameter_store", "PARAMETER_STORE"),
    ("secrets_manager", "SECRETS_MANAGER"),
];

/// `{ NAME: value }` or `{ NAME: { type: .., value: .. } }` as
/// `[{"Name": .., "Type": .., "Value": ..}]`.
fn env_vars(rcx: &Rcx, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
    let TaskValue::Object(members) = value else {
        return Err(TaskError::new(
            loc,
            "expected an object of environment variables",
        ));
    };
    let mut list = Vec::new();
    for (name, kloc, v) in members {
        let mut m = Map::new();
        m.insert("Name".into(), Value::String(name.clone()));
        let (ty, val, vloc) = match v {
            TaskValue::Object(fields) => {
                for (k, floc, _) in fields {
                    if k != "type" && k != "value" {
                        return Err(TaskError::new(*floc, format!("unknown field `{k}`"))
                            .hint("expected `type` or `value`"));
                    }
                }
                let ty = match member(v, "type") {
                    Some((t, tloc)) => rcx.render(&Kind::Enum(VAR_TYPES), t, tloc)?,
                    None => Out::lit(Value::String("PLAINTEXT".into())),
                };
                let (val, vloc) =
                    member(v, "value").ok_or_else(|| TaskError::new(*kloc, "missing `value`"))?;
                (ty, val, vloc)
            }
            other => (Out::lit(Value::String("PLAINTEXT".into())), other, *kloc),
        };
        put(&mut m, "Type", ty);
        put(&mut m, "Value", rcx.render(&Kind::Str, val, vloc)?);
        list.push(Value::Object(m));
    }
    Ok(Out::lit(Value::Array(list)))
}

/// A project ARN `arn:aws:codebuild:<r>:<a>:project/<name>` as its name.
fn project_name(rcx: &Rcx, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
    if let TaskValue::Str(s) = value
        && s.starts_with("arn:")
        && let Some((_, name)) = s.rsplit_once(":project/")
    {
        return Ok(Out::lit(Value::String(name.to_string())));
    }
    rcx.render(&Kind::Str, value, loc)
}

fn project_arn(ctx: &Ctx) -> String {
    if let Some(a) = ctx.str("project_arn") {
        return a.to_string();
    }
    match ctx.str("project") {
        Some(p) if p.starts_with("arn:") => p.to_string(),
        Some(p) => arn::arn("codebuild", &format!("project/{p}")),
        None => "*".into(),
    }
}

fn check_project(ctx: &Ctx, errors: &mut Vec<TaskError>) {
    if ctx.str("project").is_some_and(|p| p.starts_with("${")) && !ctx.has("project_arn") {
        errors.push(
            TaskError::new(
                ctx.loc("project"),
                "cannot tell the project ARN (for IAM) from a substitution",
            )
            .hint("add `project_arn: \"${...Arn}\"`"),
        );
    }
}

const FIELDS: &[Field] = &[
    Field::new("project", "ProjectName", Kind::Custom(project_name)).req(),
    Field::new(
        "environment_variables_override",
        "EnvironmentVariablesOverride",
        Kind::Custom(env_vars),
    ),
    Field::skip("project_arn", Kind::Str),
];

/// `CodeBuildStartBuild`: start a build.
pub static START_BUILD: TaskSpec = TaskSpec {
    class: "CodeBuildStartBuild",
    service: "AWS CodeBuild",
    resource: ResourceForm::Integration("codebuild:startBuild"),
    patterns: patterns::RR_SYNC,
    default_pattern: Pattern::RequestResponse,
    fields: FIELDS,
    token_field: None,
    jsonata: true,
    check: Some(check_project),
    finish: None,
    iam: |ctx| {
        let mut out = vec![Statement::allow(
            [
                "codebuild:StartBuild",
                "codebuild:StopBuild",
                "codebuild:BatchGetBuilds",
                "codebuild:BatchGetReports",
            ],
            [project_arn(ctx)],
        )];
        if ctx.pattern == Pattern::RunJob {
            out.push(Statement::allow(
                ["events:PutTargets", "events:PutRule", "events:DescribeRule"],
                [arn::events_rule(
                    "StepFunctionsGetEventForCodeBuildStartBuildRule",
                )],
            ));
        }
        out
    },
    lambda_retry: false,
};

/// `CodeBuildStartBuildBatch`: start a batch build.
pub static START_BUILD_BATCH: TaskSpec = TaskSpec {
    class: "CodeBuildStartBuildBatch",
    service: "AWS CodeBuild",
    resource: ResourceForm::Integration("codebuild:startBuildBatch"),
    patterns: patterns::RR_SYNC,
    default_pattern: Pattern::RequestResponse,
    fields: FIELDS,
    token_field: None,
    jsonata: true,
    check: Some(check_project),
    finish: None,
    iam: |ctx| match ctx.pattern {
        Pattern::RunJob => vec![
            Statement::allow(
                [
                    "codebuild:StartBuildBatch",
                    "codebuild:StopBuildBatch",
                    "codebuild:BatchGetBuildBatches",
                ],
                [project_arn(ctx)],
            ),
            Statement::allow(
                ["events:PutTargets", "events:PutRule", "events:DescribeRule"],
                [arn::events_rule(
                    "StepFunctionsGetEventForCodeBuildStartBuildBatchRule",
                )],
            ),
        ],
        _ => vec![Statement::allow(
            ["codebuild:StartBuildBatch"],
            [project_arn(ctx)],
        )],
    },
    lambda_retry: false,
};
