// An EXPRESS workflow cannot wait for a job or a callback.
sfn::workflow! {
    #[type = express]
    pub FLOW {
        Run: Task { resource: "arn:aws:states:::glue:startJobRun.sync", parameters: { "JobName": "j" } } -> end,
    }
}

fn main() {}
