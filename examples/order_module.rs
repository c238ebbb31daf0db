//! The README's module example: a workflow and its Rust handler in one
//! `#[sfn::workflow_module]`, run locally through the real handler. (The whole crate, with a
//! Lambda binary, is examples/orders.)
//!
//! `cargo run --example order_module`

#[sfn::workflow_module]
pub mod orders {
    use serde::{Deserialize, Serialize};
    use sfn::handlers::LambdaError;

    #[derive(Deserialize)]
    pub struct Charge {
        pub order: String,
        pub amount: u64,
    }

    #[derive(Serialize)]
    pub struct Payment {
        pub id: String,
    }

    pub enum OrderError {
        Declined,
    }

    // The errorType Retry/Catch match (with lambda_runtime: `From<OrderError> for Diagnostic`).
    impl From<OrderError> for LambdaError {
        fn from(_: OrderError) -> LambdaError {
            LambdaError::new("Order.Declined", "the card was declined")
        }
    }

    #[sfn::lambda] // deployed as ${ChargeCardFunction} (a template parameter)
    pub fn charge_card(charge: Charge) -> Result<Payment, OrderError> {
        if charge.amount > 100_000 {
            return Err(OrderError::Declined);
        }
        Ok(Payment {
            id: format!("P-{}", charge.order),
        })
    }

    sfn::workflow! {
        pub ORDER_FLOW {
            #[catch(errors = ["Order.Declined"], result_path = $.error, next = Declined)]
            Charge: LambdaInvoke {
                lambda_function: charge_card,
                payload: { "order": $.id, "amount": $.amount },
                result_selector: { "payment": $.Payload.id },
                result_path: $.charge,
            } -> end,
            Declined: Fail { error: "OrderDeclined" },
        }
    }
}

fn main() {
    println!("{}", orders::WORKFLOW.definition_pretty());
    println!("{}", orders::WORKFLOW.policy());
    let execution = orders::executor().run(serde_json::json!({"id": "A-1", "amount": 42}));
    println!("{}", execution.to_json(false));
    let declined = orders::executor().run(serde_json::json!({"id": "A-2", "amount": 500_000}));
    println!("{}", declined.to_json(false));
}
