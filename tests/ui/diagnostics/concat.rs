// `+` does not join strings: the error says how to (States.Format in JSONPath, `&` in JSONata).
sfn::workflow! {
    pub FLOW {
        A: Pass { parameters: { "id": "order-" + $.id } } -> B,
        #[query_language = jsonata]
        B: Pass { output: { "id": "order-" + $states.input.id } } -> end,
    }
}

fn main() {}
