//! AWS Batch (`BatchSubmitJob`): submit a job and wait for it (the default RUN_JOB pattern),
//! then submit an array job that depends on it with overridden command and environment.
//! The local run plays AWS Batch.
//!
//! Mirrors the CDK conformance case `batch-submit-job` (state `SubmitJob`).
//!
//! ```sh
//! cargo run --example batch
//! ```

use serde_json::json;
use sfn::workflow;

workflow! {
    /// Prepares the data with one job, then fans out to an array job.
    pub BATCH {
        SubmitJob: BatchSubmitJob {
            job_definition_arn: "arn:aws:batch:us-east-1:123456789012:job-definition/MyJobDef:1",
            job_name: "MyJob",
            job_queue_arn: "arn:aws:batch:us-east-1:123456789012:job-queue/MyJobQueue",
            result_selector: { "jobId": $.JobId },
            result_path: $.prepare,
        } -> ProcessShards,

        ProcessShards: BatchSubmitJob {
            job_definition_arn: "arn:aws:batch:us-east-1:123456789012:job-definition/MyJobDef:1",
            job_name: "ProcessShards",
            job_queue_arn: "arn:aws:batch:us-east-1:123456789012:job-queue/MyJobQueue",
            array_size: 4,
            depends_on: [{ "job_id": $.prepare.jobId, "type": "SEQUENTIAL" }],
            container_overrides: {
                "command": ["process", "--input", "s3://my-bucket/input"],
                "environment": { "STAGE": "prod", "RUN_ID": $$.Execution.Name },
                "memory_mib": 2048,
            },
            attempts: 3,
            attempt_duration: 30min,
            result_selector: { "jobId": $.JobId, "status": $.Status },
            result_path: $.shards,
        } -> end,
    }
}

fn main() {
    println!("== ASL definition\n{}\n", BATCH.definition_pretty());
    println!("== IAM policy\n{}\n", BATCH.policy_pretty());

    // `.sync` tasks return the finished job's description.
    let executor = BATCH
        .executor()
        .map(|e| {
            e.on_resource("arn:aws:states:::batch:submitJob.sync", |params, _| {
                Ok(json!({"JobId": format!("job-{}", params["JobName"].as_str().unwrap_or("?")), "Status": "SUCCEEDED"}))
            })
        })
        .unwrap_or_else(|e| panic!("BATCH is a valid state machine: {e}"));
    let execution = executor.run(json!({}));
    println!("== Local run: {:?}", execution.status);
    println!("   output: {}", execution.output.unwrap_or_default());
}
