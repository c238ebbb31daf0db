// A marked function no state calls.
#[sfn::workflow_module]
mod orders {
    #[sfn::lambda]
    pub fn charge(amount: u32) -> Result<u32, String> {
        Ok(amount)
    }

    #[sfn::lambda(function = "arn:aws:lambda:us-east-1:123456789012:function:refund")]
    pub fn refund(amount: u32) -> Result<u32, String> {
        Ok(amount)
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
