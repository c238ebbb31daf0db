//! Catalogue task types inside `workflow!`: rendered by `sfn_tasks`, with their IAM
//! statements merged into the workflow's policy.

use serde_json::{Value, json};
use sfn::workflow;

workflow! {
    pub ORDER {
        #[retry(errors = ["States.Timeout"], max_attempts = 2)]
        #[catch(errors = ["States.ALL"], result_path = $.error, next = Failed)]
        Charge: LambdaInvoke {
            lambda_function: "arn:aws:lambda:us-east-1:123456789012:function:charge",
            payload: { "order.$": "$.order", "amount": $.amount },
            result_path: $.charge,
            timeout: 30s,
        } -> Fan,
        Fan: Parallel {
            branches: [
                { Notify: SnsPublish { topic: "arn:aws:sns:us-east-1:123456789012:orders", message: $.charge } -> end },
                { Call: Task { resource: "arn:aws:lambda:us-east-1:123456789012:function:audit" } -> end },
            ],
        } -> end,
        Failed: Fail { error: "ChargeFailed" },
    }
}

#[test]
fn catalogue_task_is_rendered_and_merged() {
    let d: Value = serde_json::from_str(ORDER.definition()).unwrap();
    let charge = &d["States"]["Charge"];
    assert_eq!(charge["Type"], "Task");
    assert_eq!(charge["Resource"], "arn:aws:states:::lambda:invoke");
    assert_eq!(
        charge["Parameters"]["FunctionName"],
        "arn:aws:lambda:us-east-1:123456789012:function:charge"
    );
    assert_eq!(
        charge["Parameters"]["Payload"],
        json!({"order.$": "$.order", "amount.$": "$.amount"})
    );
    assert_eq!(charge["ResultPath"], "$.charge");
    assert_eq!(charge["TimeoutSeconds"], 30);
    // The integration's default retrier (CDK's LambdaInvoke) comes first, then ours.
    let retry = charge["Retry"].as_array().unwrap();
    assert_eq!(
        retry.last().unwrap(),
        &json!({"ErrorEquals": ["States.Timeout"], "MaxAttempts": 2})
    );
    assert!(retry.len() >= 2, "{retry:?}");
    assert_eq!(charge["Catch"][0]["Next"], "Failed");
    assert_eq!(charge["Next"], "Fan");
    let notify = &d["States"]["Fan"]["Branches"][0]["States"]["Notify"];
    assert_eq!(notify["Resource"], "arn:aws:states:::sns:publish");
}

#[test]
fn policy_covers_every_task_including_nested_ones() {
    let policy: Value = serde_json::from_str(ORDER.policy()).unwrap();
    assert_eq!(policy, ORDER.policy_value());
    assert_eq!(policy["Version"], "2012-10-17");
    let text = policy.to_string();
    assert!(text.contains("lambda:InvokeFunction"), "{text}");
    assert!(
        text.contains("arn:aws:lambda:us-east-1:123456789012:function:charge"),
        "{text}"
    );
    assert!(
        text.contains("arn:aws:lambda:us-east-1:123456789012:function:audit"),
        "{text}"
    );
    assert!(text.contains("sns:Publish"), "{text}");
    assert!(
        text.contains("arn:aws:sns:us-east-1:123456789012:orders"),
        "{text}"
    );
}

workflow! {
    pub CONVERT {
        Convert: EvaluateExpression {
            expression: "$.waitMilliseconds / 1000",
            result_path: $.waitSeconds,
        } -> List,
        List: CallAwsService {
            service: "s3",
            action: "listBuckets",
            parameters: { "MaxBuckets": 10 },
            iam_resources: ["*"],
        } -> end,
    }
}

#[test]
fn native_and_sdk_tasks() {
    let d: Value = serde_json::from_str(CONVERT.definition()).unwrap();
    let convert = &d["States"]["Convert"];
    // EvaluateExpression becomes a JSONata Pass whose Output merges the value at result_path.
    assert_eq!(convert["Type"], "Pass");
    assert_eq!(convert["QueryLanguage"], "JSONata");
    let output = convert["Output"].as_str().unwrap();
    assert!(
        output.contains("waitSeconds") && output.contains("/ 1000"),
        "{output}"
    );
    assert!(convert.get("ResultPath").is_none());
    assert_eq!(convert["Next"], "List");
    let list = &d["States"]["List"];
    assert_eq!(list["Resource"], "arn:aws:states:::aws-sdk:s3:listBuckets");
    assert_eq!(list["Parameters"], json!({"MaxBuckets": 10}));
    // As in CDK, the action keeps the spelling of `action` (IAM actions ignore case).
    assert!(
        CONVERT.policy().contains("\"s3:listBuckets\""),
        "{}",
        CONVERT.policy()
    );
}
