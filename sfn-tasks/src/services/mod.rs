//! One module per service; each describes its task classes as [`TaskSpec`] data.

use crate::spec::TaskSpec;

pub mod aws_sdk;
pub mod dynamodb;
pub mod evaluate_expression;
pub mod eventbridge;
pub mod lambda;
pub mod sns;
pub mod sqs;
pub mod stepfunctions;

/// Every data-described class.
pub static SPECS: &[&TaskSpec] = &[
    &aws_sdk::CALL_AWS_SERVICE,
    &aws_sdk::CALL_AWS_SERVICE_CROSS_REGION,
    &dynamodb::DYNAMO_DELETE_ITEM,
    &dynamodb::DYNAMO_GET_ITEM,
    &dynamodb::DYNAMO_PUT_ITEM,
    &dynamodb::DYNAMO_UPDATE_ITEM,
    &eventbridge::PUT_EVENTS,
    &lambda::LAMBDA_INVOKE,
    &sns::SNS_PUBLISH,
    &sqs::SQS_SEND_MESSAGE,
    &stepfunctions::INVOKE_ACTIVITY,
    &stepfunctions::START_EXECUTION,
];
