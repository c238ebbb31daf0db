//! AWS Lambda (`LambdaInvoke`): the CDK README's four ways to hand a payload to a function,
//! chained into one workflow, plus a local run with the function mocked.
//!
//! Mirrors the CDK conformance cases `lambda-invoke-state-input`, `lambda-invoke-payload-field`,
//! `lambda-invoke-empty-object-payload` and `lambda-invoke-output-path`.
//!
//! ```sh
//! cargo run --example lambda
//! ```

use serde_json::json;
use sfn::workflow;

workflow! {
    /// Each step calls the same function with a differently shaped payload.
    pub LAMBDA {
        // No `payload`: the whole state input is sent (`Payload.$: "$"`).
        InvokeWithStateInput: LambdaInvoke {
            lambda_function: "arn:aws:lambda:us-east-1:123456789012:function:MyFn",
        } -> InvokeWithPayloadField,

        // The previous invocation's `Payload` becomes this one's payload.
        InvokeWithPayloadField: LambdaInvoke {
            lambda_function: "arn:aws:lambda:us-east-1:123456789012:function:MyFn",
            payload: $.Payload,
        } -> InvokeWithEmptyObject,

        InvokeWithEmptyObject: LambdaInvoke {
            lambda_function: "arn:aws:lambda:us-east-1:123456789012:function:MyFn",
            payload: {},
        } -> InvokeAndKeepPayload,

        // Keep only the function's response, not the Lambda API envelope.
        InvokeAndKeepPayload: LambdaInvoke {
            lambda_function: "arn:aws:lambda:us-east-1:123456789012:function:MyFn",
            output_path: $.Payload,
        } -> end,
    }
}

fn main() {
    println!("== ASL definition\n{}\n", LAMBDA.definition_pretty());
    println!("== IAM policy\n{}\n", LAMBDA.policy_pretty());

    // The mocked function counts how often it was called and echoes what it got.
    let executor = LAMBDA
        .executor()
        .map(|e| {
            e.on_resource("arn:aws:states:::lambda:invoke", |params, ctx| {
                let payload = &params["Payload"];
                Ok(json!({
                    "StatusCode": 200,
                    "Payload": {"calls": payload["calls"].as_u64().unwrap_or(0) + 1, "state": ctx.state_name()}
                }))
            })
        })
        .unwrap_or_else(|e| panic!("LAMBDA is a valid state machine: {e}"));
    let execution = executor.run(json!({"calls": 0}));
    println!("== Local run: {:?}", execution.status);
    println!("   visited: {}", execution.states_visited.join(" -> "));
    println!("   output:  {}", execution.output.unwrap_or_default());
}
