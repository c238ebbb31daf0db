//! Amazon Athena (`AthenaStartQueryExecution`, `AthenaGetQueryExecution`,
//! `AthenaGetQueryResults`, `AthenaStopQueryExecution`): start a query with result reuse,
//! poll until it finishes, then fetch its rows (or stop it when it takes too long).
//! The local run plays Athena: the query is running at the first poll, done at the second.
//!
//! Mirrors the CDK conformance cases `athena-start-query-execution-result-reuse`,
//! `athena-get-query-execution`, `athena-get-query-results` and `athena-stop-query-execution`.
//!
//! ```sh
//! cargo run --example athena
//! ```

use serde_json::json;
use sfn::workflow;
use std::sync::atomic::{AtomicU32, Ordering};

workflow! {
    /// Runs `$.queryString` and returns its first rows.
    pub ATHENA {
        StartAthenaQuery: AthenaStartQueryExecution {
            query_string: $.queryString,
            query_execution_context: { "database_name": "mydatabase" },
            result_configuration: {
                "encryption_configuration": { "encryption_option": s3_managed },
                "output_location": { "bucket_name": "query-results-bucket", "object_key": "folder" },
            },
            execution_parameters: ["param1", "param2"],
            result_reuse_configuration_max_age: 100min,
            result_path: $.query,
        } -> WaitForQuery,

        WaitForQuery: Wait { seconds: 5 } -> GetQueryExecution,

        GetQueryExecution: AthenaGetQueryExecution {
            query_execution_id: $.query.QueryExecutionId,
            result_selector: { "state": $.QueryExecution.Status.State },
            result_path: $.status,
        } -> IsDone,

        IsDone: Choice {
            $.status.state == "SUCCEEDED" => GetQueryResults,
            $.status.state == "FAILED" || $.status.state == "CANCELLED" => QueryFailed,
            // Past the caller's deadline: give up on the query.
            $$.State.EnteredTime > timestamp($.deadline) => StopQueryExecution,
            _ => WaitForQuery,
        },

        GetQueryResults: AthenaGetQueryResults {
            query_execution_id: $.query.QueryExecutionId,
            max_results: 10,
            result_selector: { "rows": $.ResultSet.Rows },
        } -> end,

        StopQueryExecution: AthenaStopQueryExecution {
            query_execution_id: $.query.QueryExecutionId,
        } -> QueryFailed,

        QueryFailed: Fail { error: "QueryFailed", cause: "the Athena query did not succeed" },
    }
}

fn main() {
    println!("== ASL definition\n{}\n", ATHENA.definition_pretty());
    println!("== IAM policy\n{}\n", ATHENA.policy_pretty());

    let executor = ATHENA
        .executor()
        .map(|e| {
            e.on_resource("arn:aws:states:::athena:startQueryExecution", |_, _| {
                Ok(json!({"QueryExecutionId": "q-1"}))
            })
            .on_resource("arn:aws:states:::athena:getQueryExecution", {
                let polls = AtomicU32::new(0);
                move |_, _| {
                    let first = polls.fetch_add(1, Ordering::Relaxed) == 0;
                    let state = if first { "RUNNING" } else { "SUCCEEDED" };
                    Ok(json!({"QueryExecution": {"Status": {"State": state}}}))
                }
            })
            .on_resource("arn:aws:states:::athena:getQueryResults", |_, _| {
                Ok(json!({"ResultSet": {"Rows": [{"Data": [{"VarCharValue": "42"}]}]}}))
            })
        })
        .unwrap_or_else(|e| panic!("ATHENA is a valid state machine: {e}"));
    let execution =
        executor.run(json!({"queryString": "SELECT 42", "deadline": "2099-01-01T00:00:00Z"}));
    println!("== Local run: {:?}", execution.status);
    println!("   visited: {}", execution.states_visited.join(" -> "));
    println!("   output:  {}", execution.output.unwrap_or_default());
}
