// A field the type does not have: rustc's error at the field, with its suggestion.
use sfn::tasks::custom::Json;

#[derive(sfn::Task)]
#[task(resource = "arn:aws:states:::events:putEvents", rename_all = "PascalCase")]
pub struct PublishAudit {
    pub event: Json,
    pub actor: Option<String>,
}

sfn::workflow! {
    FLOW {
        Audit: self::PublishAudit { evnt: $.event } -> end,
    }
}

fn main() {}
