//! AWS CodeBuild (`CodeBuildStartBuild`, `CodeBuildStartBuildBatch`): run a build and wait for
//! it with an environment variable taken from the input, then start a batch build without
//! waiting. The local run plays CodeBuild.
//!
//! Mirrors the CDK conformance cases `codebuild-start-build` (with the project imported by
//! name instead of created) and `codebuild-start-build-batch-imported`.
//!
//! ```sh
//! cargo run --example codebuild
//! ```

use serde_json::json;
use sfn::workflow;

workflow! {
    /// Builds for one zone, then kicks off the batch of integration builds.
    pub CODEBUILD {
        Build: CodeBuildStartBuild {
            project: "MyTestProject",
            pattern: run_job,
            environment_variables_override: {
                "ZONE": { "type": plaintext, "value": $.envVariables.zone },
            },
            result_selector: { "status": $.Build.BuildStatus },
            result_path: $.build,
        } -> BuildBatchTask,

        BuildBatchTask: CodeBuildStartBuildBatch {
            project: "MyTestProject",
            pattern: request_response,
            environment_variables_override: {
                "test": { "type": plaintext, "value": "testValue" },
            },
            result_selector: { "batchId": $.BuildBatch.Id },
            result_path: $.batch,
        } -> end,
    }
}

fn main() {
    println!("== ASL definition\n{}\n", CODEBUILD.definition_pretty());
    println!("== IAM policy\n{}\n", CODEBUILD.policy_pretty());

    let executor = CODEBUILD
        .executor()
        .map(|e| {
            e.on_resource("arn:aws:states:::codebuild:startBuild.sync", |_, _| {
                Ok(json!({"Build": {"BuildStatus": "SUCCEEDED"}}))
            })
            .on_resource("arn:aws:states:::codebuild:startBuildBatch", |_, _| {
                Ok(json!({"BuildBatch": {"Id": "MyTestProject:b-1"}}))
            })
        })
        .unwrap_or_else(|e| panic!("CODEBUILD is a valid state machine: {e}"));
    let execution = executor.run(json!({"envVariables": {"zone": "eu-west-1a"}}));
    println!("== Local run: {:?}", execution.status);
    println!("   output: {}", execution.output.unwrap_or_default());
}
