//! Amazon EMR: create/terminate clusters, add/cancel steps, resize, termination protection.
//!
//! CDK creates the cluster's service, instance and auto-scaling roles when they are not
//! given; a workflow provisions nothing, so `service_role` and `cluster_role` are required
//! (an ARN, a role name, or a `${Role.Arn}` substitution whose name is `${Role}`).

use crate::engine::{Ctx, Out, Rcx, arn, member};
use crate::model::{Loc, TaskError, TaskValue};
use crate::spec::{Field, Kind, Pattern, ResourceForm, TaskSpec, patterns};
use serde_json::{Map, Value, json};
use sfn_runtime::iam::Statement;

fn cluster_star() -> String {
    arn::arn("elasticmapreduce", "cluster/*")
}

fn rule(name: &str) -> Statement {
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

// ---- EmrCreateCluster -------------------------------------------------------------------

const CONFIGURATION: &[Field] = &[
    Field::new("classification", "Classification", Kind::Str),
    Field::new("properties", "Properties", Kind::StrMap),
    Field::new(
        "configurations",
        "Configurations",
        Kind::Custom(configurations),
    ),
];

/// A list of EMR configurations, nested to any depth.
fn configurations(rcx: &Rcx, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
    rcx.render(&Kind::List(&Kind::Struct(CONFIGURATION)), value, loc)
}

const VOLUME_TYPES: &[(&str, &str)] = &[
    ("gp3", "gp3"),
    ("gp2", "gp2"),
    ("io1", "io1"),
    ("st1", "st1"),
    ("sc1", "sc1"),
    ("standard", "standard"),
];

const VOLUME: &[Field] = &[
    Field::new("iops", "Iops", Kind::Number),
    Field::new("size_in_gb", "SizeInGB", Kind::Number).req(),
    Field::new("volume_type", "VolumeType", Kind::Enum(VOLUME_TYPES)).req(),
];

const BLOCK_DEVICE: &[Field] = &[
    Field::new(
        "volume_specification",
        "VolumeSpecification",
        Kind::Struct(VOLUME),
    )
    .req(),
    Field::new("volumes_per_instance", "VolumesPerInstance", Kind::Number),
];

const EBS: &[Field] = &[
    Field::new(
        "ebs_block_device_configs",
        "EbsBlockDeviceConfigs",
        Kind::List(&Kind::Struct(BLOCK_DEVICE)),
    ),
    Field::new("ebs_optimized", "EbsOptimized", Kind::Bool),
];

const INSTANCE_TYPE_CONFIG: &[Field] = &[
    Field::new("bid_price", "BidPrice", Kind::Str),
    Field::new(
        "bid_price_as_percentage_of_on_demand_price",
        "BidPriceAsPercentageOfOnDemandPrice",
        Kind::Number,
    ),
    Field::new(
        "configurations",
        "Configurations",
        Kind::Custom(configurations),
    ),
    Field::new("ebs_configuration", "EbsConfiguration", Kind::Struct(EBS)),
    Field::new("instance_type", "InstanceType", Kind::Str).req(),
    Field::new("priority", "Priority", Kind::Number),
    Field::new("weighted_capacity", "WeightedCapacity", Kind::Number),
];

const ROLE_TYPES: &[(&str, &str)] = &[("master", "MASTER"), ("core", "CORE"), ("task", "TASK")];

const ON_DEMAND: &[Field] = &[Field::new(
    "allocation_strategy",
    "AllocationStrategy",
    Kind::Enum(&[
        ("lowest_price", "lowest-price"),
        ("prioritized", "prioritized"),
    ]),
)
.req()];

const SPOT: &[Field] = &[
    Field::new(
        "allocation_strategy",
        "AllocationStrategy",
        Kind::Enum(&[
            ("capacity_optimized", "capacity-optimized"),
            ("price_capacity_optimized", "price-capacity-optimized"),
            ("lowest_price", "lowest-price"),
            ("diversified", "diversified"),
        ]),
    ),
    Field::new(
        "block_duration_minutes",
        "BlockDurationMinutes",
        Kind::Number,
    ),
    Field::new(
        "timeout_action",
        "TimeoutAction",
        Kind::Enum(&[
            ("switch_to_on_demand", "SWITCH_TO_ON_DEMAND"),
            ("terminate_cluster", "TERMINATE_CLUSTER"),
        ]),
    )
    .req(),
    Field::new("timeout", "TimeoutDurationMinutes", Kind::Minutes),
    Field::new(
        "timeout_duration_minutes",
        "TimeoutDurationMinutes",
        Kind::Number,
    ),
];

const LAUNCH_SPECIFICATIONS: &[Field] = &[
    Field::new(
        "on_demand_specification",
        "OnDemandSpecification",
        Kind::Struct(ON_DEMAND),
    ),
    Field::new(
        "spot_specification",
        "SpotSpecification",
        Kind::Struct(SPOT),
    ),
];

const FLEET: &[Field] = &[
    Field::new(
        "instance_fleet_type",
        "InstanceFleetType",
        Kind::Enum(ROLE_TYPES),
    )
    .req(),
    Field::new(
        "instance_type_configs",
        "InstanceTypeConfigs",
        Kind::List(&Kind::Struct(INSTANCE_TYPE_CONFIG)),
    ),
    Field::new(
        "launch_specifications",
        "LaunchSpecifications",
        Kind::Struct(LAUNCH_SPECIFICATIONS),
    ),
    Field::new("name", "Name", Kind::Str),
    Field::new(
        "target_on_demand_capacity",
        "TargetOnDemandCapacity",
        Kind::Number,
    ),
    Field::new("target_spot_capacity", "TargetSpotCapacity", Kind::Number),
];

const GROUP: &[Field] = &[
    // The auto-scaling policy is passed through in EMR's own shape (PascalCase keys).
    Field::new("auto_scaling_policy", "AutoScalingPolicy", Kind::Json),
    Field::new("bid_price", "BidPrice", Kind::Str),
    Field::new(
        "configurations",
        "Configurations",
        Kind::Custom(configurations),
    ),
    Field::new("ebs_configuration", "EbsConfiguration", Kind::Struct(EBS)),
    Field::new("instance_count", "InstanceCount", Kind::Number).req(),
    Field::new("instance_role", "InstanceRole", Kind::Enum(ROLE_TYPES)).req(),
    Field::new("instance_type", "InstanceType", Kind::Str).req(),
    Field::new(
        "market",
        "Market",
        Kind::Enum(&[("on_demand", "ON_DEMAND"), ("spot", "SPOT")]),
    ),
    Field::new("name", "Name", Kind::Str),
];

const PLACEMENT: &[Field] = &[
    Field::new("availability_zone", "AvailabilityZone", Kind::Str),
    Field::new("availability_zones", "AvailabilityZones", Kind::StrList),
];

const INSTANCES: &[Field] = &[
    Field::new(
        "additional_master_security_groups",
        "AdditionalMasterSecurityGroups",
        Kind::StrList,
    ),
    Field::new(
        "additional_slave_security_groups",
        "AdditionalSlaveSecurityGroups",
        Kind::StrList,
    ),
    Field::new("ec2_key_name", "Ec2KeyName", Kind::Str),
    Field::new("ec2_subnet_id", "Ec2SubnetId", Kind::Str),
    Field::new("ec2_subnet_ids", "Ec2SubnetIds", Kind::StrList),
    Field::new(
        "emr_managed_master_security_group",
        "EmrManagedMasterSecurityGroup",
        Kind::Str,
    ),
    Field::new(
        "emr_managed_slave_security_group",
        "EmrManagedSlaveSecurityGroup",
        Kind::Str,
    ),
    Field::new("hadoop_version", "HadoopVersion", Kind::Str),
    Field::new("instance_count", "InstanceCount", Kind::Number),
    Field::new(
        "instance_fleets",
        "InstanceFleets",
        Kind::List(&Kind::Struct(FLEET)),
    ),
    Field::new(
        "instance_groups",
        "InstanceGroups",
        Kind::List(&Kind::Struct(GROUP)),
    ),
    Field::new(
        "keep_job_flow_alive_when_no_steps",
        "KeepJobFlowAliveWhenNoSteps",
        Kind::Bool,
    )
    .or("true"),
    Field::new("master_instance_type", "MasterInstanceType", Kind::Str),
    Field::new("placement", "Placement", Kind::Struct(PLACEMENT)),
    Field::new(
        "service_access_security_group",
        "ServiceAccessSecurityGroup",
        Kind::Str,
    ),
    Field::new("slave_instance_type", "SlaveInstanceType", Kind::Str),
    Field::new("termination_protected", "TerminationProtected", Kind::Bool),
];

const APPLICATION: &[Field] = &[
    Field::new("additional_info", "AdditionalInfo", Kind::StrMap),
    Field::new("args", "Args", Kind::StrList),
    Field::new("name", "Name", Kind::Str).req(),
    Field::new("version", "Version", Kind::Str),
];

const SCRIPT: &[Field] = &[
    Field::new("args", "Args", Kind::StrList),
    Field::new("path", "Path", Kind::Str).req(),
];

const BOOTSTRAP: &[Field] = &[
    Field::new("name", "Name", Kind::Str).req(),
    Field::new(
        "script_bootstrap_action",
        "ScriptBootstrapAction",
        Kind::Struct(SCRIPT),
    )
    .req(),
];

const KERBEROS: &[Field] = &[
    Field::new("ad_domain_join_password", "ADDomainJoinPassword", Kind::Str),
    Field::new("ad_domain_join_user", "ADDomainJoinUser", Kind::Str),
    Field::new(
        "cross_realm_trust_principal_password",
        "CrossRealmTrustPrincipalPassword",
        Kind::Str,
    ),
    Field::new("kdc_admin_password", "KdcAdminPassword", Kind::Str).req(),
    Field::new("realm", "Realm", Kind::Str).req(),
];

const COMPUTE_LIMITS: &[Field] = &[
    Field::new(
        "unit_type",
        "UnitType",
        Kind::Enum(&[
            ("instance_fleet_units", "InstanceFleetUnits"),
            ("instances", "Instances"),
            ("vcpu", "VCPU"),
        ]),
    )
    .req(),
    Field::new(
        "minimum_capacity_units",
        "MinimumCapacityUnits",
        Kind::Number,
    )
    .req(),
    Field::new(
        "maximum_capacity_units",
        "MaximumCapacityUnits",
        Kind::Number,
    )
    .req(),
    Field::new(
        "maximum_on_demand_capacity_units",
        "MaximumOnDemandCapacityUnits",
        Kind::Number,
    ),
    Field::new(
        "maximum_core_capacity_units",
        "MaximumCoreCapacityUnits",
        Kind::Number,
    ),
];

const MANAGED_SCALING: &[Field] = &[Field::new(
    "compute_limits",
    "ComputeLimits",
    Kind::Struct(COMPUTE_LIMITS),
)];

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

/// (major, minor, patch) of `emr-x.y.z`.
fn release(label: &str) -> Option<(u32, u32, u32)> {
    let rest = label.strip_prefix("emr-")?;
    let mut parts = rest.split('.').map(|p| p.parse::<u32>().ok());
    let v = (parts.next()??, parts.next()??, parts.next()??);
    if parts.next().is_some() {
        return None;
    }
    Some(v)
}

fn check_create(ctx: &Ctx, errors: &mut Vec<TaskError>) {
    let label = ctx.str("release_label");
    let version = label.and_then(release);
    if let Some(l) = label
        && version.is_none()
    {
        errors.push(TaskError::new(
            ctx.loc("release_label"),
            format!("The release label must be in the format 'emr-x.x.x' but got {l}"),
        ));
    }
    if let Some(n) = ctx.num("step_concurrency_level") {
        if !(1.0..=256.0).contains(&n) {
            errors.push(
                TaskError::new(
                    ctx.loc("step_concurrency_level"),
                    format!("Step concurrency level must be in range [1, 256], but got {n}."),
                )
                .hint("use a value from 1 to 256"),
            );
        } else if n != 1.0
            && let (Some(l), Some(v)) = (label, version)
            && v < (5, 28, 0)
        {
            errors.push(TaskError::new(ctx.loc("step_concurrency_level"), format!("Step concurrency is only supported in EMR release version 5.28.0 and above but got {l}."))
                .hint("use release_label emr-5.28.0 or later, or step_concurrency_level: 1"));
        }
    }
    if let Some(s) = ctx.secs("auto_termination_policy_idle_timeout")
        && !(60..=604_800).contains(&s)
    {
        errors.push(TaskError::new(ctx.loc("auto_termination_policy_idle_timeout"), format!("`autoTerminationPolicyIdleTimeout` must be between 60 and 604800 seconds, got {s} seconds.")));
    }
    if let Some(n) = ctx.num("ebs_root_volume_size")
        && !(15.0..=100.0).contains(&n)
    {
        errors.push(TaskError::new(
            ctx.loc("ebs_root_volume_size"),
            format!("ebsRootVolumeSize must be between 15 and 100 GiB, but got {n} GiB."),
        ));
    }
    for (name, min, max, unit) in [
        ("ebs_root_volume_throughput", 125.0, 1000.0, " MiB/s"),
        ("ebs_root_volume_iops", 3000.0, 16000.0, ""),
    ] {
        if ctx.has(name) {
            if let (Some(l), Some(v)) = (label, version)
                && v < (6, 15, 0)
            {
                errors.push(TaskError::new(ctx.loc(name), format!("ebsRootVolumeThroughput and ebsRootVolumeIops are only supported in EMR release version 6.15.0 and above but got {l}.")));
            }
            if let Some(n) = ctx.num(name)
                && !(min..=max).contains(&n)
            {
                let cdk = if name.ends_with("throughput") {
                    "ebsRootVolumeThroughput"
                } else {
                    "ebsRootVolumeIops"
                };
                errors.push(TaskError::new(
                    ctx.loc(name),
                    format!("{cdk} must be between {min} and {max}{unit}, but got {n}{unit}."),
                ));
            }
        }
    }
    let fleets = ctx
        .value("instances")
        .and_then(|i| member(i, "instance_fleets"));
    let has_fleets = matches!(fleets, Some((TaskValue::Array(items), _)) if !items.is_empty());
    if has_fleets && ctx.has("auto_scaling_role") {
        errors.push(
            TaskError::new(
                ctx.loc("auto_scaling_role"),
                "Auto Scaling roles can not be specified with instance fleets.",
            )
            .hint("remove `auto_scaling_role` (fleets scale with managed scaling)"),
        );
    }
    if let Some((TaskValue::Array(items), _)) = fleets {
        for (floc, fleet) in items {
            check_fleet(fleet, *floc, errors);
        }
    }
}

fn num_of(v: &TaskValue, key: &str) -> Option<(f64, Loc)> {
    match member(v, key)? {
        (TaskValue::Number(n), loc) => n.as_f64().map(|f| (f, loc)),
        _ => None,
    }
}

fn check_fleet(fleet: &TaskValue, floc: Loc, errors: &mut Vec<TaskError>) {
    let on_demand = num_of(fleet, "target_on_demand_capacity");
    let spot = num_of(fleet, "target_spot_capacity");
    let positive = |c: Option<(f64, Loc)>| c.is_some_and(|(n, _)| n > 0.0);
    if !positive(on_demand) && !positive(spot) {
        errors.push(TaskError::new(floc, "At least one of targetSpotCapacity and targetOnDemandCapacity should be greater than 0")
            .hint("add `target_on_demand_capacity: 1` or `target_spot_capacity: 1`"));
    }
    let master = matches!(member(fleet, "instance_fleet_type"), Some((TaskValue::Ident(t) | TaskValue::Str(t), _)) if t.eq_ignore_ascii_case("master"));
    if master {
        if on_demand.is_some() && spot.is_some() {
            errors.push(TaskError::new(floc, "For a master instance fleet, only one of targetSpotCapacity and targetOnDemandCapacity can be specified"));
        }
        for (cap, cdk) in [
            (spot, "targetSpotCapacity"),
            (on_demand, "targetOnDemandCapacity"),
        ] {
            if let Some((n, loc)) = cap
                && n != 1.0
            {
                errors.push(TaskError::new(loc, format!("For a master instance fleet, {cdk} cannot be a number other than 1, got {n}")));
            }
        }
    }
    let specs = member(fleet, "launch_specifications").map(|(v, _)| v);
    let prioritized = specs
        .and_then(|s| member(s, "on_demand_specification"))
        .and_then(|(o, _)| member(o, "allocation_strategy"))
        .is_some_and(|(s, _)| matches!(s, TaskValue::Ident(w) | TaskValue::Str(w) if w.eq_ignore_ascii_case("prioritized")));
    if let Some((TaskValue::Array(configs), cloc)) = member(fleet, "instance_type_configs") {
        let with_priority: Vec<(f64, Loc)> = configs
            .iter()
            .filter_map(|(_, c)| num_of(c, "priority"))
            .collect();
        if let Some((_, first)) = with_priority.first()
            && !prioritized
        {
            errors.push(TaskError::new(*first, "Priority values are set on instance type configs, but allocation strategy is 'lowest-price'. Priority values only take effect with OnDemandAllocationStrategy.PRIORITIZED."));
        }
        if prioritized && !configs.is_empty() && with_priority.is_empty() {
            errors.push(TaskError::new(cloc, "OnDemandAllocationStrategy.PRIORITIZED requires at least one instance type config to have a priority value set. See https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-instance-fleet.html"));
        }
        for (n, loc) in &with_priority {
            if prioritized && *n < 0.0 {
                errors.push(TaskError::new(*loc, format!("priority must be a non-negative number, got {n}. Priority values start at 0 (highest priority) and are used with OnDemandAllocationStrategy.PRIORITIZED.")));
            }
        }
        for (iloc, c) in configs {
            if member(c, "bid_price").is_some()
                && member(c, "bid_price_as_percentage_of_on_demand_price").is_some()
            {
                errors.push(TaskError::new(
                    *iloc,
                    "Cannot specify both bidPrice and bidPriceAsPercentageOfOnDemandPrice",
                ));
            }
        }
    }
    if let Some((spot_spec, sloc)) = specs.and_then(|s| member(s, "spot_specification")) {
        let timeout = member(spot_spec, "timeout");
        let minutes = num_of(spot_spec, "timeout_duration_minutes");
        match (timeout, minutes) {
            (Some(_), Some(_)) | (None, None) => {
                errors.push(TaskError::new(
                    sloc,
                    "one of timeout and timeoutDurationMinutes must be specified",
                ));
            }
            (Some((TaskValue::DurationSecs(s), tloc)), None) => {
                let m = s / 60;
                if !(5..=1440).contains(&m) {
                    errors.push(TaskError::new(
                        tloc,
                        format!("timeout must be between 5 and 1440 minutes, got {m} minutes."),
                    ));
                }
            }
            (None, Some((m, tloc))) if !(5.0..=1440.0).contains(&m) => {
                errors.push(TaskError::new(
                    tloc,
                    format!("timeout must be between 5 and 1440 minutes, got {m} minutes."),
                ));
            }
            _ => {}
        }
    }
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
