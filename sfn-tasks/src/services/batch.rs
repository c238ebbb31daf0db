//! AWS Batch: `BatchSubmitJob`.

use crate::engine::{Ctx, Out, Rcx, arn, member, put};
use crate::model::{Loc, TaskError, TaskValue};
use crate::spec::{Field, Kind, Pattern, ResourceForm, TaskSpec, patterns};
use serde_json::{Map, Value};
use sfn_runtime::iam::Statement;

const OVERRIDES: &[Field] = &[
    Field::new("command", "Command", Kind::StrList),
    Field::new("environment", "Environment", Kind::Custom(name_value_list)),
    Field::new("instance_type", "InstanceType", Kind::Str),
    Field::skip("memory_mib", Kind::Number),
    Field::skip("gpu_count", Kind::Number),
    Field::skip("vcpus", Kind::Number),
];

const DEPENDENCY: &[Field] = &[
    Field::new("job_id", "JobId", Kind::Str),
    Field::new("type", "Type", Kind::Str),
];

/// `{ NAME: value }` as `[{"Name": .., "Value": ..}]`.
pub fn name_value_list(rcx: &Rcx, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
    let TaskValue::Object(members) = value else {
        return Err(TaskError::new(
            loc,
            format!(
                "must be an object {{ NAME: \"value\" }}, not {}",
                value.describe()
            ),
        ));
    };
    let mut list = Vec::new();
    for (k, kloc, v) in members {
        let mut m = Map::new();
        m.insert("Name".into(), Value::String(k.clone()));
        put(&mut m, "Value", rcx.render(&Kind::Str, v, *kloc)?);
        list.push(Value::Object(m));
    }
    Ok(Out::lit(Value::Array(list)))
}

fn overrides(rcx: &Rcx, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
    let TaskValue::Object(members) = value else {
        return rcx.render(&Kind::Struct(OVERRIDES), value, loc);
    };
    let mut m = rcx.object(OVERRIDES, members, loc)?;
    // GPU, MEMORY, VCPU, in that order, each only when given and non-zero (as CDK).
    let mut reqs = Vec::new();
    for (field, ty) in [
        ("gpu_count", "GPU"),
        ("memory_mib", "MEMORY"),
        ("vcpus", "VCPU"),
    ] {
        if let Some((v, vloc)) = member(value, field) {
            let out = rcx.render(&Kind::Number, v, vloc)?;
            let value = match out.value {
                Value::Number(n) if n.as_f64() == Some(0.0) => continue,
                Value::Number(n) => Value::String(n.to_string()),
                other => other,
            };
            let mut r = Map::new();
            r.insert("Type".into(), Value::String(ty.into()));
            put(
                &mut r,
                "Value",
                Out {
                    value,
                    dynamic: out.dynamic,
                },
            );
            reqs.push(Value::Object(r));
        }
    }
    if !reqs.is_empty() {
        m.insert("ResourceRequirements".into(), Value::Array(reqs));
    }
    Ok(Out::lit(Value::Object(m)))
}

/// `BatchSubmitJob`: submit a Batch job.
pub static SUBMIT_JOB: TaskSpec = TaskSpec {
    class: "BatchSubmitJob",
    service: "AWS Batch",
    resource: ResourceForm::Integration("batch:submitJob"),
    patterns: patterns::RR_SYNC,
    default_pattern: Pattern::RunJob,
    fields: &[
        Field::new("job_definition_arn", "JobDefinition", Kind::Str).req(),
        Field::new("job_name", "JobName", Kind::Str).req(),
        Field::new("job_queue_arn", "JobQueue", Kind::Str).req(),
        Field::new("payload", "Parameters", Kind::Json),
        Field::at("array_size", &["ArrayProperties", "Size"], Kind::Number),
        Field::new(
            "container_overrides",
            "ContainerOverrides",
            Kind::Custom(overrides),
        ),
        Field::new(
            "depends_on",
            "DependsOn",
            Kind::List(&Kind::Struct(DEPENDENCY)),
        ),
        Field::at("attempts", &["RetryStrategy", "Attempts"], Kind::Number),
        // CDK moves the state's taskTimeout here; ours is the job's own field.
        Field::at(
            "attempt_duration",
            &["Timeout", "AttemptDurationSeconds"],
            Kind::Seconds,
        ),
        Field::new("tags", "Tags", Kind::StrMap),
    ],
    token_field: None,
    jsonata: true,
    check: Some(check),
    finish: None,
    iam: |ctx| {
        let queue = if ctx.is_expr("job_queue_arn") {
            None
        } else {
            ctx.str("job_queue_arn")
        };
        let resources = match queue {
            Some(q) => vec![arn::arn("batch", "job-definition/*"), q.to_string()],
            None => vec!["*".to_string()],
        };
        vec![
            Statement::allow(["batch:SubmitJob"], resources),
            Statement::allow(
                ["events:PutTargets", "events:PutRule", "events:DescribeRule"],
                [arn::events_rule("StepFunctionsGetEventsForBatchJobsRule")],
            ),
        ]
    },
    lambda_retry: false,
};

fn check(ctx: &Ctx, errors: &mut Vec<TaskError>) {
    if let Some(n) = ctx.num("array_size")
        && !(2.0..=10000.0).contains(&n)
    {
        errors.push(
            TaskError::new(
                ctx.loc("array_size"),
                format!("`array_size` must be between 2 and 10000, not {n}"),
            )
            .cdk(format!(
                "arraySize must be between 2 and 10,000. Received {n}."
            )),
        );
    }
    if let Some(TaskValue::Array(items)) = ctx.value("depends_on")
        && items.len() > 20
    {
        errors.push(TaskError::new(
            ctx.loc("depends_on"),
            format!(
                "`depends_on` must have at most 20 entries, not {}",
                items.len()
            ),
        ));
    }
    if let Some(n) = ctx.num("attempts")
        && !(1.0..=10.0).contains(&n)
    {
        errors.push(TaskError::new(
            ctx.loc("attempts"),
            format!("`attempts` must be between 1 and 10, not {n}"),
        ));
    }
    if let Some(s) = ctx.secs("attempt_duration")
        && s < 60
    {
        errors.push(
            TaskError::new(
                ctx.loc("attempt_duration"),
                format!("`attempt_duration` must be at least `60s`, not `{s}s`"),
            )
            .hint("use at least `60s`")
            .cdk(format!(
                "attempt duration must be greater than 60 seconds. Received {s} seconds."
            )),
        );
    }
    if let Some(o) = ctx.value("container_overrides")
        && let Some((TaskValue::Object(env), _)) = member(o, "environment")
    {
        for (k, kloc, _) in env {
            if k.starts_with("AWS_BATCH") {
                errors.push(
                    TaskError::new(*kloc, format!("environment variable `{k}` is reserved: names starting with `AWS_BATCH` are AWS Batch's"))
                        .hint("rename the variable")
                        .cdk(format!("Invalid environment variable name: {k}. Environment variable names starting with 'AWS_BATCH' are reserved.")),
                );
            }
        }
    }
    if let Some(TaskValue::Object(tags)) = ctx.value("tags") {
        if tags.len() > 50 {
            errors.push(TaskError::new(
                ctx.loc("tags"),
                format!("`tags` must have at most 50 entries, not {}", tags.len()),
            ));
        }
        for (k, kloc, v) in tags {
            let n = k.chars().count();
            if !(1..=128).contains(&n) {
                errors.push(
                    TaskError::new(
                        *kloc,
                        format!("a tag key must be between 1 and 128 characters long, not {n}"),
                    )
                    .cdk(format!(
                        "Tag key size must be between 1 and 128, but got {n}."
                    )),
                );
            }
            if let TaskValue::Str(v) = v
                && v.chars().count() > 256
            {
                let n = v.chars().count();
                errors.push(
                    TaskError::new(
                        *kloc,
                        format!("a tag value must be at most 256 characters long, not {n}"),
                    )
                    .cdk(format!("Tag value maximum size is 256, but got {n}.")),
                );
            }
        }
    }
}
