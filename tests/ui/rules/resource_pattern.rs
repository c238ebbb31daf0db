// A generic Task whose Resource asks for a pattern its integration does not have: Lambda
// has no Run a Job (`.sync`); the service refuses it ("The resource provided ... is not
// recognized").
sfn::workflow! {
    pub FLOW {
        Call: Task { resource: "arn:aws:states:::lambda:invoke.sync", parameters: { "FunctionName": "f" } } -> end,
    }
}

fn main() {}
