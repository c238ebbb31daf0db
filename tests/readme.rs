//! The README's code, kept honest: the workflow of its first section (the quickstart's) and
//! its local test.

use serde_json::json;
use sfn::exec::{Status, TaskFailure};

// The README shows the quickstart's workflow: test that very declaration.
#[allow(dead_code)]
#[path = "../examples/quickstart.rs"]
mod quickstart;
use quickstart::ORDER_FLOW;

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

// The README's module example (`examples/order_module.rs`), through the real handler.
#[allow(dead_code)]
#[path = "../examples/order_module.rs"]
mod order_module;

#[test]
fn an_order_is_charged_by_the_real_handler() {
    use order_module::orders;
    let execution = orders::executor().run(json!({"id": "A-1", "amount": 42}));
    assert_eq!(
        execution.output.unwrap()["charge"],
        json!({"payment": "P-A-1"})
    );
    let declined = orders::executor().run(json!({"id": "A-2", "amount": 500_000}));
    assert_eq!(declined.error.as_deref(), Some("OrderDeclined"));
    assert_eq!(declined.states_visited, ["Charge", "Declined"]);
}
