// Spans on the wrong token and messages in the DSL's words.
sfn::workflow! {
    pub FLOW {
        // The span is on the misspelled member, not the whole payload.
        A: SqsSendMessage {
            queue: "https://sqs.us-east-1.amazonaws.com/123456789012/q",
            message_body: { "token": $$.Task.Tokn, "n": $.n },
            pattern: wait_for_task_token,
        } -> B,
        // A closed set of words gets a "did you mean".
        B: Map { mode: distribtued, items: $.list, processor: { S: Pass -> end } } -> C,
        // Patterns in the DSL's spelling.
        C: LambdaInvoke { lambda_function: "f", pattern: run_job } -> D,
        // A JSONata arm without its closing `%}`.
        D: Choice {
            "{% $states.input.n > 1" => E,
            _ => E,
        },
        E: Succeed,
    }
}

fn main() {}
