// A pattern the type does not support: CDK's message, at the pattern.
#[derive(sfn::Task)]
#[task(resource = "arn:aws:states:::sqs:sendMessage", patterns(request_response, wait_for_task_token))]
pub struct Send {
    pub body: String,
}

sfn::workflow! {
    FLOW {
        A: self::Send { body: "x", pattern: run_job } -> end,
    }
}

fn main() {}
