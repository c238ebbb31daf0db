// Under wait_for_task_token the type's token field must pass the token on.
use sfn::tasks::custom::Json;

#[derive(sfn::Task)]
#[task(
    resource = "arn:aws:states:::sqs:sendMessage",
    patterns(request_response, wait_for_task_token),
    token = message_body
)]
pub struct Send {
    pub message_body: Json,
}

sfn::workflow! {
    FLOW {
        A: self::Send { message_body: { "order": $.order }, pattern: wait_for_task_token } -> end,
    }
}

fn main() {}
