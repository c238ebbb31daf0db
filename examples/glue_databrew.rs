//! AWS Glue DataBrew (`GlueDataBrewStartJobRun`): start a DataBrew job and, in a second
//! workflow, start it and wait for it to finish. The local run plays DataBrew.
//!
//! Mirrors the CDK conformance case `glue-databrew-start-job-run` (state `Task`).
//!
//! ```sh
//! cargo run --example glue_databrew
//! ```

use serde_json::json;
use sfn::workflow;

workflow! {
    /// Fire and forget: returns the run id.
    pub DATABREW {
        Task: GlueDataBrewStartJobRun { name: "databrew-job" } -> end,
    }

    /// Waits for the run (`.sync`), which needs the stop/list permissions as well.
    pub DATABREW_SYNC {
        CleanData: GlueDataBrewStartJobRun {
            name: "databrew-job",
            pattern: run_job,
            result_selector: { "state": $.State },
        } -> end,
    }
}

fn main() {
    for workflow in [DATABREW, DATABREW_SYNC] {
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

    let executor = DATABREW_SYNC
        .executor()
        .map(|e| {
            e.on_resource("arn:aws:states:::databrew:startJobRun.sync", |p, _| {
                Ok(json!({"Name": p["Name"], "RunId": "db_1", "State": "SUCCEEDED"}))
            })
        })
        .unwrap_or_else(|e| panic!("DATABREW_SYNC is a valid state machine: {e}"));
    let execution = executor.run(json!({}));
    println!("== Local run of DATABREW_SYNC: {:?}", execution.status);
    println!("   output: {}", execution.output.unwrap_or_default());
}
