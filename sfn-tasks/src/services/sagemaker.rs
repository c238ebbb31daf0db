//! Amazon SageMaker: endpoints, endpoint configs, models, training and transform jobs.
//!
//! CDK creates an execution role for models and jobs when none is given; a workflow
//! provisions nothing, so `role` (its ARN) is required where SageMaker needs one.

use crate::engine::{Ctx, Out, Rcx, arn, member};
use crate::model::{Loc, TaskError, TaskValue};
use crate::spec::{Field, Kind, Pattern, ResourceForm, TaskSpec, patterns};
use serde_json::{Value, json};
use sfn_runtime::iam::Statement;

/// `m5.xlarge` -> `ml.m5.xlarge`; expressions and `ml.` names unchanged.
fn instance_type(rcx: &Rcx, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
    match value {
        TaskValue::Str(s) if !s.starts_with("ml.") => {
            Ok(Out::lit(Value::String(format!("ml.{s}"))))
        }
        other => rcx.render(&Kind::Str, other, loc),
    }
}

/// A name as it appears in a SageMaker ARN (lower-cased), or `*` when only known at run time.
fn arn_name<'a>(ctx: &Ctx<'a>, field: &str) -> String {
    ctx.str(field)
        .map_or_else(|| "*".to_string(), str::to_ascii_lowercase)
}

fn sm(resource: &str) -> String {
    arn::arn("sagemaker", resource)
}

fn list_tags() -> Statement {
    Statement::allow(["sagemaker:ListTags"], ["*"])
}

fn pass_role(ctx: &Ctx) -> Statement {
    Statement::allow(["iam:PassRole"], [ctx.name_or_star("role")])
        .with_condition(json!({"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}}))
}

fn rule(name: &str) -> Statement {
    Statement::allow(
        ["events:PutTargets", "events:PutRule", "events:DescribeRule"],
        [arn::events_rule(name)],
    )
}

/// `SageMakerCreateEndpoint`.
pub static CREATE_ENDPOINT: TaskSpec = TaskSpec {
    class: "SageMakerCreateEndpoint",
    service: "Amazon SageMaker",
    resource: ResourceForm::Integration("sagemaker:createEndpoint"),
    patterns: patterns::RR,
    default_pattern: Pattern::RequestResponse,
    fields: &[
        Field::new("endpoint_config_name", "EndpointConfigName", Kind::Str).req(),
        Field::new("endpoint_name", "EndpointName", Kind::Str).req(),
        Field::new("tags", "Tags", Kind::Json),
    ],
    token_field: None,
    jsonata: true,
    check: None,
    finish: None,
    iam: |ctx| {
        vec![
            // CDK's casing; IAM action names are case-insensitive.
            Statement::allow(
                ["sagemaker:createEndpoint"],
                [
                    sm(&format!("endpoint/{}", arn_name(ctx, "endpoint_name"))),
                    sm(&format!(
                        "endpoint-config/{}",
                        arn_name(ctx, "endpoint_config_name")
                    )),
                ],
            ),
            list_tags(),
        ]
    },
    lambda_retry: false,
};

/// `SageMakerUpdateEndpoint`.
pub static UPDATE_ENDPOINT: TaskSpec = TaskSpec {
    class: "SageMakerUpdateEndpoint",
    service: "Amazon SageMaker",
    resource: ResourceForm::Integration("sagemaker:updateEndpoint"),
    patterns: patterns::RR,
    default_pattern: Pattern::RequestResponse,
    fields: &[
        Field::new("endpoint_config_name", "EndpointConfigName", Kind::Str).req(),
        Field::new("endpoint_name", "EndpointName", Kind::Str).req(),
    ],
    token_field: None,
    jsonata: true,
    check: None,
    finish: None,
    iam: |ctx| {
        vec![Statement::allow(
            ["sagemaker:updateEndpoint"],
            [
                sm(&format!("endpoint/{}", arn_name(ctx, "endpoint_name"))),
                sm(&format!(
                    "endpoint-config/{}",
                    arn_name(ctx, "endpoint_config_name")
                )),
            ],
        )]
    },
    lambda_retry: false,
};

const VARIANT: &[Field] = &[
    Field::new(
        "initial_instance_count",
        "InitialInstanceCount",
        Kind::Number,
    )
    .or("1"),
    Field::new("instance_type", "InstanceType", Kind::Custom(instance_type)).req(),
    Field::new("model_name", "ModelName", Kind::Str).req(),
    Field::new("variant_name", "VariantName", Kind::Str).req(),
    Field::new("accelerator_type", "AcceleratorType", Kind::Str),
    Field::new(
        "initial_variant_weight",
        "InitialVariantWeight",
        Kind::Number,
    ),
];

/// `SageMakerCreateEndpointConfig`.
pub static CREATE_ENDPOINT_CONFIG: TaskSpec = TaskSpec {
    class: "SageMakerCreateEndpointConfig",
    service: "Amazon SageMaker",
    resource: ResourceForm::Integration("sagemaker:createEndpointConfig"),
    patterns: patterns::RR,
    default_pattern: Pattern::RequestResponse,
    fields: &[
        Field::new("endpoint_config_name", "EndpointConfigName", Kind::Str).req(),
        Field::new("tags", "Tags", Kind::Json),
        Field::new("kms_key", "KmsKeyId", Kind::Str),
        Field::new(
            "production_variants",
            "ProductionVariants",
            Kind::List(&Kind::Struct(VARIANT)),
        )
        .req(),
    ],
    token_field: None,
    jsonata: true,
    check: Some(|ctx, errors| {
        if let Some(TaskValue::Array(items)) = ctx.value("production_variants") {
            if !(1..=10).contains(&items.len()) {
                errors.push(TaskError::new(
                    ctx.loc("production_variants"),
                    "Must specify from 1 to 10 production variants per endpoint configuration",
                ));
            }
            for (iloc, v) in items {
                if let Some((TaskValue::Number(n), _)) = member(v, "initial_instance_count")
                    && n.as_f64().is_some_and(|f| f < 1.0)
                {
                    errors.push(TaskError::new(*iloc, "Must define at least one instance"));
                }
                if let Some((TaskValue::Number(n), _)) = member(v, "initial_variant_weight")
                    && n.as_f64().is_some_and(|f| f <= 0.0)
                {
                    errors.push(TaskError::new(
                        *iloc,
                        "InitialVariantWeight has minimum value of 0",
                    ));
                }
            }
        }
    }),
    finish: None,
    iam: |ctx| {
        vec![
            Statement::allow(
                ["sagemaker:CreateEndpointConfig"],
                [sm(&format!(
                    "endpoint-config/{}",
                    arn_name(ctx, "endpoint_config_name")
                ))],
            ),
            list_tags(),
        ]
    },
    lambda_retry: false,
};

const CONTAINER: &[Field] = &[
    Field::new("container_host_name", "ContainerHostname", Kind::Str),
    Field::new("image", "Image", Kind::Str),
    Field::new(
        "mode",
        "Mode",
        Kind::Enum(&[
            ("single_model", "SingleModel"),
            ("multi_model", "MultiModel"),
        ]),
    ),
    Field::new("model_s3_location", "ModelDataUrl", Kind::Str),
    Field::new("model_package_name", "ModelPackageName", Kind::Str),
    Field::new("environment_variables", "Environment", Kind::Json),
];

const MODEL_VPC: &[Field] = &[
    Field::new("security_group_ids", "SecurityGroupIds", Kind::StrList).req(),
    Field::new("subnets", "Subnets", Kind::StrList).req(),
];

/// `SageMakerCreateModel`.
pub static CREATE_MODEL: TaskSpec = TaskSpec {
    class: "SageMakerCreateModel",
    service: "Amazon SageMaker",
    resource: ResourceForm::Integration("sagemaker:createModel"),
    patterns: patterns::RR,
    default_pattern: Pattern::RequestResponse,
    fields: &[
        Field::new(
            "enable_network_isolation",
            "EnableNetworkIsolation",
            Kind::Bool,
        ),
        Field::new("role", "ExecutionRoleArn", Kind::Str).req(),
        Field::new("model_name", "ModelName", Kind::Str).req(),
        Field::new("tags", "Tags", Kind::Json),
        Field::new(
            "primary_container",
            "PrimaryContainer",
            Kind::Struct(CONTAINER),
        )
        .req(),
        Field::new(
            "containers",
            "Containers",
            Kind::List(&Kind::Struct(CONTAINER)),
        ),
        Field::new("vpc_config", "VpcConfig", Kind::Struct(MODEL_VPC)),
    ],
    token_field: None,
    jsonata: true,
    check: None,
    finish: None,
    iam: |ctx| {
        let model = match ctx.str("model_name") {
            Some(n) => sm(&format!("model/{}*", n.to_ascii_lowercase())),
            None => sm("model/*"),
        };
        vec![
            Statement::allow(["sagemaker:CreateModel"], [model]),
            list_tags(),
            pass_role(ctx),
        ]
    },
    lambda_retry: false,
};

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

const S3_DATA_TYPES: &[(&str, &str)] = &[
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
            TaskError::new(ctx.loc("algorithm_specification"), "Must define either an algorithm name or training image URI in the algorithm specification")
                .hint("add `algorithm_name: \"...\"` or `training_image: \"...\"`"),
        ),
        (Some(_), Some((_, loc))) => errors.push(TaskError::new(loc, "Cannot define both an algorithm name and training image URI in the algorithm specification")),
        _ => {}
    }
    if let Some((TaskValue::Str(n), loc)) = name {
        let len = n.chars().count();
        if !(1..=170).contains(&len) {
            errors.push(TaskError::new(
                loc,
                format!("Algorithm name length must be between 1 and 170, but got {len}"),
            ));
        } else if !algorithm_name_ok(n) {
            errors.push(
                TaskError::new(
                    loc,
                    format!(
                        "Expected algorithm name to match pattern {ALGORITHM_PATTERN}, but got {n}"
                    ),
                )
                .hint("letters, digits and dashes, at most 63, not ending with a dash"),
            );
        }
    }
}

const MODEL_CLIENT: &[Field] = &[
    Field::new(
        "invocations_max_retries",
        "InvocationsMaxRetries",
        Kind::Number,
    )
    .or("0"),
    Field::new(
        "invocations_timeout",
        "InvocationsTimeoutInSeconds",
        Kind::Seconds,
    )
    .or("60"),
];

const TRANSFORM_S3: &[Field] = &[
    Field::new("s3_uri", "S3Uri", Kind::Str).req(),
    Field::new("s3_data_type", "S3DataType", Kind::Enum(S3_DATA_TYPES)).or("\"S3Prefix\""),
];

const TRANSFORM_DATA_SOURCE: &[Field] =
    &[Field::new("s3_data_source", "S3DataSource", Kind::Struct(TRANSFORM_S3)).req()];

const TRANSFORM_INPUT: &[Field] = &[
    Field::new(
        "compression_type",
        "CompressionType",
        Kind::Enum(&[("none", "None"), ("gzip", "Gzip")]),
    ),
    Field::new("content_type", "ContentType", Kind::Str),
    Field::new(
        "split_type",
        "SplitType",
        Kind::Enum(&[
            ("none", "None"),
            ("line", "Line"),
            ("recordio", "RecordIO"),
            ("tfrecord", "TFRecord"),
        ]),
    ),
    Field::new(
        "transform_data_source",
        "DataSource",
        Kind::Struct(TRANSFORM_DATA_SOURCE),
    )
    .req(),
];

const TRANSFORM_OUTPUT: &[Field] = &[
    Field::new("s3_output_path", "S3OutputPath", Kind::Str).req(),
    Field::new("encryption_key", "KmsKeyId", Kind::Str),
    Field::new("accept", "Accept", Kind::Str),
    Field::new(
        "assemble_with",
        "AssembleWith",
        Kind::Enum(&[("none", "None"), ("line", "Line")]),
    ),
];

const TRANSFORM_RESOURCES: &[Field] = &[
    Field::new("instance_count", "InstanceCount", Kind::Number).req(),
    Field::new("instance_type", "InstanceType", Kind::Custom(instance_type)).req(),
    Field::new("volume_encryption_key", "VolumeKmsKeyId", Kind::Str),
];

/// `SageMakerCreateTransformJob`.
pub static CREATE_TRANSFORM_JOB: TaskSpec = TaskSpec {
    class: "SageMakerCreateTransformJob",
    service: "Amazon SageMaker",
    resource: ResourceForm::Integration("sagemaker:createTransformJob"),
    patterns: patterns::RR_SYNC,
    default_pattern: Pattern::RequestResponse,
    fields: &[
        Field::new(
            "batch_strategy",
            "BatchStrategy",
            Kind::Enum(&[
                ("multi_record", "MultiRecord"),
                ("single_record", "SingleRecord"),
            ]),
        ),
        Field::new("environment", "Environment", Kind::StrMap),
        Field::new(
            "max_concurrent_transforms",
            "MaxConcurrentTransforms",
            Kind::Number,
        ),
        Field::new("max_payload_mb", "MaxPayloadInMB", Kind::Number),
        Field::new(
            "model_client_options",
            "ModelClientConfig",
            Kind::Struct(MODEL_CLIENT),
        ),
        Field::new("model_name", "ModelName", Kind::Str).req(),
        Field::new("tags", "Tags", Kind::Tags),
        Field::new(
            "transform_input",
            "TransformInput",
            Kind::Struct(TRANSFORM_INPUT),
        )
        .req(),
        Field::new("transform_job_name", "TransformJobName", Kind::Str).req(),
        Field::new(
            "transform_output",
            "TransformOutput",
            Kind::Struct(TRANSFORM_OUTPUT),
        )
        .req(),
        Field::new(
            "transform_resources",
            "TransformResources",
            Kind::Struct(TRANSFORM_RESOURCES),
        )
        .or(r#"{"InstanceCount": 1, "InstanceType": "ml.m4.xlarge"}"#),
        Field::skip("role", Kind::Str).req(),
    ],
    token_field: None,
    jsonata: true,
    check: Some(|ctx, errors| {
        if let Some(o) = ctx.value("model_client_options") {
            if let Some((TaskValue::Number(n), loc)) = member(o, "invocations_max_retries")
                && n.as_f64().is_some_and(|f| !(0.0..=3.0).contains(&f))
            {
                errors.push(TaskError::new(
                    loc,
                    format!("invocationsMaxRetries should be between 0 and 3. Received: {n}."),
                ));
            }
            if let Some((TaskValue::DurationSecs(s), loc)) = member(o, "invocations_timeout")
                && !(1..=3600).contains(s)
            {
                errors.push(TaskError::new(
                    loc,
                    format!(
                        "invocationsTimeout should be between 1 and 3600 seconds. Received: {s}."
                    ),
                ));
            }
        }
        if ctx.has("role") && ctx.str("role").is_none() {
            errors.push(TaskError::new(
                ctx.loc("role"),
                "`role` must be the literal ARN of the transform job's role",
            ));
        }
    }),
    finish: None,
    iam: |ctx| {
        let jobs = sm("transform-job/*");
        let mut out = vec![
            Statement::allow(
                [
                    "sagemaker:CreateTransformJob",
                    "sagemaker:DescribeTransformJob",
                    "sagemaker:StopTransformJob",
                ],
                [jobs.clone()],
            ),
            list_tags(),
            pass_role(ctx),
        ];
        if ctx.pattern == Pattern::RunJob {
            out.push(rule("StepFunctionsGetEventsForSageMakerTransformJobsRule"));
            out.push(Statement::allow(["sagemaker:AddTags"], [jobs]));
        }
        out
    },
    lambda_retry: false,
};
