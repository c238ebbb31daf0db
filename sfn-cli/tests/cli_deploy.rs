//! `sfn deploy`, `sfn start --wait` and `sfn history` end to end against moto's server
//! (pinned in .ci/requirements.txt), and their one-line errors and exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};
use sfn::runtime::{Workflow, WorkflowKind};
use sfn_testkit::{Moto, free_port};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sfn-cli-deploy-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    dir
}

/// `sfn ARGS` with fixed test credentials and no shared config, so nothing outside the
/// test (a developer's ~/.aws, IMDS) is consulted.
fn sfn(args: &[&str], home: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sfn"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_CONFIG_FILE", home.join("no-config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("no-credentials"))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .output()
        .expect("sfn runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const GREET: Workflow = Workflow::from_parts(
    "GREET",
    r#"{"StartAt":"Greet","States":{"Greet":{"Type":"Pass","Parameters":{"greeting.$":"States.Format('hello {}', $.name)","table":"${Table}"},"Next":"Check"},"Check":{"Type":"Choice","Choices":[{"Variable":"$.greeting","StringEquals":"hello fail","Next":"Broken"}],"Default":"Done"},"Done":{"Type":"Succeed"},"Broken":{"Type":"Fail","Error":"Greeting.Failed","Cause":"asked to fail"}}}"#,
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"${Table}"}]}"#,
    &["Table"],
    WorkflowKind::Standard,
);

#[test]
fn deploy_then_start_wait_prints_what_sfn_run_prints() {
    let Some(server) = Moto::start() else { return };
    server.execute_state_machines();
    let home = temp_dir("deploy");
    let files = home.join("deploy");
    GREET.write_to(&files).unwrap();
    let url = server.url();
    let table = "arn:aws:dynamodb:us-east-1:123456789012:table/greetings";
    let sub = format!("Table={table}");
    let deploy = [
        "deploy",
        files.to_str().unwrap(),
        "--sub",
        &sub,
        "--endpoint-url",
        &url,
        "--description",
        "v1",
    ];

    let missing = sfn(
        &deploy[..2]
            .iter()
            .chain(&["--endpoint-url", &url])
            .copied()
            .collect::<Vec<_>>(),
        &home,
    );
    assert_eq!(missing.status.code(), Some(2));
    let err = text(&missing.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("uses `${Table}` but no value was given"),
        "{err}"
    );

    let dry = sfn(&[&deploy[..], &["--dry-run"]].concat(), &home);
    assert_eq!(dry.status.code(), Some(0), "{}", text(&dry.stderr));
    assert!(
        text(&dry.stdout).contains("state machine GREET would be created"),
        "{}",
        text(&dry.stdout)
    );

    let first = sfn(&deploy, &home);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    let out = text(&first.stdout);
    assert!(out.contains("role GREET-role created"), "{out}");
    assert!(out.contains("state machine GREET created"), "{out}");
    assert!(out.contains("description: v1"), "{out}");

    let second = sfn(&deploy, &home);
    assert_eq!(second.status.code(), Some(0));
    assert!(
        text(&second.stdout).starts_with("GREET: no changes"),
        "{}",
        text(&second.stdout)
    );

    // The local run of the same file with the same input, for comparison.
    let filled = GREET.render(&[("Table", table)]).unwrap();
    let local_file = home.join("filled.asl.json");
    std::fs::write(&local_file, filled).unwrap();
    for (input, code) in [(json!({"name": "world"}), 0), (json!({"name": "fail"}), 1)] {
        let input = input.to_string();
        let started = sfn(
            &[
                "start",
                "GREET",
                "--input",
                &input,
                "--wait",
                "--endpoint-url",
                &url,
            ],
            &home,
        );
        assert_eq!(
            started.status.code(),
            Some(code),
            "{}",
            text(&started.stderr)
        );
        let mut remote: Value = serde_json::from_slice(&started.stdout).unwrap();
        let execution = remote["executionArn"].as_str().unwrap().to_owned();
        assert!(execution.starts_with("arn:aws:states:us-east-1:123456789012:execution:GREET:"));
        remote.as_object_mut().unwrap().remove("executionArn");
        let local = Command::new(env!("CARGO_BIN_EXE_sfn"))
            .args(["run", local_file.to_str().unwrap(), "--input", &input])
            .output()
            .unwrap();
        assert_eq!(local.status.code(), Some(code));
        let local: Value = serde_json::from_slice(&local.stdout).unwrap();
        assert_eq!(remote, local);

        let history = sfn(&["history", &execution, "--endpoint-url", &url], &home);
        assert_eq!(history.status.code(), Some(0), "{}", text(&history.stderr));
        let events: Value = serde_json::from_slice(&history.stdout).unwrap();
        assert_eq!(events[0]["type"], "ExecutionStarted");
    }
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn without_credentials_deploy_fails_in_one_line() {
    let home = temp_dir("no-credentials");
    GREET.write_to(&home).unwrap();
    let port = free_port();
    let out = Command::new(env!("CARGO_BIN_EXE_sfn"))
        .args([
            "deploy",
            home.join("GREET.asl.json").to_str().unwrap(),
            "--sub",
            "Table=t",
        ])
        .args(["--endpoint-url", &format!("http://127.0.0.1:{port}")])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", &home)
        .env("AWS_REGION", "us-east-1")
        .env("AWS_CONFIG_FILE", home.join("no-config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("no-credentials"))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("sfn deploy: GREET: cannot find the AWS account"),
        "{err}"
    );
    assert!(err.to_lowercase().contains("credentials"), "{err}");
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn an_invalid_definition_is_refused_before_any_call() {
    let home = temp_dir("invalid");
    let file = home.join("BROKEN.asl.json");
    std::fs::write(
        &file,
        r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}"#,
    )
    .unwrap();
    // No server listens there: only the local rules, run before any call, can answer.
    let out = sfn(
        &[
            "deploy",
            file.to_str().unwrap(),
            "--endpoint-url",
            "http://127.0.0.1:9",
        ],
        &home,
    );
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("/States/A/Next"), "{err}");
    let help = sfn(&["deploy", "--help"], &home);
    assert_eq!(help.status.code(), Some(0));
    assert!(text(&help.stdout).contains("--alias-weight"));
    let bad = sfn(&["start"], &home);
    assert_eq!(bad.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&home);
}
