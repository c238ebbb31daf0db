//! Amazon SageMaker: endpoints, endpoint configs, models, training and transform jobs.
//!
//! CDK creates an execution role for models and jobs when none is given; a workflow
//! provisions nothing, so `role` (its ARN) is required where SageMaker needs one.

mod model;
mod training;
mod transform;

pub use model::CREATE_MODEL;
pub use training::CREATE_TRAINING_JOB;
pub use transform::CREATE_TRANSFORM_JOB;

use crate::engine::{Ctx, Out, Rcx, arn, member};
use crate::model::{Loc, TaskError, TaskValue};
use crate::spec::{Field, Kind, Pattern, ResourceForm, TaskSpec, patterns};
use serde_json::{Value, json};
use sfn_runtime::iam::Statement;

/// `m5.xlarge` -> `ml.m5.xlarge`; expressions and `ml.` names unchanged.
pub(crate) fn instance_type(rcx: &Rcx, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
    match value {
        TaskValue::Str(s) if !s.starts_with("ml.") => {
            Ok(Out::lit(Value::String(format!("ml.{s}"))))
        }
        other => rcx.render(&Kind::Str, other, loc),
    }
}

/// A name as it appears in a SageMaker ARN (lower-cased), or `*` when only known at run time.
pub(crate) fn arn_name<'a>(ctx: &Ctx<'a>, field: &str) -> String {
    ctx.str(field)
        .map_or_else(|| "*".to_string(), str::to_ascii_lowercase)
}

pub(crate) fn sm(resource: &str) -> String {
    arn::arn("sagemaker", resource)
}

pub(crate) fn list_tags() -> Statement {
    Statement::allow(["sagemaker:ListTags"], ["*"])
}

pub(crate) fn pass_role(ctx: &Ctx) -> Statement {
    Statement::allow(["iam:PassRole"], [ctx.name_or_star("role")])
        .with_condition(json!({"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}}))
}

pub(crate) fn rule(name: &str) -> Statement {
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
                errors.push(
                    TaskError::new(
                        ctx.loc("production_variants"),
                        format!(
                            "`production_variants` must have between 1 and 10 entries, not {}",
                            items.len()
                        ),
                    )
                    .cdk(
                        "Must specify from 1 to 10 production variants per endpoint configuration",
                    ),
                );
            }
            for (iloc, v) in items {
                if let Some((TaskValue::Number(n), _)) = member(v, "initial_instance_count")
                    && n.as_f64().is_some_and(|f| f < 1.0)
                {
                    errors.push(
                        TaskError::new(
                            *iloc,
                            format!("`initial_instance_count` must be at least 1, not {n}"),
                        )
                        .cdk("Must define at least one instance"),
                    );
                }
                if let Some((TaskValue::Number(n), _)) = member(v, "initial_variant_weight")
                    && n.as_f64().is_some_and(|f| f <= 0.0)
                {
                    errors.push(
                        TaskError::new(
                            *iloc,
                            format!("`initial_variant_weight` must be greater than 0, not {n}"),
                        )
                        .cdk("InitialVariantWeight has minimum value of 0"),
                    );
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
