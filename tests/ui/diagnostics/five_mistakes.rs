// Five independent mistakes in five states, of five kinds (DSL and rule set): exactly five
// errors, each at its token.
sfn::workflow! {
    pub FLOW {
        A: Pass { reslt: { "a": 1 } } -> B,
        B: Wait { seconds: 5s } -> c,
        C: Pass { input_path: $. } -> D,
        D: Task { resource: "arn:aws:states:::lambda:invoke", timeout: 10s, heartbeat: 20s } -> E,
        #[retry(errors = ["States.ALL", "Custom"])]
        E: Task { resource: "arn:aws:states:::lambda:invoke" } -> end,
    }
}

fn main() {}
