//! HTTPS endpoints (`HttpInvoke`): POST a form-encoded body to a third-party API through an
//! EventBridge connection, then GET a resource whose id comes from the response, written as a
//! JSONata state. The local run plays the API.
//!
//! Mirrors the CDK conformance case `http-invoke` (state `InvokeHttpApi`), with an imported
//! connection ARN, and `api_endpoint` given relative to `api_root` (the README passes a full
//! URL, which CDK joins to the root into `https://api.example.com/https://api.example.com/..`).
//!
//! ```sh
//! cargo run --example http
//! ```

use serde_json::json;
use sfn::workflow;

workflow! {
    /// Creates a resource, then reads it back.
    pub HTTP {
        InvokeHttpApi: HttpInvoke {
            api_root: "https://api.example.com",
            api_endpoint: "path/to/resource",
            body: { "foo": "bar" },
            connection: "arn:aws:events:us-east-1:123456789012:connection/MyConnection/1a2b3c4d",
            headers: { "Content-Type": "application/json" },
            method: POST,
            query_string_parameters: { "id": "123" },
            url_encoding_format: brackets,
            result_selector: { "created": $.ResponseBody },
            result_path: $.post,
        } -> ReadBack,

        #[query_language = jsonata]
        ReadBack: HttpInvoke {
            api_root: "https://api.example.com",
            api_endpoint: "{% 'path/to/resource/' & $states.input.post.created.id %}",
            connection: "arn:aws:events:us-east-1:123456789012:connection/MyConnection/1a2b3c4d",
            method: GET,
            output: "{% $states.result.ResponseBody %}",
        } -> end,
    }
}

fn main() {
    println!("== ASL definition\n{}\n", HTTP.definition_pretty());
    println!("== IAM policy\n{}\n", HTTP.policy_pretty());

    let executor = HTTP
        .executor()
        .map(|e| {
            e.on_resource("arn:aws:states:::http:invoke", |p, _| {
                println!("   {} {}", p["Method"], p["ApiEndpoint"]);
                Ok(json!({"StatusCode": 200, "ResponseBody": {"id": 42, "foo": "bar"}}))
            })
        })
        .unwrap_or_else(|e| panic!("HTTP is a valid state machine: {e}"));
    println!("== Local run");
    let execution = executor.run(json!({}));
    println!(
        "   {:?}: {}",
        execution.status,
        execution.output.unwrap_or_default()
    );
}
