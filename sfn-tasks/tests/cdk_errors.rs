//! Every invalid combination of `tests/conformance/cdk-errors/errors.json` (CDK's own
//! errors, recorded) yields a TaskError at the offending field, in the DSL's words, with
//! CDK's recorded text kept as its note (including the probes CDK silently accepts, which
//! we reject: listed in DEVIATIONS.md). Cases about the state graph belong to the macro and
//! cases about constructs we never see (a RestApi without methods, a cluster's capacity)
//! are listed with the reason they cannot arise here.
mod common;
use common::*;
use sfn_tasks::TaskCall;

const FN: &str = "arn:aws:lambda:us-east-1:123456789012:function:MyFn";
const TOPIC: &str = "arn:aws:sns:us-east-1:123456789012:MyTopic";
const CHILD: &str = "arn:aws:states:us-east-1:123456789012:stateMachine:Child";
const PI: &str = "local:///usr/lib/spark/examples/src/main/python/pi.py";

/// (case id in errors.json, the call, the field the error must point at (None: the class
/// name), our whole message, how the error quotes CDK's).
type Case = (
    &'static str,
    TaskCall,
    Option<&'static str>,
    &'static str,
    Cdk,
);

/// How an error relates to the `error` errors.json records for its case.
enum Cdk {
    /// The note is `CDK: ` and the case's recorded error, verbatim.
    Quoted,
    /// CDK accepts this input; the note is the recorded error of the named case, the same
    /// mistake written the way CDK checks it.
    QuotedFrom(&'static str),
    /// The pattern check, which keeps no note: the message names the pattern CDK's
    /// "Supported Patterns: ... Received: ..." received, the hint each one it supports.
    Patterns,
    /// No note, and why.
    None(&'static str),
}

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
            "`pattern` cannot be used with `payload_response_only: true`",
            Cdk::Quoted,
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
            "`payload` must contain the task token under `pattern: wait_for_task_token`",
            Cdk::Quoted,
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
            "SnsPublish does not support the `run_job` pattern",
            Cdk::Patterns,
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
            "the items of a `string_array` attribute must be strings, numbers, booleans or null, not an object",
            Cdk::Quoted,
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
            "the items of a `string_array` attribute must be strings, numbers, booleans or null, not an object",
            Cdk::QuotedFrom("sns-publish-array-attribute-object-element"),
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
            "a FIFO topic (`.fifo`) without content-based deduplication needs `message_deduplication_id`",
            Cdk::Quoted,
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
            "`input` must contain the task token under `pattern: wait_for_task_token`",
            Cdk::Quoted,
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
            "with `associate_with_parent: true`, `input` must be an object, not a JsonPath",
            Cdk::Quoted,
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
            "CallApiGatewayRestApiEndpoint does not support the `run_job` pattern",
            Cdk::Patterns,
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
            "CallApiGatewayHttpApiEndpoint does not support the `run_job` pattern",
            Cdk::Patterns,
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
            "`execution_parameters` must not be empty",
            Cdk::Quoted,
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
            "`result_reuse_configuration_max_age` must be `0s` or between `1min` and `10080min` (7 days), not `10081min`",
            Cdk::Quoted,
        ),
        (
            "batch-submit-job-wait-for-task-token",
            batch(vec![("pattern", id("wait_for_task_token"))]),
            Some("pattern"),
            "BatchSubmitJob does not support the `wait_for_task_token` pattern",
            Cdk::Patterns,
        ),
        (
            "batch-submit-job-array-size-1",
            batch(vec![("array_size", n(1))]),
            Some("array_size"),
            "`array_size` must be between 2 and 10000, not 1",
            Cdk::Quoted,
        ),
        (
            "batch-submit-job-short-task-timeout",
            batch(vec![("attempt_duration", secs(30))]),
            Some("attempt_duration"),
            "`attempt_duration` must be at least `60s`, not `30s`",
            Cdk::Quoted,
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
            "`version` must be between 1 and 99999999, not 0",
            Cdk::Quoted,
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
            "BedrockInvokeModel takes `body` or `input_s3_uri`, not both",
            Cdk::Quoted,
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
            "CodeBuildStartBuild does not support the `wait_for_task_token` pattern",
            Cdk::Patterns,
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
            "CodeBuildStartBuildBatch does not support the `wait_for_task_token` pattern",
            Cdk::Patterns,
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
            "each path of `projection_expression` must start with an attribute name, not `[1]`",
            Cdk::Quoted,
        ),
        (
            "ecs-run-task-ec2-target-fargate-task-definition",
            ecs(vec![
                ("task_definition_compatibility", id("fargate")),
                ("launch_type", id("ec2")),
            ]),
            Some("launch_type"),
            "`launch_type: ec2` cannot run a task definition with `task_definition_compatibility: fargate`",
            Cdk::Quoted,
        ),
        (
            "ecs-run-task-fargate-target-ec2-task-definition",
            ecs(vec![
                ("task_definition_compatibility", id("ec2")),
                ("launch_type", id("fargate")),
            ]),
            Some("launch_type"),
            "`launch_type: fargate` cannot run a task definition with `task_definition_compatibility: ec2`",
            Cdk::Quoted,
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
            "`container_overrides` must contain the task token under `pattern: wait_for_task_token`",
            Cdk::Quoted,
        ),
        (
            "emr-create-cluster-wait-for-task-token",
            emr(vec![("pattern", id("wait_for_task_token"))]),
            Some("pattern"),
            "EmrCreateCluster does not support the `wait_for_task_token` pattern",
            Cdk::Patterns,
        ),
        (
            "emr-create-cluster-step-concurrency-out-of-range",
            emr(vec![("step_concurrency_level", n(300))]),
            Some("step_concurrency_level"),
            "`step_concurrency_level` must be between 1 and 256, not 300",
            Cdk::Quoted,
        ),
        (
            "emr-create-cluster-step-concurrency-old-release",
            emr(vec![
                ("release_label", s("emr-5.27.0")),
                ("step_concurrency_level", n(2)),
            ]),
            Some("step_concurrency_level"),
            "`step_concurrency_level` other than 1 needs EMR release 5.28.0 or later, not `emr-5.27.0`",
            Cdk::Quoted,
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
            "`auto_scaling_role` cannot be used with `instance_fleets`",
            Cdk::Quoted,
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
            "`target_spot_capacity` or `target_on_demand_capacity` must be greater than 0",
            Cdk::Quoted,
        ),
        (
            "emr-create-cluster-master-fleet-capacity-2",
            emr(vec![(
                "instances",
                fleet(vec![("target_on_demand_capacity", n(2))]),
            )]),
            Some("instances"),
            "in a master instance fleet `target_on_demand_capacity` must be 1, not 2",
            Cdk::Quoted,
        ),
        (
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
            "EmrContainersStartJobRun is missing the required field `execution_role`",
            Cdk::None(
                "the generic missing-field error: we have no role to create, so the field is always required",
            ),
        ),
        (
            "emr-containers-start-job-run-wait-for-task-token",
            emr_containers(vec![("pattern", id("wait_for_task_token"))]),
            Some("pattern"),
            "EmrContainersStartJobRun does not support the `wait_for_task_token` pattern",
            Cdk::Patterns,
        ),
        (
            "emr-containers-start-job-run-empty-spark-submit-parameters",
            emr_containers(vec![("spark_submit_parameters", s(""))]),
            Some("spark_submit_parameters"),
            "`spark_submit_parameters` must be between 1 and 102400 characters long, not 0",
            Cdk::None("CDK accepts an empty string"),
        ),
        (
            "emr-containers-start-job-run-app-config-empty",
            emr_containers(vec![(
                "application_config",
                arr(vec![obj(vec![("classification", id("spark_defaults"))])]),
            )]),
            Some("application_config"),
            "an application configuration needs `properties` or `nested_config`",
            Cdk::Quoted,
        ),
        (
            "emr-containers-start-job-run-entry-point-too-long",
            emr_containers(vec![(
                "entry_point",
                s(&format!("local:///{}", "a".repeat(300))),
            )]),
            Some("entry_point"),
            "`entry_point` must be between 1 and 256 characters long, not 309",
            Cdk::Quoted,
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
            "GlueStartJobRun does not support the `wait_for_task_token` pattern",
            Cdk::Patterns,
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
            "`worker_configuration` takes `worker_type` or `worker_type_v2`, not both",
            Cdk::Quoted,
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
            "MediaConvertCreateJob does not support the `wait_for_task_token` pattern",
            Cdk::Patterns,
        ),
        (
            "sagemaker-create-training-job-no-algorithm",
            training(vec![(
                "algorithm_specification",
                obj(vec![("training_input_mode", id("file"))]),
            )]),
            Some("algorithm_specification"),
            "`algorithm_specification` needs `algorithm_name` or `training_image`",
            Cdk::Quoted,
        ),
        (
            "sagemaker-create-training-job-bad-algorithm-name",
            training(vec![(
                "algorithm_specification",
                obj(vec![("algorithm_name", s("Blazing Text!"))]),
            )]),
            Some("algorithm_specification"),
            "`algorithm_name` must be a name or an algorithm ARN, not `Blazing Text!`",
            Cdk::Quoted,
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
            "SageMakerCreateTrainingJob does not support the `wait_for_task_token` pattern",
            Cdk::Patterns,
        ),
        (
            "glue-start-crawler-run-run-job",
            call(
                "GlueStartCrawlerRun",
                vec![
                    ("crawler_name", s("my-crawler-job")),
                    ("pattern", id("run_job")),
                ],
            ),
            Some("pattern"),
            "GlueStartCrawlerRun does not support the `run_job` pattern",
            Cdk::None("CDK emits the non-existent `startCrawler.sync`"),
        ),
        (
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
            Cdk::None("CDK ignores the pattern; we say the class has none"),
        ),
        (
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
            "DynamoGetItem does not support the `wait_for_task_token` pattern",
            Cdk::None("CDK ignores the pattern"),
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
            "a path must start with `$` (state input) or `$$` (context object), not `someField`",
            Cdk::Quoted,
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
            "a path cannot be an item of an array literal",
            Cdk::Quoted,
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
/// WAIT_FOR_TASK_TOKEN`) in the catalogue's words: the pattern received and the ones
/// supported, as the DSL spells them.
fn pattern_in_dsl_words(cdk: &str) -> Option<(String, Vec<String>)> {
    let rest = cdk.split("Supported Patterns: ").nth(1)?;
    let (supported, received) = rest.split_once(". Received: ")?;
    Some((
        format!("`{}` pattern", received.to_lowercase()),
        supported
            .split(',')
            .map(|p| format!("`pattern: {}`", p.to_lowercase()))
            .collect(),
    ))
}

/// errors.json's recorded CDK error of each case (absent when CDK accepts the input).
fn recorded() -> std::collections::HashMap<String, Option<String>> {
    let path = format!(
        "{}/../tests/conformance/cdk-errors/errors.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let all: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("errors.json")).expect("json");
    all.as_array()
        .expect("array")
        .iter()
        .map(|case| {
            let id = case["id"].as_str().expect("id").to_string();
            (id, case["error"].as_str().map(str::to_string))
        })
        .collect()
}

#[test]
fn every_cdk_error_is_a_task_error_at_its_field() {
    let recorded = recorded();
    let cdk_of = |id: &str| -> &str {
        recorded[id]
            .as_deref()
            .unwrap_or_else(|| panic!("errors.json records no error for {id}"))
    };
    for (id, c, field, message, cdk) in cases() {
        let e = errs(&c);
        let err = e
            .iter()
            .find(|err| err.message == message)
            .unwrap_or_else(|| panic!("{id}: expected {message:?}, got {e:?}"));
        assert_err_at(&c, field, message);
        let note = err.note.as_deref();
        match cdk {
            Cdk::Quoted | Cdk::QuotedFrom(_) => {
                let from = match cdk {
                    Cdk::QuotedFrom(other) => other,
                    _ => id,
                };
                let want = format!("CDK: {}", cdk_of(from));
                assert_eq!(note, Some(want.as_str()), "{id}: note");
            }
            Cdk::Patterns => {
                let (received, supported) = pattern_in_dsl_words(cdk_of(id))
                    .unwrap_or_else(|| panic!("{id}: not a pattern error in errors.json"));
                assert!(
                    message.contains(&received),
                    "{id}: {received} not in {message:?}"
                );
                let hint = err.hint.as_deref().unwrap_or_default();
                for pattern in &supported {
                    assert!(hint.contains(pattern), "{id}: {pattern} not in {hint:?}");
                }
                assert_eq!(note, None, "{id}: note");
            }
            Cdk::None(why) => assert_eq!(note, None, "{id}: no note, as {why}"),
        }
    }
}

#[test]
fn every_case_of_errors_json_is_accounted_for() {
    let covered: Vec<&str> = cases().iter().map(|c| c.0).collect();
    for id in recorded().keys() {
        let known = covered.contains(&id.as_str()) || NOT_TASK_CALLS.iter().any(|(n, _)| n == id);
        assert!(known, "errors.json case {id} is not tested");
    }
}
