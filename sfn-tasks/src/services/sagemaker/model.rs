//! `SageMakerCreateModel`.

use super::{list_tags, pass_role, sm};
use crate::spec::{Field, Kind, Pattern, ResourceForm, TaskSpec, patterns};
use sfn_runtime::iam::Statement;

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
