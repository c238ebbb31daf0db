// Retry/Catch rules, numeric ranges and heartbeat vs timeout.
sfn::workflow! {
    pub FLOW {
        #[retry(errors = ["States.ALL", "Custom"])]
        #[retry(errors = ["States.ALL"], backoff_rate = 0.5)]
        #[retry(errors = ["Later"])]
        A: Task {
            resource: "arn:aws:states:::lambda:invoke",
            timeout: 30s,
            heartbeat: 1min,
        } -> B,
        B: Map {
            items: $.list,
            tolerated_failure_percentage: 150,
            processor: { Step: Pass {} -> end },
        } -> end,
    }
}


sfn::workflow! {
    pub CATALOGUE_RETRY {
        // LambdaInvoke adds CDK's default retrier first; the error still points at ours.
        #[retry(errors = ["States.ALL"])]
        #[retry(errors = ["Custom"], backoff_rate = 0.1)]
        A: LambdaInvoke { lambda_function: "arn:aws:lambda:us-east-1:123456789012:function:f" } -> end,
    }
}
fn main() {}
