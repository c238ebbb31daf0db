//! Amazon ECS: `EcsRunTask`.
//!
//! CDK reads the launch target, the network mode and the containers from its task
//! definition and cluster objects. A workflow names them instead, so what CDK would look up
//! is written as fields (`launch_type`, `task_definition_compatibility`, `network_mode`,
//! `task_role_arn`, ...), and the checks CDK runs against its objects run against those.

use super::batch::name_value_list;
use crate::engine::{Ctx, arn};
use crate::model::{TaskError, TaskValue};
use crate::spec::{Field, Kind, Pattern, ResourceForm, TaskSpec, patterns};
use sfn_runtime::iam::Statement;

const OVERRIDE: &[Field] = &[
    Field::new("container_name", "Name", Kind::Str).req(),
    Field::new("command", "Command", Kind::StrList),
    Field::new("cpu", "Cpu", Kind::Number),
    Field::new("memory_limit", "Memory", Kind::Number),
    Field::new("memory_reservation", "MemoryReservation", Kind::Number),
    Field::new("environment", "Environment", Kind::Custom(name_value_list)),
];

const CAPACITY_PROVIDER: &[Field] = &[
    Field::new("capacity_provider", "CapacityProvider", Kind::Str).req(),
    Field::new("weight", "Weight", Kind::Number),
    Field::new("base", "Base", Kind::Number),
];

const CONSTRAINT: &[Field] = &[
    Field::new(
        "type",
        "Type",
        Kind::Enum(&[
            ("member_of", "memberOf"),
            ("distinct_instance", "distinctInstance"),
        ]),
    )
    .req(),
    Field::new("expression", "Expression", Kind::Str),
];

const STRATEGY: &[Field] = &[
    Field::new(
        "type",
        "Type",
        Kind::Enum(&[
            ("spread", "spread"),
            ("binpack", "binpack"),
            ("random", "random"),
        ]),
    )
    .req(),
    Field::new("field", "Field", Kind::Str),
];

const LAUNCH_TYPES: &[(&str, &str)] = &[
    ("fargate", "FARGATE"),
    ("ec2", "EC2"),
    ("external", "EXTERNAL"),
];

const COMPATIBILITY: &[(&str, &str)] = &[
    ("ec2", "EC2"),
    ("fargate", "FARGATE"),
    ("ec2_and_fargate", "EC2_AND_FARGATE"),
    ("external", "EXTERNAL"),
];

/// `EcsRunTask`: run a task on a cluster.
pub static RUN_TASK: TaskSpec = TaskSpec {
    class: "EcsRunTask",
    service: "Amazon ECS",
    resource: ResourceForm::Integration("ecs:runTask"),
    patterns: patterns::ALL,
    default_pattern: Pattern::RequestResponse,
    fields: &[
        Field::new("cluster", "Cluster", Kind::Str).req(),
        Field::new("task_definition", "TaskDefinition", Kind::Str).req(),
        Field::at(
            "assign_public_ip",
            &[
                "NetworkConfiguration",
                "AwsvpcConfiguration",
                "AssignPublicIp",
            ],
            Kind::Custom(|rcx, v, loc| match v {
                TaskValue::Bool(b) => Ok(crate::engine::Out::lit(serde_json::Value::String(
                    if *b { "ENABLED" } else { "DISABLED" }.into(),
                ))),
                other => rcx.render(&Kind::Bool, other, loc),
            }),
        ),
        Field::at(
            "subnets",
            &["NetworkConfiguration", "AwsvpcConfiguration", "Subnets"],
            Kind::StrList,
        ),
        Field::at(
            "security_groups",
            &[
                "NetworkConfiguration",
                "AwsvpcConfiguration",
                "SecurityGroups",
            ],
            Kind::StrList,
        ),
        Field::at(
            "container_overrides",
            &["Overrides", "ContainerOverrides"],
            Kind::List(&Kind::Struct(OVERRIDE)),
        ),
        Field::at("cpu", &["Overrides", "Cpu"], Kind::Str),
        Field::at("memory_mib", &["Overrides", "Memory"], Kind::Str),
        Field::new(
            "propagated_tag_source",
            "PropagateTags",
            Kind::Enum(&[
                ("task_definition", "TASK_DEFINITION"),
                ("service", "SERVICE"),
                ("none", "NONE"),
            ]),
        ),
        Field::new("launch_type", "LaunchType", Kind::Enum(LAUNCH_TYPES)),
        // CDK's name for the same choice (`EcsFargateLaunchTarget` / `EcsEc2LaunchTarget`).
        Field::new("launch_target", "LaunchType", Kind::Enum(LAUNCH_TYPES)),
        Field::new(
            "capacity_provider_strategy",
            "CapacityProviderStrategy",
            Kind::List(&Kind::Struct(CAPACITY_PROVIDER)),
        ),
        Field::new("platform_version", "PlatformVersion", Kind::Str),
        Field::new(
            "placement_constraints",
            "PlacementConstraints",
            Kind::List(&Kind::Struct(CONSTRAINT)),
        ),
        Field::new(
            "placement_strategies",
            "PlacementStrategy",
            Kind::List(&Kind::Struct(STRATEGY)),
        ),
        Field::new("enable_execute_command", "EnableExecuteCommand", Kind::Bool),
        Field::skip("revision_number", Kind::Number),
        Field::skip("task_role_arn", Kind::Str),
        Field::skip("execution_role_arn", Kind::Str),
        Field::skip("task_definition_compatibility", Kind::Enum(COMPATIBILITY)),
        Field::skip(
            "network_mode",
            Kind::Enum(&[
                ("awsvpc", "awsvpc"),
                ("bridge", "bridge"),
                ("host", "host"),
                ("none", "none"),
            ]),
        ),
    ],
    token_field: Some("container_overrides"),
    jsonata: true,
    check: Some(check),
    finish: Some(|ctx, mut params| {
        if let Some(rev) = ctx.num("revision_number")
            && let Some(serde_json::Value::String(td)) = params.get_mut("TaskDefinition")
        {
            td.push_str(&format!(":{rev}"));
        }
        Some(serde_json::Value::Object(params))
    }),
    iam,
    lambda_retry: false,
};

fn check(ctx: &Ctx, errors: &mut Vec<TaskError>) {
    let launch_field = if ctx.has("launch_target") {
        "launch_target"
    } else {
        "launch_type"
    };
    if ctx.has("launch_target") && ctx.has("launch_type") {
        errors.push(
            TaskError::new(
                ctx.loc("launch_target"),
                "`launch_target` and `launch_type` say the same thing",
            )
            .hint("keep one of them"),
        );
    }
    let launch = ctx.text(launch_field).map(str::to_ascii_uppercase);
    if launch.is_none() && !ctx.has("capacity_provider_strategy") {
        errors.push(
            TaskError::new(ctx.call.class_loc, "EcsRunTask needs a launch target")
                .hint("add `launch_type: fargate` (or `ec2`), or a `capacity_provider_strategy`"),
        );
    }
    if ctx.has(launch_field) && ctx.has("capacity_provider_strategy") {
        errors.push(
            TaskError::new(
                ctx.loc("capacity_provider_strategy"),
                format!(
                    "`{launch_field}` and `capacity_provider_strategy` cannot be used together"
                ),
            )
            .hint("a capacity provider strategy replaces the launch type"),
        );
    }
    if let Some(TaskValue::Array(items)) = ctx.value("capacity_provider_strategy")
        && !(1..=20).contains(&items.len())
    {
        errors.push(TaskError::new(
            ctx.loc("capacity_provider_strategy"),
            format!("`capacity_provider_strategy` must have between 1 and 20 entries, not {}", items.len()),
        )
        .cdk(format!("Capacity provider strategy must contain between 1 and 20 capacity providers, got {}", items.len())));
    }
    let is_fargate = launch.as_deref() == Some("FARGATE");
    let is_ec2 = launch.as_deref() == Some("EC2");
    for (name, only) in [
        ("placement_constraints", "EC2"),
        ("placement_strategies", "EC2"),
        ("platform_version", "FARGATE"),
    ] {
        let wrong = (only == "EC2" && is_fargate) || (only == "FARGATE" && is_ec2);
        if ctx.has(name) && wrong {
            errors.push(TaskError::new(
                ctx.loc(name),
                format!(
                    "`{name}` only applies to `launch_type: {}`",
                    only.to_ascii_lowercase()
                ),
            ));
        }
    }
    if let Some(compat) = ctx
        .text("task_definition_compatibility")
        .map(str::to_ascii_uppercase)
    {
        let written = ctx
            .text("task_definition_compatibility")
            .unwrap_or_default();
        let ok_ec2 = matches!(compat.as_str(), "EC2" | "EC2_AND_FARGATE");
        let ok_fargate = matches!(compat.as_str(), "FARGATE" | "EC2_AND_FARGATE");
        if is_ec2 && !ok_ec2 {
            errors.push(
                TaskError::new(
                    ctx.loc(launch_field),
                    format!("`{launch_field}: ec2` cannot run a task definition with `task_definition_compatibility: {written}`"),
                )
                .hint(format!("use `{launch_field}: fargate`, or a task definition compatible with EC2"))
                .cdk("Supplied TaskDefinition is not compatible with EC2"),
            );
        }
        if is_fargate && !ok_fargate {
            errors.push(
                TaskError::new(
                    ctx.loc(launch_field),
                    format!("`{launch_field}: fargate` cannot run a task definition with `task_definition_compatibility: {written}`"),
                )
                .hint(format!("use `{launch_field}: ec2`, or a task definition compatible with Fargate"))
                .cdk("Supplied TaskDefinition is not compatible with Fargate"),
            );
        }
    }
    let awsvpc = match ctx.text("network_mode") {
        Some(m) => m.eq_ignore_ascii_case("awsvpc"),
        // Fargate always uses awsvpc.
        None => true,
    };
    if !awsvpc {
        for name in ["subnets", "security_groups", "assign_public_ip"] {
            if ctx.has(name) {
                errors.push(TaskError::new(
                    ctx.loc(name),
                    format!(
                        "`{name}` needs a task definition with `network_mode: awsvpc`, not `{}`",
                        ctx.text("network_mode").unwrap_or_default()
                    ),
                ));
            }
        }
    }
}

/// The family of a task definition given as a family, `family:revision` or an ARN.
fn family(td: &str) -> &str {
    let name = td.rsplit_once(":task-definition/").map_or(td, |(_, n)| n);
    name.split(':').next().unwrap_or(name)
}

fn iam(ctx: &Ctx) -> Vec<Statement> {
    let run_on = match ctx.value("task_definition") {
        Some(TaskValue::Str(td)) => arn::arn("ecs", &format!("task-definition/{}:*", family(td))),
        _ => "*".to_string(),
    };
    let mut out = vec![
        Statement::allow(["ecs:RunTask"], [run_on]),
        Statement::allow(["ecs:StopTask", "ecs:DescribeTasks"], ["*"]),
    ];
    let roles: Vec<&str> = ["task_role_arn", "execution_role_arn"]
        .iter()
        .filter_map(|n| ctx.str(n))
        .collect();
    if !roles.is_empty() {
        out.push(Statement::allow(["iam:PassRole"], roles));
    }
    if ctx.pattern == Pattern::RunJob {
        out.push(Statement::allow(
            ["events:PutTargets", "events:PutRule", "events:DescribeRule"],
            [arn::events_rule("StepFunctionsGetEventsForECSTaskRule")],
        ));
    }
    out
}
