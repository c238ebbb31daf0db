// A state names a function the module does not have (did you mean), or one not marked.
#[sfn::workflow_module]
mod orders {
    #[sfn::lambda]
    pub fn charge(amount: u32) -> Result<u32, String> {
        Ok(amount)
    }

    pub fn helper(amount: u32) -> Result<u32, String> {
        Ok(amount)
    }

    sfn::workflow! {
        pub FLOW {
            Charge: LambdaInvoke { lambda_function: chrage } -> Help,
            Help: LambdaInvoke { lambda_function: helper } -> Again,
            Again: LambdaInvoke { lambda_function: charge } -> end,
        }
    }
}

fn main() {
    let _ = orders::WORKFLOW;
    let _ = orders::helper(1);
}
