//! Amazon EMR (`EmrCreateCluster`, `EmrSetClusterTerminationProtection`,
//! `EmrModifyInstanceGroupByName`, `EmrAddStep`, `EmrTerminateCluster`, `EmrCancelStep`,
//! `EmrModifyInstanceFleetByName`): a transient cluster's life — create it and wait, protect
//! it, grow its core group, run a step, unprotect and terminate it — plus a small maintenance
//! workflow that cancels a step and resizes a fleet. The local run plays EMR.
//!
//! Mirrors the CDK conformance cases `emr-create-cluster-step-concurrency`,
//! `emr-set-cluster-termination-protection`, `emr-modify-instance-group-by-name`,
//! `emr-add-step-runtime-role`, `emr-terminate-cluster`, `emr-cancel-step` and
//! `emr-modify-instance-fleet-by-name`. CDK creates the cluster, service and auto-scaling
//! roles when none are given; a workflow provisions nothing, so they are named here.
//!
//! ```sh
//! cargo run --example emr
//! ```

use serde_json::json;
use sfn::workflow;

workflow! {
    /// Runs one Spark step on a cluster made for it.
    pub EMR {
        CreateCluster: EmrCreateCluster {
            name: $.ClusterName,
            release_label: "emr-6.15.0",
            applications: [{ "name": "Spark" }],
            instances: {
                "instance_groups": [
                    { "instance_role": master, "instance_type": "m5.xlarge", "instance_count": 1 },
                    { "instance_role": core, "instance_type": "m5.xlarge", "instance_count": 2, "name": "Core" },
                ],
            },
            step_concurrency_level: 10,
            cluster_role: "arn:aws:iam::123456789012:role/EMR_EC2_DefaultRole",
            service_role: "arn:aws:iam::123456789012:role/EMR_DefaultRole",
            auto_scaling_role: "arn:aws:iam::123456789012:role/EMR_AutoScaling_DefaultRole",
            result_selector: { "ClusterId": $.ClusterId },
            result_path: $.cluster,
        } -> Protect,

        Protect: EmrSetClusterTerminationProtection {
            cluster_id: $.cluster.ClusterId,
            termination_protected: true,
            result_path: null,
        } -> GrowCore,

        GrowCore: EmrModifyInstanceGroupByName {
            cluster_id: $.cluster.ClusterId,
            instance_group_name: "Core",
            instance_group: { "instance_count": 4 },
            result_path: null,
        } -> RunStep,

        #[catch(errors = ["States.ALL"], result_path = $.stepError, next = Unprotect)]
        RunStep: EmrAddStep {
            cluster_id: $.cluster.ClusterId,
            execution_role_arn: "arn:aws:iam::123456789012:role/SparkStepRole",
            name: "StepName",
            jar: "command-runner.jar",
            args: ["spark-submit", "s3://my-bucket/jobs/etl.py"],
            action_on_failure: continue,
            result_path: null,
        } -> Unprotect,

        Unprotect: EmrSetClusterTerminationProtection {
            cluster_id: $.cluster.ClusterId,
            termination_protected: false,
            result_path: null,
        } -> Terminate,

        Terminate: EmrTerminateCluster { cluster_id: $.cluster.ClusterId } -> end,
    }

    /// Stops a runaway step and scales the task fleet back down.
    pub EMR_MAINTENANCE {
        CancelStep: EmrCancelStep {
            cluster_id: $.ClusterId,
            step_id: $.StepId,
            result_path: null,
        } -> ScaleDown,

        ScaleDown: EmrModifyInstanceFleetByName {
            cluster_id: $.ClusterId,
            instance_fleet_name: "InstanceFleetName",
            target_on_demand_capacity: 2,
            target_spot_capacity: 0,
        } -> end,
    }
}

fn main() {
    for workflow in [EMR, EMR_MAINTENANCE] {
        println!(
            "== {} ASL definition\n{}\n",
            workflow.name(),
            workflow.definition_pretty()
        );
        println!(
            "== {} IAM policy\n{}\n",
            workflow.name(),
            workflow.policy_pretty()
        );
    }

    // Every EMR call answers; only the cluster creation's answer matters to the flow.
    let executor = EMR
        .executor()
        .and_then(|e| {
            e.on_state("CreateCluster", |_, _| {
                Ok(json!({"ClusterId": "j-2AXXXXXXGAPLF"}))
            })
        })
        .map(|e| {
            [
                "setClusterTerminationProtection",
                "modifyInstanceGroupByName",
                "addStep.sync",
                "terminateCluster.sync",
            ]
            .into_iter()
            .fold(e, |e, api| {
                let resource = format!("arn:aws:states:::elasticmapreduce:{api}");
                e.on_resource(&resource, move |p, _| {
                    println!("   {api} on {}", p["ClusterId"]);
                    Ok(json!({}))
                })
            })
        })
        .unwrap_or_else(|e| panic!("CreateCluster is a task of EMR: {e}"));
    println!("== Local run of EMR");
    let execution = executor.run(json!({"ClusterName": "nightly-etl"}));
    println!("   visited: {}", execution.states_visited.join(" -> "));
    println!(
        "   {:?}: {}",
        execution.status,
        execution.output.unwrap_or_default()
    );
}
