//! Amazon SageMaker (`SageMakerCreateTrainingJob`, `SageMakerCreateModel`,
//! `SageMakerCreateEndpointConfig`, `SageMakerCreateEndpoint`, `SageMakerCreateTransformJob`,
//! `SageMakerUpdateEndpoint`): train a BlazingText model and wait for it, register the model,
//! serve it from an endpoint and score a batch with it; a second workflow rolls an endpoint
//! over to a new configuration. The local run plays SageMaker.
//!
//! Mirrors the CDK conformance cases `sagemaker-create-training-job` (here with RUN_JOB),
//! `sagemaker-create-model`, `sagemaker-create-endpoint-config`, `sagemaker-create-endpoint`,
//! `sagemaker-create-transform-job` and `sagemaker-update-endpoint`. CDK creates the SageMaker
//! roles when none are given; a workflow names them.
//!
//! ```sh
//! cargo run --example sagemaker
//! ```

use serde_json::json;
use sfn::workflow;

workflow! {
    /// Train, register, serve, score.
    pub SAGEMAKER {
        TrainSagemaker: SageMakerCreateTrainingJob {
            pattern: run_job,
            training_job_name: $.JobName,
            role: "arn:aws:iam::123456789012:role/SageMakerTrainingRole",
            algorithm_specification: { "algorithm_name": "BlazingText", "training_input_mode": file },
            input_data_config: [{
                "channel_name": "train",
                "data_source": { "s3_data_source": { "s3_data_type": s3_prefix, "s3_location": $.S3Bucket } },
            }],
            output_data_config: { "s3_output_location": "https://s3.us-east-1.amazonaws.com/mybucket/myoutputpath" },
            resource_config: { "instance_count": 1, "instance_type": $.InstanceType, "volume_size_in_gb": 50 },
            max_runtime: 2h,
            result_selector: { "ModelArtifacts": $.ModelArtifacts },
            result_path: $.TrainingJob,
        } -> Sagemaker,

        Sagemaker: SageMakerCreateModel {
            model_name: "MyModel",
            role: "arn:aws:iam::123456789012:role/SageMakerModelRole",
            primary_container: {
                "image": $.Model.imageName,
                "mode": single_model,
                "model_s3_location": $.TrainingJob.ModelArtifacts.S3ModelArtifacts,
            },
            result_path: null,
        } -> SagemakerEndpointConfig,

        SagemakerEndpointConfig: SageMakerCreateEndpointConfig {
            endpoint_config_name: "MyEndpointConfig",
            production_variants: [{
                "initial_instance_count": 2,
                "instance_type": "m5.xlarge",
                "model_name": "MyModel",
                "variant_name": "awesome-variant",
            }],
            result_path: null,
        } -> SagemakerEndpoint,

        SagemakerEndpoint: SageMakerCreateEndpoint {
            endpoint_name: $.EndpointName,
            endpoint_config_name: "MyEndpointConfig",
            result_path: $.endpoint,
        } -> BatchInference,

        BatchInference: SageMakerCreateTransformJob {
            transform_job_name: "MyTransformJob",
            model_name: "MyModel",
            role: "arn:aws:iam::123456789012:role/SageMakerTransformRole",
            model_client_options: { "invocations_max_retries": 3, "invocations_timeout": 5min },
            transform_input: {
                "transform_data_source": { "s3_data_source": { "s3_uri": "s3://inputbucket/train", "s3_data_type": s3_prefix } },
            },
            transform_output: { "s3_output_path": "s3://outputbucket/TransformJobOutputPath" },
            transform_resources: { "instance_count": 1, "instance_type": "m4.xlarge" },
            result_path: $.transform,
        } -> end,
    }

    /// Points an endpoint at another configuration.
    pub SAGEMAKER_ROLLOUT {
        SagemakerEndpoint: SageMakerUpdateEndpoint {
            endpoint_name: $.Endpoint.Name,
            endpoint_config_name: $.Endpoint.EndpointConfig,
        } -> end,
    }
}

fn main() {
    for workflow in [SAGEMAKER, SAGEMAKER_ROLLOUT] {
        println!(
            "== {} ASL definition\n{}\n",
            workflow.name(),
            workflow.definition_pretty()
        );
        println!(
            "== {} IAM policy\n{}\n",
            workflow.name(),
            workflow.policy_pretty()
        );
    }

    let executor = SAGEMAKER
        .executor()
        .and_then(|e| {
            e.on_state("TrainSagemaker", |p, _| {
                let job = p["TrainingJobName"].as_str().unwrap_or("job");
                let artifacts = format!("s3://mybucket/myoutputpath/{job}/output/model.tar.gz");
                Ok(json!({"TrainingJobStatus": "Completed", "ModelArtifacts": {"S3ModelArtifacts": artifacts}}))
            })
        })
        .and_then(|e| {
            e.on_state("Sagemaker", |p, _| {
                println!("   model from {}", p["PrimaryContainer"]["ModelDataUrl"]);
                Ok(json!({"ModelArn": "arn:aws:sagemaker:us-east-1:123456789012:model/mymodel"}))
            })
        })
        .and_then(|e| e.on_state("SagemakerEndpointConfig", |_, _| Ok(json!({}))))
        .and_then(|e| {
            e.on_state("SagemakerEndpoint", |p, _| {
                Ok(json!({"EndpointArn": format!("arn:aws:sagemaker:us-east-1:123456789012:endpoint/{}", p["EndpointName"].as_str().unwrap_or("?"))}))
            })
        })
        .and_then(|e| e.on_state("BatchInference", |_, _| Ok(json!({"TransformJobArn": "arn:t"}))))
        .unwrap_or_else(|e| panic!("the handlers name task states of SAGEMAKER: {e}"));
    println!("== Local run of SAGEMAKER");
    let input = json!({
        "JobName": "blazing-1", "S3Bucket": "s3://mybucket/train", "InstanceType": "ml.m5.xlarge",
        "Model": {"imageName": "811284229777.dkr.ecr.us-east-1.amazonaws.com/blazingtext:1"},
        "EndpointName": "my-endpoint"
    });
    let execution = executor.run(input);
    println!(
        "   {:?}: {}",
        execution.status,
        execution.output.unwrap_or_default()
    );
}
