// A callback Task that never passes `$$.Task.Token`: the service accepts it (a warning of
// the rule set), but nobody can answer it, so the macro refuses it.
sfn::workflow! {
    pub FLOW {
        Ask: Task {
            resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            parameters: { "QueueUrl": "q", "MessageBody": $.order },
        } -> end,
    }
}

fn main() {}
