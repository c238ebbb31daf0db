//! Amazon EMR: create/terminate clusters, add/cancel steps, resize, termination protection.
//!
//! CDK creates the cluster's service, instance and auto-scaling roles when they are not
//! given; a workflow provisions nothing, so `service_role` and `cluster_role` are required
//! (an ARN, a role name, or a `${Role.Arn}` substitution whose name is `${Role}`).

mod checks;
mod create_cluster;
mod instances;

pub use create_cluster::{CREATE_CLUSTER, role_name_and_arn};

use crate::engine::arn;
use crate::spec::{Field, Kind, Pattern, ResourceForm, TaskSpec, patterns};
use instances::configurations;
use sfn_runtime::iam::Statement;

pub(crate) fn cluster_star() -> String {
    arn::arn("elasticmapreduce", "cluster/*")
}

pub(crate) fn rule(name: &str) -> Statement {
    Statement::allow(
        ["events:PutTargets", "events:PutRule", "events:DescribeRule"],
        [arn::events_rule(name)],
    )
}

macro_rules! simple {
    ($name:ident, $class:literal, $api:literal, $pats:expr, $default:expr, [$($action:literal),*], $rule:expr, [$($field:expr),* $(,)?]) => {
        #[doc = concat!("`", $class, "`: EMR `", $api, "`.")]
        pub static $name: TaskSpec = TaskSpec {
            class: $class,
            service: "Amazon EMR",
            resource: ResourceForm::Integration(concat!("elasticmapreduce:", $api)),
            patterns: $pats,
            default_pattern: $default,
            fields: &[$($field),*],
            token_field: None,
            jsonata: true,
            check: None,
            finish: None,
            iam: |ctx| {
                let mut out = vec![Statement::allow([$($action),*], [cluster_star()])];
                let r: Option<&str> = $rule;
                if let Some(r) = r && ctx.pattern == Pattern::RunJob {
                    out.push(rule(r));
                }
                out
            },
            lambda_retry: false,
        };
    };
}

const ACTION_ON_FAILURE: &[(&str, &str)] = &[
    ("terminate_cluster", "TERMINATE_CLUSTER"),
    ("cancel_and_wait", "CANCEL_AND_WAIT"),
    ("continue", "CONTINUE"),
];

simple!(
    ADD_STEP,
    "EmrAddStep",
    "addStep",
    patterns::RR_SYNC,
    Pattern::RunJob,
    [
        "elasticmapreduce:AddJobFlowSteps",
        "elasticmapreduce:DescribeStep",
        "elasticmapreduce:CancelSteps"
    ],
    Some("StepFunctionsGetEventForEMRAddJobFlowStepsRule"),
    [
        Field::new("cluster_id", "ClusterId", Kind::Str).req(),
        Field::new("execution_role_arn", "ExecutionRoleArn", Kind::Str),
        Field::at("name", &["Step", "Name"], Kind::Str).req(),
        Field::at(
            "action_on_failure",
            &["Step", "ActionOnFailure"],
            Kind::Enum(ACTION_ON_FAILURE)
        )
        .or("\"CONTINUE\""),
        Field::at("jar", &["Step", "HadoopJarStep", "Jar"], Kind::Str).req(),
        Field::at(
            "main_class",
            &["Step", "HadoopJarStep", "MainClass"],
            Kind::Str
        ),
        Field::at("args", &["Step", "HadoopJarStep", "Args"], Kind::StrList),
        Field::at(
            "properties",
            &["Step", "HadoopJarStep", "Properties"],
            Kind::Tags
        ),
    ]
);

simple!(
    CANCEL_STEP,
    "EmrCancelStep",
    "cancelStep",
    patterns::RR,
    Pattern::RequestResponse,
    ["elasticmapreduce:CancelSteps"],
    None,
    [
        Field::new("cluster_id", "ClusterId", Kind::Str).req(),
        Field::new("step_id", "StepId", Kind::Str).req(),
    ]
);

simple!(
    MODIFY_INSTANCE_FLEET_BY_NAME,
    "EmrModifyInstanceFleetByName",
    "modifyInstanceFleetByName",
    patterns::RR,
    Pattern::RequestResponse,
    [
        "elasticmapreduce:ModifyInstanceFleet",
        "elasticmapreduce:ListInstanceFleets"
    ],
    None,
    [
        Field::new("cluster_id", "ClusterId", Kind::Str).req(),
        Field::new("instance_fleet_name", "InstanceFleetName", Kind::Str).req(),
        Field::at(
            "target_on_demand_capacity",
            &["InstanceFleet", "TargetOnDemandCapacity"],
            Kind::Number
        )
        .req(),
        Field::at(
            "target_spot_capacity",
            &["InstanceFleet", "TargetSpotCapacity"],
            Kind::Number
        )
        .req(),
    ]
);

const RESIZE_POLICY: &[Field] = &[
    Field::new("instances_to_protect", "InstancesToProtect", Kind::StrList),
    Field::new(
        "instances_to_terminate",
        "InstancesToTerminate",
        Kind::StrList,
    ),
    Field::new(
        "instance_termination_timeout",
        "InstanceTerminationTimeout",
        Kind::Seconds,
    ),
];

const SHRINK_POLICY: &[Field] = &[
    Field::new("decommission_timeout", "DecommissionTimeout", Kind::Seconds),
    Field::new(
        "instance_resize_policy",
        "InstanceResizePolicy",
        Kind::Struct(RESIZE_POLICY),
    ),
];

const MODIFY_GROUP: &[Field] = &[
    Field::new(
        "configurations",
        "Configurations",
        Kind::Custom(configurations),
    ),
    Field::new(
        "ec2_instance_ids_to_terminate",
        "EC2InstanceIdsToTerminate",
        Kind::StrList,
    ),
    Field::new("instance_count", "InstanceCount", Kind::Number),
    Field::new("shrink_policy", "ShrinkPolicy", Kind::Struct(SHRINK_POLICY)),
];

simple!(
    MODIFY_INSTANCE_GROUP_BY_NAME,
    "EmrModifyInstanceGroupByName",
    "modifyInstanceGroupByName",
    patterns::RR,
    Pattern::RequestResponse,
    [
        "elasticmapreduce:ModifyInstanceGroups",
        "elasticmapreduce:ListInstanceGroups"
    ],
    None,
    [
        Field::new("cluster_id", "ClusterId", Kind::Str).req(),
        Field::new("instance_group_name", "InstanceGroupName", Kind::Str).req(),
        Field::new(
            "instance_group",
            "InstanceGroup",
            Kind::Struct(MODIFY_GROUP)
        )
        .req(),
    ]
);

simple!(
    SET_CLUSTER_TERMINATION_PROTECTION,
    "EmrSetClusterTerminationProtection",
    "setClusterTerminationProtection",
    patterns::RR,
    Pattern::RequestResponse,
    ["elasticmapreduce:SetTerminationProtection"],
    None,
    [
        Field::new("cluster_id", "ClusterId", Kind::Str).req(),
        Field::new("termination_protected", "TerminationProtected", Kind::Bool).req(),
    ]
);

simple!(
    TERMINATE_CLUSTER,
    "EmrTerminateCluster",
    "terminateCluster",
    patterns::RR_SYNC,
    Pattern::RunJob,
    [
        "elasticmapreduce:DescribeCluster",
        "elasticmapreduce:TerminateJobFlows"
    ],
    Some("StepFunctionsGetEventForEMRTerminateJobFlowsRule"),
    [Field::new("cluster_id", "ClusterId", Kind::Str).req(),]
);
