// A JSONata state does not evaluate JsonPaths or intrinsics, nor Variable-style Choice rules.
sfn::workflow! {
    #[query_language = jsonata]
    pub FLOW {
        A: Pass { output: { "a": $.x } } -> B,
        B: Choice { $.a == 1 => C, _ => C },
        #[assign({ "y": States.Format("{}", $.y) })]
        C: Pass {} -> D,
        #[query_language = jsonpath]
        D: Pass { parameters: { "fine": $.x } } -> end,
    }
}

sfn::workflow! {
    pub MIXED {
        #[query_language = jsonata]
        #[assign({ "early": $.x })]
        A: Pass {} -> end,
    }
}

fn main() {}
