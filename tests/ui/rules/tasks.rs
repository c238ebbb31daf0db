// Catalogue task types: unknown types and fields with "did you mean", required fields and
// conflicts, each at its token.
sfn::workflow! {
    pub FLOW {
        A: LambdaInvok { lambda_function: "f" } -> B,
        B: LambdaInvoke { lambda_functon: "f" } -> C,
        C: SnsPublish { message: "hi" } -> D,
        D: LambdaInvoke { lambda_function: "f", payload_response_only: true, qualifier: "live" } -> end,
    }
}

fn main() {}
