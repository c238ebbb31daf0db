//! Every invalid combination of `tests/conformance/cdk-errors/errors.json` yields a
//! TaskError at the offending field (including the probes CDK silently accepts, which we
//! reject: listed in DEVIATIONS.md). Cases about the state graph belong to the macro and
//! cases about constructs we never see (a RestApi without methods, a cluster's capacity)
//! are listed with the reason they cannot arise here.
mod common;
use common::*;
use sfn_tasks::TaskCall;

const FN: &str = "arn:aws:lambda:us-east-1:123456789012:function:MyFn";
const TOPIC: &str = "arn:aws:sns:us-east-1:123456789012:MyTopic";
const CHILD: &str = "arn:aws:states:us-east-1:123456789012:stateMachine:Child";
const PI: &str = "local:///usr/lib/spark/examples/src/main/python/pi.py";

/// (case id, the call, the field the error must point at (None: the class name), a part
/// of the expected message).
type Case = (&'static str, TaskCall, Option<&'static str>, &'static str);

fn batch(extra: Vec<(&'static str, sfn_tasks::TaskValue)>) -> TaskCall {
    let mut f = vec![
        (
            "job_definition_arn",
            s("arn:aws:batch:us-east-1:123456789012:job-definition/MyJobDef:1"),
        ),
        ("job_name", s("MyJob")),
        (
            "job_queue_arn",
            s("arn:aws:batch:us-east-1:123456789012:job-queue/MyJobQueue"),
        ),
    ];
    f.extend(extra);
    call("BatchSubmitJob", f)
}

fn emr(extra: Vec<(&'static str, sfn_tasks::TaskValue)>) -> TaskCall {
    let mut f = vec![
        ("name", s("Cluster")),
        ("cluster_role", s("arn:aws:iam::123456789012:role/Instance")),
        ("service_role", s("arn:aws:iam::123456789012:role/Service")),
    ];
    f.extend(extra);
    if !f.iter().any(|(n, _)| *n == "instances") {
        f.push(("instances", obj(vec![])));
    }
    call("EmrCreateCluster", f)
}

fn fleet(extra: Vec<(&'static str, sfn_tasks::TaskValue)>) -> sfn_tasks::TaskValue {
    let mut f = vec![("instance_fleet_type", id("master"))];
    f.extend(extra);
    obj(vec![("instance_fleets", arr(vec![obj(f)]))])
}

fn emr_containers(extra: Vec<(&'static str, sfn_tasks::TaskValue)>) -> TaskCall {
    let mut f = vec![
        ("virtual_cluster", s("de92jdei2910fwedz")),
        ("release_label", id("emr_6_2_0")),
        ("execution_role", s("arn:aws:iam::123456789012:role/Job")),
        ("entry_point", s(PI)),
    ];
    for (k, v) in extra {
        f.retain(|(n, _)| *n != k);
        f.push((k, v));
    }
    call("EmrContainersStartJobRun", f)
}

fn training(extra: Vec<(&'static str, sfn_tasks::TaskValue)>) -> TaskCall {
    let mut f = vec![
        ("training_job_name", s("MyTrainingJob")),
        ("role", s("arn:aws:iam::123456789012:role/SageMaker")),
        (
            "output_data_config",
            obj(vec![("s3_output_location", p("$.out"))]),
        ),
    ];
    f.extend(extra);
    call("SageMakerCreateTrainingJob", f)
}

fn ecs(extra: Vec<(&'static str, sfn_tasks::TaskValue)>) -> TaskCall {
    let mut f = vec![
        ("cluster", s("arn:aws:ecs:us-east-1:123456789012:cluster/C")),
        ("task_definition", s("TD")),
        ("assign_public_ip", b(true)),
    ];
    f.extend(extra);
    call("EcsRunTask", f)
}

fn cases() -> Vec<Case> {
    vec![
        (
            "lambda-invoke-payload-response-only-with-wait-for-task-token",
            call(
                "LambdaInvoke",
                vec![
                    ("lambda_function", s(FN)),
                    ("payload_response_only", b(true)),
                    ("pattern", id("wait_for_task_token")),
                    ("payload", obj(vec![("token", p("$$.Task.Token"))])),
                ],
            ),
            Some("pattern"),
            "The 'payloadResponseOnly' property cannot be used",
        ),
        (
            "lambda-invoke-wait-for-task-token-without-token",
            call(
                "LambdaInvoke",
                vec![
                    ("lambda_function", s(FN)),
                    ("pattern", id("wait_for_task_token")),
                    ("payload", obj(vec![("input", p("$.someField"))])),
                ],
            ),
            Some("payload"),
            "Task Token is required in `payload`",
        ),
        (
            "sns-publish-run-job",
            call(
                "SnsPublish",
                vec![
                    ("topic", s(TOPIC)),
                    ("pattern", id("run_job")),
                    ("message", p("$.message")),
                ],
            ),
            Some("pattern"),
            "Unsupported service integration pattern. Supported Patterns: REQUEST_RESPONSE,WAIT_FOR_TASK_TOKEN. Received: RUN_JOB",
        ),
        (
            "sns-publish-array-attribute-object-element",
            call(
                "SnsPublish",
                vec![
                    ("topic", s(TOPIC)),
                    ("message", s("hello")),
                    (
                        "message_attributes",
                        obj(vec![(
                            "handles",
                            obj(vec![
                                ("data_type", id("string_array")),
                                ("value", arr(vec![s("a"), obj(vec![("nested", b(true))])])),
                            ]),
                        )]),
                    ),
                ],
            ),
            Some("message_attributes"),
            "String.Array values must be one of string, boolean, number or null",
        ),
        (
            // CDK accepts this one (no explicit data type); SNS would reject it.
            "sns-publish-array-attribute-object-element-implicit-type",
            call(
                "SnsPublish",
                vec![
                    ("topic", s(TOPIC)),
                    ("message", s("hello")),
                    (
                        "message_attributes",
                        obj(vec![(
                            "handles",
                            obj(vec![(
                                "value",
                                arr(vec![s("a"), obj(vec![("nested", b(true))])]),
                            )]),
                        )]),
                    ),
                ],
            ),
            Some("message_attributes"),
            "String.Array values must be one of string, boolean, number or null",
        ),
        (
            "sns-publish-fifo-without-deduplication-id",
            call(
                "SnsPublish",
                vec![
                    (
                        "topic",
                        s("arn:aws:sns:us-east-1:123456789012:MyTopic.fifo"),
                    ),
                    ("message", s("hello")),
                    ("message_group_id", s("group1")),
                ],
            ),
            Some("topic"),
            // CDK: 'messageDeduplicationId' is required for FIFO topics with 'contentBasedDeduplication' disabled
            "a FIFO topic (`.fifo`) without content-based deduplication needs `message_deduplication_id`",
        ),
        (
            "sfn-start-execution-wait-for-task-token-without-token",
            call(
                "StepFunctionsStartExecution",
                vec![
                    ("state_machine", s(CHILD)),
                    ("pattern", id("wait_for_task_token")),
                    ("input", obj(vec![("foo", s("bar"))])),
                ],
            ),
            Some("input"),
            "Task Token is required in `input`",
        ),
        (
            "sfn-start-execution-associate-with-parent-json-path-input",
            call(
                "StepFunctionsStartExecution",
                vec![
                    ("state_machine", s(CHILD)),
                    ("associate_with_parent", b(true)),
                    ("input", p("$.input")),
                ],
            ),
            Some("input"),
            "Could not enable `associateWithParent` because `input` is taken directly from a JSON path",
        ),
        (
            "call-rest-api-endpoint-run-job",
            call(
                "CallApiGatewayRestApiEndpoint",
                vec![
                    ("api", s("a1b2c3d4e5")),
                    ("stage_name", s("Stage")),
                    ("method", id("GET")),
                    ("pattern", id("run_job")),
                ],
            ),
            Some("pattern"),
            "Supported Patterns: REQUEST_RESPONSE,WAIT_FOR_TASK_TOKEN. Received: RUN_JOB",
        ),
        (
            "call-http-api-endpoint-run-job",
            call(
                "CallApiGatewayHttpApiEndpoint",
                vec![
                    ("api", s("a1b2c3d4e5")),
                    ("method", id("GET")),
                    ("pattern", id("run_job")),
                ],
            ),
            Some("pattern"),
            "Supported Patterns: REQUEST_RESPONSE,WAIT_FOR_TASK_TOKEN. Received: RUN_JOB",
        ),
        (
            "athena-start-query-execution-empty-execution-parameters",
            call(
                "AthenaStartQueryExecution",
                vec![
                    ("query_string", p("$.queryString")),
                    ("execution_parameters", arr(vec![])),
                ],
            ),
            Some("execution_parameters"),
            // CDK: 'executionParameters' must be a non-empty list
            "`execution_parameters` must not be empty",
        ),
        (
            "athena-start-query-execution-result-reuse-too-long",
            call(
                "AthenaStartQueryExecution",
                vec![
                    ("query_string", p("$.queryString")),
                    ("result_reuse_configuration_max_age", secs(10081 * 60)),
                ],
            ),
            Some("result_reuse_configuration_max_age"),
            // CDK: resultReuseConfigurationMaxAge must either be 0 or between 1 and 10080 minutes, got 10081
            "`result_reuse_configuration_max_age` must be `0s` or between `1min` and `10080min` (7 days), not `10081min`",
        ),
        (
            "batch-submit-job-wait-for-task-token",
            batch(vec![("pattern", id("wait_for_task_token"))]),
            Some("pattern"),
            "Supported Patterns: REQUEST_RESPONSE,RUN_JOB. Received: WAIT_FOR_TASK_TOKEN",
        ),
        (
            "batch-submit-job-array-size-1",
            batch(vec![("array_size", n(1))]),
            Some("array_size"),
            // CDK: arraySize must be between 2 and 10,000. Received 1.
            "`array_size` must be between 2 and 10000, not 1",
        ),
        (
            "batch-submit-job-short-task-timeout",
            batch(vec![("attempt_duration", secs(30))]),
            Some("attempt_duration"),
            // CDK: attempt duration must be greater than 60 seconds. Received 30 seconds.
            "`attempt_duration` must be at least `60s`, not `30s`",
        ),
        (
            "bedrock-invoke-model-guardrail-version-0",
            call(
                "BedrockInvokeModel",
                vec![
                    ("model", s("amazon.titan-text-express-v1")),
                    ("body", obj(vec![("inputText", s("hi"))])),
                    (
                        "guardrail",
                        obj(vec![("identifier", s("abc123")), ("version", n(0))]),
                    ),
                ],
            ),
            Some("guardrail"),
            "`version` must be between 1 and 99999999, got 0.",
        ),
        (
            "bedrock-invoke-model-body-and-input",
            call(
                "BedrockInvokeModel",
                vec![
                    ("model", s("amazon.titan-text-express-v1")),
                    ("body", obj(vec![("inputText", s("hi"))])),
                    ("input_s3_uri", s("s3://in-bucket/in.json")),
                ],
            ),
            Some("input_s3_uri"),
            "Either `body` or `input` must be specified, but not both.",
        ),
        (
            "codebuild-start-build-wait-for-task-token",
            call(
                "CodeBuildStartBuild",
                vec![
                    ("project", s("MyTestProject")),
                    ("pattern", id("wait_for_task_token")),
                ],
            ),
            Some("pattern"),
            "Supported Patterns: REQUEST_RESPONSE,RUN_JOB. Received: WAIT_FOR_TASK_TOKEN",
        ),
        (
            "codebuild-start-build-batch-wait-for-task-token",
            call(
                "CodeBuildStartBuildBatch",
                vec![
                    ("project", s("MyTestProject")),
                    ("pattern", id("wait_for_task_token")),
                ],
            ),
            Some("pattern"),
            "Supported Patterns: REQUEST_RESPONSE,RUN_JOB. Received: WAIT_FOR_TASK_TOKEN",
        ),
        (
            "dynamo-projection-expression-index-first",
            call(
                "DynamoGetItem",
                vec![
                    ("table", s("MyTable")),
                    ("key", obj(vec![("messageId", s("message-007"))])),
                    ("projection_expression", s("[1]")),
                ],
            ),
            Some("projection_expression"),
            "Expression must start with an attribute",
        ),
        (
            "ecs-run-task-ec2-target-fargate-task-definition",
            ecs(vec![
                ("task_definition_compatibility", id("fargate")),
                ("launch_type", id("ec2")),
            ]),
            Some("launch_type"),
            "Supplied TaskDefinition is not compatible with EC2",
        ),
        (
            "ecs-run-task-fargate-target-ec2-task-definition",
            ecs(vec![
                ("task_definition_compatibility", id("ec2")),
                ("launch_type", id("fargate")),
            ]),
            Some("launch_type"),
            "Supplied TaskDefinition is not compatible with Fargate",
        ),
        (
            "ecs-run-task-wait-for-task-token-without-token",
            ecs(vec![
                ("pattern", id("wait_for_task_token")),
                ("launch_type", id("fargate")),
                (
                    "container_overrides",
                    arr(vec![obj(vec![
                        ("container_name", s("TheContainer")),
                        ("environment", obj(vec![("SOME_KEY", p("$.SomeKey"))])),
                    ])]),
                ),
            ]),
            Some("container_overrides"),
            "Task Token is required in `container_overrides`",
        ),
        (
            "emr-create-cluster-wait-for-task-token",
            emr(vec![("pattern", id("wait_for_task_token"))]),
            Some("pattern"),
            "Supported Patterns: REQUEST_RESPONSE,RUN_JOB. Received: WAIT_FOR_TASK_TOKEN",
        ),
        (
            "emr-create-cluster-step-concurrency-out-of-range",
            emr(vec![("step_concurrency_level", n(300))]),
            Some("step_concurrency_level"),
            "Step concurrency level must be in range [1, 256], but got 300.",
        ),
        (
            "emr-create-cluster-step-concurrency-old-release",
            emr(vec![
                ("release_label", s("emr-5.27.0")),
                ("step_concurrency_level", n(2)),
            ]),
            Some("step_concurrency_level"),
            "Step concurrency is only supported in EMR release version 5.28.0 and above but got emr-5.27.0.",
        ),
        (
            "emr-create-cluster-autoscaling-role-with-instance-fleets",
            emr(vec![
                (
                    "instances",
                    fleet(vec![("target_on_demand_capacity", n(1))]),
                ),
                (
                    "auto_scaling_role",
                    s("arn:aws:iam::123456789012:role/AutoScaling"),
                ),
            ]),
            Some("auto_scaling_role"),
            "Auto Scaling roles can not be specified with instance fleets.",
        ),
        (
            "emr-create-cluster-on-demand-specification-seed-verbatim",
            emr(vec![
                (
                    "instances",
                    fleet(vec![(
                        "launch_specifications",
                        obj(vec![(
                            "on_demand_specification",
                            obj(vec![("allocation_strategy", id("lowest_price"))]),
                        )]),
                    )]),
                ),
                ("pattern", id("run_job")),
            ]),
            Some("instances"),
            // CDK: At least one of targetSpotCapacity and targetOnDemandCapacity should be greater than 0
            "`target_spot_capacity` or `target_on_demand_capacity` must be greater than 0",
        ),
        (
            "emr-create-cluster-master-fleet-capacity-2",
            emr(vec![(
                "instances",
                fleet(vec![("target_on_demand_capacity", n(2))]),
            )]),
            Some("instances"),
            // CDK: For a master instance fleet, targetOnDemandCapacity cannot be a number other than 1, got 2
            "in a master instance fleet `target_on_demand_capacity` must be 1, not 2",
        ),
        (
            // We have no role to create, so the execution role is always required.
            "emr-containers-start-job-run-task-input-without-execution-role",
            call(
                "EmrContainersStartJobRun",
                vec![
                    ("virtual_cluster", p("$.VirtualClusterId")),
                    ("release_label", id("emr_6_2_0")),
                    ("entry_point", s(PI)),
                ],
            ),
            None,
            "missing the required field `execution_role`",
        ),
        (
            "emr-containers-start-job-run-wait-for-task-token",
            emr_containers(vec![("pattern", id("wait_for_task_token"))]),
            Some("pattern"),
            "Supported Patterns: REQUEST_RESPONSE,RUN_JOB. Received: WAIT_FOR_TASK_TOKEN",
        ),
        (
            // CDK accepts an empty string; the service rejects it.
            "emr-containers-start-job-run-empty-spark-submit-parameters",
            emr_containers(vec![("spark_submit_parameters", s(""))]),
            Some("spark_submit_parameters"),
            "Spark submit parameters must be between 1 and 102400 characters in length. Received 0.",
        ),
        (
            "emr-containers-start-job-run-app-config-empty",
            emr_containers(vec![(
                "application_config",
                arr(vec![obj(vec![("classification", id("spark_defaults"))])]),
            )]),
            Some("application_config"),
            "Application configuration must have either properties or nested app configurations defined.",
        ),
        (
            "emr-containers-start-job-run-entry-point-too-long",
            emr_containers(vec![(
                "entry_point",
                s(&format!("local:///{}", "a".repeat(300))),
            )]),
            Some("entry_point"),
            "Entry point must be between 1 and 256 characters in length. Received 309.",
        ),
        (
            "glue-start-job-run-wait-for-task-token",
            call(
                "GlueStartJobRun",
                vec![
                    ("glue_job_name", s("my-glue-job")),
                    ("pattern", id("wait_for_task_token")),
                ],
            ),
            Some("pattern"),
            "Supported Patterns: REQUEST_RESPONSE,RUN_JOB. Received: WAIT_FOR_TASK_TOKEN",
        ),
        (
            "glue-start-job-run-worker-type-and-v2",
            call(
                "GlueStartJobRun",
                vec![
                    ("glue_job_name", s("my-glue-job")),
                    (
                        "worker_configuration",
                        obj(vec![
                            ("worker_type", id("g_1x")),
                            ("worker_type_v2", s("G.2X")),
                            ("number_of_workers", n(2)),
                        ]),
                    ),
                ],
            ),
            Some("worker_configuration"),
            // CDK: You cannot set both 'workerType' and 'workerTypeV2' properties in 'workerConfiguration'.
            "`worker_configuration` takes `worker_type` or `worker_type_v2`, not both",
        ),
        (
            "mediaconvert-create-job-wait-for-task-token",
            call(
                "MediaConvertCreateJob",
                vec![
                    (
                        "create_job_request",
                        obj(vec![
                            ("Role", s("arn:aws:iam::123456789012:role/MediaConvertRole")),
                            ("Settings", obj(vec![])),
                        ]),
                    ),
                    ("pattern", id("wait_for_task_token")),
                ],
            ),
            Some("pattern"),
            "Supported Patterns: REQUEST_RESPONSE,RUN_JOB. Received: WAIT_FOR_TASK_TOKEN",
        ),
        (
            "sagemaker-create-training-job-no-algorithm",
            training(vec![(
                "algorithm_specification",
                obj(vec![("training_input_mode", id("file"))]),
            )]),
            Some("algorithm_specification"),
            "Must define either an algorithm name or training image URI in the algorithm specification",
        ),
        (
            "sagemaker-create-training-job-bad-algorithm-name",
            training(vec![(
                "algorithm_specification",
                obj(vec![("algorithm_name", s("Blazing Text!"))]),
            )]),
            Some("algorithm_specification"),
            "Expected algorithm name to match pattern",
        ),
        (
            "sagemaker-create-training-job-wait-for-task-token",
            training(vec![
                ("pattern", id("wait_for_task_token")),
                (
                    "algorithm_specification",
                    obj(vec![("algorithm_name", s("BlazingText"))]),
                ),
            ]),
            Some("pattern"),
            "Supported Patterns: REQUEST_RESPONSE,RUN_JOB. Received: WAIT_FOR_TASK_TOKEN",
        ),
        (
            // CDK emits the non-existent `startCrawler.sync`.
            "glue-start-crawler-run-run-job",
            call(
                "GlueStartCrawlerRun",
                vec![
                    ("crawler_name", s("my-crawler-job")),
                    ("pattern", id("run_job")),
                ],
            ),
            Some("pattern"),
            "Supported Patterns: REQUEST_RESPONSE. Received: RUN_JOB",
        ),
        (
            // CDK ignores the pattern; we say it has none.
            "http-invoke-run-job",
            call(
                "HttpInvoke",
                vec![
                    ("api_root", s("https://api.example.com")),
                    ("api_endpoint", s("path/to/resource")),
                    (
                        "connection",
                        s("arn:aws:events:us-east-1:123456789012:connection/MyConnection/abcd"),
                    ),
                    ("method", id("GET")),
                    ("pattern", id("run_job")),
                ],
            ),
            Some("pattern"),
            "unknown field `pattern` for HttpInvoke",
        ),
        (
            // CDK ignores the pattern.
            "dynamo-get-item-wait-for-task-token",
            call(
                "DynamoGetItem",
                vec![
                    ("table", s("MyTable")),
                    ("key", obj(vec![("messageId", s("message-007"))])),
                    ("pattern", id("wait_for_task_token")),
                ],
            ),
            Some("pattern"),
            "Supported Patterns: REQUEST_RESPONSE. Received: WAIT_FOR_TASK_TOKEN",
        ),
        (
            "json-path-invalid-start",
            call(
                "LambdaInvoke",
                vec![
                    ("lambda_function", s(FN)),
                    ("payload", obj(vec![("input", p("someField"))])),
                ],
            ),
            Some("payload"),
            "JSON path values must be exactly '$', '$$', start with '$'",
        ),
        (
            "json-path-in-array",
            call(
                "LambdaInvoke",
                vec![
                    ("lambda_function", s(FN)),
                    ("payload", obj(vec![("items", arr(vec![p("$.a"), s("b")]))])),
                ],
            ),
            Some("payload"),
            "Cannot use JsonPath fields in an array, they must be used in objects",
        ),
    ]
}

/// Cases that cannot arise from a task call, and why.
const NOT_TASK_CALLS: &[(&str, &str)] = &[
    (
        "call-rest-api-endpoint-seed-verbatim-no-methods",
        "a RestApi construct without methods: we take an API id, not a construct",
    ),
    (
        "ecs-run-task-enable-exec-seed-verbatim",
        "the capacity of a cluster construct: we take a cluster ARN",
    ),
    (
        "duplicate-state-name",
        "state graph: checked by the workflow! macro",
    ),
    (
        "state-already-has-next",
        "state graph: checked by the workflow! macro",
    ),
    (
        "chain-after-terminal-state",
        "state graph: checked by the workflow! macro",
    ),
];

/// CDK's pattern message (`Supported Patterns: REQUEST_RESPONSE,RUN_JOB. Received:
/// WAIT_FOR_TASK_TOKEN`) in the catalogue's words: the message names the received pattern,
/// the hint each supported one, as the DSL spells them.
fn pattern_in_dsl_words(needle: &str) -> Option<(String, Vec<String>)> {
    let rest = needle.split("Supported Patterns: ").nth(1)?;
    let (supported, received) = rest.split_once(". Received: ")?;
    Some((
        format!("does not support the `{}` pattern", received.to_lowercase()),
        supported
            .split(',')
            .map(|p| format!("`pattern: {}`", p.to_lowercase()))
            .collect(),
    ))
}

#[test]
fn every_cdk_error_is_a_task_error_at_its_field() {
    for (id, c, field, needle) in cases() {
        let e = errs(&c);
        if let Some((message, supported)) = pattern_in_dsl_words(needle) {
            let err = e
                .iter()
                .find(|err| err.message.contains(&message))
                .unwrap_or_else(|| panic!("{id}: expected {message:?}, got {e:?}"));
            let hint = err.hint.as_deref().unwrap_or_default();
            for pattern in &supported {
                assert!(hint.contains(pattern), "{id}: {pattern} not in {hint:?}");
            }
            assert_err_at(&c, field, &message);
            continue;
        }
        assert!(
            e.iter().any(|err| err.message.contains(needle)),
            "{id}: expected {needle:?}, got {e:?}"
        );
        assert_err_at(&c, field, needle);
    }
}

#[test]
fn every_case_of_errors_json_is_accounted_for() {
    let path = format!(
        "{}/../tests/conformance/cdk-errors/errors.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let all: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("errors.json")).expect("json");
    let covered: Vec<&str> = cases().iter().map(|c| c.0).collect();
    for case in all.as_array().expect("array") {
        let id = case["id"].as_str().expect("id");
        let known = covered.contains(&id) || NOT_TASK_CALLS.iter().any(|(n, _)| *n == id);
        assert!(known, "errors.json case {id} is not tested");
    }
}
