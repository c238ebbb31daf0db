//! The catalogue of AWS Step Functions service integrations: every task class of the AWS CDK
//! module `aws-stepfunctions-tasks`, described once as data (fields, patterns, resource,
//! IAM statements, default Retry, checks) and rendered to ASL.
