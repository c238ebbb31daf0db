//! Behaviour of the engine beyond CDK's corpus: JSONata states, patterns and resources,
//! fix-its, and the places where we check what CDK does not.
mod common;
use common::*;
use serde_json::json;

const FN: &str = "arn:aws:lambda:us-east-1:123456789012:function:MyFn";

#[test]
fn unknown_class_and_field_suggest_the_right_name() {
    let c = call("LambdaInvok", vec![]);
    let e = errs(&c);
    assert_eq!(e[0].loc, c.class_loc);
    assert_eq!(e[0].hint.as_deref(), Some("did you mean `LambdaInvoke`?"));

    let c = call(
        "SnsPublish",
        vec![("topic", s("arn:t")), ("mesage", s("x"))],
    );
    let e = errs(&c);
    let typo = e
        .iter()
        .find(|e| e.message.contains("unknown field `mesage`"))
        .expect("unknown field");
    assert_eq!(typo.loc, c.fields[1].name_loc);
    assert_eq!(typo.hint.as_deref(), Some("did you mean `message`?"));
    // One mistake, one error: the misspelled field is not also "missing" (issue #18).
    assert!(
        !e.iter()
            .any(|e| e.message.contains("missing the required field `message`")),
        "{e:?}"
    );
    // A required field that is not written at all still is.
    let c = call("SnsPublish", vec![("topic", s("arn:t"))]);
    let e = errs(&c);
    assert!(e.iter().any(
        |e| e.message.contains("missing the required field `message`") && e.loc == c.class_loc
    ));
}

#[test]
fn nested_unknown_keys_and_bad_enums_are_located() {
    let c = call(
        "GlueStartJobRun",
        vec![
            ("glue_job_name", s("j")),
            (
                "worker_configuration",
                obj(vec![
                    ("worker_typ", id("g_1x")),
                    ("number_of_workers", n(2)),
                ]),
            ),
        ],
    );
    let e = errs(&c);
    assert!(
        e.iter().any(|e| e.message == "unknown field `worker_typ`"
            && e.hint.as_deref() == Some("did you mean `worker_type`?")),
        "{e:?}"
    );

    let c = call(
        "LambdaInvoke",
        vec![("lambda_function", s(FN)), ("invocation_type", id("evnt"))],
    );
    let e = errs(&c);
    assert_eq!(e[0].loc, c.fields[1].value_loc);
    assert_eq!(e[0].hint.as_deref(), Some("did you mean `event`?"));
}

#[test]
fn duplicate_field_is_an_error() {
    let c = call(
        "SnsPublish",
        vec![
            ("topic", s("arn:t")),
            ("message", s("a")),
            ("message", s("b")),
        ],
    );
    let e = errs(&c);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].message, "field `message` is given twice");
    assert_eq!(e[0].loc, c.fields[2].name_loc);
}

#[test]
fn jsonata_states_get_arguments() {
    let c = jsonata(call(
        "SqsSendMessage",
        vec![
            ("queue", s("arn:aws:sqs:eu-west-1:111111111111:orders")),
            ("message_body", ja("{% $states.input.order %}")),
            ("delay", secs(10)),
        ],
    ));
    let t = ok(&c);
    assert!(t.fields.get("Parameters").is_none());
    assert_eq!(
        t.fields["Arguments"],
        json!({
            "QueueUrl": "https://sqs.eu-west-1.amazonaws.com/111111111111/orders",
            "MessageBody": "{% $states.input.order %}",
            "DelaySeconds": 10
        })
    );
    assert_eq!(
        t.statements[0].resources,
        vec!["arn:aws:sqs:eu-west-1:111111111111:orders"]
    );

    // A JsonPath in a JSONata state, and JSONata in a JSONPath state, are errors.
    let c = jsonata(call(
        "SnsPublish",
        vec![("topic", s("arn:t")), ("message", p("$.m"))],
    ));
    assert_err_at(
        &c,
        Some("message"),
        "is JSONPath, but this state uses JSONata",
    );
    let c = call(
        "SnsPublish",
        vec![("topic", s("arn:t")), ("message", ja("{% 1 %}"))],
    );
    assert_err_at(&c, Some("message"), "can only be used in a JSONata state");
}

#[test]
fn jsonata_defaults_and_token() {
    let c = jsonata(call("LambdaInvoke", vec![("lambda_function", s(FN))]));
    assert_eq!(ok(&c).fields["Arguments"]["Payload"], "{% $states.input %}");

    let c = jsonata(call(
        "LambdaInvoke",
        vec![
            ("lambda_function", s(FN)),
            ("pattern", id("wait_for_task_token")),
            (
                "payload",
                obj(vec![("token", ja("{% $states.context.Task.Token %}"))]),
            ),
        ],
    ));
    let t = ok(&c);
    assert_eq!(
        t.resource,
        "arn:aws:states:::lambda:invoke.waitForTaskToken"
    );
    assert_eq!(
        t.fields["Arguments"]["Payload"]["token"],
        "{% $states.context.Task.Token %}"
    );

    // StepFunctionsStartExecution in JSONata: the state input, not CDK's literal "$".
    let c = jsonata(call(
        "StepFunctionsStartExecution",
        vec![("state_machine", s("arn:sm"))],
    ));
    assert_eq!(ok(&c).fields["Arguments"]["Input"], "{% $states.input %}");
}

#[test]
fn lambda_payload_response_only_and_retry_opt_out() {
    let c = call(
        "LambdaInvoke",
        vec![
            ("lambda_function", s(FN)),
            ("payload_response_only", b(true)),
            ("payload", obj(vec![("a", p("$.a"))])),
        ],
    );
    let t = ok(&c);
    assert_eq!(t.resource, FN);
    assert_eq!(t.fields["Parameters"], json!({"a.$": "$.a"}));
    assert!(t.fields.contains_key("Retry"));

    let c = call(
        "LambdaInvoke",
        vec![
            ("lambda_function", s(FN)),
            ("retry_on_service_exceptions", b(false)),
        ],
    );
    assert!(!ok(&c).fields.contains_key("Retry"));

    // A qualified function (alias) is granted alone, a bare name becomes an ARN.
    let c = call(
        "LambdaInvoke",
        vec![("lambda_function", s(&format!("{FN}:live")))],
    );
    assert_eq!(ok(&c).statements[0].resources, vec![format!("{FN}:live")]);
    let c = call("LambdaInvoke", vec![("lambda_function", s("MyFn"))]);
    assert_eq!(
        ok(&c).statements[0].resources,
        vec![
            "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:MyFn",
            "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:MyFn:*"
        ]
    );
}

#[test]
fn pattern_suffixes_and_run_job_grants() {
    let c = call(
        "StepFunctionsStartExecution",
        vec![
            (
                "state_machine",
                s("arn:aws:states:us-east-1:123456789012:stateMachine:Child"),
            ),
            ("pattern", id("run_job")),
        ],
    );
    let t = ok(&c);
    assert_eq!(t.resource, "arn:aws:states:::states:startExecution.sync:2");
    let atoms = our_atoms(&t);
    assert!(atoms.contains(&atom(
        "states:DescribeExecution",
        "arn:aws:states:us-east-1:123456789012:execution:Child*"
    )));
    assert!(atoms.contains(&atom("events:PutRule", "arn:aws:events:us-east-1:123456789012:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule")));

    let c = call(
        "GlueStartJobRun",
        vec![("glue_job_name", s("j")), ("pattern", id("run_job"))],
    );
    let t = ok(&c);
    assert_eq!(t.resource, "arn:aws:states:::glue:startJobRun.sync");
    assert!(our_atoms(&t).contains(&atom(
        "glue:BatchStopJobRun",
        "arn:aws:glue:us-east-1:123456789012:job/j"
    )));

    // CDK never adds .sync to the Bedrock customization job; the integration has it.
    let c = call(
        "BedrockCreateModelCustomizationJob",
        vec![
            ("base_model", s("amazon.titan-text-express-v1")),
            ("custom_model_name", s("my-model")),
            ("job_name", s("job-1")),
            ("output_data", s("s3://out/")),
            ("training_data", s("s3://train/data.jsonl")),
            ("validation_data", arr(vec![s("s3://val/data.jsonl")])),
            ("role", s("arn:aws:iam::123456789012:role/Bedrock")),
            ("pattern", id("run_job")),
        ],
    );
    let t = ok(&c);
    assert_eq!(
        t.resource,
        "arn:aws:states:::bedrock:createModelCustomizationJob.sync"
    );
    assert_eq!(
        t.fields["Parameters"]["ValidationDataConfig"],
        json!({"Validators": [{"S3Uri": "s3://val/data.jsonl"}]})
    );
}

#[test]
fn call_aws_service_maps_iam_prefixes_and_checks_the_token() {
    let c = call(
        "CallAwsService",
        vec![
            ("service", s("sfn")),
            ("action", s("listExecutions")),
            ("iam_resources", arr(vec![s("*")])),
            ("parameters", obj(vec![("StateMachineArn", s("arn:sm"))])),
        ],
    );
    let t = ok(&c);
    assert_eq!(t.resource, "arn:aws:states:::aws-sdk:sfn:listExecutions");
    assert_eq!(t.statements[0].actions, vec!["states:listExecutions"]);
    for (service, prefix) in [
        ("cloudwatchlogs", "logs"),
        ("mwaa", "airflow"),
        ("elasticloadbalancingv2", "elasticloadbalancing"),
        ("mediapackagevod", "mediapackage-vod"),
    ] {
        assert_eq!(sfn_tasks::services::aws_sdk::iam_prefix(service), prefix);
    }

    // CDK does not check the token here; we do.
    let c = call(
        "CallAwsService",
        vec![
            ("service", s("sqs")),
            ("action", s("sendMessage")),
            ("iam_resources", arr(vec![s("*")])),
            ("pattern", id("wait_for_task_token")),
            ("parameters", obj(vec![("MessageBody", p("$.body"))])),
        ],
    );
    assert_err_at(
        &c,
        Some("parameters"),
        "`parameters` must contain the task token",
    );

    let c = call(
        "CallAwsService",
        vec![
            ("service", s("s3")),
            ("action", s("GetObject")),
            ("iam_resources", arr(vec![s("*")])),
            ("parameters", obj(vec![("bucket", s("b"))])),
        ],
    );
    let e = errs(&c);
    assert!(
        e.iter()
            .any(|e| e.message == "action must be camelCase, got: GetObject"
                && e.hint.as_deref() == Some("write `getObject`"))
    );
    assert!(
        e.iter()
            .any(|e| e.message == "parameter names must be PascalCase, got: bucket")
    );
}

#[test]
fn sns_attributes_are_encoded_like_cdk() {
    let c = call(
        "SnsPublish",
        vec![
            ("topic", s("arn:t")),
            ("message", s("m")),
            (
                "message_attributes",
                obj(vec![
                    ("city", s("Seattle")),
                    ("count", n(4)),
                    ("flag", b(true)),
                    ("tags", arr(vec![s("a"), n(1)])),
                    ("dyn", p("$.x")),
                    (
                        "blob",
                        obj(vec![("value", p("$.b")), ("data_type", id("binary"))]),
                    ),
                ]),
            ),
        ],
    );
    assert_eq!(
        ok(&c).fields["Parameters"]["MessageAttributes"],
        json!({
            "city": {"DataType": "String", "StringValue": "Seattle"},
            "count": {"DataType": "Number", "StringValue": "4"},
            "flag": {"DataType": "String", "StringValue": "true"},
            "tags": {"DataType": "String.Array", "StringValue": "[\"a\",1]"},
            "dyn": {"DataType": "String", "StringValue.$": "$.x"},
            "blob": {"DataType": "Binary", "BinaryValue.$": "$.b"}
        })
    );
    // A valid String.Array with an explicit type is fine (CDK's inverted check rejects it).
    let c = call(
        "SnsPublish",
        vec![
            ("topic", s("arn:t")),
            ("message", s("m")),
            (
                "message_attributes",
                obj(vec![(
                    "l",
                    obj(vec![
                        ("value", arr(vec![s("a")])),
                        ("data_type", id("string_array")),
                    ]),
                )]),
            ),
        ],
    );
    assert_eq!(
        ok(&c).fields["Parameters"]["MessageAttributes"]["l"]["DataType"],
        "String.Array"
    );
    let c = call(
        "SnsPublish",
        vec![
            ("topic", s("arn:t")),
            ("message", s("m")),
            (
                "message_attributes",
                obj(vec![(
                    "n",
                    obj(vec![("value", s("x")), ("data_type", id("number"))]),
                )]),
            ),
        ],
    );
    assert_err_at(
        &c,
        Some("message_attributes"),
        "with `data_type: number` the attribute's `value` must be a number, not a string",
    );
}

#[test]
fn durations_convert_or_explain() {
    let c = call(
        "GlueStartJobRun",
        vec![("glue_job_name", s("j")), ("job_timeout", secs(90))],
    );
    let e = errs(&c);
    assert!(e[0].message == "must be a whole number of minutes, not `90s`");
    assert_eq!(e[0].loc, c.fields[1].value_loc);

    let c = call(
        "EventBridgeSchedulerCreateScheduleTask",
        vec![
            ("schedule_name", s("nightly")),
            ("schedule", secs(3600)),
            (
                "target",
                obj(vec![
                    ("arn", s("arn:aws:lambda:us-east-1:123456789012:function:F")),
                    ("role", s("arn:aws:iam::123456789012:role/R")),
                ]),
            ),
        ],
    );
    let t = ok(&c);
    assert_eq!(t.fields["Parameters"]["ScheduleExpression"], "rate(1 hour)");
    assert_eq!(
        t.fields["Parameters"]["FlexibleTimeWindow"],
        json!({"Mode": "OFF"})
    );
    assert_eq!(t.fields["Parameters"]["State"], "ENABLED");
    assert!(our_atoms(&t).contains(&atom(
        "scheduler:CreateSchedule",
        "arn:aws:scheduler:us-east-1:123456789012:schedule/default/nightly"
    )));
}

#[test]
fn ecs_checks_network_mode_and_launch_target() {
    let c = call(
        "EcsRunTask",
        vec![
            ("cluster", s("arn:c")),
            (
                "task_definition",
                s("arn:aws:ecs:us-east-1:123456789012:task-definition/web:7"),
            ),
            ("network_mode", id("bridge")),
            ("subnets", arr(vec![s("subnet-1")])),
            ("launch_type", id("ec2")),
        ],
    );
    assert_err_at(
        &c,
        Some("subnets"),
        "needs a task definition with `network_mode: awsvpc`",
    );
    let c = call(
        "EcsRunTask",
        vec![("cluster", s("arn:c")), ("task_definition", s("web"))],
    );
    assert_err_at(&c, None, "needs a launch target");
    let c = call(
        "EcsRunTask",
        vec![
            ("cluster", s("arn:c")),
            (
                "task_definition",
                s("arn:aws:ecs:us-east-1:123456789012:task-definition/web:7"),
            ),
            ("launch_type", id("fargate")),
        ],
    );
    assert!(our_atoms(&ok(&c)).contains(&atom(
        "ecs:RunTask",
        "arn:aws:ecs:us-east-1:123456789012:task-definition/web:*"
    )));
}

#[test]
fn every_class_renders_a_minimal_call_or_names_what_is_missing() {
    for class in sfn_tasks::class_names() {
        let c = call(class, vec![]);
        match sfn_tasks::render(&c) {
            Ok(t) => assert!(
                !t.resource.is_empty() || t.native_state.is_some(),
                "{class}"
            ),
            Err(e) => assert!(
                e.iter()
                    .all(|e| !e.message.is_empty() && e.loc == c.class_loc),
                "{class}: {e:?}"
            ),
        }
    }
}

#[test]
fn whole_parameter_objects_cannot_be_paths() {
    let c = call(
        "CallAwsService",
        vec![
            ("service", s("s3")),
            ("action", s("listBuckets")),
            ("iam_resources", arr(vec![s("*")])),
            ("parameters", p("$.params")),
        ],
    );
    assert_err_at(
        &c,
        Some("parameters"),
        "expected an object, found a JsonPath",
    );
    let c = call(
        "LambdaInvoke",
        vec![
            ("lambda_function", s(FN)),
            ("payload_response_only", b(true)),
            ("payload", p("$.x")),
        ],
    );
    assert_err_at(
        &c,
        Some("payload"),
        "with `payload_response_only`, expected an object",
    );
    let c = call(
        "MediaConvertCreateJob",
        vec![("create_job_request", obj(vec![("Role", s("arn:r"))]))],
    );
    assert_err_at(
        &c,
        Some("create_job_request"),
        "missing required property: Settings",
    );
    // In a JSONata state a whole-object expression is fine.
    let c = jsonata(call(
        "StepFunctionsInvokeActivity",
        vec![
            (
                "activity",
                s("arn:aws:states:us-east-1:123456789012:activity:A"),
            ),
            ("parameters", ja("{% $states.input %}")),
        ],
    ));
    assert_eq!(ok(&c).fields["Arguments"], "{% $states.input %}");
}

#[test]
fn paths_and_intrinsics_are_parsed() {
    let c = call(
        "SnsPublish",
        vec![
            ("topic", s("arn:t")),
            (
                "message",
                obj(vec![("m", intr("States.Format('{} {}', $.a)"))]),
            ),
        ],
    );
    assert_err_at(&c, Some("message"), "invalid `States.Format('{} {}', $.a)`");
    let c = call(
        "SnsPublish",
        vec![("topic", s("arn:t")), ("message", p("$.a[?"))],
    );
    assert_err_at(&c, Some("message"), "invalid `$.a[?`");
    let c = call(
        "SnsPublish",
        vec![
            ("topic", s("arn:t")),
            (
                "message",
                intr("States.Format('{} and {}', $.a, $$.Execution.Id)"),
            ),
        ],
    );
    assert_eq!(
        ok(&c).fields["Parameters"]["Message.$"],
        "States.Format('{} and {}', $.a, $$.Execution.Id)"
    );
}

#[test]
fn jsonata_is_syntax_checked() {
    let c = jsonata(call(
        "SnsPublish",
        vec![
            ("topic", s("arn:t")),
            ("message", ja("{% $states.input.( %}")),
        ],
    ));
    assert_err_at(&c, Some("message"), "invalid JSONata");
    let c = jsonata(call(
        "SnsPublish",
        vec![
            ("topic", s("arn:t")),
            ("message", ja("{% $states.input.a & 'x' %}")),
        ],
    ));
    assert_eq!(
        ok(&c).fields["Arguments"]["Message"],
        "{% $states.input.a & 'x' %}"
    );
}

#[test]
fn scheduler_cron_day_and_weekday() {
    let target = || obj(vec![("arn", s("arn:t")), ("role", s("arn:r"))]);
    let c = call(
        "EventBridgeSchedulerCreateScheduleTask",
        vec![
            ("schedule_name", s("n")),
            ("schedule", s("cron(0 12 1 * MON *)")),
            ("target", target()),
        ],
    );
    assert_err_at(
        &c,
        Some("schedule"),
        "a day of the month or a day of the week, not both",
    );
    let c = call(
        "EventBridgeSchedulerCreateScheduleTask",
        vec![
            ("schedule_name", s("n")),
            ("schedule", s("cron(0 12 * *)")),
            ("target", target()),
        ],
    );
    assert_err_at(&c, Some("schedule"), "a cron expression must have 6 fields");
}

#[test]
fn split_objects_cannot_be_expressions() {
    let c = call(
        "GlueStartJobRun",
        vec![
            ("glue_job_name", s("j")),
            ("worker_configuration", p("$.w")),
        ],
    );
    assert_err_at(&c, Some("worker_configuration"), "must be an object");
    let c = call(
        "BedrockInvokeModel",
        vec![
            ("model", s("m")),
            ("body", obj(vec![])),
            ("guardrail", p("$.g")),
        ],
    );
    assert_err_at(&c, Some("guardrail"), "must be an object");
}

#[test]
fn ecs_launch_target_is_cdks_name_for_launch_type() {
    let c = call(
        "EcsRunTask",
        vec![
            ("cluster", s("arn:c")),
            ("task_definition", s("web")),
            ("launch_target", id("fargate")),
            ("task_definition_compatibility", id("ec2")),
        ],
    );
    assert_err_at(
        &c,
        Some("launch_target"),
        "`launch_target: fargate` cannot run a task definition",
    );
    let c = call(
        "EcsRunTask",
        vec![
            ("cluster", s("arn:c")),
            ("task_definition", s("web")),
            ("launch_target", id("ec2")),
        ],
    );
    assert_eq!(ok(&c).fields["Parameters"]["LaunchType"], "EC2");
    let c = call(
        "EcsRunTask",
        vec![
            ("cluster", s("arn:c")),
            ("task_definition", s("web")),
            ("launch_target", id("ec2")),
            ("launch_type", id("ec2")),
        ],
    );
    assert_err_at(&c, Some("launch_target"), "say the same thing");
}

/// CDK takes any classification through `new Classification('...')`: the known words map
/// to their spelling, a string literal is used verbatim.
#[test]
fn emr_containers_classification_accepts_any_string() {
    let job = |classification: sfn_tasks::TaskValue| {
        call(
            "EmrContainersStartJobRun",
            vec![
                ("virtual_cluster", s("de92jdei2910fwedz")),
                ("release_label", id("emr_6_2_0")),
                ("execution_role", s("arn:aws:iam::123456789012:role/Job")),
                (
                    "entry_point",
                    s("local:///usr/lib/spark/examples/src/main/python/pi.py"),
                ),
                (
                    "application_config",
                    arr(vec![obj(vec![
                        ("classification", classification),
                        ("properties", obj(vec![("fs.s3.maxRetries", s("20"))])),
                    ])]),
                ),
            ],
        )
    };
    let classification = |t: &sfn_tasks::RenderedTask| {
        t.fields["Parameters"]["ConfigurationOverrides"]["ApplicationConfiguration"][0]
            ["Classification"]
            .clone()
    };
    assert_eq!(
        classification(&ok(&job(s("emrfs-site")))),
        json!("emrfs-site")
    );
    assert_eq!(
        classification(&ok(&job(s("Custom_Thing")))),
        json!("Custom_Thing")
    );
    assert_eq!(
        classification(&ok(&job(id("spark_defaults")))),
        json!("spark-defaults")
    );
    assert_eq!(
        classification(&ok(&job(s("spark-env")))),
        json!("spark-env")
    );
    // A bare word must be one of the known ones (a typo is not a new classification).
    let e = errs(&job(id("spark_default")));
    assert!(
        e.iter().any(
            |e| e.message.contains("unknown classification `spark_default`")
                && e.hint
                    .as_deref()
                    .is_some_and(|h| h.contains("spark_defaults"))
        ),
        "{e:?}"
    );
    let e = errs(&job(s("")));
    assert!(e.iter().any(|e| e.message.contains("empty")), "{e:?}");
}

/// `eks:call` needs no IAM action (the cluster authorises the role through RBAC): no
/// statement, as CDK, and the reason is written down for the reader of an empty policy.
#[test]
fn eks_call_grants_nothing() {
    let c = call(
        "EksCall",
        vec![
            ("cluster_name", s("c")),
            ("certificate_authority", s("LS0t")),
            ("endpoint", s("https://x.eks.amazonaws.com")),
            ("http_method", id("GET")),
            ("http_path", s("/api/v1/namespaces/default/pods")),
        ],
    );
    assert!(ok(&c).statements.is_empty());
    let deviations = include_str!("../DEVIATIONS.md");
    let kept = deviations
        .split("## Kept on purpose")
        .nth(1)
        .expect("a 'Kept on purpose' section");
    assert!(
        kept.contains("`EksCall` grants no IAM") && kept.contains("RBAC"),
        "DEVIATIONS.md must say why EksCall has no statements"
    );
}
