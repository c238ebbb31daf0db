// Unknown targets (with did-you-mean), duplicates, unreachable states, two starts.
sfn::workflow! {
    pub FLOW {
        Start: Pass {} -> Chek,
        Check: Choice {
            $.ok == true => Done,
            _ => Fial,
        },
        #[catch(errors = ["States.ALL"], next = Nowhere)]
        Work: Task { resource: "arn:aws:states:::lambda:invoke" } -> Done,
        Done: Succeed,
        Done: Succeed,
        Orphan: Pass {} -> Done,
    }
}

sfn::workflow! {
    pub TWO_STARTS {
        #[start]
        A: Pass {} -> end,
        #[start]
        B: Pass {} -> end,
        C: Pass {} -> end,
    }
}



sfn::workflow! {
    pub UNREACHABLE {
        A: Pass {} -> C,
        B: Pass {} -> C,
        C: Succeed,
    }
}
fn main() {}
