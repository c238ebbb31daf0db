// A path to a type that is not a task type.
pub struct Plain {
    pub x: String,
}

sfn::workflow! {
    FLOW {
        A: self::Plain { x: "y" } -> end,
    }
}

fn main() {}
