//! The policy of every CDK conformance definition read as plain ASL (what `sfn import` and
//! a generic `Task` see: no catalogue types, only Resource and Parameters) against the
//! policy the real CDK synthesized for it (`tests/conformance/cdk/`).
mod common;
use common::*;
use serde_json::Value;
use std::collections::BTreeSet;

/// Cases whose CDK grants depend on what the ASL does not hold, with the reason.
const NOT_IN_THE_ASL: &[(&str, &str)] = &[
    (
        "call-aws-service-additional-iam-statements",
        "CallAwsService: additional_iam_statements are IAM only",
    ),
    (
        "call-aws-service-iam-action",
        "CallAwsService: iam_action names another action than the API",
    ),
    (
        "call-aws-service-cross-region",
        "CallAwsServiceCrossRegion: a Lambda calls the SDK; the action is the Lambda's",
    ),
    (
        "ecs-run-task-ec2",
        "EcsRunTask: the task definition's roles (iam:PassRole) are not in the ASL",
    ),
    ("ecs-run-task-enable-exec", "as ecs-run-task-ec2"),
    ("ecs-run-task-fargate", "as ecs-run-task-ec2"),
    (
        "sagemaker-create-transform-job",
        "the model's role is not in the job's parameters",
    ),
    (
        "http-invoke",
        "the connection's secret ARN is not in the ASL",
    ),
    (
        "sqs-send-message-json-path",
        "the queue's ARN is a token beside a URL token",
    ),
    ("sqs-send-message-object", "as sqs-send-message-json-path"),
    (
        "codebuild-start-build",
        "the project's ARN is a token beside a name token",
    ),
    (
        "emr-create-cluster-on-demand-specification",
        "roles are given to CDK as ARNs, rendered as names",
    ),
    ("emr-create-cluster-spot-specification", "as above"),
    ("emr-create-cluster-step-concurrency", "as above"),
    ("emr-add-step-runtime-role", "as above"),
    (
        "call-http-api-endpoint",
        "CDK grants execute-api:Invoke for the default NO_AUTH, which needs none",
    ),
    ("call-rest-api-endpoint", "as call-http-api-endpoint"),
    (
        "call-rest-api-endpoint-imported",
        "as call-http-api-endpoint",
    ),
    (
        "evaluate-expression-chain",
        "CDK's EvaluateExpression is a Lambda function; ours is a native JSONata state (DEVIATIONS.md)",
    ),
];

#[test]
fn every_cdk_definition_read_as_asl_gets_cdks_policy() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/conformance/cdk");
    let mut compared = 0;
    let mut failures = Vec::new();
    let mut seen = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let cdk: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let Some(id) = cdk["id"].as_str() else {
            continue;
        };
        let statements: Vec<Value> = sfn_tasks::infer::definition_statements(&cdk["definition"])
            .iter()
            .map(|s| s.to_value())
            .collect();
        let got = atoms_of_json(&resolve(&Value::Array(statements)));
        let want = atoms_of_json(&cdk["policy_statements"]);
        compared += 1;
        seen.push(id.to_string());
        let listed = NOT_IN_THE_ASL.iter().any(|(case, _)| *case == id);
        if got == want && listed {
            failures.push(format!(
                "{id}: listed in NOT_IN_THE_ASL, yet the policies agree"
            ));
        }
        if got != want && !listed {
            let only_ours: BTreeSet<_> = got.difference(&want).collect();
            let only_cdk: BTreeSet<_> = want.difference(&got).collect();
            failures.push(format!(
                "{id}:\n  only inferred: {only_ours:?}\n  only CDK: {only_cdk:?}"
            ));
        }
    }
    assert!(compared > 50, "only {compared} cases");
    for (case, _) in NOT_IN_THE_ASL {
        if !seen.iter().any(|s| s == case) {
            failures.push(format!("{case}: listed in NOT_IN_THE_ASL but not a case"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
