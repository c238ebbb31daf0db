// A type that supports only JSONPath, in a JSONata state.
#[derive(sfn::Task)]
#[task(resource = "arn:aws:states:::events:putEvents", query_languages(jsonpath))]
pub struct Legacy {
    pub detail: String,
}

sfn::workflow! {
    #[query_language = jsonata]
    FLOW {
        A: self::Legacy { detail: "{% $states.input.d %}" } -> end,
    }
}

fn main() {}
