//! `SageMakerCreateTransformJob`.

use super::training::S3_DATA_TYPES;
use super::{instance_type, list_tags, pass_role, rule, sm};
use crate::engine::member;
use crate::model::{TaskError, TaskValue};
use crate::spec::{Field, Kind, Pattern, ResourceForm, TaskSpec, patterns};
use sfn_runtime::iam::Statement;

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
                    format!("`invocations_max_retries` must be between 0 and 3, not {n}"),
                ));
            }
            if let Some((TaskValue::DurationSecs(s), loc)) = member(o, "invocations_timeout")
                && !(1..=3600).contains(s)
            {
                errors.push(TaskError::new(
                    loc,
                    format!(
                        "`invocations_timeout` must be between `1s` and `3600s` (1h), not `{s}s`"
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
