// An inner attribute cannot name a macro on stable Rust (the module is not expanded).
mod orders {
    #![sfn::workflow_module]

    sfn::workflow! {
        pub FLOW {
            Done: Succeed,
        }
    }
}

fn main() {}
