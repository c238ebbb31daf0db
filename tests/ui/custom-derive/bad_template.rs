// Mistakes in the derive itself are errors at its attribute.
#[derive(sfn::Task)]
#[task(
    resource = "arn:aws:states:::sqs:sendMessage",
    patterns(request_response, run_jb),
    token = body,
    iam(actions("sqs:SendMessage"), resources("arn:aws:sqs:${region}:${account}:{queue_nme}"))
)]
pub struct Send {
    pub queue_name: String,
    pub message: String,
}

#[derive(sfn::Task)]
#[task(resource = "arn:aws:states:::x", rename_all = "Pascal", retries = "[]")]
pub struct Other {
    pub a: String,
    pub b: Vec<u8>,
}

#[derive(sfn::Task)]
pub struct NoResource {
    pub a: String,
}

fn main() {}
