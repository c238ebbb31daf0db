//! Deploys and runs through the real SDK against moto's server (pinned in
//! .ci/requirements.txt): create, update, unchanged, role and policy read back with IAM,
//! aliases, logging, executions compared with the local executor, the CloudFormation
//! template. Each test starts its own server on a free port and stops it on drop.

use std::time::{Duration, Instant};

use aws_config::{BehaviorVersion, Region};
use aws_sdk_sfn::config::Credentials;
use serde_json::{Value, json};
use sfn_aws::{AliasOptions, Aws, DeployOptions, Deployable, LogLevel, Logging, Target};
use sfn_runtime::WorkflowKind;
use sfn_runtime::asl::StateMachine;
use sfn_runtime::exec::Executor;
use sfn_testkit::{MOTO_ACCOUNT, Moto, free_port, py_tool};

/// moto's default account (moto docs, "Account ID").
const ACCOUNT: &str = MOTO_ACCOUNT;

async fn aws_at(url: &str) -> Aws {
    let config = aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(url)
        .credentials_provider(Credentials::new("testing", "testing", None, None, "tests"))
        .load()
        .await;
    Aws::from_config(&config).unwrap()
}

fn target() -> Target {
    Target {
        partition: "aws".into(),
        region: "us-east-1".into(),
        account: ACCOUNT.into(),
    }
}

fn orders(definition: &Value) -> Deployable {
    Deployable {
        name: "ORDERS".into(),
        definition: definition.to_string(),
        policy: Some(
            json!({"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": "dynamodb:PutItem", "Resource": "${TableArn}"}]})
            .to_string(),
        ),
        kind: WorkflowKind::Standard,
    }
}

const TABLE: &str = "arn:aws:dynamodb:us-east-1:123456789012:table/orders";

fn options() -> DeployOptions {
    let mut options = DeployOptions::default();
    options.substitutions.set("TableArn", TABLE);
    options.version_description = Some("git test".into());
    options
}

async fn described(
    aws: &Aws,
    arn: &str,
) -> aws_sdk_sfn::operation::describe_state_machine::DescribeStateMachineOutput {
    aws.sfn
        .describe_state_machine()
        .state_machine_arn(arn)
        .send()
        .await
        .unwrap()
}

async fn routing(aws: &Aws, alias_arn: &str) -> Vec<(String, i32)> {
    let out = aws
        .sfn
        .describe_state_machine_alias()
        .state_machine_alias_arn(alias_arn)
        .send()
        .await
        .unwrap();
    let mut pairs: Vec<(String, i32)> = out
        .routing_configuration()
        .iter()
        .map(|r| (r.state_machine_version_arn().to_owned(), r.weight()))
        .collect();
    pairs.sort();
    pairs
}

#[tokio::test]
async fn deploy_creates_updates_and_then_changes_nothing() {
    let Some(server) = Moto::start() else { return };
    let aws = aws_at(&server.url()).await;
    let v1 = json!({"StartAt": "Save", "States": {
        "Save": {"Type": "Pass", "Parameters": {"table": "${TableArn}"}, "End": true}}});
    let mut first = options();
    first.tags.insert("team".into(), "data".into());
    let report = sfn_aws::deploy(&aws, &orders(&v1), &first).await.unwrap();
    let subjects: Vec<(&str, &str)> = report
        .changes
        .iter()
        .map(|c| (c.subject.as_str(), c.verb))
        .collect();
    let arn = target().state_machine_arn("ORDERS");
    assert_eq!(
        subjects,
        [
            ("role ORDERS-role", "created"),
            ("state machine ORDERS", "created"),
            (&*format!("version {arn}:1"), "published"),
        ]
    );

    // Read back: the filled definition, our role, its trust and its policy (IAM API).
    let machine = described(&aws, &arn).await;
    let filled: Value = serde_json::from_str(machine.definition()).unwrap();
    assert_eq!(filled["States"]["Save"]["Parameters"]["table"], TABLE);
    assert_eq!(machine.role_arn(), target().role_arn("ORDERS-role"));
    let role = aws
        .iam
        .get_role()
        .role_name("ORDERS-role")
        .send()
        .await
        .unwrap();
    let trust = role.role().unwrap().assume_role_policy_document().unwrap();
    let trust: Value = serde_json::from_str(trust)
        .unwrap_or_else(|_| serde_json::from_str(&percent_decode(trust)).unwrap());
    assert_eq!(trust, sfn_aws::trust_policy(&target()));
    assert_eq!(
        trust["Statement"][0]["Condition"]["StringEquals"]["aws:SourceAccount"],
        ACCOUNT
    );
    let policy = aws
        .iam
        .get_role_policy()
        .role_name("ORDERS-role")
        .policy_name("ORDERS-policy")
        .send()
        .await
        .unwrap();
    let text = policy.policy_document();
    let policy: Value = serde_json::from_str(text)
        .unwrap_or_else(|_| serde_json::from_str(&percent_decode(text)).unwrap());
    assert_eq!(policy["Statement"][0]["Resource"], TABLE);
    let tags = aws
        .sfn
        .list_tags_for_resource()
        .resource_arn(&arn)
        .send()
        .await
        .unwrap();
    assert!(
        tags.tags()
            .iter()
            .any(|t| t.key() == Some("team") && t.value() == Some("data"))
    );

    // The same again: nothing changes, no new version.
    let again = sfn_aws::deploy(&aws, &orders(&v1), &first).await.unwrap();
    assert!(!again.changed(), "{again}");
    assert!(
        aws.sfn
            .describe_state_machine()
            .state_machine_arn(format!("{arn}:2"))
            .send()
            .await
            .is_err(),
        "an unchanged deploy publishes no version"
    );

    // A new state, with an alias.
    let v2 = json!({"StartAt": "Save", "States": {
        "Save": {"Type": "Pass", "Parameters": {"table": "${TableArn}"}, "Next": "Done"},
        "Done": {"Type": "Succeed"}}});
    let mut with_alias = options();
    with_alias.alias = Some(AliasOptions {
        name: "live".into(),
        weight: 100,
    });
    let report = sfn_aws::deploy(&aws, &orders(&v2), &with_alias)
        .await
        .unwrap();
    let update = report
        .changes
        .iter()
        .find(|c| c.subject == "state machine ORDERS")
        .unwrap();
    assert_eq!(update.verb, "updated");
    assert_eq!(update.details, ["~ state Save (End, Next)", "+ state Done"]);
    let alias_arn = format!("{arn}:live");
    assert_eq!(routing(&aws, &alias_arn).await, [(format!("{arn}:2"), 100)]);
    let v2_read: Value = serde_json::from_str(described(&aws, &arn).await.definition()).unwrap();
    assert_eq!(v2_read["States"]["Done"]["Type"], "Succeed");

    // A canary: 25% on the new version 3, the rest stays on version 2.
    let v3 = json!({"StartAt": "Save", "States": {
        "Save": {"Type": "Pass", "Parameters": {"table": "${TableArn}", "v": 3}, "Next": "Done"},
        "Done": {"Type": "Succeed"}}});
    with_alias.alias = Some(AliasOptions {
        name: "live".into(),
        weight: 25,
    });
    sfn_aws::deploy(&aws, &orders(&v3), &with_alias)
        .await
        .unwrap();
    assert_eq!(
        routing(&aws, &alias_arn).await,
        [(format!("{arn}:2"), 75), (format!("{arn}:3"), 25)]
    );

    // Logging: a dry run says what would change and changes nothing.
    let mut logged = options();
    logged.logging = Some(Logging {
        level: LogLevel::Error,
        include_execution_data: true,
        log_group: None,
    });
    logged.dry_run = true;
    let dry = sfn_aws::deploy(&aws, &orders(&v3), &logged).await.unwrap();
    let text = dry.to_string();
    assert!(
        text.contains("log group /aws/vendedlogs/states/ORDERS-Logs would be created"),
        "{text}"
    );
    assert!(
        text.contains("~ logging: OFF -> ERROR with execution data to arn:aws:logs:"),
        "{text}"
    );
    assert!(
        text.contains("+ Allow logs:CreateLogDelivery on *"),
        "{text}"
    );
    let level = described(&aws, &arn)
        .await
        .logging_configuration()
        .and_then(|l| l.level().cloned());
    assert_eq!(level.as_ref().map(|l| l.as_str()), Some("OFF"));
    logged.dry_run = false;
    sfn_aws::deploy(&aws, &orders(&v3), &logged).await.unwrap();
    let logging = described(&aws, &arn)
        .await
        .logging_configuration()
        .cloned()
        .unwrap();
    assert_eq!(logging.level().map(|l| l.as_str()), Some("ERROR"));
    assert!(logging.include_execution_data());
    let groups = aws
        .logs
        .describe_log_groups()
        .log_group_name_prefix("/aws/vendedlogs/states/ORDERS-Logs")
        .send()
        .await
        .unwrap();
    assert_eq!(groups.log_groups().len(), 1);
    let settled = sfn_aws::deploy(&aws, &orders(&v3), &logged).await.unwrap();
    assert!(!settled.changed(), "{settled}");
}

/// The cases `sfn run` and moto's executor both run: (name, definition, input).
fn cases() -> Vec<(&'static str, Value, Value)> {
    vec![
        (
            "PassFlow",
            json!({"StartAt": "Shape", "States": {
                "Shape": {"Type": "Pass", "Parameters": {"id.$": "$.order.id", "fixed": [1, 2]},
                          "ResultPath": "$.shaped", "Next": "Done"},
                "Done": {"Type": "Pass", "OutputPath": "$.shaped", "End": true}}}),
            json!({"order": {"id": "o-1"}}),
        ),
        (
            "ChoiceFlow",
            json!({"StartAt": "Size", "States": {
                "Size": {"Type": "Choice", "Choices": [
                    {"Variable": "$.n", "NumericGreaterThan": 10, "Next": "Big"}],
                    "Default": "Small"},
                "Big": {"Type": "Pass", "Result": "big", "End": true},
                "Small": {"Type": "Pass", "Result": "small", "End": true}}}),
            json!({"n": 42}),
        ),
        (
            "MapFlow",
            json!({"StartAt": "Each", "States": {
                "Each": {"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "INLINE"},
                    "StartAt": "Wrap", "States": {
                        "Wrap": {"Type": "Pass", "Parameters": {"item.$": "$"}, "End": true}}},
                  "End": true}}}),
            json!({"items": [1, "two", {"three": 3}]}),
        ),
        (
            "FailFlow",
            json!({"StartAt": "Check", "States": {
                "Check": {"Type": "Choice", "Choices": [
                    {"Variable": "$.ok", "BooleanEquals": true, "Next": "Fine"}], "Default": "Broken"},
                "Fine": {"Type": "Succeed"},
                "Broken": {"Type": "Fail", "Error": "OrderBroken", "Cause": "ok was false"}}}),
            json!({"ok": false}),
        ),
    ]
}

#[tokio::test]
async fn executions_on_moto_end_as_sfn_run_ends_them() {
    let Some(server) = Moto::start() else { return };
    server.execute_state_machines();
    let aws = aws_at(&server.url()).await;
    for (name, definition, input) in cases() {
        let deployable = Deployable {
            name: name.into(),
            definition: definition.to_string(),
            policy: None,
            kind: WorkflowKind::Standard,
        };
        let options = DeployOptions {
            version_description: Some("git test".into()),
            ..DeployOptions::default()
        };
        let report = sfn_aws::deploy(&aws, &deployable, &options).await.unwrap();
        let execution = sfn_aws::start(
            &aws,
            &report.state_machine_arn,
            &input.to_string(),
            Some("e1"),
        )
        .await
        .unwrap();
        let remote = sfn_aws::wait(&aws, &execution, Duration::from_secs(30))
            .await
            .unwrap();
        let machine = StateMachine::from_value(definition).unwrap();
        let local = Executor::new(&machine).run(input.clone()).to_json(false);
        let mut remote_json = remote.to_json();
        assert_eq!(remote_json["executionArn"], execution, "{name}");
        remote_json.as_object_mut().unwrap().remove("executionArn");
        assert_eq!(remote_json, local, "{name}: moto vs sfn run");

        let events = sfn_aws::history(&aws, &execution).await.unwrap();
        assert_eq!(events[0]["type"], "ExecutionStarted", "{name}");
        let last = events.last().unwrap();
        let want = if remote.succeeded() {
            "ExecutionSucceeded"
        } else {
            "ExecutionFailed"
        };
        assert_eq!(last["type"], want, "{name}: {events:?}");
    }
}

#[tokio::test]
async fn the_cloudformation_template_creates_the_role_and_state_machine() {
    let (Some(server), Some(cli)) = (Moto::start(), py_tool("aws")) else {
        return;
    };
    let workflow = sfn_runtime::Workflow::from_parts(
        "HELLO",
        r#"{"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"${HelloFn}","Payload.$":"$"},"End":true}}}"#,
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":["${HelloFn}","${HelloFn}:*"]}]}"#,
        &["HelloFn"],
        WorkflowKind::Standard,
    );
    let dir = std::env::temp_dir().join(format!("sfn-aws-cfn-{}", server.port()));
    std::fs::create_dir_all(&dir).unwrap();
    let template = dir.join("HELLO.template.json");
    std::fs::write(&template, workflow.cloudformation().to_string()).unwrap();
    let function = "arn:aws:lambda:us-east-1:123456789012:function:hello";
    let aws_cli = |args: &[&str]| -> Value {
        let out = std::process::Command::new(&cli)
            .args(args)
            .args([
                "--endpoint-url",
                &server.url(),
                "--region",
                "us-east-1",
                "--output",
                "json",
            ])
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .env("AWS_CONFIG_FILE", "/dev/null")
            .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "aws {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap_or(Value::Null)
    };
    aws_cli(&[
        "cloudformation",
        "create-stack",
        "--stack-name",
        "hello",
        "--capabilities",
        "CAPABILITY_IAM",
        "--template-body",
        &format!("file://{}", template.display()),
        "--parameters",
        &format!("ParameterKey=HelloFn,ParameterValue={function}"),
    ]);
    let stacks = aws_cli(&["cloudformation", "describe-stacks", "--stack-name", "hello"]);
    let stack = &stacks["Stacks"][0];
    assert_eq!(stack["StackStatus"], "CREATE_COMPLETE", "{stack}");
    let output = |key: &str| -> String {
        stack["Outputs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["OutputKey"] == key)
            .and_then(|o| o["OutputValue"].as_str())
            .unwrap_or_else(|| panic!("no output {key}: {stack}"))
            .to_owned()
    };
    let machine_arn = output("StateMachineArn");
    let role_arn = output("RoleArn");

    let aws = aws_at(&server.url()).await;
    let machine = described(&aws, &machine_arn).await;
    assert_eq!(machine.role_arn(), role_arn);
    // moto 5.2.5's AWS::StepFunctions::StateMachine reads only `DefinitionString`, not the
    // `Definition` object + `DefinitionSubstitutions` the emitter writes (as CDK does), so
    // the definition cannot be compared here; the role and its policy can.
    let role_name = role_arn.rsplit('/').next().unwrap();
    let role = aws
        .iam
        .get_role()
        .role_name(role_name)
        .send()
        .await
        .unwrap();
    let trust = role.role().unwrap().assume_role_policy_document().unwrap();
    let trust: Value = serde_json::from_str(trust)
        .unwrap_or_else(|_| serde_json::from_str(&percent_decode(trust)).unwrap());
    assert_eq!(
        trust["Statement"][0]["Principal"]["Service"],
        "states.amazonaws.com"
    );
    assert_eq!(
        trust["Statement"][0]["Condition"]["StringEquals"]["aws:SourceAccount"],
        ACCOUNT
    );
    let policy = aws
        .iam
        .get_role_policy()
        .role_name(role_name)
        .policy_name("HELLOPolicy")
        .send()
        .await
        .unwrap();
    // moto 5.2.5 keeps a CloudFormation-made inline policy as the Python dict it parsed and
    // answers GetRolePolicy with its repr (`{'Version': ..}`): read that back as JSON.
    let text = percent_decode(policy.policy_document());
    let policy: Value = serde_json::from_str(&text).unwrap_or_else(|_| python_literal(&text));
    let grants = sfn_aws::grants(&policy);
    assert!(
        grants.contains(&format!("Allow lambda:InvokeFunction on {function}")),
        "{grants:?}"
    );
    assert!(
        grants.contains(&format!("Allow lambda:InvokeFunction on {function}:*")),
        "{grants:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn an_unreachable_endpoint_fails_fast_in_one_line() {
    let port = free_port();
    let aws = aws_at(&format!("http://127.0.0.1:{port}")).await;
    let started = Instant::now();
    let error = sfn_aws::deploy(
        &aws,
        &orders(&json!({"StartAt": "A", "States": {"A": {"Type": "Succeed"}}})),
        &options(),
    )
    .await
    .unwrap_err();
    let text = error.to_string();
    assert!(started.elapsed() < Duration::from_secs(30));
    assert!(!text.contains('\n'), "{text}");
    assert!(
        text.starts_with("ORDERS: cannot find the AWS account (sts:GetCallerIdentity): "),
        "{text}"
    );
    assert!(text.contains("onnect"), "{text}");
    assert!(text.ends_with("(nothing was changed)"), "{text}");
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = std::str::from_utf8(bytes.get(i + 1..i + 3).unwrap_or_default())
            .ok()
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        if let (b'%', Some(b)) = (bytes[i], hex) {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

/// A Python literal (a dict's repr) as JSON, through the pinned tools' Python.
fn python_literal(text: &str) -> Value {
    let python = py_tool("python").expect("moto's virtualenv has python");
    let out = std::process::Command::new(python)
        .args([
            "-c",
            "import ast, json, sys; print(json.dumps(ast.literal_eval(sys.argv[1])))",
            text,
        ])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not a Python literal ({e}): {text}"))
}

/// The names only a policy uses (`${StateMachineName}` for a Distributed Map's child
/// executions, `${Child.Name}` beside a `${Child}` state machine ARN: what sfn-tasks'
/// `policy()` writes) are filled by the deploy itself, as the CloudFormation template
/// derives them; IAM on moto then holds the role's policy with the names in its ARNs.
#[tokio::test]
async fn the_role_policy_gets_the_machine_and_child_names() {
    let Some(server) = Moto::start() else { return };
    let aws = aws_at(&server.url()).await;
    let child = format!("arn:aws:states:us-east-1:{ACCOUNT}:stateMachine:Worker");
    let deployable = Deployable {
        name: "PARENT".into(),
        definition: json!({"StartAt": "Run", "States": {"Run": {
            "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
            "Parameters": {"StateMachineArn": "${Child}", "Input": {}}, "End": true}}})
        .to_string(),
        policy: Some(
            json!({"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": "states:StartExecution", "Resource": "${Child}"},
                {"Effect": "Allow", "Action": ["states:DescribeExecution", "states:StopExecution"],
                 "Resource": format!("arn:aws:states:us-east-1:{ACCOUNT}:execution:${{Child.Name}}:*")},
                {"Effect": "Allow", "Action": "states:DescribeExecution",
                 "Resource": format!("arn:aws:states:us-east-1:{ACCOUNT}:execution:${{StateMachineName}}/*")}]})
            .to_string(),
        ),
        kind: WorkflowKind::Standard,
    };
    let mut options = DeployOptions::default();
    options.substitutions.set("Child", &child);
    sfn_aws::deploy(&aws, &deployable, &options).await.unwrap();
    let policy = aws
        .iam
        .get_role_policy()
        .role_name("PARENT-role")
        .policy_name("PARENT-policy")
        .send()
        .await
        .unwrap();
    let text = policy.policy_document();
    let policy: Value = serde_json::from_str(text)
        .unwrap_or_else(|_| serde_json::from_str(&percent_decode(text)).unwrap());
    let resources: Vec<String> = policy["Statement"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| match &s["Resource"] {
            Value::Array(all) => all
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
            other => other
                .as_str()
                .map(str::to_owned)
                .into_iter()
                .collect::<Vec<_>>(),
        })
        .collect();
    assert!(resources.contains(&child), "{resources:?}");
    assert!(
        resources.contains(&format!(
            "arn:aws:states:us-east-1:{ACCOUNT}:execution:Worker:*"
        )),
        "{resources:?}"
    );
    assert!(
        resources.contains(&format!(
            "arn:aws:states:us-east-1:{ACCOUNT}:execution:PARENT/*"
        )),
        "{resources:?}"
    );
}
