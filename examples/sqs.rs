//! Amazon SQS (`SqsSendMessage`): send a field of the state input as the message body, then a
//! body built from a literal object and the input; run locally with SQS mocked.
//!
//! Mirrors the CDK conformance cases `sqs-send-message-json-path` (`Send1`) and
//! `sqs-send-message-object` (`Send2`), with an imported queue instead of a created one.
//!
//! ```sh
//! cargo run --example sqs
//! ```

use serde_json::json;
use sfn::workflow;

workflow! {
    /// Queues a message twice, in the two shapes the CDK README shows.
    pub SQS {
        // Use a field from the execution data as message.
        Send1: SqsSendMessage {
            queue: "https://sqs.us-east-1.amazonaws.com/123456789012/MyQueue",
            message_body: $.message,
            result_path: $.sent1,
        } -> Send2,

        // Combine a field from the execution data with a literal object.
        Send2: SqsSendMessage {
            queue: "https://sqs.us-east-1.amazonaws.com/123456789012/MyQueue",
            message_body: { "field1": "somedata", "field2": $.field2 },
            delay: 10s,
            result_path: $.sent2,
        } -> end,
    }
}

fn main() {
    println!("== ASL definition\n{}\n", SQS.definition_pretty());
    println!("== IAM policy\n{}\n", SQS.policy_pretty());

    let executor = SQS
        .executor()
        .map(|e| {
            e.on_resource("arn:aws:states:::sqs:sendMessage", |params, _| {
                Ok(json!({"MessageId": "42", "Body": params["MessageBody"]}))
            })
        })
        .unwrap_or_else(|e| panic!("SQS is a valid state machine: {e}"));
    let execution = executor.run(json!({"message": "hello", "field2": "world"}));
    println!("== Local run: {:?}", execution.status);
    println!("   output: {}", execution.output.unwrap_or_default());
}
