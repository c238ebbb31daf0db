//! AWS Glue (`GlueStartCrawlerRun`, `GlueStartJobRun`): crawl new data, then run an ETL job
//! with arguments, a job timeout and a late-run notification, then a second job on two G.1X
//! workers, waiting for it to finish. The local run plays Glue.
//!
//! Mirrors the CDK conformance cases `glue-start-crawler-run-ref` (`Task1`; the crawler's name
//! is the definition substitution `${Crawler}`, filled in at deploy time like CDK's
//! `crawler.ref`), `glue-start-job-run` (`Task`) and `glue-start-job-run-worker-configuration`.
//! CDK's `taskTimeout` (which becomes the job's `Timeout`) is `job_timeout` here, so that
//! `timeout` always means the state's own `TimeoutSeconds`.
//!
//! ```sh
//! cargo run --example glue
//! ```

use serde_json::json;
use sfn::workflow;

workflow! {
    /// Crawl, transform, aggregate.
    pub GLUE {
        Task1: GlueStartCrawlerRun {
            crawler_name: "${Crawler}",
            result_path: null,
        } -> Task,

        Task: GlueStartJobRun {
            glue_job_name: "my-glue-job",
            arguments: { "key": "value", "--input": $.input },
            job_timeout: 30min,
            notify_delay_after: 5min,
            result_path: $.transform,
        } -> Aggregate,

        Aggregate: GlueStartJobRun {
            glue_job_name: "my-glue-job",
            pattern: run_job,
            worker_configuration: { "worker_type": g_1x, "number_of_workers": 2 },
            result_selector: { "state": $.JobRunState },
            result_path: $.aggregate,
        } -> end,
    }
}

fn main() {
    println!("== ASL definition\n{}\n", GLUE.definition_pretty());
    println!("== IAM policy\n{}\n", GLUE.policy_pretty());
    println!(
        "== Substitutions to provide at deploy time: {:?}\n",
        GLUE.substitutions()
    );

    let executor = GLUE
        .executor()
        .map(|e| {
            e.on_resource("arn:aws:states:::aws-sdk:glue:startCrawler", |_, _| {
                Ok(json!({}))
            })
            .on_resource("arn:aws:states:::glue:startJobRun", |_, _| {
                Ok(json!({"JobRunId": "jr_1"}))
            })
            .on_resource("arn:aws:states:::glue:startJobRun.sync", |_, _| {
                Ok(json!({"JobRunId": "jr_2", "JobRunState": "SUCCEEDED"}))
            })
        })
        .unwrap_or_else(|e| panic!("GLUE is a valid state machine: {e}"));
    let execution = executor.run(json!({"input": "s3://my-bucket/data/"}));
    println!("== Local run: {:?}", execution.status);
    println!("   output: {}", execution.output.unwrap_or_default());
}
