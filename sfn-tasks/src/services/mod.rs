//! One module per service; each describes its task classes as [`TaskSpec`] data.

use crate::spec::TaskSpec;

pub mod apigateway;
pub mod athena;
pub mod aws_sdk;
pub mod batch;
pub mod bedrock;
pub mod codebuild;
pub mod databrew;
pub mod dynamodb;
pub mod ecs;
pub mod eks;
pub mod emr;
pub mod emr_containers;
pub mod evaluate_expression;
pub mod eventbridge;
pub mod glue;
pub mod http;
pub mod lambda;
pub mod mediaconvert;
pub mod sagemaker;
pub mod sns;
pub mod sqs;
pub mod stepfunctions;

/// Every data-described class.
pub static SPECS: &[&TaskSpec] = &[
    &apigateway::HTTP_API,
    &apigateway::REST_API,
    &athena::GET_QUERY_EXECUTION,
    &athena::GET_QUERY_RESULTS,
    &athena::START_QUERY_EXECUTION,
    &athena::STOP_QUERY_EXECUTION,
    &aws_sdk::CALL_AWS_SERVICE,
    &aws_sdk::CALL_AWS_SERVICE_CROSS_REGION,
    &batch::SUBMIT_JOB,
    &bedrock::CREATE_MODEL_CUSTOMIZATION_JOB,
    &bedrock::INVOKE_MODEL,
    &codebuild::START_BUILD,
    &codebuild::START_BUILD_BATCH,
    &databrew::START_JOB_RUN,
    &dynamodb::DYNAMO_DELETE_ITEM,
    &dynamodb::DYNAMO_GET_ITEM,
    &dynamodb::DYNAMO_PUT_ITEM,
    &dynamodb::DYNAMO_UPDATE_ITEM,
    &ecs::RUN_TASK,
    &eks::EKS_CALL,
    &emr::ADD_STEP,
    &emr::CANCEL_STEP,
    &emr::CREATE_CLUSTER,
    &emr::MODIFY_INSTANCE_FLEET_BY_NAME,
    &emr::MODIFY_INSTANCE_GROUP_BY_NAME,
    &emr::SET_CLUSTER_TERMINATION_PROTECTION,
    &emr::TERMINATE_CLUSTER,
    &emr_containers::CREATE_VIRTUAL_CLUSTER,
    &emr_containers::DELETE_VIRTUAL_CLUSTER,
    &emr_containers::START_JOB_RUN,
    &eventbridge::CREATE_SCHEDULE,
    &eventbridge::PUT_EVENTS,
    &glue::START_CRAWLER_RUN,
    &glue::START_JOB_RUN,
    &http::HTTP_INVOKE,
    &lambda::LAMBDA_INVOKE,
    &mediaconvert::CREATE_JOB,
    &sagemaker::CREATE_ENDPOINT,
    &sagemaker::CREATE_ENDPOINT_CONFIG,
    &sagemaker::CREATE_MODEL,
    &sagemaker::CREATE_TRAINING_JOB,
    &sagemaker::CREATE_TRANSFORM_JOB,
    &sagemaker::UPDATE_ENDPOINT,
    &sns::SNS_PUBLISH,
    &sqs::SQS_SEND_MESSAGE,
    &stepfunctions::INVOKE_ACTIVITY,
    &stepfunctions::START_EXECUTION,
];
