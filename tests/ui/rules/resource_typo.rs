// A typo of an integration's service gets a did-you-mean; an API the service has no
// optimized integration for names the ones it has.
sfn::workflow! {
    pub FLOW {
        Call: Task { resource: "arn:aws:states:::lamda:invoke", parameters: { "FunctionName": "f" } } -> Query,
        Query: Task { resource: "arn:aws:states:::dynamodb:query", parameters: { "TableName": "t" } } -> end,
    }
}

fn main() {}
