// A mistake in the graph is reported once: the module's items, WORKFLOW and executor() are
// still defined, so their uses add no errors. A marker outside a module is an error too.
#[sfn::workflow_module]
mod orders {
    #[sfn::lambda]
    pub fn charge(amount: u32) -> Result<u32, String> {
        Ok(amount)
    }

    pub const LIMIT: u32 = 10;

    sfn::workflow! {
        pub FLOW {
            Charge: LambdaInvoke { lambda_function: charge } -> Notfy,
            Notify: Succeed,
        }
    }
}

#[sfn::lambda]
pub fn stray(amount: u32) -> Result<u32, String> {
    Ok(amount)
}

fn main() {
    let _ = orders::WORKFLOW;
    let _ = orders::FLOW;
    let _ = orders::executor();
    let _ = orders::charge(orders::LIMIT);
    let _ = stray(1);
}
