// A transition cannot leave a Parallel branch or a Map processor.
sfn::workflow! {
    pub FLOW {
        Fan: Parallel {
            branches: [
                { Inner: Pass {} -> After },
            ],
        } -> Each,
        Each: Map {
            items: $.list,
            processor: { Step: Pass {} -> Fan },
        } -> After,
        After: Succeed,
        Empty: Parallel { branches: [{}] } -> end,
    }
}

fn main() {}
