// Retry and Catch attributes.
sfn::workflow! {
    #[type = serverless]
    pub FLOW {
        #[retry(interval = 2s)]
        #[catch(errors = "States.ALL")]
        #[retry(errors = ["States.ALL"], jitter = random)]
        A: Task { resource: "arn:aws:states:::lambda:invoke" } -> B,
        #[retry(errors = ["States.ALL"])]
        B: Pass {} -> C,
        #[comment(oops)]
        #[query_language = python]
        C: Pass {} -> end,
    }
}

fn main() {}
