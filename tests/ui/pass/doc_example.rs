// The example of `workflow!`'s documentation compiles.
sfn::workflow! {
    /// Waits, then succeeds.
    #[timeout = 1h]
    pub FLOW {
        #[retry(errors = ["States.Timeout"], interval = 2s, max_attempts = 3)]
        Call: LambdaInvoke { lambda_function: "arn:aws:lambda:us-east-1:123456789012:function:f" } -> Route,
        Route: Choice {
            $.Payload.ready == true => Done,
            _ => Sleep,
        },
        Sleep: Wait { seconds: 30s } -> Call,
        Done: Succeed,
    }
}

fn main() {
    assert_eq!(FLOW.to_value()["TimeoutSeconds"], 3600);
    assert!(FLOW.policy().contains("lambda:InvokeFunction"));
}
