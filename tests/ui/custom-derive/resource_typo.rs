// A misspelt integration in a task type's resource is caught at the derive, with the
// suggestion `workflow!` gives a plain Task (the use site only sees the type's path).
#[derive(sfn::Task)]
#[task(resource = "arn:aws:states:::lamda:invoke", patterns(request_response))]
pub struct Invoke {
    pub function_name: String,
}

fn main() {}
