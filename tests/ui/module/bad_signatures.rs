// Signatures that cannot be a task: each is reported at the signature.
#[sfn::workflow_module]
mod orders {
    #[sfn::lambda]
    pub fn no_input() -> Result<u32, String> {
        Ok(1)
    }

    #[sfn::lambda]
    pub fn two_inputs(amount: u32, currency: String) -> Result<u32, String> {
        let _ = currency;
        Ok(amount)
    }

    #[sfn::lambda]
    pub fn not_result(amount: u32) -> u32 {
        amount
    }

    #[sfn::lambda]
    pub fn no_return(amount: u32) {
        let _ = amount;
    }

    #[sfn::lambda]
    pub fn generic<T: serde::de::DeserializeOwned>(input: T) -> Result<u32, String> {
        let _ = input;
        Ok(1)
    }

    #[sfn::lambda(fuction = "charge")]
    pub fn bad_argument(amount: u32) -> Result<u32, String> {
        Ok(amount)
    }

    sfn::workflow! {
        pub FLOW {
            A: LambdaInvoke { lambda_function: no_input } -> B,
            B: LambdaInvoke { lambda_function: two_inputs } -> C,
            C: LambdaInvoke { lambda_function: not_result } -> D,
            D: LambdaInvoke { lambda_function: no_return } -> E,
            E: LambdaInvoke { lambda_function: generic } -> F,
            F: LambdaInvoke { lambda_function: bad_argument } -> end,
        }
    }
}

fn main() {
    let _ = orders::executor();
}
