//! A minimal valid call of every class renders a Task state that the runtime's rule set
//! accepts, in a JSONPath and in a JSONata state machine.
mod common;
use common::*;
use serde_json::{Map, Value, json};
use sfn_tasks::{TaskCall, TaskValue};

const ROLE: &str = "arn:aws:iam::123456789012:role/R";

fn minimal() -> Vec<(&'static str, Vec<(&'static str, TaskValue)>)> {
    vec![
        (
            "AthenaGetQueryExecution",
            vec![("query_execution_id", s("q"))],
        ),
        (
            "AthenaGetQueryResults",
            vec![("query_execution_id", s("q")), ("max_results", n(10))],
        ),
        (
            "AthenaStartQueryExecution",
            vec![("query_string", s("SELECT 1")), ("work_group", s("wg"))],
        ),
        (
            "AthenaStopQueryExecution",
            vec![("query_execution_id", s("q"))],
        ),
        (
            "BatchSubmitJob",
            vec![
                ("job_definition_arn", s("arn:jd")),
                ("job_name", s("j")),
                ("job_queue_arn", s("arn:q")),
                ("array_size", n(2)),
            ],
        ),
        (
            "BedrockCreateModelCustomizationJob",
            vec![
                ("base_model", s("amazon.titan-text-express-v1")),
                ("custom_model_name", s("m1")),
                ("job_name", s("j1")),
                ("output_data", s("s3://o/")),
                ("training_data", s("s3://t/d.jsonl")),
                ("role", s(ROLE)),
                (
                    "hyper_parameters",
                    obj(vec![("Evaluation percentage", s("20"))]),
                ),
            ],
        ),
        (
            "BedrockInvokeModel",
            vec![
                ("model", s("amazon.titan-text-express-v1")),
                ("body", obj(vec![("inputText", s("hi"))])),
                ("trace_enabled", b(true)),
            ],
        ),
        (
            "CallApiGatewayHttpApiEndpoint",
            vec![
                ("api", s("abc")),
                ("method", id("POST")),
                ("stage_name", s("prod")),
                ("api_path", s("/x")),
            ],
        ),
        (
            "CallApiGatewayRestApiEndpoint",
            vec![
                ("api", s("abc")),
                ("method", id("GET")),
                ("stage_name", s("prod")),
            ],
        ),
        (
            "CallAwsService",
            vec![
                ("service", s("s3")),
                ("action", s("listBuckets")),
                ("iam_resources", arr(vec![s("*")])),
            ],
        ),
        (
            "CallAwsServiceCrossRegion",
            vec![
                (
                    "handler",
                    s("arn:aws:lambda:us-east-1:123456789012:function:H"),
                ),
                ("region", s("eu-west-1")),
                ("service", s("s3")),
                ("action", s("listBuckets")),
                ("iam_resources", arr(vec![s("*")])),
            ],
        ),
        ("CodeBuildStartBuild", vec![("project", s("p"))]),
        (
            "CodeBuildStartBuildBatch",
            vec![("project", s("p")), ("pattern", id("run_job"))],
        ),
        (
            "DynamoDeleteItem",
            vec![("table", s("T")), ("key", obj(vec![("id", s("1"))]))],
        ),
        (
            "DynamoGetItem",
            vec![
                ("table", s("T")),
                ("key", obj(vec![("id", s("1"))])),
                ("projection_expression", s("a, b[1].c")),
            ],
        ),
        (
            "DynamoPutItem",
            vec![
                ("table", s("T")),
                ("item", obj(vec![("id", s("1")), ("n", n(2))])),
            ],
        ),
        (
            "DynamoUpdateItem",
            vec![
                ("table", s("T")),
                ("key", obj(vec![("id", s("1"))])),
                ("update_expression", s("SET a = :a")),
                ("expression_attribute_values", obj(vec![(":a", n(1))])),
            ],
        ),
        (
            "EcsRunTask",
            vec![
                ("cluster", s("arn:c")),
                ("task_definition", s("td")),
                ("launch_type", id("fargate")),
                ("subnets", arr(vec![s("subnet-1")])),
            ],
        ),
        (
            "EksCall",
            vec![
                ("cluster_name", s("c")),
                ("certificate_authority", s("ca")),
                ("endpoint", s("https://e")),
                ("http_method", id("GET")),
                ("http_path", s("/api")),
            ],
        ),
        (
            "EmrAddStep",
            vec![
                ("cluster_id", s("c")),
                ("name", s("n")),
                ("jar", s("command-runner.jar")),
                ("args", arr(vec![s("a")])),
                ("properties", obj(vec![("k", s("v"))])),
            ],
        ),
        (
            "EmrCancelStep",
            vec![("cluster_id", s("c")), ("step_id", s("s"))],
        ),
        (
            "EmrContainersCreateVirtualCluster",
            vec![("eks_cluster", s("c"))],
        ),
        (
            "EmrContainersDeleteVirtualCluster",
            vec![("virtual_cluster_id", s("v"))],
        ),
        (
            "EmrContainersStartJobRun",
            vec![
                ("virtual_cluster", s("v")),
                ("release_label", id("emr_6_2_0")),
                ("execution_role", s(ROLE)),
                ("entry_point", s("local:///a.py")),
                ("entry_point_arguments", arr(vec![s("x")])),
            ],
        ),
        (
            "EmrCreateCluster",
            vec![
                ("name", s("c")),
                ("cluster_role", s(ROLE)),
                ("service_role", s(ROLE)),
                ("release_label", s("emr-6.15.0")),
                (
                    "instances",
                    obj(vec![(
                        "instance_groups",
                        arr(vec![obj(vec![
                            ("instance_count", n(1)),
                            ("instance_role", id("master")),
                            ("instance_type", s("m5.xlarge")),
                        ])]),
                    )]),
                ),
                ("applications", arr(vec![obj(vec![("name", s("Spark"))])])),
                (
                    "configurations",
                    arr(vec![obj(vec![
                        ("classification", s("spark")),
                        (
                            "configurations",
                            arr(vec![obj(vec![("classification", s("x"))])]),
                        ),
                    ])]),
                ),
                ("auto_termination_policy_idle_timeout", secs(3600)),
            ],
        ),
        (
            "EmrModifyInstanceFleetByName",
            vec![
                ("cluster_id", s("c")),
                ("instance_fleet_name", s("f")),
                ("target_on_demand_capacity", n(1)),
                ("target_spot_capacity", n(0)),
            ],
        ),
        (
            "EmrModifyInstanceGroupByName",
            vec![
                ("cluster_id", s("c")),
                ("instance_group_name", s("g")),
                ("instance_group", obj(vec![("instance_count", n(2))])),
            ],
        ),
        (
            "EmrSetClusterTerminationProtection",
            vec![("cluster_id", s("c")), ("termination_protected", b(true))],
        ),
        ("EmrTerminateCluster", vec![("cluster_id", s("c"))]),
        (
            "EventBridgePutEvents",
            vec![(
                "entries",
                arr(vec![obj(vec![
                    ("detail", obj(vec![("a", n(1))])),
                    ("detail_type", s("t")),
                    ("source", s("my.app")),
                ])]),
            )],
        ),
        (
            "EventBridgeSchedulerCreateScheduleTask",
            vec![
                ("schedule_name", s("s")),
                ("schedule", s("cron(0 12 * * ? *)")),
                ("target", obj(vec![("arn", s("arn:t")), ("role", s(ROLE))])),
                ("flexible_time_window", secs(600)),
            ],
        ),
        ("GlueDataBrewStartJobRun", vec![("name", s("j"))]),
        ("GlueStartCrawlerRun", vec![("crawler_name", s("c"))]),
        (
            "GlueStartJobRun",
            vec![("glue_job_name", s("j")), ("execution_class", id("flex"))],
        ),
        (
            "HttpInvoke",
            vec![
                ("api_root", s("https://api.example.com")),
                ("api_endpoint", s("v1/items")),
                (
                    "connection",
                    s("arn:aws:events:us-east-1:123456789012:connection/C/1"),
                ),
                ("method", id("GET")),
            ],
        ),
        (
            "LambdaInvoke",
            vec![
                (
                    "lambda_function",
                    s("arn:aws:lambda:us-east-1:123456789012:function:F"),
                ),
                ("invocation_type", id("event")),
            ],
        ),
        (
            "MediaConvertCreateJob",
            vec![(
                "create_job_request",
                obj(vec![("Role", s(ROLE)), ("Settings", obj(vec![]))]),
            )],
        ),
        (
            "SageMakerCreateEndpoint",
            vec![("endpoint_config_name", s("c")), ("endpoint_name", s("e"))],
        ),
        (
            "SageMakerCreateEndpointConfig",
            vec![
                ("endpoint_config_name", s("c")),
                (
                    "production_variants",
                    arr(vec![obj(vec![
                        ("instance_type", s("m5.large")),
                        ("model_name", s("m")),
                        ("variant_name", s("v")),
                    ])]),
                ),
            ],
        ),
        (
            "SageMakerCreateModel",
            vec![
                ("model_name", s("m")),
                ("role", s(ROLE)),
                ("primary_container", obj(vec![("image", s("img"))])),
            ],
        ),
        (
            "SageMakerCreateTrainingJob",
            vec![
                ("training_job_name", s("t")),
                ("role", s(ROLE)),
                (
                    "algorithm_specification",
                    obj(vec![("training_image", s("img"))]),
                ),
                (
                    "output_data_config",
                    obj(vec![("s3_output_location", s("s3://o/"))]),
                ),
            ],
        ),
        (
            "SageMakerCreateTransformJob",
            vec![
                ("transform_job_name", s("t")),
                ("model_name", s("m")),
                ("role", s(ROLE)),
                (
                    "transform_input",
                    obj(vec![(
                        "transform_data_source",
                        obj(vec![(
                            "s3_data_source",
                            obj(vec![("s3_uri", s("s3://i/"))]),
                        )]),
                    )]),
                ),
                (
                    "transform_output",
                    obj(vec![("s3_output_path", s("s3://o/"))]),
                ),
            ],
        ),
        (
            "SageMakerUpdateEndpoint",
            vec![("endpoint_config_name", s("c")), ("endpoint_name", s("e"))],
        ),
        (
            "SnsPublish",
            vec![
                ("topic", s("arn:aws:sns:us-east-1:123456789012:T")),
                ("message", s("hi")),
                ("subject", s("s")),
            ],
        ),
        (
            "SqsSendMessage",
            vec![
                (
                    "queue",
                    s("https://sqs.us-east-1.amazonaws.com/123456789012/q"),
                ),
                ("message_body", obj(vec![("a", n(1))])),
            ],
        ),
        (
            "StepFunctionsInvokeActivity",
            vec![(
                "activity",
                s("arn:aws:states:us-east-1:123456789012:activity:A"),
            )],
        ),
        (
            "StepFunctionsStartExecution",
            vec![
                (
                    "state_machine",
                    s("arn:aws:states:us-east-1:123456789012:stateMachine:S"),
                ),
                ("pattern", id("run_job")),
            ],
        ),
        ("EvaluateExpression", vec![("expression", s("1 + 2"))]),
    ]
}

fn machine(c: &TaskCall, jsonata_machine: bool) -> Value {
    let t = ok(c);
    let state = match t.native_state {
        Some(mut native) => {
            native.insert("End".into(), Value::Bool(true));
            Value::Object(native)
        }
        None => {
            let mut m = Map::new();
            m.insert("Type".into(), json!("Task"));
            m.insert("Resource".into(), json!(t.resource));
            for (k, v) in t.fields {
                m.insert(k, v);
            }
            m.insert("End".into(), Value::Bool(true));
            Value::Object(m)
        }
    };
    let mut def = json!({"StartAt": "S", "States": {"S": state}});
    if jsonata_machine {
        def["QueryLanguage"] = json!("JSONata");
    }
    def
}

#[test]
fn every_class_renders_valid_asl_in_both_languages() {
    let cases = minimal();
    let classes: Vec<&str> = cases.iter().map(|(c, _)| *c).collect();
    for class in sfn_tasks::class_names() {
        assert!(classes.contains(&class), "no minimal call for {class}");
    }
    for (class, fields) in cases {
        let c = call(class, fields);
        assert_valid(&format!("{class} (JSONPath)"), &machine(&c, false));
        let j = jsonata(c);
        let def = machine(&j, true);
        assert_valid(&format!("{class} (JSONata)"), &def);
        let state = &def["States"]["S"];
        assert!(
            state.get("Parameters").is_none(),
            "{class}: Parameters in a JSONata state"
        );
        assert!(
            !def.to_string().contains(".$\""),
            "{class}: a .$ key in a JSONata state: {def}"
        );
    }
}

/// The validator used above does reject what we must never emit.
#[test]
fn the_validator_is_not_vacuous() {
    let bad = json!({"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {
        "Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Parameters": {"Message.$": "$.m"}, "End": true
    }}});
    assert!(!sfn_runtime::validate::validate_value(&bad).is_empty());
}

/// CDK's "Task Token is required in ..." message of `class`, from its catalogue
/// (sfn-runtime/tests/data/cdk-tasks.json).
fn cdk_token_message(class: &str) -> Option<String> {
    let text = include_str!("../../sfn-runtime/tests/data/cdk-tasks.json");
    let catalogue: serde_json::Value = serde_json::from_str(text).expect("cdk-tasks.json");
    let entry = catalogue.as_array()?.iter().find(|c| c["class"] == class)?;
    entry["validations"]
        .as_array()?
        .iter()
        .filter_map(|v| v["message"].as_str())
        .find(|m| m.starts_with("Task Token is required"))
        .map(str::to_string)
}

/// Every "must contain the task token" hint names a place the class accepts: the suggested value,
/// put in the field, renders (JSONPath and JSONata) into ASL the rule set accepts, and the
/// hint shows it as written in `workflow!`.
#[test]
fn every_task_token_hint_is_accepted() {
    use sfn_tasks::engine::token::{dsl_text, token_example};
    let mut checked = 0;
    for (class, fields) in minimal() {
        let Some(spec) = sfn_tasks::spec(class) else {
            continue;
        };
        let Some(field) = spec.token_field else {
            continue;
        };
        if !spec
            .patterns
            .contains(&sfn_tasks::Pattern::WaitForTaskToken)
        {
            continue;
        }
        for jsonata_state in [false, true] {
            let mut base: Vec<(&str, TaskValue)> = fields
                .iter()
                .filter(|(n, _)| *n != field && *n != "pattern")
                .cloned()
                .collect();
            base.push(("pattern", id("wait_for_task_token")));
            let wrap = |c: TaskCall| if jsonata_state { jsonata(c) } else { c };
            let missing = wrap(call(class, base.clone()));
            let example = token_example(class, field, jsonata_state && spec.jsonata);
            let e = errs(&missing);
            let error = e
                .iter()
                .find(|e| e.message.contains("must contain the task token"))
                .unwrap_or_else(|| panic!("{class}: no token error: {e:?}"));
            let hint = error.hint.clone().unwrap_or_default();
            assert!(hint.contains(&dsl_text(&example)), "{class}: hint {hint:?}");
            assert_eq!(
                error.note,
                cdk_token_message(class).map(|m| format!("CDK: {m}")),
                "{class}: the note quotes CDK's own check, or nothing when CDK has none"
            );
            base.push((field, example));
            let fixed = wrap(call(class, base));
            assert_valid(
                &format!("{class} with the suggested token"),
                &machine(&fixed, jsonata_state),
            );
            checked += 1;
        }
    }
    assert!(checked >= 18, "only {checked} suggestions checked");
}

/// API Gateway takes each header as a list of values: a string, or the bare task token, is
/// an error (the service rejects it at run time); a list, `States.Array(..)` or a path is not.
#[test]
fn api_gateway_header_values_are_lists() {
    for class in [
        "CallApiGatewayRestApiEndpoint",
        "CallApiGatewayHttpApiEndpoint",
    ] {
        let with = |headers: TaskValue| {
            call(
                class,
                vec![
                    ("api", s("abc")),
                    ("method", id("GET")),
                    ("stage_name", s("prod")),
                    ("headers", headers),
                ],
            )
        };
        assert_err_at(
            &with(obj(vec![("X-Id", s("1"))])),
            Some("headers"),
            "header `X-Id` must be a list of strings",
        );
        let token = with(obj(vec![("TaskToken", p("$$.Task.Token"))]));
        assert_err_at(
            &token,
            Some("headers"),
            "header `TaskToken` must be a list of strings",
        );
        assert!(errs(&token).iter().any(|e| {
            e.hint
                .as_deref()
                .is_some_and(|h| h.contains("States.Array($$.Task.Token)"))
        }));
        ok(&with(obj(vec![
            ("X-Id", arr(vec![s("1")])),
            ("T", intr("States.Array($$.Task.Token)")),
            ("P", p("$.headers.p")),
        ])));
    }
}

/// The grants on every resource (`"Resource": "*"`) of each class, for every pattern it
/// supports, with literal inputs: exactly those listed in `sfn-tasks/WILDCARDS.md`, each
/// with its reason (CDK grants the same, or the API has no resource to scope to).
#[test]
fn wildcard_grants_are_exactly_the_listed_ones() {
    let listed_text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/WILDCARDS.md")).unwrap();
    let listed: std::collections::BTreeSet<(String, String)> = listed_text
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            match cells.as_slice() {
                ["", class, action, reason, ""] if class.starts_with('`') && !reason.is_empty() => {
                    Some((
                        class.trim_matches('`').to_string(),
                        action.trim_matches('`').to_string(),
                    ))
                }
                _ => None,
            }
        })
        .collect();
    // A `cdk: case-id` reason is checked against that case's policy.
    for line in listed_text.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if let ["", _, action, reason, ""] = cells.as_slice()
            && let Some(rest) = reason.strip_prefix("cdk: ")
        {
            let id = rest.split(';').next().unwrap_or_default().trim();
            let action = action.trim_matches('`');
            let atoms = atoms_of_json(&case(id)["policy_statements"]);
            assert!(
                atoms.iter().any(|(_, a, r, _)| a == action && r == "*"),
                "WILDCARDS.md: CDK's {id} does not grant {action} on *"
            );
        }
    }
    let mut found = std::collections::BTreeSet::new();
    for (class, fields) in minimal() {
        let Some(spec) = sfn_tasks::spec(class) else {
            continue;
        };
        let patterns: Vec<sfn_tasks::Pattern> = if spec.patterns.is_empty() {
            vec![spec.default_pattern]
        } else {
            spec.patterns.to_vec()
        };
        for pattern in patterns {
            let mut fields: Vec<(&str, TaskValue)> = fields
                .iter()
                .filter(|(n, _)| *n != "pattern")
                .cloned()
                .collect();
            if !spec.patterns.is_empty() {
                fields.push(("pattern", id(pattern.word())));
            }
            if pattern == sfn_tasks::Pattern::WaitForTaskToken
                && let Some(field) = spec.token_field
            {
                fields.retain(|(n, _)| *n != field);
                fields.push((
                    field,
                    sfn_tasks::engine::token::token_example(class, field, false),
                ));
            }
            let Ok(task) = sfn_tasks::render(&call(class, fields)) else {
                continue;
            };
            for st in &task.statements {
                if st.resources.iter().any(|r| r == "*") {
                    for a in &st.actions {
                        found.insert((class.to_string(), a.clone()));
                    }
                }
            }
        }
    }
    let unlisted: Vec<_> = found.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&found).collect();
    assert!(
        unlisted.is_empty() && stale.is_empty(),
        "grants on * not in WILDCARDS.md: {unlisted:#?}\nlisted but not granted: {stale:#?}"
    );
}

/// A path given to any field of any class (top-level fields, and each member of the object
/// fields of the minimal calls, recursively) is either an error or in the rendered state:
/// never silently dropped or turned into something else.
#[test]
fn a_path_is_used_or_refused_never_dropped() {
    const PROBE: &str = "$.probe";
    fn check(class: &str, what: &str, c: &TaskCall, failures: &mut Vec<String>) {
        if let Ok(task) = sfn_tasks::render(c) {
            let mut rendered = serde_json::to_string(&task.fields).unwrap();
            rendered.push_str(&task.resource);
            if let Some(native) = &task.native_state {
                rendered.push_str(&serde_json::to_string(native).unwrap());
            }
            // In an intrinsic or JSONata translation the path may be rewritten, but its
            // name stays.
            if !rendered.contains("probe") {
                failures.push(format!(
                    "{class}.{what}: a path compiled and vanished: {rendered}"
                ));
            }
        }
    }
    /// Each way to put the probe in `value` one member deep, recursively.
    fn variants(value: &TaskValue, at: &str, out: &mut Vec<(String, TaskValue)>) {
        if let TaskValue::Object(members) = value {
            for (i, (k, _, v)) in members.iter().enumerate() {
                let mut replaced = members.clone();
                replaced[i].2 = p(PROBE);
                out.push((format!("{at}.{k}"), TaskValue::Object(replaced.clone())));
                let mut inner = Vec::new();
                variants(v, &format!("{at}.{k}"), &mut inner);
                for (what, nested) in inner {
                    let mut replaced = members.clone();
                    replaced[i].2 = nested;
                    out.push((what, TaskValue::Object(replaced)));
                }
            }
        }
        if let TaskValue::Array(items) = value {
            for (i, (_, item)) in items.iter().enumerate() {
                let mut inner = Vec::new();
                variants(item, &format!("{at}[{i}]"), &mut inner);
                for (what, nested) in inner {
                    let mut replaced = items.clone();
                    replaced[i].1 = nested;
                    out.push((what, TaskValue::Array(replaced)));
                }
            }
        }
    }
    let mut failures = Vec::new();
    let mut checked = 0;
    for (class, fields) in minimal() {
        let names: Vec<&str> = match sfn_tasks::spec(class) {
            Some(spec) => spec.fields.iter().map(|f| f.name).collect(),
            None => fields.iter().map(|(n, _)| *n).collect(),
        };
        for name in names {
            let mut with: Vec<(&str, TaskValue)> =
                fields.iter().filter(|(n, _)| *n != name).cloned().collect();
            with.push((name, p(PROBE)));
            check(class, name, &call(class, with), &mut failures);
            checked += 1;
        }
        for (name, value) in &fields {
            let mut out = Vec::new();
            variants(value, name, &mut out);
            for (what, variant) in out {
                let with: Vec<(&str, TaskValue)> = fields
                    .iter()
                    .map(|(n, v)| {
                        (
                            *n,
                            if n == name {
                                variant.clone()
                            } else {
                                v.clone()
                            },
                        )
                    })
                    .collect();
                check(class, &what, &call(class, with), &mut failures);
                checked += 1;
            }
        }
    }
    // Athena's object output location, which used to lose a path part.
    for part in ["bucket_name", "object_key"] {
        let location = obj(vec![
            (
                "bucket_name",
                if part == "bucket_name" {
                    p(PROBE)
                } else {
                    s("b")
                },
            ),
            (
                "object_key",
                if part == "object_key" {
                    p(PROBE)
                } else {
                    s("k")
                },
            ),
        ]);
        let c = call(
            "AthenaStartQueryExecution",
            vec![
                ("query_string", s("SELECT 1")),
                (
                    "result_configuration",
                    obj(vec![("output_location", location)]),
                ),
            ],
        );
        check("AthenaStartQueryExecution", part, &c, &mut failures);
        assert_err_at(&c, Some("result_configuration"), "must be a literal string");
    }
    assert!(
        failures.is_empty(),
        "{} of {checked}:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
