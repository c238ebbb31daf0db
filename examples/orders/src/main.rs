//! The Lambda binary: one executable for the module's functions, as deployed on the
//! `provided.al2023` runtime; the function's configured handler (`_HANDLER`) picks which.
//! Nothing here is generated: it is lambda_runtime's own `run(service_fn(..))`.

use lambda_runtime::{Error, LambdaEvent, run, service_fn};
use sfn_example_orders::orders;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    match std::env::var("_HANDLER").as_deref() {
        Ok("reserve_stock") => run(service_fn(orders::reserve_stock)).await,
        Ok("charge_card") => run(service_fn(
            |event: LambdaEvent<orders::Charge>| async move { orders::charge_card(event.payload) },
        ))
        .await,
        Ok("send_receipt") => {
            run(service_fn(|event: LambdaEvent<orders::ReceiptRequest>| {
                orders::send_receipt(event.payload)
            }))
            .await
        }
        other => Err(format!(
            "_HANDLER is {other:?}; expected reserve_stock, charge_card or send_receipt"
        )
        .into()),
    }
}
