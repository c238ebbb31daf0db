// Missing and superfluous arrows, and fields required by the DSL.
sfn::workflow! {
    pub FLOW {
        A: Pass {},
        B: Succeed -> end,
        C: Fail { error: "E" } -> A,
        D: Task {} -> end,
        E: Parallel {} -> end,
        F: Map { items: $.x } -> end,
    }
}

fn main() {}
