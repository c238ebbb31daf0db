//! `SageMakerCreateTrainingJob`.

use super::{instance_type, list_tags, pass_role, rule, sm};
use crate::engine::{Ctx, member};
use crate::model::{TaskError, TaskValue};
use crate::spec::{Field, Kind, Pattern, ResourceForm, TaskSpec, patterns};
use sfn_runtime::iam::Statement;

const METRIC: &[Field] = &[
    Field::new("name", "Name", Kind::Str).req(),
    Field::new("regex", "Regex", Kind::Str).req(),
];

const ALGORITHM: &[Field] = &[
    Field::new(
        "training_input_mode",
        "TrainingInputMode",
        Kind::Enum(&[
            ("pipe", "Pipe"),
            ("file", "File"),
            ("fast_file", "FastFile"),
        ]),
    )
    .or("\"File\""),
    Field::new("algorithm_name", "AlgorithmName", Kind::Str),
    Field::new("training_image", "TrainingImage", Kind::Str),
    Field::new(
        "metric_definitions",
        "MetricDefinitions",
        Kind::List(&Kind::Struct(METRIC)),
    ),
];

pub(crate) const S3_DATA_TYPES: &[(&str, &str)] = &[
    ("s3_prefix", "S3Prefix"),
    ("manifest_file", "ManifestFile"),
    ("augmented_manifest_file", "AugmentedManifestFile"),
];

const S3_DATA_SOURCE: &[Field] = &[
    Field::new("s3_location", "S3Uri", Kind::Str).req(),
    Field::new("s3_data_type", "S3DataType", Kind::Enum(S3_DATA_TYPES)).or("\"S3Prefix\""),
    Field::new(
        "s3_data_distribution_type",
        "S3DataDistributionType",
        Kind::Enum(&[
            ("fully_replicated", "FullyReplicated"),
            ("sharded_by_s3_key", "ShardedByS3Key"),
        ]),
    ),
    Field::new("attribute_names", "AttributeNames", Kind::StrList),
];

const DATA_SOURCE: &[Field] = &[Field::new(
    "s3_data_source",
    "S3DataSource",
    Kind::Struct(S3_DATA_SOURCE),
)
.req()];

const CHANNEL: &[Field] = &[
    Field::new("channel_name", "ChannelName", Kind::Str).req(),
    Field::new("data_source", "DataSource", Kind::Struct(DATA_SOURCE)).req(),
    Field::new(
        "compression_type",
        "CompressionType",
        Kind::Enum(&[("none", "None"), ("gzip", "Gzip")]),
    ),
    Field::new("content_type", "ContentType", Kind::Str),
    Field::new(
        "input_mode",
        "InputMode",
        Kind::Enum(&[
            ("pipe", "Pipe"),
            ("file", "File"),
            ("fast_file", "FastFile"),
        ]),
    ),
    Field::new(
        "record_wrapper_type",
        "RecordWrapperType",
        Kind::Enum(&[("none", "None"), ("recordio", "RecordIO")]),
    ),
];

const OUTPUT_DATA: &[Field] = &[
    Field::new("s3_output_location", "S3OutputPath", Kind::Str).req(),
    Field::new("encryption_key", "KmsKeyId", Kind::Str),
];

const RESOURCE_CONFIG: &[Field] = &[
    Field::new("instance_count", "InstanceCount", Kind::Number).req(),
    Field::new("instance_type", "InstanceType", Kind::Custom(instance_type)).req(),
    Field::new("volume_size_in_gb", "VolumeSizeInGB", Kind::Number).req(),
    Field::new("volume_encryption_key", "VolumeKmsKeyId", Kind::Str),
];

const TRAINING_VPC: &[Field] = &[
    Field::new("security_group_ids", "SecurityGroupIds", Kind::StrList).req(),
    Field::new("subnets", "Subnets", Kind::StrList).req(),
];

/// `SageMakerCreateTrainingJob`.
pub static CREATE_TRAINING_JOB: TaskSpec = TaskSpec {
    class: "SageMakerCreateTrainingJob",
    service: "Amazon SageMaker",
    resource: ResourceForm::Integration("sagemaker:createTrainingJob"),
    patterns: patterns::RR_SYNC,
    default_pattern: Pattern::RequestResponse,
    fields: &[
        Field::new("training_job_name", "TrainingJobName", Kind::Str).req(),
        Field::new(
            "enable_network_isolation",
            "EnableNetworkIsolation",
            Kind::Bool,
        ),
        Field::new("role", "RoleArn", Kind::Str).req(),
        Field::new(
            "algorithm_specification",
            "AlgorithmSpecification",
            Kind::Struct(ALGORITHM),
        )
        .req(),
        Field::new(
            "input_data_config",
            "InputDataConfig",
            Kind::List(&Kind::Struct(CHANNEL)),
        ),
        Field::new(
            "output_data_config",
            "OutputDataConfig",
            Kind::Struct(OUTPUT_DATA),
        )
        .req(),
        Field::new(
            "resource_config",
            "ResourceConfig",
            Kind::Struct(RESOURCE_CONFIG),
        )
        .or(r#"{"InstanceCount": 1, "InstanceType": "ml.m4.xlarge", "VolumeSizeInGB": 10}"#),
        Field::at(
            "max_runtime",
            &["StoppingCondition", "MaxRuntimeInSeconds"],
            Kind::Seconds,
        )
        .or("3600"),
        Field::new("hyperparameters", "HyperParameters", Kind::Json),
        Field::new("tags", "Tags", Kind::Tags),
        Field::new("vpc_config", "VpcConfig", Kind::Struct(TRAINING_VPC)),
        Field::new("environment", "Environment", Kind::StrMap),
    ],
    token_field: None,
    jsonata: true,
    check: Some(check_training),
    finish: None,
    iam: |ctx| {
        let job = match ctx.str("training_job_name") {
            Some(n) => sm(&format!("training-job/{n}*")),
            None => sm("training-job/*"),
        };
        let mut out = vec![
            Statement::allow(
                [
                    "sagemaker:CreateTrainingJob",
                    "sagemaker:DescribeTrainingJob",
                    "sagemaker:StopTrainingJob",
                ],
                [job.clone()],
            ),
            list_tags(),
            Statement::allow(["sagemaker:AddTags"], [job]),
            pass_role(ctx),
        ];
        if ctx.pattern == Pattern::RunJob {
            out.push(rule("StepFunctionsGetEventsForSageMakerTrainingJobsRule"));
        }
        out
    },
    lambda_retry: false,
};

/// CDK's algorithm-name pattern:
/// `^(arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:[a-z\-]*\/)?([a-zA-Z0-9]([a-zA-Z0-9-]){0,62})(?<!-)$`.
fn algorithm_name_ok(name: &str) -> bool {
    let short = match name.rsplit_once('/') {
        Some((prefix, short)) => {
            let parts: Vec<&str> = prefix.split(':').collect();
            let ok_prefix = matches!(parts.as_slice(), ["arn", p, "sagemaker", _, account, _]
                if p.starts_with("aws") && account.len() == 12 && account.chars().all(|c| c.is_ascii_digit()));
            if !ok_prefix {
                return false;
            }
            short
        }
        None => name,
    };
    let n = short.chars().count();
    (1..=63).contains(&n)
        && short.starts_with(|c: char| c.is_ascii_alphanumeric())
        && short.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !short.ends_with('-')
}

const ALGORITHM_PATTERN: &str = r"^(arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:[a-z\-]*\/)?([a-zA-Z0-9]([a-zA-Z0-9-]){0,62})(?<!-)$";

fn check_training(ctx: &Ctx, errors: &mut Vec<TaskError>) {
    let Some(spec) = ctx.value("algorithm_specification") else {
        return;
    };
    let name = member(spec, "algorithm_name");
    let image = member(spec, "training_image");
    match (name, image) {
        (None, None) => errors.push(
            TaskError::new(ctx.loc("algorithm_specification"), "`algorithm_specification` needs `algorithm_name` or `training_image`")
                .hint("add `algorithm_name: \"...\"` or `training_image: \"...\"`")
                .cdk("Must define either an algorithm name or training image URI in the algorithm specification"),
        ),
        (Some(_), Some((_, loc))) => errors.push(
            TaskError::new(loc, "`algorithm_specification` takes `algorithm_name` or `training_image`, not both")
                .hint("remove one of them")
                .cdk("Cannot define both an algorithm name and training image URI in the algorithm specification"),
        ),
        _ => {}
    }
    if let Some((TaskValue::Str(n), loc)) = name {
        let len = n.chars().count();
        if !(1..=170).contains(&len) {
            errors.push(
                TaskError::new(
                    loc,
                    format!(
                        "`algorithm_name` must be between 1 and 170 characters long, not {len}"
                    ),
                )
                .cdk(format!(
                    "Algorithm name length must be between 1 and 170, but got {len}"
                )),
            );
        } else if !algorithm_name_ok(n) {
            errors.push(
                TaskError::new(
                    loc,
                    format!("`algorithm_name` must be a name or an algorithm ARN, not `{n}`"),
                )
                .hint("a name is letters, digits and dashes, at most 63, not ending with a dash")
                .cdk(format!(
                    "Expected algorithm name to match pattern {ALGORITHM_PATTERN}, but got {n}"
                )),
            );
        }
    }
}
