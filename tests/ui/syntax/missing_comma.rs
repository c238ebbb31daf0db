// A forgotten `,` between two states is one error; both states are still read.
sfn::workflow! {
    pub FLOW {
        A: Pass {} -> B
        B: Pass {} -> C
        #[comment = "last"]
        C: Succeed
    }
}

fn main() {
    let _ = FLOW.definition();
}
