//! The data of `EmrCreateCluster`'s nested props: instances, fleets, groups, configurations.

use crate::engine::{Out, Rcx};
use crate::model::{Loc, TaskError, TaskValue};
use crate::spec::{Field, Kind};

pub(crate) const CONFIGURATION: &[Field] = &[
    Field::new("classification", "Classification", Kind::Str),
    Field::new("properties", "Properties", Kind::StrMap),
    Field::new(
        "configurations",
        "Configurations",
        Kind::Custom(configurations),
    ),
];

/// A list of EMR configurations, nested to any depth.
pub(crate) fn configurations(rcx: &Rcx, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
    rcx.render(&Kind::List(&Kind::Struct(CONFIGURATION)), value, loc)
}

pub(crate) const VOLUME_TYPES: &[(&str, &str)] = &[
    ("gp3", "gp3"),
    ("gp2", "gp2"),
    ("io1", "io1"),
    ("st1", "st1"),
    ("sc1", "sc1"),
    ("standard", "standard"),
];

pub(crate) const VOLUME: &[Field] = &[
    Field::new("iops", "Iops", Kind::Number),
    Field::new("size_in_gb", "SizeInGB", Kind::Number).req(),
    Field::new("volume_type", "VolumeType", Kind::Enum(VOLUME_TYPES)).req(),
];

pub(crate) const BLOCK_DEVICE: &[Field] = &[
    Field::new(
        "volume_specification",
        "VolumeSpecification",
        Kind::Struct(VOLUME),
    )
    .req(),
    Field::new("volumes_per_instance", "VolumesPerInstance", Kind::Number),
];

pub(crate) const EBS: &[Field] = &[
    Field::new(
        "ebs_block_device_configs",
        "EbsBlockDeviceConfigs",
        Kind::List(&Kind::Struct(BLOCK_DEVICE)),
    ),
    Field::new("ebs_optimized", "EbsOptimized", Kind::Bool),
];

pub(crate) const INSTANCE_TYPE_CONFIG: &[Field] = &[
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

pub(crate) const ROLE_TYPES: &[(&str, &str)] =
    &[("master", "MASTER"), ("core", "CORE"), ("task", "TASK")];

pub(crate) const ON_DEMAND: &[Field] = &[Field::new(
    "allocation_strategy",
    "AllocationStrategy",
    Kind::Enum(&[
        ("lowest_price", "lowest-price"),
        ("prioritized", "prioritized"),
    ]),
)
.req()];

pub(crate) const SPOT: &[Field] = &[
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

pub(crate) const LAUNCH_SPECIFICATIONS: &[Field] = &[
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

pub(crate) const FLEET: &[Field] = &[
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

pub(crate) const GROUP: &[Field] = &[
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

pub(crate) const PLACEMENT: &[Field] = &[
    Field::new("availability_zone", "AvailabilityZone", Kind::Str),
    Field::new("availability_zones", "AvailabilityZones", Kind::StrList),
];

pub(crate) const INSTANCES: &[Field] = &[
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

pub(crate) const APPLICATION: &[Field] = &[
    Field::new("additional_info", "AdditionalInfo", Kind::StrMap),
    Field::new("args", "Args", Kind::StrList),
    Field::new("name", "Name", Kind::Str).req(),
    Field::new("version", "Version", Kind::Str),
];

pub(crate) const SCRIPT: &[Field] = &[
    Field::new("args", "Args", Kind::StrList),
    Field::new("path", "Path", Kind::Str).req(),
];

pub(crate) const BOOTSTRAP: &[Field] = &[
    Field::new("name", "Name", Kind::Str).req(),
    Field::new(
        "script_bootstrap_action",
        "ScriptBootstrapAction",
        Kind::Struct(SCRIPT),
    )
    .req(),
];

pub(crate) const KERBEROS: &[Field] = &[
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

pub(crate) const COMPUTE_LIMITS: &[Field] = &[
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

pub(crate) const MANAGED_SCALING: &[Field] = &[Field::new(
    "compute_limits",
    "ComputeLimits",
    Kind::Struct(COMPUTE_LIMITS),
)];
