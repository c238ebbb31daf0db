// A required field (not an Option) left out: reported at the type.
use sfn::tasks::custom::Json;

#[derive(sfn::Task)]
#[task(resource = "arn:aws:states:::events:putEvents", rename_all = "PascalCase")]
pub struct PublishAudit {
    pub event: Json,
    pub actor: String,
    pub note: Option<String>,
}

sfn::workflow! {
    FLOW {
        Audit: self::PublishAudit { note: "hi" } -> end,
    }
}

fn main() {}
