//! `sfn serve --data-dir`: what the server knows survives a SIGKILL. The test speaks the
//! AWS JSON 1.0 protocol itself (sfn-testkit's plain HTTP POST), so it needs no third-party
//! tool; request and response members are the service model's.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use sfn_testkit::{Server, free_port, http};

const ROLE: &str = "arn:aws:iam::123456789012:role/sfn-local";

fn serve(data_dir: &Path) -> Server {
    let port = free_port();
    let port_text = port.to_string();
    let args = [
        "serve",
        "--port",
        &port_text,
        "--quiet",
        "--data-dir",
        data_dir.to_str().unwrap(),
    ];
    Server::start(Path::new(env!("CARGO_BIN_EXE_sfn")), &args, port)
}

/// One API call: `Ok(response)` for HTTP 200, else `Err((code, message))`.
fn call(server: &Server, operation: &str, body: Value) -> Result<Value, (String, String)> {
    let target = format!("X-Amz-Target: AWSStepFunctions.{operation}");
    let answer = http::post(
        server.port(),
        "/",
        &["Content-Type: application/x-amz-json-1.0", &target],
        &body.to_string(),
    );
    let value: Value =
        serde_json::from_str(&answer.body).unwrap_or_else(|e| panic!("{e}: {answer:?}"));
    if answer.status == 200 {
        return Ok(value);
    }
    let code = value["__type"].as_str().unwrap_or_default();
    Err((
        code.rsplit('#').next().unwrap_or_default().to_owned(),
        value["message"].as_str().unwrap_or_default().to_owned(),
    ))
}

fn ok(server: &Server, operation: &str, body: Value) -> Value {
    call(server, operation, body).unwrap_or_else(|e| panic!("{operation}: {e:?}"))
}

fn wait_until_done(server: &Server, execution: &str) -> Value {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        let described = ok(
            server,
            "DescribeExecution",
            json!({"executionArn": execution}),
        );
        if described["status"] != "RUNNING" {
            return described;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    panic!("{execution} still running after 20 s");
}

/// The tokens the execution's `.waitForTaskToken` tasks handed out so far, waiting for
/// at least `count`.
fn tokens(server: &Server, execution: &str, count: usize) -> Vec<String> {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        let history = ok(
            server,
            "GetExecutionHistory",
            json!({"executionArn": execution}),
        );
        let found: Vec<String> = history["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["type"] == "TaskScheduled")
            .map(|e| {
                let parameters: Value = serde_json::from_str(
                    e["taskScheduledEventDetails"]["parameters"]
                        .as_str()
                        .unwrap(),
                )
                .unwrap();
                parameters["MessageBody"]["token"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        if found.len() >= count {
            return found;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    panic!("{execution} did not hand out {count} task tokens within 20 s");
}

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn machines_versions_aliases_executions_and_tokens_survive_a_sigkill() {
    let dir = TempDir(std::env::temp_dir().join(format!(
        "sfn-serve-data-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    )));
    let mut server = serve(&dir.0);
    let approval = ok(
        &server,
        "CreateStateMachine",
        json!({"name": "Approval", "roleArn": ROLE, "publish": true, "tags": [{"key": "team", "value": "ops"}],
               "definition": json!({"StartAt": "Prepare", "States": {
                   "Prepare": {"Type": "Pass", "Result": {"order": 7}, "Next": "Ask"},
                   "Ask": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                           "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q",
                                          "MessageBody": {"token.$": "$$.Task.Token"}},
                           "ResultPath": "$.answer", "End": true}}}).to_string()}),
    );
    let machine = approval["stateMachineArn"].as_str().unwrap().to_owned();
    let version = approval["stateMachineVersionArn"]
        .as_str()
        .unwrap()
        .to_owned();
    let alias = ok(
        &server,
        "CreateStateMachineAlias",
        json!({"name": "live", "routingConfiguration": [{"stateMachineVersionArn": version, "weight": 100}]}),
    )["stateMachineAliasArn"]
        .as_str()
        .unwrap()
        .to_owned();
    ok(&server, "CreateActivity", json!({"name": "Review"}));
    let quick = ok(
        &server,
        "CreateStateMachine",
        json!({"name": "Quick", "roleArn": ROLE,
               "definition": r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 1, "End": true}}}"#}),
    )["stateMachineArn"]
        .as_str()
        .unwrap()
        .to_owned();
    let finished = ok(
        &server,
        "StartExecution",
        json!({"stateMachineArn": quick, "name": "done"}),
    )["executionArn"]
        .as_str()
        .unwrap()
        .to_owned();
    wait_until_done(&server, &finished);
    let finished_history = ok(
        &server,
        "GetExecutionHistory",
        json!({"executionArn": finished}),
    );
    let pending = ok(
        &server,
        "StartExecution",
        json!({"stateMachineArn": alias, "name": "pending"}),
    )["executionArn"]
        .as_str()
        .unwrap()
        .to_owned();
    let first_token = tokens(&server, &pending, 1).remove(0);
    // Past one periodic write of the running execution's history.
    std::thread::sleep(Duration::from_millis(1200));
    server.kill();

    let server = serve(&dir.0);
    let described = ok(
        &server,
        "DescribeStateMachine",
        json!({"stateMachineArn": machine}),
    );
    assert_eq!(described["name"], "Approval");
    let versions = ok(
        &server,
        "ListStateMachineVersions",
        json!({"stateMachineArn": machine}),
    );
    assert_eq!(
        versions["stateMachineVersions"][0]["stateMachineVersionArn"],
        version
    );
    let routed = ok(
        &server,
        "DescribeStateMachineAlias",
        json!({"stateMachineAliasArn": alias}),
    );
    assert_eq!(
        routed["routingConfiguration"][0]["stateMachineVersionArn"],
        version
    );
    let tags = ok(
        &server,
        "ListTagsForResource",
        json!({"resourceArn": machine}),
    );
    assert_eq!(tags["tags"], json!([{"key": "team", "value": "ops"}]));
    ok(
        &server,
        "DescribeActivity",
        json!({"activityArn": "arn:aws:states:us-east-1:123456789012:activity:Review"}),
    );
    let done = ok(
        &server,
        "DescribeExecution",
        json!({"executionArn": finished}),
    );
    assert_eq!(done["status"], "SUCCEEDED");
    assert_eq!(done["output"], "1");
    assert_eq!(
        ok(
            &server,
            "GetExecutionHistory",
            json!({"executionArn": finished})
        ),
        finished_history
    );

    // The running execution: failed by the restart, with the cause saying so, redrivable.
    let interrupted = ok(
        &server,
        "DescribeExecution",
        json!({"executionArn": pending}),
    );
    assert_eq!(interrupted["status"], "FAILED", "{interrupted}");
    assert_eq!(interrupted["error"], "States.Runtime");
    assert!(
        interrupted["cause"]
            .as_str()
            .unwrap()
            .contains("sfn serve stopped"),
        "{interrupted}"
    );
    assert_eq!(interrupted["redriveStatus"], "REDRIVABLE");
    assert_eq!(interrupted["stateMachineAliasArn"], alias);
    let (code, message) = call(
        &server,
        "SendTaskSuccess",
        json!({"taskToken": first_token, "output": "{}"}),
    )
    .unwrap_err();
    assert_eq!(code, "TaskTimedOut");
    assert!(message.contains("restarted"), "{message}");

    ok(
        &server,
        "RedriveExecution",
        json!({"executionArn": pending}),
    );
    let second_token = tokens(&server, &pending, 2).remove(1);
    ok(
        &server,
        "SendTaskSuccess",
        json!({"taskToken": second_token, "output": r#"{"approved": true}"#}),
    );
    let approved = wait_until_done(&server, &pending);
    assert_eq!(approved["status"], "SUCCEEDED", "{approved}");
    assert_eq!(
        approved["output"],
        r#"{"order":7,"answer":{"approved":true}}"#
    );

    // New executions list after the ones from before the restart.
    let again = ok(
        &server,
        "StartExecution",
        json!({"stateMachineArn": quick, "name": "after"}),
    );
    wait_until_done(&server, again["executionArn"].as_str().unwrap());
    let listed = ok(&server, "ListExecutions", json!({"stateMachineArn": quick}));
    let names: Vec<&str> = listed["executions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["after", "done"]);
}
