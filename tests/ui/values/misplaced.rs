// Paths where only a literal is read, literals where a path is needed, and durations.
sfn::workflow! {
    pub FLOW {
        A: Pass { result_path: "$.x", result: { "a": $.b } } -> B,
        B: Pass { parameters: $.whole, input_path: 3 } -> C,
        C: Pass { parameters: { "list": [$.a, 1] } } -> D,
        D: Wait { seconds: 1500ms } -> E,
        E: Task { resource: "arn:aws:states:::lambda:invoke", timeout: "soon", heartbeat: 3 } -> G,
        F: Fail { error: 42 },
        G: Pass { parameters: { "item": $$.Map.Item.Value } } -> F,
    }
}

fn main() {}
