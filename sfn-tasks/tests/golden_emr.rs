//! EMR against CDK's conformance cases. CDK creates the cluster roles; we name them
//! (`${Role.Arn}` substitutions stand for CDK's created roles).
mod common;
use common::*;

#[test]
fn cancel_step() {
    let c = call(
        "EmrCancelStep",
        vec![("cluster_id", s("ClusterId")), ("step_id", s("StepId"))],
    );
    golden("emr-cancel-step", "Task", &c);
}

#[test]
fn modify_instance_fleet_by_name() {
    let c = call(
        "EmrModifyInstanceFleetByName",
        vec![
            ("cluster_id", s("ClusterId")),
            ("instance_fleet_name", s("InstanceFleetName")),
            ("target_on_demand_capacity", n(2)),
            ("target_spot_capacity", n(0)),
        ],
    );
    golden("emr-modify-instance-fleet-by-name", "Task", &c);
}

#[test]
fn modify_instance_group_by_name() {
    let c = call(
        "EmrModifyInstanceGroupByName",
        vec![
            ("cluster_id", s("ClusterId")),
            ("instance_group_name", p("$.InstanceGroupName")),
            ("instance_group", obj(vec![("instance_count", n(1))])),
        ],
    );
    golden("emr-modify-instance-group-by-name", "Task", &c);
}

#[test]
fn set_cluster_termination_protection() {
    let c = call(
        "EmrSetClusterTerminationProtection",
        vec![
            ("cluster_id", s("ClusterId")),
            ("termination_protected", b(false)),
        ],
    );
    golden("emr-set-cluster-termination-protection", "Task", &c);
}

#[test]
fn terminate_cluster() {
    let c = call("EmrTerminateCluster", vec![("cluster_id", s("ClusterId"))]);
    golden("emr-terminate-cluster", "Task", &c);
}

#[test]
fn create_cluster_on_demand_specification() {
    let mut fields = vec![
        (
            "instances",
            obj(vec![(
                "instance_fleets",
                arr(vec![obj(vec![
                    ("instance_fleet_type", id("master")),
                    ("target_on_demand_capacity", n(1)),
                    (
                        "launch_specifications",
                        obj(vec![(
                            "on_demand_specification",
                            obj(vec![("allocation_strategy", id("lowest_price"))]),
                        )]),
                    ),
                ])]),
            )]),
        ),
        ("name", s("OnDemandCluster")),
        ("pattern", id("run_job")),
    ];
    fields.push((
        "cluster_role",
        s("${OnDemandSpecificationInstanceRoleEE8B39DF.Arn}"),
    ));
    fields.push((
        "service_role",
        s("${OnDemandSpecificationServiceRole53290CB4.Arn}"),
    ));
    let c = call("EmrCreateCluster", fields);
    golden(
        "emr-create-cluster-on-demand-specification",
        "OnDemandSpecification",
        &c,
    );
}

#[test]
fn create_cluster_spot_specification() {
    let c = call(
        "EmrCreateCluster",
        vec![
            (
                "instances",
                obj(vec![(
                    "instance_fleets",
                    arr(vec![obj(vec![
                        ("instance_fleet_type", id("master")),
                        ("target_spot_capacity", n(1)),
                        (
                            "launch_specifications",
                            obj(vec![(
                                "spot_specification",
                                obj(vec![
                                    ("allocation_strategy", id("capacity_optimized")),
                                    ("timeout_action", id("terminate_cluster")),
                                    ("timeout", secs(300)),
                                ]),
                            )]),
                        ),
                    ])]),
                )]),
            ),
            ("name", s("SpotCluster")),
            ("pattern", id("run_job")),
            (
                "cluster_role",
                s("${SpotSpecificationInstanceRole772C3A86.Arn}"),
            ),
            (
                "service_role",
                s("${SpotSpecificationServiceRole70FC1099.Arn}"),
            ),
        ],
    );
    golden(
        "emr-create-cluster-spot-specification",
        "SpotSpecification",
        &c,
    );
}

fn create_cluster_roles() -> Vec<(&'static str, sfn_tasks::TaskValue)> {
    vec![
        (
            "cluster_role",
            s("${CreateClusterInstanceRole3CB73EC9.Arn}"),
        ),
        ("service_role", s("${CreateClusterServiceRole813E1E59.Arn}")),
        (
            "auto_scaling_role",
            s("${CreateClusterAutoScalingRoleB70D0F15.Arn}"),
        ),
    ]
}

#[test]
fn create_cluster_step_concurrency() {
    let mut fields = vec![
        ("instances", obj(vec![])),
        ("name", p("$.ClusterName")),
        ("step_concurrency_level", n(10)),
    ];
    fields.extend(create_cluster_roles());
    let c = call("EmrCreateCluster", fields);
    golden("emr-create-cluster-step-concurrency", "Create Cluster", &c);
}

#[test]
fn add_step_runtime_role() {
    let mut fields = vec![
        ("instances", obj(vec![])),
        ("name", p("$.ClusterName")),
        ("security_configuration", s("AddStepRuntimeRoleSecConfig")),
    ];
    fields.extend(create_cluster_roles());
    let create = call("EmrCreateCluster", fields);
    let add = call(
        "EmrAddStep",
        vec![
            ("cluster_id", s("ClusterId")),
            ("execution_role_arn", s("${Role1ABCC5F0.Arn}")),
            ("name", s("StepName")),
            ("jar", s("Jar")),
            ("action_on_failure", id("continue")),
        ],
    );
    golden_multi(
        "emr-add-step-runtime-role",
        &[("Create Cluster", &create), ("Task", &add)],
    );
}

/// Merged and minimised, the two tasks' statements group exactly as CDK's
/// `minimizePolicies` grouped them (statement by statement, not only grant by grant).
#[test]
fn minimised_policy_groups_like_cdk() {
    let mut fields = vec![
        ("instances", obj(vec![])),
        ("name", p("$.ClusterName")),
        ("security_configuration", s("AddStepRuntimeRoleSecConfig")),
    ];
    fields.extend(create_cluster_roles());
    let create = ok(&call("EmrCreateCluster", fields));
    let add = ok(&call(
        "EmrAddStep",
        vec![
            ("cluster_id", s("ClusterId")),
            ("execution_role_arn", s("${Role1ABCC5F0.Arn}")),
            ("name", s("StepName")),
            ("jar", s("Jar")),
        ],
    ));
    let mut doc = sfn_runtime::iam::PolicyDocument::new();
    for st in create.statements.into_iter().chain(add.statements) {
        doc.push(st);
    }
    let ours: Vec<serde_json::Value> = doc
        .minimized()
        .iter()
        .map(|s| resolve(&s.to_value()))
        .collect();
    let shape = |v: &serde_json::Value| {
        let list = |x: &serde_json::Value| -> Vec<String> {
            match x {
                serde_json::Value::String(s) => vec![s.clone()],
                serde_json::Value::Array(a) => a
                    .iter()
                    .filter_map(|i| i.as_str().map(String::from))
                    .collect(),
                _ => vec![],
            }
        };
        (
            list(&v["Action"]),
            list(&v["Resource"]),
            v["Condition"].to_string(),
        )
    };
    let mut got: Vec<_> = ours.iter().map(shape).collect();
    let cdk = case("emr-add-step-runtime-role");
    let mut want: Vec<_> = cdk["policy_statements"]
        .as_array()
        .expect("array")
        .iter()
        .map(shape)
        .collect();
    got.sort();
    want.sort();
    assert_eq!(got, want);
}
