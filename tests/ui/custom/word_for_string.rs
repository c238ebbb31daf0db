// A bare word for a field that is not an enum.
#[derive(sfn::Task)]
#[task(resource = "arn:aws:states:::events:putEvents")]
pub struct Alert {
    pub text: Option<String>,
}

sfn::workflow! {
    FLOW {
        A: self::Alert { text: hello } -> end,
    }
}

fn main() {}
