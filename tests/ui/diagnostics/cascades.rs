// One mistake, one error: each of these once, and nothing about what it left behind.
sfn::workflow! {
    pub FLOW {
        // A misspelled required field: not also "needs the field `resource`".
        A: Task { resourse: "arn:aws:states:::lambda:invoke" } -> B,
        // A required catalogue field with a bad path: not also "missing the required field".
        B: LambdaInvoke { lambda_function: $. } -> C,
        // An arm that does not parse: its target `E` is not also "unreachable".
        C: Choice {
            $.n >> 1 => E,
            _ => D,
        },
        // A JSONata arm in a JSONPath Choice: once, in the DSL's words.
        D: Choice {
            "{% $states.input.n > 1 %}" => E,
            _ => E,
        },
        // `$fn` is a variable, not a Reference Path of the state's input: once.
        E: Pass { result_path: $fn } -> end,
    }
}

fn main() {}
