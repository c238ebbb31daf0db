//! Amazon SNS (`SnsPublish`): publish a message built from a literal object and the state
//! input, then a second message with typed message attributes; run locally with SNS mocked.
//!
//! Mirrors the CDK conformance case `sns-publish-object-message-imported` (state `Publish2`).
//!
//! ```sh
//! cargo run --example sns
//! ```

use serde_json::json;
use sfn::workflow;

workflow! {
    /// Announces an order twice: once as JSON, once as text with filterable attributes.
    pub SNS {
        Publish2: SnsPublish {
            topic: "arn:aws:sns:us-east-1:123456789012:MyTopic",
            message: { "field1": "somedata", "field2": $.field2 },
            result_path: $.first,
        } -> PublishWithAttributes,

        // CDK infers each attribute's DataType (String, Number, String.Array) from its value.
        PublishWithAttributes: SnsPublish {
            topic: "arn:aws:sns:us-east-1:123456789012:MyTopic",
            message: $.text,
            subject: "Order update",
            message_attributes: {
                "place": "Lisbon",
                "pic": { "value": $.picture, "data_type": binary },
                "people": 4,
                "handles": ["@kslater", "@jjf", null, "@mfanning"],
            },
            result_path: $.second,
        } -> end,
    }
}

fn main() {
    println!("== ASL definition\n{}\n", SNS.definition_pretty());
    println!("== IAM policy\n{}\n", SNS.policy_pretty());

    // The mock echoes what SNS would have received, so the rendered parameters are visible.
    let executor = SNS
        .executor()
        .map(|e| {
            e.on_resource("arn:aws:states:::sns:publish", |params, ctx| {
                println!("   {} publishes {params}", ctx.state_name());
                Ok(json!({"MessageId": format!("m-{}", ctx.state_name())}))
            })
        })
        .unwrap_or_else(|e| panic!("SNS is a valid state machine: {e}"));
    println!("== Local run");
    let execution = executor.run(json!({"field2": "x", "text": "shipped", "picture": "cat.png"}));
    println!(
        "   {:?}: {}",
        execution.status,
        execution.output.unwrap_or_default()
    );
}
