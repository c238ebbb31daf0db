// A module holds exactly one workflow.
#[sfn::workflow_module]
mod orders {
    #[sfn::lambda]
    pub fn charge(amount: u32) -> Result<u32, String> {
        Ok(amount)
    }

    sfn::workflow! {
        pub FLOW {
            Charge: LambdaInvoke { lambda_function: charge } -> end,
        }
        pub OTHER {
            Done: Succeed,
        }
    }

    sfn::workflow! {
        pub THIRD {
            Done: Succeed,
        }
    }
}

#[sfn::workflow_module]
mod empty {
    pub fn helper() {}
}

fn main() {
    let _ = orders::WORKFLOW;
    empty::helper();
}
