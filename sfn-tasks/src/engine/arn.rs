//! ARN helpers.
//!
//! CDK builds many IAM ARNs from the stack's region and account. A workflow has no stack,
//! so those parts are written as the CloudFormation pseudo parameters `${AWS::Region}` and
//! `${AWS::AccountId}` (`Fn::Sub` syntax): a template fills them at deploy time, and the
//! golden tests fill them the way CDK's conformance generator resolved its tokens. The
//! partition is the literal `aws`.

/// Placeholder for the deploying stack's region.
pub const REGION: &str = "${AWS::Region}";
/// Placeholder for the deploying stack's account.
pub const ACCOUNT: &str = "${AWS::AccountId}";
/// The URL suffix of the `aws` partition.
pub const URL_SUFFIX: &str = "amazonaws.com";

/// `arn:aws:<service>:${AWS::Region}:${AWS::AccountId}:<resource>`.
pub fn arn(service: &str, resource: &str) -> String {
    format!("arn:aws:{service}:{REGION}:{ACCOUNT}:{resource}")
}

/// `arn:aws:<service>:::<resource>` (no region, no account: S3 objects).
pub fn global(service: &str, resource: &str) -> String {
    format!("arn:aws:{service}:::{resource}")
}

/// `arn:aws:iam::${AWS::AccountId}:<resource>`.
pub fn iam(resource: &str) -> String {
    format!("arn:aws:iam::{ACCOUNT}:{resource}")
}

/// The optimised-integration resource `arn:aws:states:::<api>`.
pub fn states(api: &str) -> String {
    format!("arn:aws:states:::{api}")
}

/// The managed EventBridge rule Step Functions uses to follow a `.sync` job.
pub fn events_rule(name: &str) -> String {
    arn("events", &format!("rule/{name}"))
}
