// A JSONata state does not evaluate JsonPaths or intrinsics, nor Variable-style Choice rules; and a JSONata machine cannot opt a state back into JSONPath (AWS docs, "Query language": JSONata cannot downgrade).
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
