//! LambdaInvoke against CDK's conformance cases.
mod common;
use common::*;

const FN: &str = "arn:aws:lambda:us-east-1:123456789012:function:MyFn";

#[test]
fn empty_object_payload() {
    let c = call(
        "LambdaInvoke",
        vec![("lambda_function", s(FN)), ("payload", obj(vec![]))],
    );
    golden(
        "lambda-invoke-empty-object-payload",
        "Invoke with empty object as payload",
        &c,
    );
}

#[test]
fn output_path_default_payload() {
    let c = call("LambdaInvoke", vec![("lambda_function", s(FN))]);
    golden(
        "lambda-invoke-output-path",
        "Invoke and set function response as task output",
        &c,
    );
}

#[test]
fn payload_field() {
    let c = call(
        "LambdaInvoke",
        vec![("lambda_function", s(FN)), ("payload", p("$.Payload"))],
    );
    golden(
        "lambda-invoke-payload-field",
        "Invoke with payload field in the state input",
        &c,
    );
}

#[test]
fn state_input() {
    let c = call("LambdaInvoke", vec![("lambda_function", s(FN))]);
    golden("lambda-invoke-state-input", "Invoke with state input", &c);
}
