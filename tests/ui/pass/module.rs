// The module form compiles: plain, async and string-named handlers, nested states, items of
// every kind beside them, and the handlers still callable as written.
#[sfn::workflow_module]
pub mod orders {
    use serde::{Deserialize, Serialize};

    #[derive(Deserialize)]
    pub struct Order {
        pub amount: u32,
    }

    #[derive(Serialize)]
    pub struct Receipt {
        pub id: String,
    }

    pub const PREFIX: &str = "R-";

    #[sfn::lambda]
    pub fn charge(order: Order) -> Result<Receipt, String> {
        Ok(Receipt { id: format!("{PREFIX}{}", order.amount) })
    }

    #[sfn::lambda(function = "audit-prod")]
    pub async fn audit(entry: serde_json::Value) -> Result<(), std::io::Error> {
        let _ = entry;
        Ok(())
    }

    sfn::workflow! {
        pub FLOW {
            Charge: LambdaInvoke { lambda_function: charge, result_path: $.receipt } -> Fan,
            Fan: Parallel {
                branches: [
                    { Audit: LambdaInvoke { lambda_function: audit, result_path: null } -> end },
                ],
            } -> end,
        }
    }
}

fn main() {
    let _: sfn::Workflow = orders::WORKFLOW;
    let _: sfn::exec::Executor = orders::executor();
    let _ = orders::charge(orders::Order { amount: 1 });
}
