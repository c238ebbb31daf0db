// An enum field given a word that is none of its values.
#[derive(sfn::TaskEnum)]
#[task(rename_all = "UPPERCASE")]
pub enum Level {
    Low,
    High,
}

#[derive(sfn::Task)]
#[task(resource = "arn:aws:states:::events:putEvents")]
pub struct Alert {
    pub level: Level,
    pub text: Option<String>,
}

sfn::workflow! {
    FLOW {
        A: self::Alert { level: hihg } -> end,
    }
}

fn main() {}
