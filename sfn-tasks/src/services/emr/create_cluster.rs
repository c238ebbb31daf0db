//! `EmrCreateCluster`: the class description, its parameters and its IAM.

use super::checks::check_create;
use super::instances::{
    APPLICATION, BOOTSTRAP, INSTANCES, KERBEROS, MANAGED_SCALING, configurations,
};
use super::{cluster_star, rule};
use crate::engine::{Ctx, Out, Rcx, arn};
use crate::model::{Loc, TaskError, TaskValue};
use crate::spec::{Field, Kind, Pattern, ResourceForm, TaskSpec, patterns};
use serde_json::{Map, Value, json};
use sfn_runtime::iam::Statement;

/// A role given as an ARN, a name or a `${X.Arn}` substitution: (name, ARN).
pub fn role_name_and_arn(value: &str) -> (String, String) {
    if let Some(inner) = value
        .strip_prefix("${")
        .and_then(|v| v.strip_suffix(".Arn}"))
    {
        // CloudFormation: `Ref` of a role is its name, `GetAtt .Arn` its ARN.
        return (format!("${{{inner}}}"), value.to_string());
    }
    if value.starts_with("arn:") {
        let name = value.rsplit('/').next().unwrap_or(value).to_string();
        return (name, value.to_string());
    }
    (value.to_string(), arn::iam(&format!("role/{value}")))
}

fn role_name(rcx: &Rcx, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
    match value {
        TaskValue::Str(s) => Ok(Out::lit(Value::String(role_name_and_arn(s).0))),
        other => rcx.render(&Kind::Str, other, loc),
    }
}

/// `EmrCreateCluster`: create (and with `run_job`, wait for) an EMR cluster.
pub static CREATE_CLUSTER: TaskSpec = TaskSpec {
    class: "EmrCreateCluster",
    service: "Amazon EMR",
    resource: ResourceForm::Integration("elasticmapreduce:createCluster"),
    patterns: patterns::RR_SYNC,
    default_pattern: Pattern::RunJob,
    fields: &[
        Field::new("instances", "Instances", Kind::Struct(INSTANCES)).req(),
        Field::new("cluster_role", "JobFlowRole", Kind::Custom(role_name)).req(),
        Field::new("name", "Name", Kind::Str).req(),
        Field::new("service_role", "ServiceRole", Kind::Custom(role_name)).req(),
        Field::new("additional_info", "AdditionalInfo", Kind::Str),
        Field::new(
            "applications",
            "Applications",
            Kind::List(&Kind::Struct(APPLICATION)),
        ),
        Field::new(
            "auto_scaling_role",
            "AutoScalingRole",
            Kind::Custom(role_name),
        ),
        Field::new(
            "bootstrap_actions",
            "BootstrapActions",
            Kind::List(&Kind::Struct(BOOTSTRAP)),
        ),
        Field::new(
            "configurations",
            "Configurations",
            Kind::Custom(configurations),
        ),
        Field::new("custom_ami_id", "CustomAmiId", Kind::Str),
        Field::new("ebs_root_volume_size", "EbsRootVolumeSize", Kind::Number),
        Field::new("ebs_root_volume_iops", "EbsRootVolumeIops", Kind::Number),
        Field::new(
            "ebs_root_volume_throughput",
            "EbsRootVolumeThroughput",
            Kind::Number,
        ),
        Field::new(
            "kerberos_attributes",
            "KerberosAttributes",
            Kind::Struct(KERBEROS),
        ),
        Field::new("log_uri", "LogUri", Kind::Str),
        Field::new(
            "managed_scaling_policy",
            "ManagedScalingPolicy",
            Kind::Struct(MANAGED_SCALING),
        ),
        Field::new("release_label", "ReleaseLabel", Kind::Str),
        Field::new(
            "scale_down_behavior",
            "ScaleDownBehavior",
            Kind::Enum(&[
                ("terminate_at_instance_hour", "TERMINATE_AT_INSTANCE_HOUR"),
                (
                    "terminate_at_task_completion",
                    "TERMINATE_AT_TASK_COMPLETION",
                ),
            ]),
        ),
        Field::new("security_configuration", "SecurityConfiguration", Kind::Str),
        Field::new(
            "step_concurrency_level",
            "StepConcurrencyLevel",
            Kind::Number,
        ),
        Field::new("tags", "Tags", Kind::Tags),
        Field::new("visible_to_all_users", "VisibleToAllUsers", Kind::Bool).or("true"),
        Field::at(
            "auto_termination_policy_idle_timeout",
            &["AutoTerminationPolicy", "IdleTimeout"],
            Kind::Seconds,
        ),
    ],
    token_field: None,
    jsonata: true,
    check: Some(check_create),
    finish: Some(finish_create),
    iam: iam_create,
    lambda_retry: false,
};

/// Adds the tag that lets the EMR managed policies (v2) act on the cluster, as CDK does
/// with its recommended feature flags.
fn finish_create(_: &Ctx, mut params: Map<String, Value>) -> Option<Value> {
    let tag = json!({"Key": "for-use-with-amazon-emr-managed-policies", "Value": "true"});
    let tags = params
        .entry("Tags")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(list) = tags
        && !list.iter().any(|t| t["Key"] == tag["Key"])
    {
        list.push(tag);
    }
    // Keep VisibleToAllUsers (and what follows) after Tags, as CDK orders them.
    for key in ["VisibleToAllUsers", "AutoTerminationPolicy"] {
        if let Some(v) = params.shift_remove(key) {
            params.insert(key.into(), v);
        }
    }
    Some(Value::Object(params))
}

fn iam_create(ctx: &Ctx) -> Vec<Statement> {
    let arn_of = |name: &str| ctx.str(name).map(|v| role_name_and_arn(v).1);
    let mut out = vec![
        Statement::allow(
            [
                "elasticmapreduce:RunJobFlow",
                "elasticmapreduce:DescribeCluster",
                "elasticmapreduce:TerminateJobFlows",
                "elasticmapreduce:AddTags",
            ],
            ["*"],
        ),
        Statement::allow(
            ["iam:PassRole"],
            [arn_of("service_role"), arn_of("cluster_role"), arn_of("auto_scaling_role")]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>(),
        ),
        Statement::allow(
            ["iam:CreateServiceLinkedRole"],
            [arn::iam("role/aws-service-role/elasticmapreduce.amazonaws.com*/AWSServiceRoleForEMRCleanup*")],
        )
        .with_condition(json!({"StringEquals": {"iam:AWSServiceName": ["elasticmapreduce.amazonaws.com", "elasticmapreduce.amazonaws.com.cn"]}})),
    ];
    if ctx.has("tags") {
        out.push(Statement::allow(
            ["elasticmapreduce:AddTags"],
            [cluster_star()],
        ));
    }
    if ctx.pattern == Pattern::RunJob {
        out.push(rule("StepFunctionsGetEventForEMRRunJobFlowRule"));
    }
    out
}
