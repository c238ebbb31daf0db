//! SNS, SQS, EventBridge, Step Functions and SDK calls against CDK's conformance cases.
mod common;
use common::*;

fn message() -> sfn_tasks::TaskValue {
    obj(vec![("field1", s("somedata")), ("field2", p("$.field2"))])
}

#[test]
fn sns_object_message() {
    let c = call(
        "SnsPublish",
        vec![("topic", s("${TopicBFC7AF6E}")), ("message", message())],
    );
    golden("sns-publish-object-message", "Publish2", &c);
}

#[test]
fn sns_object_message_imported() {
    let c = call(
        "SnsPublish",
        vec![
            ("topic", s("arn:aws:sns:us-east-1:123456789012:MyTopic")),
            ("message", message()),
        ],
    );
    golden("sns-publish-object-message-imported", "Publish2", &c);
}

#[test]
fn sqs_json_path() {
    let c = call(
        "SqsSendMessage",
        vec![
            ("queue", s("${Queue4A7E3555}")),
            ("queue_arn", s("${Queue4A7E3555.Arn}")),
            ("message_body", p("$.message")),
        ],
    );
    golden("sqs-send-message-json-path", "Send1", &c);
}

#[test]
fn sqs_object() {
    let c = call(
        "SqsSendMessage",
        vec![
            ("queue", s("${Queue4A7E3555}")),
            ("queue_arn", s("${Queue4A7E3555.Arn}")),
            ("message_body", message()),
        ],
    );
    golden("sqs-send-message-object", "Send2", &c);
}

#[test]
fn eventbridge_put_events() {
    let c = call(
        "EventBridgePutEvents",
        vec![(
            "entries",
            arr(vec![obj(vec![
                (
                    "detail",
                    obj(vec![("Message", s("Hello from Step Functions!"))]),
                ),
                (
                    "event_bus",
                    s("arn:aws:events:us-east-1:123456789012:event-bus/MyEventBus1"),
                ),
                ("detail_type", s("MessageFromStepFunctions")),
                ("source", s("step.functions")),
            ])]),
        )],
    );
    golden(
        "eventbridge-put-events-imported",
        "Send an event to EventBridge",
        &c,
    );
}

#[test]
fn start_execution_associate_with_parent() {
    let c = call(
        "StepFunctionsStartExecution",
        vec![
            (
                "state_machine",
                s("arn:aws:states:us-east-1:123456789012:stateMachine:ChildStateMachine"),
            ),
            ("associate_with_parent", b(true)),
        ],
    );
    golden("sfn-start-execution-associate-with-parent", "ChildTask", &c);
}

#[test]
fn start_execution_callback() {
    let c = call(
        "StepFunctionsStartExecution",
        vec![
            ("state_machine", s("${ChildStateMachine9133117F}")),
            ("pattern", id("wait_for_task_token")),
            (
                "input",
                obj(vec![("token", p("$$.Task.Token")), ("foo", s("bar"))]),
            ),
            ("name", s("MyExecutionName")),
        ],
    );
    golden("sfn-start-execution-callback", "ChildTask", &c);
}

fn activity_params() -> sfn_tasks::TaskValue {
    obj(vec![
        ("comment", s("Selecting what I care about.")),
        (
            "MyDetails",
            obj(vec![
                ("size", p("$.product.details.size")),
                ("exists", p("$.product.availability")),
                ("StaticValue", s("foo")),
            ]),
        ),
    ])
}

#[test]
fn invoke_activity() {
    let c = call(
        "StepFunctionsInvokeActivity",
        vec![
            ("activity", s("${SubmitJobFB773A16}")),
            ("parameters", activity_params()),
        ],
    );
    golden("sfn-invoke-activity-parameters", "Submit Job", &c);
}

#[test]
fn invoke_activity_imported() {
    let c = call(
        "StepFunctionsInvokeActivity",
        vec![
            (
                "activity",
                s("arn:aws:states:us-east-1:123456789012:activity:SubmitJob"),
            ),
            ("parameters", activity_params()),
        ],
    );
    golden("sfn-invoke-activity-parameters-imported", "Submit Job", &c);
}

#[test]
fn call_aws_service_additional_statements() {
    let c = call(
        "CallAwsService",
        vec![
            ("service", s("rekognition")),
            ("action", s("detectLabels")),
            ("iam_resources", arr(vec![s("*")])),
            (
                "additional_iam_statements",
                arr(vec![obj(vec![
                    ("actions", arr(vec![s("s3:getObject")])),
                    ("resources", arr(vec![s("arn:aws:s3:::my-bucket/*")])),
                ])]),
            ),
        ],
    );
    golden(
        "call-aws-service-additional-iam-statements",
        "DetectLabels",
        &c,
    );
}

#[test]
fn call_aws_service_iam_action() {
    let c = call(
        "CallAwsService",
        vec![
            ("service", s("s3")),
            ("action", s("listBuckets")),
            ("iam_resources", arr(vec![s("*")])),
            ("iam_action", s("s3:ListAllMyBuckets")),
        ],
    );
    golden("call-aws-service-iam-action", "ListBuckets", &c);
}

#[test]
fn call_aws_service_cross_region() {
    let handler = "${CrossRegionAwsSdk8a0c93f3dbef4b71ac137aaf2048ce7eF7430F4F.Arn}";
    let c = call(
        "CallAwsServiceCrossRegion",
        vec![
            ("handler", s(handler)),
            ("region", s("ap-northeast-1")),
            ("service", s("s3")),
            ("action", s("getObject")),
            (
                "parameters",
                obj(vec![("Bucket", s("my-bucket")), ("Key", p("$.key"))]),
            ),
            ("iam_resources", arr(vec![s("arn:aws:s3:::my-bucket/*")])),
        ],
    );
    golden("call-aws-service-cross-region", "GetObject", &c);
}
