//! The order workflow and the Rust code of its Lambda functions, in one module.
//!
//! `orders::WORKFLOW` is the state machine (ASL + least-privilege policy), `orders::executor()`
//! runs it locally through these very functions, and `src/main.rs` serves them in the real
//! Lambda runtime.

#[sfn::workflow_module]
pub mod orders {
    use std::collections::HashSet;
    use std::sync::Mutex;

    use lambda_runtime::{Diagnostic, LambdaEvent};
    use serde::{Deserialize, Serialize};
    use serde_json::{Value, json};

    /// An order as the workflow receives it.
    #[derive(Debug, Clone, Deserialize, Serialize)]
    pub struct Order {
        pub id: String,
        pub sku: String,
        pub quantity: u32,
        /// In cents.
        pub amount: u64,
    }

    #[derive(Debug, Serialize)]
    pub struct Reservation {
        pub reservation: String,
    }

    #[derive(Debug, Deserialize)]
    pub struct Charge {
        pub order: String,
        pub amount: u64,
    }

    #[derive(Debug, Serialize)]
    pub struct Payment {
        pub payment: String,
        pub amount: u64,
    }

    #[derive(Debug, Deserialize)]
    pub struct ReceiptRequest {
        pub order: String,
        pub payment: String,
    }

    /// The largest charge the card processor accepts, in cents.
    pub const CARD_LIMIT: u64 = 100_000;

    /// The failures the workflow handles, by name.
    #[derive(Debug)]
    pub enum OrderError {
        /// The warehouse is busy: try again (retried by the workflow).
        WarehouseBusy,
        /// The card was declined (caught: the order is rejected).
        PaymentDeclined(String),
    }

    impl std::fmt::Display for OrderError {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            match self {
                OrderError::WarehouseBusy => f.write_str("the warehouse is busy"),
                OrderError::PaymentDeclined(why) => write!(f, "payment declined: {why}"),
            }
        }
    }

    /// The names `#[retry]`/`#[catch]` match: lambda_runtime reports `error_type` as the
    /// Lambda's `errorType`, which Step Functions uses as the error name.
    impl From<OrderError> for Diagnostic {
        fn from(error: OrderError) -> Diagnostic {
            let error_type = match error {
                OrderError::WarehouseBusy => "Order.WarehouseBusy",
                OrderError::PaymentDeclined(_) => "Order.PaymentDeclined",
            };
            Diagnostic {
                error_type: error_type.to_owned(),
                error_message: error.to_string(),
            }
        }
    }

    /// Orders for which the warehouse answers "busy" once (what a throttled inventory
    /// service does now and then; tests use it to see the retry).
    pub static BUSY_ONCE: Mutex<Option<HashSet<String>>> = Mutex::new(None);

    /// Reserves the stock (lambda_runtime's handler form).
    #[sfn::lambda]
    pub async fn reserve_stock(event: LambdaEvent<Order>) -> Result<Reservation, OrderError> {
        let order = event.payload;
        let busy = BUSY_ONCE
            .lock()
            .map(|mut set| set.get_or_insert_with(HashSet::new).remove(&order.id))
            .unwrap_or(false);
        if busy {
            return Err(OrderError::WarehouseBusy);
        }
        Ok(Reservation {
            reservation: format!("{}-{}x{}", order.id, order.quantity, order.sku),
        })
    }

    /// Charges the card (a plain function).
    #[sfn::lambda]
    pub fn charge_card(charge: Charge) -> Result<Payment, OrderError> {
        assert!(
            charge.amount > 0,
            "order {} has nothing to charge",
            charge.order
        );
        if charge.amount > CARD_LIMIT {
            return Err(OrderError::PaymentDeclined(format!(
                "{} cents is over the card limit",
                charge.amount
            )));
        }
        Ok(Payment {
            payment: format!("P-{}", charge.order),
            amount: charge.amount,
        })
    }

    /// Sends the receipt (an async function, deployed under its own name).
    #[sfn::lambda(function = "arn:aws:lambda:us-east-1:123456789012:function:send-receipt")]
    pub async fn send_receipt(request: ReceiptRequest) -> Result<Value, lambda_runtime::Error> {
        Ok(json!({ "sent": format!("receipt for {} ({})", request.order, request.payment) }))
    }

    sfn::workflow! {
        /// Reserves stock, charges the card, sends the receipt.
        #[timeout = 5min]
        pub ORDER_FLOW {
            #[retry(errors = ["Order.WarehouseBusy"], interval = 1s, max_attempts = 3, backoff_rate = 2.0)]
            Reserve: LambdaInvoke {
                lambda_function: reserve_stock,
                result_selector: { "id": $.Payload.reservation },
                result_path: $.reservation,
            } -> Charge,

            #[catch(errors = ["Order.PaymentDeclined"], result_path = $.error, next = Declined)]
            Charge: LambdaInvoke {
                lambda_function: charge_card,
                payload: { "order": $.id, "amount": $.amount },
                result_selector: { "id": $.Payload.payment },
                result_path: $.payment,
            } -> Receipt,

            Receipt: LambdaInvoke {
                lambda_function: send_receipt,
                payload_response_only: true,
                payload: { "order": $.id, "payment": $.payment.id },
                result_path: $.receipt,
            } -> Done,

            Done: Succeed,
            Declined: Fail { error: "OrderDeclined", cause: "the card was declined" },
        }
    }
}
