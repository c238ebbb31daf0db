// An unterminated `${` placeholder is not a Resource.
sfn::workflow! {
    pub FLOW {
        Call: Task { resource: "${lambdaArn", parameters: { "Payload": 1 } } -> end,
    }
}

fn main() {}
