// JSONPath-only fields in JSONata states (and the reverse), and JSONata syntax.
sfn::workflow! {
    #[query_language = jsonata]
    pub FLOW {
        A: Pass { result_path: $.x, output: "{% $states.input. %}" } -> B,
        B: Task { resource: "arn:aws:states:::lambda:invoke", parameters: { "a": 1 } } -> end,
    }
}

sfn::workflow! {
    pub CLASSIC {
        A: Pass { output: { "a": 1 } } -> end,
    }
}

fn main() {}
