//! SageMaker against CDK's conformance cases. CDK creates the execution roles; we name them.
mod common;
use common::*;

#[test]
fn create_endpoint() {
    let c = call(
        "SageMakerCreateEndpoint",
        vec![
            ("endpoint_name", p("$.EndpointName")),
            ("endpoint_config_name", p("$.EndpointConfigName")),
        ],
    );
    golden("sagemaker-create-endpoint", "SagemakerEndpoint", &c);
}

#[test]
fn update_endpoint() {
    let c = call(
        "SageMakerUpdateEndpoint",
        vec![
            ("endpoint_name", p("$.Endpoint.Name")),
            ("endpoint_config_name", p("$.Endpoint.EndpointConfig")),
        ],
    );
    golden("sagemaker-update-endpoint", "SagemakerEndpoint", &c);
}

#[test]
fn create_endpoint_config() {
    let c = call(
        "SageMakerCreateEndpointConfig",
        vec![
            ("endpoint_config_name", s("MyEndpointConfig")),
            (
                "production_variants",
                arr(vec![obj(vec![
                    ("initial_instance_count", n(2)),
                    ("instance_type", s("m5.xlarge")),
                    ("model_name", s("MyModel")),
                    ("variant_name", s("awesome-variant")),
                ])]),
            ),
        ],
    );
    golden(
        "sagemaker-create-endpoint-config",
        "SagemakerEndpointConfig",
        &c,
    );
}

#[test]
fn create_model() {
    let c = call(
        "SageMakerCreateModel",
        vec![
            ("model_name", s("MyModel")),
            ("role", s("${SagemakerSagemakerRole3C10F0A5.Arn}")),
            (
                "primary_container",
                obj(vec![
                    ("image", p("$.Model.imageName")),
                    ("mode", id("single_model")),
                    (
                        "model_s3_location",
                        p("$.TrainingJob.ModelArtifacts.S3ModelArtifacts"),
                    ),
                ]),
            ),
        ],
    );
    golden("sagemaker-create-model", "Sagemaker", &c);
}

#[test]
fn create_training_job() {
    let c = call(
        "SageMakerCreateTrainingJob",
        vec![
            ("training_job_name", p("$.JobName")),
            ("role", s("${TrainSagemakerSagemakerRole89E8C593.Arn}")),
            (
                "algorithm_specification",
                obj(vec![
                    ("algorithm_name", s("BlazingText")),
                    ("training_input_mode", id("file")),
                ]),
            ),
            (
                "input_data_config",
                arr(vec![obj(vec![
                    ("channel_name", s("train")),
                    (
                        "data_source",
                        obj(vec![(
                            "s3_data_source",
                            obj(vec![
                                ("s3_data_type", id("s3_prefix")),
                                ("s3_location", p("$.S3Bucket")),
                            ]),
                        )]),
                    ),
                ])]),
            ),
            (
                "output_data_config",
                obj(vec![(
                    "s3_output_location",
                    s("https://s3.us-east-1.amazonaws.com/mybucket/myoutputpath"),
                )]),
            ),
            (
                "resource_config",
                obj(vec![
                    ("instance_count", n(1)),
                    ("instance_type", p("$.InstanceType")),
                    ("volume_size_in_gb", n(50)),
                ]),
            ),
            ("max_runtime", secs(7200)),
        ],
    );
    golden("sagemaker-create-training-job", "TrainSagemaker", &c);
}

#[test]
fn create_transform_job() {
    let c = call(
        "SageMakerCreateTransformJob",
        vec![
            ("transform_job_name", s("MyTransformJob")),
            ("model_name", s("MyModelName")),
            (
                "role",
                s("${BatchInferenceSagemakerTransformRoleB1C48C9A.Arn}"),
            ),
            (
                "model_client_options",
                obj(vec![
                    ("invocations_max_retries", n(3)),
                    ("invocations_timeout", secs(300)),
                ]),
            ),
            (
                "transform_input",
                obj(vec![(
                    "transform_data_source",
                    obj(vec![(
                        "s3_data_source",
                        obj(vec![
                            ("s3_uri", s("s3://inputbucket/train")),
                            ("s3_data_type", id("s3_prefix")),
                        ]),
                    )]),
                )]),
            ),
            (
                "transform_output",
                obj(vec![(
                    "s3_output_path",
                    s("s3://outputbucket/TransformJobOutputPath"),
                )]),
            ),
            (
                "transform_resources",
                obj(vec![
                    ("instance_count", n(1)),
                    ("instance_type", s("m4.xlarge")),
                ]),
            ),
        ],
    );
    golden("sagemaker-create-transform-job", "Batch Inference", &c);
}
