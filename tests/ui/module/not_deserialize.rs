// The input must deserialize and the output serialize: rustc's trait errors, at the input type.
#[sfn::workflow_module]
mod orders {
    pub struct Order {
        pub amount: u32,
    }

    #[sfn::lambda]
    pub fn charge(order: Order) -> Result<u32, String> {
        Ok(order.amount)
    }

    sfn::workflow! {
        pub FLOW {
            Charge: LambdaInvoke { lambda_function: charge } -> end,
        }
    }
}

fn main() {
    let _ = orders::executor();
}
