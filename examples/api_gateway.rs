//! Amazon API Gateway (`CallApiGatewayRestApiEndpoint`, `CallApiGatewayHttpApiEndpoint`):
//! call a REST API stage, call it again with the callback pattern (the task token travels in a
//! header), then call an HTTP API. The local run plays the APIs and the callback.
//!
//! Mirrors the CDK conformance cases `call-rest-api-endpoint-imported` and
//! `call-http-api-endpoint` (with a literal API id instead of a created API).
//!
//! ```sh
//! cargo run --example api_gateway
//! ```

use serde_json::json;
use sfn::workflow;

workflow! {
    /// Reads an order from the REST API, waits for its approval, then notifies an HTTP API.
    pub API_GATEWAY {
        CallRestApi: CallApiGatewayRestApiEndpoint {
            api: "a1b2c3d4e5",
            stage_name: "prod",
            method: GET,
            result_selector: { "order": $.ResponseBody },
            result_path: $.rest,
        } -> WaitForApproval,

        // The backend answers later with SendTaskSuccess, using the token from the header.
        WaitForApproval: CallApiGatewayRestApiEndpoint {
            api: "a1b2c3d4e5",
            stage_name: "prod",
            api_path: "/approvals",
            method: POST,
            pattern: wait_for_task_token,
            headers: { "TaskToken": States.Array($$.Task.Token) },
            request_body: { "order": $.rest.order },
            result_path: $.approval,
        } -> CallHttpApi,

        CallHttpApi: CallApiGatewayHttpApiEndpoint {
            api: "k1l2m3n4o5",
            method: GET,
            result_path: null,
        } -> end,
    }
}

fn main() {
    println!("== ASL definition\n{}\n", API_GATEWAY.definition_pretty());
    println!("== IAM policy\n{}\n", API_GATEWAY.policy_pretty());

    let executor = API_GATEWAY
        .executor()
        .and_then(|e| {
            e.on_state("CallRestApi", |_, _| {
                Ok(json!({"StatusCode": 200, "ResponseBody": {"id": 7, "total": 12.5}}))
            })
        })
        .and_then(|e| {
            e.on_state("WaitForApproval", |params, ctx| {
                println!("   approval requested with headers {}", params["Headers"]);
                if let Some(token) = ctx.task_token() {
                    token.send_success(json!({"approved": true}));
                }
                Ok(json!({"StatusCode": 202}))
            })
        })
        .and_then(|e| e.on_state("CallHttpApi", |_, _| Ok(json!({"StatusCode": 200}))))
        .unwrap_or_else(|e| panic!("the handlers name task states of API_GATEWAY: {e}"));
    println!("== Local run");
    let execution = executor.run(json!({}));
    println!(
        "   {:?}: {}",
        execution.status,
        execution.output.unwrap_or_default()
    );
}
