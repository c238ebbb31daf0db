// A handler is a Lambda function: only LambdaInvoke's `lambda_function` calls it.
#[sfn::workflow_module]
mod orders {
    #[sfn::lambda]
    pub fn charge(amount: u32) -> Result<u32, String> {
        Ok(amount)
    }

    sfn::workflow! {
        pub FLOW {
            Charge: LambdaInvoke { lambda_function: charge } -> Notify,
            Notify: SnsPublish { topic: charge, message: "paid" } -> end,
        }
    }
}

fn main() {
    let _ = orders::WORKFLOW;
}
