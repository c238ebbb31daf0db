// A path where the field takes only a literal, and a string where it takes a number.
use sfn::tasks::custom::Literal;

#[derive(sfn::Task)]
#[task(resource = "arn:aws:states:::events:putEvents")]
pub struct PublishAudit {
    pub channel: Literal<String>,
    pub retries: Option<u32>,
}

sfn::workflow! {
    FLOW {
        Audit: self::PublishAudit { channel: $.channel, retries: "three" } -> end,
    }
}

fn main() {}
