//! `EvaluateExpression`: the CDK README's chain — convert milliseconds to seconds, build a
//! message with a template string, publish it to SNS, then wait that many seconds. Runs
//! locally with SNS mocked.
//!
//! CDK evaluates each expression in a Lambda function it deploys; here the expression is
//! translated at compile time to JSONata and the task becomes a native `Pass` state with
//! `"QueryLanguage": "JSONata"`: no function, no IAM statement, no cold start. So the two
//! first states differ from the CDK conformance case `evaluate-expression-chain` by design;
//! the SNS and Wait states mirror it.
//!
//! ```sh
//! cargo run --example evaluate_expression
//! ```

use serde_json::json;
use sfn::exec::Status;
use sfn::workflow;

workflow! {
    /// Announces a wait, then waits.
    pub EVALUATE_EXPRESSION {
        ConvertToSeconds: EvaluateExpression {
            expression: "$.waitMilliseconds / 1000",
            result_path: $.waitSeconds,
        } -> CreateMessage,

        CreateMessage: EvaluateExpression {
            // Note: this is a string inside a string.
            expression: "`Now waiting ${$.waitSeconds} seconds...`",
            runtime: NODEJS_LATEST,
            result_path: $.message,
        } -> PublishMessage,

        PublishMessage: SnsPublish {
            topic: "arn:aws:sns:us-east-1:123456789012:cool-topic",
            message: $.message,
            result_path: $.sns,
        } -> Wait,

        Wait: Wait { seconds: $.waitSeconds } -> end,
    }
}

fn main() {
    println!(
        "== ASL definition\n{}\n",
        EVALUATE_EXPRESSION.definition_pretty()
    );
    println!("== IAM policy\n{}\n", EVALUATE_EXPRESSION.policy_pretty());

    let executor = EVALUATE_EXPRESSION
        .executor()
        .and_then(|e| {
            e.on_state("PublishMessage", |p, _| {
                println!("   SNS gets {}", p["Message"]);
                Ok(json!({"MessageId": "m-1"}))
            })
        })
        .unwrap_or_else(|e| panic!("PublishMessage is a task of EVALUATE_EXPRESSION: {e}"));
    // 2500 ms is 2.5 s, and a Wait state's SecondsPath must be a whole number: the
    // README's chain fails on such input, in the cloud as here.
    for ms in [3000, 2500] {
        println!("== Local run with waitMilliseconds = {ms}");
        let execution = executor.run(json!({ "waitMilliseconds": ms }));
        println!("   visited: {}", execution.states_visited.join(" -> "));
        match execution.status {
            Status::Succeeded => println!("   SUCCEEDED: {}", execution.output.unwrap_or_default()),
            status => println!(
                "   {status:?}: {} ({})",
                execution.error.unwrap_or_default(),
                execution.cause.unwrap_or_default()
            ),
        }
    }
}
