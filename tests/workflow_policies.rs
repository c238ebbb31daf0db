//! Policies and templates of whole workflows: every example and this file's own workflows.
//!
//! - Each Task state's grants (what `sfn_tasks::infer` reads from its ASL: the grants of its
//!   catalogue class) are in the workflow's policy, action by action.
//! - A distributed Map gets the grants the Step Functions guide ("IAM policies for using
//!   Distributed Map states") and CDK's `DistributedMap` list: StartExecution on its own
//!   machine, Describe/StopExecution on its child executions, its ItemReader's S3 reads,
//!   its ResultWriter's S3 writes, and its processor's states.
//! - Generic `Task { resource }` states (what `sfn import` writes) get their catalogue
//!   class's grants.
//! - Every emitted CloudFormation template has no literal `${` outside an `Fn::Sub`
//!   (CloudFormation would deploy it as text: a Resource or Condition that never matches).

use serde_json::{Value, json};
use sfn::{Workflow, workflow};
use std::collections::BTreeSet;

#[allow(dead_code)]
#[path = "../examples/api_gateway.rs"]
mod api_gateway;
#[allow(dead_code)]
#[path = "../examples/athena.rs"]
mod athena;
#[allow(dead_code)]
#[path = "../examples/aws_sdk.rs"]
mod aws_sdk;
#[allow(dead_code)]
#[path = "../examples/batch.rs"]
mod batch;
#[allow(dead_code)]
#[path = "../examples/bedrock.rs"]
mod bedrock;
#[allow(dead_code)]
#[path = "../examples/codebuild.rs"]
mod codebuild;
#[allow(dead_code)]
#[path = "../examples/deploy/src/workflows.rs"]
mod deploy;
#[allow(dead_code)]
#[path = "../examples/dynamodb.rs"]
mod dynamodb;
#[allow(dead_code)]
#[path = "../examples/ecs.rs"]
mod ecs;
#[allow(dead_code)]
#[path = "../examples/eks.rs"]
mod eks;
#[allow(dead_code)]
#[path = "../examples/emr.rs"]
mod emr;
#[allow(dead_code)]
#[path = "../examples/emr_on_eks.rs"]
mod emr_on_eks;
#[allow(dead_code)]
#[path = "../examples/evaluate_expression.rs"]
mod evaluate_expression;
#[allow(dead_code)]
#[path = "../examples/eventbridge.rs"]
mod eventbridge;
#[allow(dead_code)]
#[path = "../examples/glue.rs"]
mod glue;
#[allow(dead_code)]
#[path = "../examples/glue_databrew.rs"]
mod glue_databrew;
#[allow(dead_code)]
#[path = "../examples/http.rs"]
mod http;
#[allow(dead_code)]
#[path = "../examples/lambda.rs"]
mod lambda;
#[allow(dead_code)]
#[path = "../examples/mediaconvert.rs"]
mod mediaconvert;
#[allow(dead_code)]
#[path = "../examples/quickstart.rs"]
mod quickstart;
#[allow(dead_code)]
#[path = "../examples/sagemaker.rs"]
mod sagemaker;
#[allow(dead_code)]
#[path = "../examples/sns.rs"]
mod sns;
#[allow(dead_code)]
#[path = "../examples/sqs.rs"]
mod sqs;
#[allow(dead_code)]
#[path = "../examples/step_functions.rs"]
mod step_functions;

workflow! {
    /// Reads a CSV object whose key is known at run time, writes results under a prefix.
    pub CSV_FANOUT {
        Each: Map {
            mode: distributed,
            item_reader: { "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": { "InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW" }, "Parameters": { "Bucket": "input-bucket", "Key.$": "$.key" } },
            result_writer: { "Resource": "arn:aws:states:::s3:putObject", "Parameters": { "Bucket": "output-bucket", "Prefix": "runs/" } },
            processor: {
                Notify: SnsPublish { topic: "arn:aws:sns:us-east-1:123456789012:items", message: $.id } -> end,
            },
        } -> end,
    }
}

workflow! {
    /// Lists the objects under a literal prefix.
    pub PREFIX_FANOUT {
        Each: Map {
            mode: distributed,
            item_reader: { "Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": { "Bucket": "photos", "Prefix": "2026/" } },
            processor: { Item: Pass {} -> end },
        } -> end,
    }
}

workflow! {
    /// A saga as `sfn import` writes it: generic tasks only.
    pub IMPORTED_SAGA {
        Reserve: Task {
            resource: "arn:aws:states:::lambda:invoke",
            parameters: { "FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:reserve", "Payload.$": "$" },
        } -> Pay,
        Pay: Task {
            resource: "arn:aws:lambda:us-east-1:123456789012:function:pay",
        } -> Tell,
        Tell: Task {
            resource: "arn:aws:states:::sns:publish",
            parameters: { "TopicArn": "arn:aws:sns:us-east-1:123456789012:orders", "Message.$": "$.receipt" },
        } -> Etl,
        Etl: Task {
            resource: "arn:aws:states:::glue:startJobRun.sync",
            parameters: { "JobName": "nightly" },
        } -> Query,
        Query: Task {
            resource: "arn:aws:states:::athena:startQueryExecution",
            parameters: { "QueryString": "SELECT 1", "WorkGroup": "primary", "ResultConfiguration": { "OutputLocation": "s3://query-results/etl/" } },
        } -> Describe,
        Describe: Task {
            resource: "arn:aws:states:::aws-sdk:sfn:describeExecution",
            parameters: { "ExecutionArn.$": "$.arn" },
        } -> end,
    }
}

workflow! {
    /// A role from another stack, given as an attribute placeholder.
    pub WITH_ROLE {
        Crawl: Task {
            resource: "arn:aws:states:::glue:startJobRun",
            parameters: { "JobName": "${Job}", "SecurityConfiguration": "${Role.Arn}" },
        } -> end,
    }
}

workflow! {
    /// Runs a child machine given as a substitution, and waits for it.
    pub RUN_CHILD {
        Child: StepFunctionsStartExecution {
            state_machine: "${Child}",
            pattern: run_job,
        } -> end,
    }
}

workflow! {
    /// HTTP, EventBridge, nested executions and an activity inside Parallel branches and a
    /// Map processor: each nested task's grants are in the policy.
    pub NESTED_TASKS {
        Fan: Parallel {
            branches: [
                { Call: HttpInvoke {
                    api_root: "https://api.example.com",
                    api_endpoint: "v1/orders",
                    connection: "arn:aws:events:us-east-1:123456789012:connection/Orders/abc",
                    method: POST,
                } -> end },
                { Each: Map {
                    items: $.orders,
                    processor: {
                        Tell: EventBridgePutEvents {
                            entries: [{ "detail": { "id": $.id }, "detail_type": "Order", "source": "shop" }],
                        } -> Child,
                        Child: StepFunctionsStartExecution {
                            state_machine: "arn:aws:states:us-east-1:123456789012:stateMachine:Child",
                            pattern: run_job,
                        } -> Work,
                        Work: Activity { arn: "arn:aws:states:us-east-1:123456789012:activity:Work" } -> end,
                    },
                } -> end },
            ],
        } -> end,
    }
}

fn own() -> Vec<&'static Workflow> {
    vec![
        &CSV_FANOUT,
        &PREFIX_FANOUT,
        &IMPORTED_SAGA,
        &WITH_ROLE,
        &RUN_CHILD,
        &NESTED_TASKS,
    ]
}

#[test]
fn nested_tasks_contribute_their_grants() {
    let got = atoms(&policy(&NESTED_TASKS));
    let has = |a: &str, r: &str| got.iter().any(|(ga, gr, _)| ga == a && gr == r);
    assert!(
        has(
            "events:RetrieveConnectionCredentials",
            "arn:aws:events:us-east-1:123456789012:connection/Orders/abc"
        ),
        "{got:?}"
    );
    assert!(
        has(
            "secretsmanager:GetSecretValue",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:events!connection/Orders/*"
        ),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|(a, _, c)| a == "states:InvokeHTTPEndpoint"
                && c.contains("https://api.example.com*")),
        "{got:?}"
    );
    assert!(
        has(
            "events:PutEvents",
            "arn:aws:events:${AWS::Region}:${AWS::AccountId}:event-bus/default"
        ),
        "{got:?}"
    );
    assert!(
        has(
            "states:StartExecution",
            "arn:aws:states:us-east-1:123456789012:stateMachine:Child"
        ),
        "{got:?}"
    );
    assert!(
        has(
            "states:DescribeExecution",
            "arn:aws:states:${AWS::Region}:${AWS::AccountId}:execution:Child*"
        ),
        "{got:?}"
    );
}

/// CDK scopes Describe/StopExecution of a `.sync` child to the child's executions, named
/// after it (`aws-stepfunctions-tasks/lib/stepfunctions/start-execution.ts`: the ARN's
/// resource name, `Fn::Select 6` of `Fn::Split ":"` in its template), never `execution:*`.
#[test]
fn a_sync_child_given_as_a_substitution_scopes_its_executions() {
    let got = atoms(&policy(&RUN_CHILD));
    let executions = "arn:aws:states:${AWS::Region}:${AWS::AccountId}:execution:${Child.Name}*";
    for a in ["states:DescribeExecution", "states:StopExecution"] {
        assert!(
            got.contains(&(a.into(), executions.into(), "null".into())),
            "{got:?}"
        );
    }
    assert!(
        !got.iter().any(|(_, r, _)| r.ends_with("execution:**")),
        "{got:?}"
    );
    let template = RUN_CHILD.cloudformation();
    assert!(
        template["Parameters"]["ChildName"].is_null(),
        "no parameter for the derived name"
    );
    let text = template.to_string();
    let derived = json!({"ChildName": {"Fn::Select": [6, {"Fn::Split": [":", {"Ref": "Child"}]}]}})
        .to_string();
    assert!(
        text.contains(&derived[1..derived.len() - 1]),
        "{template:#}"
    );
}

#[test]
fn attribute_placeholders_agree_between_const_render_and_template() {
    assert_eq!(WITH_ROLE.substitutions(), ["Job", "Role.Arn"]);
    let rendered = WITH_ROLE
        .render(&[("Job", "j"), ("Role.Arn", "arn:aws:iam::1:role/r")])
        .unwrap();
    assert!(
        rendered.contains(r#""SecurityConfiguration":"arn:aws:iam::1:role/r""#),
        "{rendered}"
    );
    let template = WITH_ROLE.cloudformation();
    assert!(
        template["Parameters"]["RoleArn"].is_object(),
        "{template:#}"
    );
    assert!(template["Parameters"]["Job"].is_object(), "{template:#}");
}

fn every_workflow() -> Vec<&'static Workflow> {
    let mut all: Vec<&'static Workflow> = vec![
        &api_gateway::API_GATEWAY,
        &athena::ATHENA,
        &aws_sdk::AWS_SDK,
        &batch::BATCH,
        &bedrock::BEDROCK,
        &codebuild::CODEBUILD,
        &dynamodb::DYNAMO,
        &ecs::ECS,
        &eks::EKS,
        &emr::EMR,
        &emr::EMR_MAINTENANCE,
        &emr_on_eks::EMR_ON_EKS,
        &evaluate_expression::EVALUATE_EXPRESSION,
        &eventbridge::EVENTBRIDGE,
        &glue::GLUE,
        &glue_databrew::DATABREW,
        &glue_databrew::DATABREW_SYNC,
        &http::HTTP,
        &lambda::LAMBDA,
        &mediaconvert::MEDIACONVERT,
        &quickstart::ORDER_FLOW,
        &sagemaker::SAGEMAKER,
        &sagemaker::SAGEMAKER_ROLLOUT,
        &sns::SNS,
        &sqs::SQS,
        &step_functions::PARENT,
        &deploy::IMAGE_PIPELINE,
    ];
    all.extend(own());
    all
}

fn policy(w: &Workflow) -> Value {
    serde_json::from_str(w.policy()).expect("policy is JSON")
}

/// (action, resource) pairs of a policy, with their condition.
fn atoms(policy: &Value) -> BTreeSet<(String, String, String)> {
    let many = |v: &Value| -> Vec<String> {
        match v {
            Value::String(s) => vec![s.clone()],
            Value::Array(a) => a
                .iter()
                .filter_map(|x| x.as_str().map(String::from))
                .collect(),
            _ => vec![],
        }
    };
    let mut out = BTreeSet::new();
    for st in policy["Statement"].as_array().into_iter().flatten() {
        for a in many(&st["Action"]) {
            for r in many(&st["Resource"]) {
                out.insert((a.clone(), r, st["Condition"].to_string()));
            }
        }
    }
    out
}

fn each_state(machine: &Value, f: &mut dyn FnMut(&str, &Value)) {
    for (name, state) in machine["States"].as_object().into_iter().flatten() {
        f(name, state);
        for key in ["ItemProcessor", "Iterator"] {
            if state.get(key).is_some() {
                each_state(&state[key], f);
            }
        }
        for branch in state["Branches"].as_array().into_iter().flatten() {
            each_state(branch, f);
        }
    }
}

#[test]
fn every_task_state_contributes_its_grants() {
    let mut tasks = 0;
    for w in every_workflow() {
        let definition: Value = serde_json::from_str(w.definition()).unwrap();
        let granted: BTreeSet<String> = atoms(&policy(w)).into_iter().map(|(a, _, _)| a).collect();
        let jsonata = definition["QueryLanguage"] == "JSONata";
        each_state(&definition, &mut |name, state| {
            if state["Type"] != "Task" {
                return;
            }
            tasks += 1;
            let needed = sfn_tasks::infer::state_statements(state, jsonata);
            let resource = state["Resource"].as_str().unwrap_or_default();
            // Needing nothing of the role: an activity (its worker polls with its own
            // credentials), an API Gateway call without IAM authorisation, and `eks:call`
            // (no IAM action; Kubernetes RBAC decides, see sfn-tasks/DEVIATIONS.md).
            let no_auth = state["Parameters"]["AuthType"] == "NO_AUTH";
            let eks = resource.starts_with("arn:aws:states:::eks:call");
            if !resource.contains(":activity:") && !no_auth && !eks {
                assert!(
                    !needed.is_empty(),
                    "{}/{name}: no grant for {resource}",
                    w.name()
                );
            }
            // `CallAwsService { iam_action }` names the action itself (`s3:listBuckets` is
            // granted as `s3:ListAllMyBuckets`): only the service is checked for SDK calls.
            if let Some(sdk) = resource.strip_prefix("arn:aws:states:::aws-sdk:") {
                let service = sdk.split(':').next().unwrap_or_default();
                let prefix = format!("{}:", sfn_tasks::services::aws_sdk::iam_prefix(service));
                assert!(
                    granted.iter().any(|g| g.starts_with(&prefix)),
                    "{}/{name}: nothing of {prefix}",
                    w.name()
                );
                return;
            }
            for st in &needed {
                for action in &st.actions {
                    assert!(
                        granted.iter().any(|g| g.eq_ignore_ascii_case(action)),
                        "{}/{name}: {action} is needed by {resource} but not granted: {}",
                        w.name(),
                        w.policy()
                    );
                }
            }
        });
    }
    assert!(tasks > 40, "only {tasks} task states walked");
}

#[test]
fn distributed_map_grants_its_children_reader_and_writer() {
    let got = atoms(&policy(&CSV_FANOUT));
    let want: BTreeSet<(String, String, String)> = [
        (
            "states:StartExecution",
            "arn:aws:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${StateMachineName}",
        ),
        (
            "states:DescribeExecution",
            "arn:aws:states:${AWS::Region}:${AWS::AccountId}:execution:${StateMachineName}/*",
        ),
        (
            "states:StopExecution",
            "arn:aws:states:${AWS::Region}:${AWS::AccountId}:execution:${StateMachineName}/*",
        ),
        // The key is a path: any object of the bucket.
        ("s3:GetObject", "arn:aws:s3:::input-bucket/*"),
        ("s3:PutObject", "arn:aws:s3:::output-bucket/runs/*"),
        ("s3:GetObject", "arn:aws:s3:::output-bucket/runs/*"),
        (
            "s3:ListMultipartUploadParts",
            "arn:aws:s3:::output-bucket/runs/*",
        ),
        (
            "s3:AbortMultipartUpload",
            "arn:aws:s3:::output-bucket/runs/*",
        ),
        // The processor's own state.
        ("sns:Publish", "arn:aws:sns:us-east-1:123456789012:items"),
    ]
    .into_iter()
    .map(|(a, r)| (a.to_string(), r.to_string(), "null".to_string()))
    .collect();
    assert_eq!(got, want, "{}", CSV_FANOUT.policy());

    let got = atoms(&policy(&PREFIX_FANOUT));
    let listing = json!({"StringLike": {"s3:prefix": ["2026/*"]}}).to_string();
    assert!(
        got.contains(&(
            "s3:ListBucket".into(),
            "arn:aws:s3:::photos".into(),
            listing
        )),
        "{got:?}"
    );
    assert!(
        got.contains(&(
            "s3:GetObject".into(),
            "arn:aws:s3:::photos/2026/*".into(),
            "null".into()
        )),
        "{got:?}"
    );
}

#[test]
fn distributed_map_template_names_the_machine_its_policy_names() {
    let template = CSV_FANOUT.cloudformation();
    let machine = template["Resources"]
        .as_object()
        .and_then(|r| {
            r.values()
                .find(|v| v["Type"] == "AWS::StepFunctions::StateMachine")
        })
        .expect("a state machine");
    assert_eq!(
        machine["Properties"]["StateMachineName"],
        json!({"Ref": "StateMachineName"}),
        "{template:#}"
    );
    assert_eq!(
        template["Parameters"]["StateMachineName"]["Default"],
        "CSVFANOUT"
    );
    // A workflow without a distributed Map leaves the name to CloudFormation.
    assert!(PREFIX_FANOUT.cloudformation()["Parameters"]["StateMachineName"].is_object());
    assert!(IMPORTED_SAGA.cloudformation()["Parameters"]["StateMachineName"].is_null());
}

#[test]
fn generic_tasks_get_their_catalogue_grants() {
    let got = atoms(&policy(&IMPORTED_SAGA));
    // IAM action names are case-insensitive (CDK keeps the SDK's `describeExecution`).
    let has = |a: &str, r: &str| {
        got.iter()
            .any(|(ga, gr, _)| ga.eq_ignore_ascii_case(a) && gr == r)
    };
    // Lambda: the two functions (and their versions), not `*`.
    for f in ["reserve", "pay"] {
        let arn = format!("arn:aws:lambda:us-east-1:123456789012:function:{f}");
        assert!(
            has("lambda:InvokeFunction", &arn) && has("lambda:InvokeFunction", &format!("{arn}:*")),
            "{got:?}"
        );
    }
    assert!(!has("lambda:InvokeFunction", "*"), "{got:?}");
    assert!(
        has("sns:Publish", "arn:aws:sns:us-east-1:123456789012:orders"),
        "{got:?}"
    );
    // GlueStartJobRun with RUN_JOB: the job's run actions on the job (CDK's grants).
    let job = "arn:aws:glue:${AWS::Region}:${AWS::AccountId}:job/nightly";
    for a in [
        "glue:StartJobRun",
        "glue:GetJobRun",
        "glue:GetJobRuns",
        "glue:BatchStopJobRun",
    ] {
        assert!(has(a, job), "{a}: {got:?}");
    }
    // Athena: the work group, and the S3 writes under the literal output location.
    assert!(
        has(
            "athena:startQueryExecution",
            "arn:aws:athena:${AWS::Region}:${AWS::AccountId}:workgroup/primary"
        ),
        "{got:?}"
    );
    assert!(
        has("s3:PutObject", "arn:aws:s3:::query-results/etl/*"),
        "{got:?}"
    );
    // aws-sdk:sfn:describeExecution is the IAM action states:DescribeExecution.
    assert!(has("states:DescribeExecution", "*"), "{got:?}");
}

/// Every string holding `${` is inside an `Fn::Sub` (first element, or the whole string).
fn literal_placeholders(value: &Value, at: &str, out: &mut Vec<String>) {
    match value {
        Value::String(s) if s.contains("${") => out.push(format!("{at}: {s}")),
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                literal_placeholders(v, &format!("{at}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                if k == "Fn::Sub" {
                    // The template string may hold `${..}`; the variable map's values may not.
                    if let Value::Array(parts) = v {
                        for (i, part) in parts.iter().enumerate().skip(1) {
                            literal_placeholders(part, &format!("{at}/Fn::Sub/{i}"), out);
                        }
                    }
                    continue;
                }
                // The definition is filled by DefinitionSubstitutions, the one other place
                // CloudFormation reads `${..}`.
                if k == "Definition" {
                    continue;
                }
                literal_placeholders(v, &format!("{at}/{k}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn no_template_has_a_literal_placeholder_outside_fn_sub() {
    for w in every_workflow() {
        let mut found = Vec::new();
        literal_placeholders(&w.cloudformation(), "", &mut found);
        assert!(found.is_empty(), "{}: {found:#?}", w.name());
    }
}

/// Writes every template for `.ci/cfn-lint` (into `$SFN_TEMPLATE_DIR`).
#[test]
#[ignore = "emits files for the cfn-lint step of CI"]
fn write_workflow_templates_for_cfn_lint() {
    let dir = std::env::var_os("SFN_TEMPLATE_DIR")
        .map_or_else(|| std::env::temp_dir().join("sfn-templates"), Into::into);
    for w in every_workflow() {
        w.write_to(&dir).unwrap();
    }
}
