// The runtime rule set on paths and intrinsics, reported at the token that is wrong.
sfn::workflow! {
    pub FLOW {
        A: Pass {
            parameters: {
                "cheap": $.items[?(@.price <)],
                "fmt": States.Format("{} and {}", $.one),
                "typo": States.Frmat("{}", $.x),
                "len": States.ArrayLength(),
            },
            result_path: $.items[*],
        } -> B,
        B: Pass { result_path: $$.Execution.Id } -> end,
    }
}

fn main() {}
