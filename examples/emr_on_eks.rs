//! Amazon EMR on EKS (`EmrContainersCreateVirtualCluster`, `EmrContainersStartJobRun`,
//! `EmrContainersDeleteVirtualCluster`): create a virtual cluster on an EKS namespace, run a
//! Spark job on it and wait (RUN_JOB) with logs sent to CloudWatch and S3, then delete the
//! virtual cluster. The local run plays EMR on EKS.
//!
//! Mirrors the CDK conformance cases `emr-containers-create-virtual-cluster-namespace`,
//! `emr-containers-start-job-run-execution-role`, `emr-containers-start-job-run-monitoring-existing`
//! and `emr-containers-delete-virtual-cluster`. CDK's `jobDriver.sparkSubmitJobDriver` fields
//! are flat here (`entry_point`, `spark_submit_parameters`); CDK creates an execution role
//! when none is given, a workflow names it.
//!
//! ```sh
//! cargo run --example emr_on_eks
//! ```

use serde_json::json;
use sfn::workflow;

workflow! {
    /// Computes pi on a short-lived virtual cluster.
    pub EMR_ON_EKS {
        CreateAVirtualCluster: EmrContainersCreateVirtualCluster {
            eks_cluster: "clusterId",
            eks_namespace: "specified-namespace",
            result_selector: { "id": $.Id },
            result_path: $.virtualCluster,
        } -> StartJobRun,

        StartJobRun: EmrContainersStartJobRun {
            virtual_cluster: $.virtualCluster.id,
            release_label: emr_6_2_0,
            job_name: "EMR-Containers-Job",
            execution_role: "arn:aws:iam::123456789012:role/JobExecutionRole",
            entry_point: "local:///usr/lib/spark/examples/src/main/python/pi.py",
            spark_submit_parameters: "--conf spark.executor.instances=2 --conf spark.executor.memory=2G --conf spark.executor.cores=2 --conf spark.driver.cores=1",
            monitoring: { "log_group": "emr-on-eks-jobs", "log_bucket": "my-emr-logs" },
            result_selector: { "state": $.State },
            result_path: $.job,
        } -> DeleteAVirtualCluster,

        DeleteAVirtualCluster: EmrContainersDeleteVirtualCluster {
            virtual_cluster_id: $.virtualCluster.id,
            result_path: null,
        } -> end,
    }
}

fn main() {
    println!("== ASL definition\n{}\n", EMR_ON_EKS.definition_pretty());
    println!("== IAM policy\n{}\n", EMR_ON_EKS.policy_pretty());

    let executor = EMR_ON_EKS
        .executor()
        .map(|e| {
            e.on_resource(
                "arn:aws:states:::emr-containers:createVirtualCluster",
                |p, _| {
                    println!("   creating virtual cluster {}", p["Name"]);
                    Ok(json!({"Id": "de92jdei2910fwedz"}))
                },
            )
            .on_resource(
                "arn:aws:states:::emr-containers:startJobRun.sync",
                |_, _| Ok(json!({"Id": "jr-1", "State": "COMPLETED"})),
            )
            .on_resource(
                "arn:aws:states:::emr-containers:deleteVirtualCluster",
                |_, _| Ok(json!({})),
            )
        })
        .unwrap_or_else(|e| panic!("EMR_ON_EKS is a valid state machine: {e}"));
    println!("== Local run");
    let execution = executor.run(json!({}));
    println!(
        "   {:?}: {}",
        execution.status,
        execution.output.unwrap_or_default()
    );
}
