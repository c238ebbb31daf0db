//! `sfn serve` (the binary) driven by third-party clients, pinned in .ci/requirements.txt:
//! boto3 (tests/serve/boto3_client.py) and the AWS CLI. Skipped with a message when the
//! tools are not installed (`.ci/py-tools`), failed in CI (SFN_REQUIRE_TOOLS=1).

use std::path::Path;
use std::process::{Command, Output};

use sfn_testkit::{Server, free_port, py_tool};

fn serve(args: &[&str]) -> Server {
    let port = free_port();
    let port_text = port.to_string();
    let mut all = vec!["serve", "--port", &port_text, "--quiet"];
    all.extend_from_slice(args);
    Server::start(Path::new(env!("CARGO_BIN_EXE_sfn")), &all, port)
}

fn text(output: &Output) -> String {
    format!(
        "status {}\nstdout:\n{}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn boto3_creates_runs_waits_pages_and_answers_tokens() {
    let Some(python) = py_tool("python") else {
        return;
    };
    let mocks = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/serve/MockConfigFile.json");
    let server = serve(&["--mock-config", mocks.to_str().unwrap()]);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/serve/boto3_client.py");
    let output = Command::new(python)
        .arg(script)
        .arg(server.url())
        .output()
        .expect("run python");
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("all ok"),
        "{}",
        text(&output)
    );
}

/// The AWS CLI, as the README shows it: create, start, wait, describe, an error.
#[test]
fn the_aws_cli_talks_to_sfn_serve() {
    let Some(aws) = py_tool("aws") else {
        return;
    };
    let server = serve(&["--virtual-time"]);
    let url = server.url();
    let cli = |args: &[&str]| {
        Command::new(&aws)
            .args([
                "--endpoint-url",
                &url,
                "--region",
                "us-east-1",
                "--output",
                "json",
                "stepfunctions",
            ])
            .args(args)
            .env("AWS_ACCESS_KEY_ID", "test")
            .env("AWS_SECRET_ACCESS_KEY", "test")
            .env("AWS_CONFIG_FILE", "/dev/null")
            .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
            .output()
            .expect("run aws")
    };
    let json = |output: &Output| -> serde_json::Value {
        assert!(output.status.success(), "{}", text(output));
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(output)))
    };
    let created = json(&cli(&[
        "create-state-machine",
        "--name",
        "Hello",
        "--role-arn",
        "arn:aws:iam::123456789012:role/r",
        "--definition",
        r#"{"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 3600, "Next": "Hi"}, "Hi": {"Type": "Pass", "Result": "hi", "End": true}}}"#,
    ]));
    let machine = created["stateMachineArn"].as_str().unwrap().to_owned();
    let started = json(&cli(&[
        "start-execution",
        "--state-machine-arn",
        &machine,
        "--name",
        "one",
    ]));
    let execution = started["executionArn"].as_str().unwrap().to_owned();
    let mut status = String::new();
    for _ in 0..100 {
        let described = json(&cli(&["describe-execution", "--execution-arn", &execution]));
        status = described["status"].as_str().unwrap_or_default().to_owned();
        if status != "RUNNING" {
            assert_eq!(described["output"], "\"hi\"");
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(status, "SUCCEEDED");
    let history = json(&cli(&[
        "get-execution-history",
        "--execution-arn",
        &execution,
    ]));
    assert_eq!(
        history["events"].as_array().map(Vec::len),
        Some(6),
        "{history}"
    );

    let missing = cli(&[
        "describe-state-machine",
        "--state-machine-arn",
        "arn:aws:states:us-east-1:123456789012:stateMachine:Nope",
    ]);
    assert!(!missing.status.success());
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("(StateMachineDoesNotExist)"),
        "{}",
        text(&missing)
    );
}
