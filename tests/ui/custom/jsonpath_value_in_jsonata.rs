// A JsonPath value for a custom type's field in a JSONata state: the DSL's own check.
#[derive(sfn::Task)]
#[task(resource = "arn:aws:states:::events:putEvents")]
pub struct Alert {
    pub text: String,
}

sfn::workflow! {
    #[query_language = jsonata]
    FLOW {
        A: self::Alert { text: $.message } -> end,
    }
}

fn main() {}
