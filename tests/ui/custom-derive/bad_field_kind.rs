// A field whose type is no field kind: at the type.
#[derive(sfn::Task)]
#[task(resource = "arn:aws:states:::events:putEvents")]
pub struct Alert {
    pub text: String,
    pub bytes: Vec<u8>,
}

fn main() {}
