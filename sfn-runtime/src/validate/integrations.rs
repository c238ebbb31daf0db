//! The optimized integrations of Step Functions: every `arn:aws:states:::SERVICE:ACTION`
//! a Task `Resource` may name, with the integration patterns (Resource suffixes) each one
//! supports.
//!
//! Sources: the CDK task catalogue (copied as `sfn-runtime/tests/data/cdk-tasks.json`, the classes
//! resource templates and supported patterns) completed from the AWS documentation's
//! "Integrating optimized services with Step Functions" table and each service's page
//! (`connect-*.html`), which list the APIs and, per API, Request Response / Run a Job
//! (`.sync`) / Wait for Callback (`.waitForTaskToken`). Where the overview table and a
//! service's page disagree, the pattern is allowed (refusing what the service accepts is
//! the worse mistake: a validator users cannot adopt).

use std::collections::HashMap;
use std::sync::OnceLock;

/// An integration pattern: what the Resource's suffix asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    /// No suffix: call the API and go on with its response.
    RequestResponse,
    /// `.sync`: wait for the job to complete.
    Sync,
    /// `.sync:2`: `states:startExecution` waiting, with the output as JSON (not a string).
    Sync2,
    /// `.waitForTaskToken`: wait for `SendTaskSuccess`/`SendTaskFailure` with the token.
    WaitForTaskToken,
}

impl Pattern {
    /// The Resource suffix (`""`, `.sync`, `.sync:2`, `.waitForTaskToken`).
    pub const fn suffix(self) -> &'static str {
        match self {
            Pattern::RequestResponse => "",
            Pattern::Sync => ".sync",
            Pattern::Sync2 => ".sync:2",
            Pattern::WaitForTaskToken => ".waitForTaskToken",
        }
    }

    /// The pattern a suffix names, if any.
    pub fn from_suffix(suffix: &str) -> Option<Pattern> {
        [
            Pattern::RequestResponse,
            Pattern::Sync,
            Pattern::Sync2,
            Pattern::WaitForTaskToken,
        ]
        .into_iter()
        .find(|p| p.suffix() == suffix)
    }

    /// Whether an EXPRESS machine can use it: only Request Response ("Express Workflows
    /// only support Request Response integrations", integrate-optimized.html).
    pub const fn express(self) -> bool {
        matches!(self, Pattern::RequestResponse)
    }
}

/// One optimized integration: `arn:aws:states:::{service}:{action}{suffix}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Integration {
    /// The service's name in the Resource (`lambda`, `elasticmapreduce`).
    pub service: &'static str,
    /// The API, camelCase as in the Resource (`invoke`, `createCluster`).
    pub action: &'static str,
    /// The patterns it supports.
    pub patterns: &'static [Pattern],
}

impl Integration {
    /// `service:action`.
    pub fn name(&self) -> String {
        format!("{}:{}", self.service, self.action)
    }
}

use Pattern::{RequestResponse as RR, Sync, Sync2, WaitForTaskToken as Wait};

const RESPONSE: &[Pattern] = &[RR];
const JOB: &[Pattern] = &[RR, Sync];
const CALLBACK: &[Pattern] = &[RR, Wait];

macro_rules! integrations {
    ($($service:literal: $($action:literal => $patterns:expr),+;)*) => {
        &[$($(Integration { service: $service, action: $action, patterns: $patterns },)+)*]
    };
}

/// Every optimized integration, by service.
pub static INTEGRATIONS: &[Integration] = integrations! {
    "apigateway": "invoke" => CALLBACK;
    "athena": "startQueryExecution" => JOB, "stopQueryExecution" => RESPONSE,
        "getQueryExecution" => RESPONSE, "getQueryResults" => RESPONSE;
    "batch": "submitJob" => JOB;
    // connect-bedrock: CreateModelCustomizationJob has .sync; the overview table also marks
    // Wait for Callback as supported for Bedrock.
    "bedrock": "invokeModel" => CALLBACK, "createModelCustomizationJob" => &[RR, Sync, Wait];
    "codebuild": "startBuild" => JOB, "stopBuild" => RESPONSE, "batchDeleteBuilds" => RESPONSE,
        "batchGetReports" => RESPONSE, "startBuildBatch" => JOB, "stopBuildBatch" => RESPONSE,
        "retryBuildBatch" => JOB, "deleteBuildBatch" => RESPONSE;
    "dynamodb": "getItem" => RESPONSE, "putItem" => RESPONSE, "updateItem" => RESPONSE,
        "deleteItem" => RESPONSE;
    "ecs": "runTask" => &[RR, Sync, Wait];
    // connect-eks: "The Wait for a Callback with the Task Token integration pattern is not
    // supported."
    "eks": "call" => RESPONSE, "runJob" => JOB, "createCluster" => JOB, "deleteCluster" => JOB,
        "createFargateProfile" => JOB, "deleteFargateProfile" => JOB,
        "createNodegroup" => JOB, "deleteNodegroup" => JOB;
    "elasticmapreduce": "createCluster" => JOB, "setClusterTerminationProtection" => RESPONSE,
        "terminateCluster" => JOB, "addStep" => JOB, "cancelStep" => RESPONSE,
        "modifyInstanceFleetByName" => RESPONSE, "modifyInstanceGroupByName" => RESPONSE;
    "emr-containers": "createVirtualCluster" => RESPONSE, "deleteVirtualCluster" => JOB,
        "startJobRun" => JOB;
    "emr-serverless": "createApplication" => JOB, "startApplication" => JOB,
        "stopApplication" => JOB, "deleteApplication" => JOB, "startJobRun" => JOB,
        "cancelJobRun" => JOB;
    "events": "putEvents" => CALLBACK;
    "glue": "startJobRun" => JOB;
    "databrew": "startJobRun" => JOB;
    "http": "invoke" => RESPONSE;
    "lambda": "invoke" => CALLBACK;
    "mediaconvert": "createJob" => JOB;
    "sagemaker": "createEndpoint" => RESPONSE, "createEndpointConfig" => RESPONSE,
        "createHyperParameterTuningJob" => JOB, "createLabelingJob" => JOB,
        "createModel" => RESPONSE, "createProcessingJob" => JOB, "createTrainingJob" => JOB,
        "createTransformJob" => JOB, "updateEndpoint" => RESPONSE;
    "sns": "publish" => CALLBACK;
    "sqs": "sendMessage" => CALLBACK;
    "states": "startExecution" => &[RR, Sync, Sync2, Wait];
};

/// The patterns of an `aws-sdk:SERVICE:ACTION` integration: "Over two hundred services |
/// Standard & Express | Not supported | Standard" (integrate-optimized.html).
pub const AWS_SDK: &[Pattern] = CALLBACK;

/// The integration named `service:action`, if it is an optimized one.
pub(crate) fn find(service: &str, action: &str) -> Option<&'static Integration> {
    // Indexed once: every Task state's Resource is looked up.
    static INDEX: OnceLock<HashMap<(&'static str, &'static str), &'static Integration>> =
        OnceLock::new();
    INDEX
        .get_or_init(|| {
            let mut index = HashMap::new();
            for i in INTEGRATIONS {
                index.entry((i.service, i.action)).or_insert(i);
            }
            index
        })
        .get(&(service, action))
        .copied()
}
