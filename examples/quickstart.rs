//! The whole loop: declare a workflow in Rust, print its ASL, its IAM policy and a diagram,
//! then run it locally with mocked tasks.
//!
//! ```sh
//! cargo run --example quickstart
//! ```

use serde_json::json;
use sfn::exec::{Status, TaskFailure};
use sfn::workflow;

workflow! {
    /// Charges an order, then tells the customer.
    #[timeout = 5min]
    pub ORDER_FLOW {
        Validate: Choice {
            $.amount > 0 && is_present($.customer) => Charge,
            _ => Rejected,
        },

        #[retry(errors = ["Payment.Throttled"], interval = 1s, max_attempts = 3, backoff_rate = 2.0)]
        #[catch(errors = ["States.ALL"], result_path = $.error, next = Rejected)]
        Charge: LambdaInvoke {
            lambda_function: "arn:aws:lambda:us-east-1:123456789012:function:charge",
            payload: { "amount": $.amount, "customer": $.customer },
            result_selector: { "receipt": $.Payload.receipt },
            result_path: $.payment,
        } -> Notify,

        Notify: SnsPublish {
            topic: "arn:aws:sns:us-east-1:123456789012:orders",
            message: States.Format("Order paid, receipt {}", $.payment.receipt),
            result_path: null,
        } -> Done,

        Done: Succeed,
        Rejected: Fail { error: "OrderRejected", cause: "the order was not charged" },
    }
}

fn main() {
    println!("== ASL definition\n{}\n", ORDER_FLOW.definition_pretty());
    println!("== IAM policy\n{}\n", ORDER_FLOW.policy_pretty());
    println!("== Diagram (Mermaid)\n{}", ORDER_FLOW.mermaid());

    // Run it locally: the payment service is throttled once, then answers; SNS is mocked.
    let executor = ORDER_FLOW
        .executor()
        .and_then(|e| {
            e.on_state("Charge", |input, ctx| {
                if ctx.retry_count() == 0 {
                    return Err(TaskFailure::new("Payment.Throttled", "try again"));
                }
                let amount = &input["Payload"]["amount"];
                Ok(json!({"StatusCode": 200, "Payload": {"receipt": format!("R-{amount}")}}))
            })
        })
        .and_then(|e| e.on_state("Notify", |_, _| Ok(json!({"MessageId": "m-1"}))))
        .unwrap_or_else(|e| panic!("the handlers name states of ORDER_FLOW: {e}"));

    for input in [
        json!({"amount": 42, "customer": "ada"}),
        json!({"amount": 0}),
    ] {
        let execution = executor.run(input.clone());
        println!("== Run with input {input}");
        println!("   visited: {}", execution.states_visited.join(" -> "));
        match execution.status {
            Status::Succeeded => println!(
                "   SUCCEEDED with output {}",
                execution.output.unwrap_or_default()
            ),
            status => println!(
                "   {status:?}: {} ({})",
                execution.error.unwrap_or_default(),
                execution.cause.unwrap_or_default()
            ),
        }
    }
}
