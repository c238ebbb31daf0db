//! `#[sfn::workflow_module]`: the graph expands exactly as `workflow!` expands it, and
//! `executor()` runs it through the module's own handler functions, called the way AWS calls a
//! deployed Rust Lambda (payload in, `lambda:invoke` response out, lambda_runtime's errors).
//! The error names and texts are lambda_runtime's; `examples/orders` checks them against the
//! real crate and a real Lambda binary.

use serde_json::{Value, json};
use sfn::exec::Status;

#[sfn::workflow_module]
mod shop {
    use serde::{Deserialize, Serialize};

    #[derive(Deserialize)]
    pub struct Order {
        pub id: String,
        pub amount: u32,
    }

    #[derive(Serialize)]
    pub struct Receipt {
        pub receipt: String,
    }

    /// An error of our own, named the way the workflow's Retry/Catch match it.
    pub enum ShopError {
        Declined(String),
    }

    impl From<ShopError> for sfn::handlers::LambdaError {
        fn from(error: ShopError) -> Self {
            match error {
                ShopError::Declined(why) => sfn::handlers::LambdaError::new("Declined", why),
            }
        }
    }

    #[sfn::lambda]
    pub fn charge(order: Order) -> Result<Receipt, ShopError> {
        if order.amount > 1000 {
            return Err(ShopError::Declined(format!("{} is too much", order.amount)));
        }
        if order.amount == 13 {
            panic!("unlucky order {}", order.id);
        }
        Ok(Receipt {
            receipt: format!("R-{}", order.id),
        })
    }

    #[sfn::lambda(function = "arn:aws:lambda:us-east-1:123456789012:function:notify")]
    pub async fn notify(note: Note) -> Result<Value, String> {
        Ok(serde_json::json!({ "sent": note.message }))
    }

    #[derive(Deserialize)]
    pub struct Note {
        pub message: String,
    }

    use serde_json::Value;

    sfn::workflow! {
        /// Charges, then notifies.
        pub SHOP {
            #[catch(errors = ["Declined"], result_path = $.error, next = Rejected)]
            Charge: LambdaInvoke {
                lambda_function: charge,
                payload: { "id": $.id, "amount": $.amount },
                result_path: $.payment,
            } -> Notify,
            Notify: LambdaInvoke {
                lambda_function: notify,
                payload_response_only: true,
                payload: { "message.$": "$.payment.Payload.receipt" },
                result_path: $.notified,
            } -> end,
            Rejected: Fail { error: "Rejected", cause: "declined" },
        }
    }
}

// The same graph in `workflow!`: a handler without `function` becomes `${ChargeFunction}`.
sfn::workflow! {
    /// Charges, then notifies.
    pub SHOP_BY_HAND {
        #[catch(errors = ["Declined"], result_path = $.error, next = Rejected)]
        Charge: LambdaInvoke {
            lambda_function: "${ChargeFunction}",
            payload: { "id": $.id, "amount": $.amount },
            result_path: $.payment,
        } -> Notify,
        Notify: LambdaInvoke {
            lambda_function: "arn:aws:lambda:us-east-1:123456789012:function:notify",
            payload_response_only: true,
            payload: { "message.$": "$.payment.Payload.receipt" },
            result_path: $.notified,
        } -> end,
        Rejected: Fail { error: "Rejected", cause: "declined" },
    }
}

#[test]
fn the_module_gives_the_asl_and_policy_of_workflow() {
    assert_eq!(shop::WORKFLOW.definition(), SHOP_BY_HAND.definition());
    assert_eq!(shop::WORKFLOW.policy(), SHOP_BY_HAND.policy());
    assert_eq!(shop::WORKFLOW.substitutions(), ["ChargeFunction"]);
    assert_eq!(shop::WORKFLOW.name(), "SHOP");
    assert_eq!(shop::SHOP.definition(), shop::WORKFLOW.definition());
    // The handler functions are still callable as written.
    let receipt = shop::charge(shop::Order {
        id: "1".into(),
        amount: 5,
    });
    assert!(matches!(receipt, Ok(r) if r.receipt == "R-1"));
}

#[test]
fn the_real_handlers_run_with_the_integrations_shapes() {
    let execution = shop::executor().run(json!({"id": "7", "amount": 42}));
    assert_eq!(execution.status, Status::Succeeded, "{execution:?}");
    let output = execution.output.unwrap();
    // lambda:invoke returns the function's payload inside the invoke response.
    let payment = &output["payment"];
    assert_eq!(payment["Payload"], json!({"receipt": "R-7"}));
    assert_eq!(payment["StatusCode"], 200);
    assert_eq!(payment["ExecutedVersion"], "$LATEST");
    assert_eq!(payment["SdkHttpMetadata"]["HttpStatusCode"], 200);
    assert!(payment["SdkResponseMetadata"]["RequestId"].is_string());
    // payload_response_only calls the function ARN: the result is the bare payload.
    assert_eq!(output["notified"], json!({"sent": "R-7"}));
}

#[test]
fn an_err_is_the_error_the_function_reports() {
    let execution = shop::executor().run(json!({"id": "8", "amount": 5000}));
    // Caught by name: `Declined` is the errorType of the handler's LambdaError.
    assert_eq!(execution.status, Status::Failed);
    assert_eq!(execution.error.as_deref(), Some("Rejected"));
    assert_eq!(execution.states_visited, ["Charge", "Rejected"]);
    let history: Vec<Value> = execution.history.iter().map(|e| e.to_json()).collect();
    let failed = history
        .iter()
        .find(|e| e["type"] == "TaskFailed")
        .expect("the task failed");
    let details = &failed["taskFailedEventDetails"];
    assert_eq!(details["error"], "Declined");
    let cause: Value = serde_json::from_str(details["cause"].as_str().unwrap()).unwrap();
    assert_eq!(
        cause,
        json!({"errorType": "Declined", "errorMessage": "5000 is too much"})
    );
}

#[test]
fn a_payload_that_does_not_deserialize_fails_with_serdes_message() {
    let execution = shop::executor().run(json!({"id": "9", "amount": "lots"}));
    assert_eq!(execution.status, Status::Failed);
    // lambda_runtime's DeserializeError (its type name is the errorType).
    assert_eq!(
        execution.error.as_deref(),
        Some("&lambda_runtime::deserializer::DeserializeError")
    );
    let cause: Value = serde_json::from_str(execution.cause.as_deref().unwrap()).unwrap();
    let message = cause["errorMessage"].as_str().unwrap();
    assert!(
        message.starts_with("failed to deserialize the incoming data into the function's payload type: [amount] amount: invalid type: string \"lots\", expected u32"),
        "{message}"
    );
}

#[test]
fn a_panic_is_reported_as_the_runtime_reports_it() {
    let execution = shop::executor().run(json!({"id": "13", "amount": 13}));
    assert_eq!(execution.status, Status::Failed);
    assert_eq!(
        execution.error.as_deref(),
        Some("&alloc::boxed::Box<dyn core::any::Any + core::marker::Send>")
    );
    let cause: Value = serde_json::from_str(execution.cause.as_deref().unwrap()).unwrap();
    assert_eq!(cause["errorMessage"], "Lambda panicked: unlucky order 13");
}

#[test]
fn one_handler_is_replaced_the_others_stay_real() {
    let executor = shop::executor()
        .on_state(
            "Notify",
            sfn::handlers::from_fn(|note: Value| {
                Ok::<_, String>(json!({"mocked": note["message"]}))
            }),
        )
        .unwrap();
    let execution = executor.run(json!({"id": "3", "amount": 1}));
    assert_eq!(execution.status, Status::Succeeded, "{execution:?}");
    let output = execution.output.unwrap();
    assert_eq!(output["payment"]["Payload"], json!({"receipt": "R-3"}));
    assert_eq!(output["notified"], json!({"mocked": "R-3"}));
}
