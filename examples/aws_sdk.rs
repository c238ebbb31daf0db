//! AWS SDK integrations (`CallAwsService`, `CallAwsServiceCrossRegion`): read an S3 object,
//! list buckets (an SDK action whose IAM action has another name), detect labels in an image
//! (the call reads S3 itself, so the role needs an extra statement), and read an object in
//! another region. The local run plays S3 and Rekognition.
//!
//! Mirrors the CDK conformance cases `call-aws-service-iam-action`,
//! `call-aws-service-additional-iam-statements` and `call-aws-service-cross-region`; the
//! first state is the README's `GetObject` example.
//!
//! ```sh
//! cargo run --example aws_sdk
//! ```

use serde_json::json;
use sfn::workflow;

workflow! {
    /// Labels an image found in S3.
    pub AWS_SDK {
        GetObject: CallAwsService {
            service: "s3",
            action: "getObject",
            parameters: { "Bucket": "my-bucket", "Key": $.key },
            iam_resources: ["arn:aws:s3:::my-bucket/*"],
            result_selector: { "body": $.Body },
            result_path: $.object,
        } -> ListBuckets,

        // `s3:listBuckets` is authorised by the IAM action `s3:ListAllMyBuckets`.
        ListBuckets: CallAwsService {
            service: "s3",
            action: "listBuckets",
            iam_resources: ["*"],
            iam_action: "s3:ListAllMyBuckets",
            result_selector: { "names": $.Buckets[*].Name },
            result_path: $.buckets,
        } -> DetectLabels,

        DetectLabels: CallAwsService {
            service: "rekognition",
            action: "detectLabels",
            parameters: { "Image": { "S3Object": { "Bucket": "my-bucket", "Name": $.key } } },
            iam_resources: ["*"],
            additional_iam_statements: [
                { "actions": ["s3:getObject"], "resources": ["arn:aws:s3:::my-bucket/*"] },
            ],
            result_selector: { "labels": $.Labels[*].Name },
            result_path: $.labels,
        } -> GetObjectInTokyo,

        // CDK deploys the cross-region handler Lambda itself; a workflow provisions nothing,
        // so its ARN is given here.
        GetObjectInTokyo: CallAwsServiceCrossRegion {
            handler: "arn:aws:lambda:us-east-1:123456789012:function:CrossRegionAwsSdk",
            region: "ap-northeast-1",
            service: "s3",
            action: "getObject",
            parameters: { "Bucket": "my-bucket", "Key": $.key },
            iam_resources: ["arn:aws:s3:::my-bucket/*"],
            result_path: $.tokyo,
        } -> end,
    }
}

fn main() {
    println!("== ASL definition\n{}\n", AWS_SDK.definition_pretty());
    println!("== IAM policy\n{}\n", AWS_SDK.policy_pretty());

    let executor = AWS_SDK
        .executor()
        .map(|e| {
            e.on_resource("arn:aws:states:::aws-sdk:s3:getObject", |p, _| {
                Ok(json!({"Body": format!("<bytes of {}>", p["Key"].as_str().unwrap_or("?"))}))
            })
            .on_resource("arn:aws:states:::aws-sdk:s3:listBuckets", |_, _| {
                Ok(json!({"Buckets": [{"Name": "my-bucket"}, {"Name": "logs"}]}))
            })
            .on_resource(
                "arn:aws:states:::aws-sdk:rekognition:detectLabels",
                |_, _| Ok(json!({"Labels": [{"Name": "Cat"}, {"Name": "Sofa"}]})),
            )
            .on_resource(
                "arn:aws:lambda:us-east-1:123456789012:function:CrossRegionAwsSdk",
                |p, _| Ok(json!({"region": p["region"], "Body": "<bytes from Tokyo>"})),
            )
        })
        .unwrap_or_else(|e| panic!("AWS_SDK is a valid state machine: {e}"));
    let execution = executor.run(json!({"key": "cat.jpg"}));
    println!("== Local run: {:?}", execution.status);
    println!("   output: {}", execution.output.unwrap_or_default());
}
