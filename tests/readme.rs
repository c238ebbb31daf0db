//! The README's code, kept honest: the workflow of its first section and its local test.

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

#[test]
fn a_throttled_payment_is_retried() {
    let executor = ORDER_FLOW
        .executor()
        .unwrap()
        .on_state("Charge", |_input, ctx| {
            if ctx.retry_count() == 0 {
                return Err(TaskFailure::new("Payment.Throttled", "try again"));
            }
            Ok(json!({"Payload": {"receipt": "R-1"}}))
        })
        .unwrap()
        .on_state("Notify", |_, _| Ok(json!({})))
        .unwrap();
    let execution = executor.run(json!({"amount": 42, "customer": "ada"}));
    assert_eq!(execution.status, Status::Succeeded);
    assert_eq!(
        execution.states_visited,
        ["Validate", "Charge", "Notify", "Done"]
    );
    assert_eq!(
        execution.output.unwrap()["payment"],
        json!({"receipt": "R-1"})
    );
}

#[test]
fn the_policy_grants_exactly_the_function_and_the_topic() {
    let policy: serde_json::Value = serde_json::from_str(ORDER_FLOW.policy()).unwrap();
    assert_eq!(
        policy,
        json!({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "lambda:InvokeFunction", "Resource": [
                "arn:aws:lambda:us-east-1:123456789012:function:charge",
                "arn:aws:lambda:us-east-1:123456789012:function:charge:*"]},
            {"Effect": "Allow", "Action": "sns:Publish", "Resource": "arn:aws:sns:us-east-1:123456789012:orders"}
        ]})
    );
}

#[test]
fn an_unknown_state_name_is_an_error_at_registration() {
    let error = ORDER_FLOW
        .executor()
        .unwrap()
        .on_state("Charg", |_, _| Ok(json!({})))
        .err()
        .unwrap();
    assert!(
        error.to_string().contains("did you mean `Charge`"),
        "{error}"
    );
}
