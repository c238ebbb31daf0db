//! `sfn run` end to end: every conformance case through the command line, mocks, exit codes.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

fn sfn() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sfn"))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sfn-exec-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    dir
}

fn write(dir: &Path, name: &str, value: &Value) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, value.to_string()).expect("writable temp file");
    path
}

/// Runs `sfn run` and returns (exit code, stdout JSON or Null, stderr).
fn run(args: &[&str]) -> (i32, Value, String) {
    let out = sfn().arg("run").args(args).output().expect("sfn runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    (
        out.status.code().unwrap_or(-1),
        serde_json::from_str(&stdout).unwrap_or(Value::Null),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_conformance_case_through_the_cli() {
    let dir = temp_dir("conformance");
    let cases = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance/semantics");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(cases)
        .expect("cases")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let mut failures = Vec::new();
    for path in &paths {
        let case: Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("readable")).expect("JSON");
        let id = case["id"].as_str().unwrap_or("?");
        let definition = write(&dir, "machine.asl.json", &case["definition"]);
        let input = write(&dir, "input.json", &case["input"]);
        let (code, got, stderr) = run(&[
            definition.to_str().unwrap_or_default(),
            "--input-file",
            input.to_str().unwrap_or_default(),
        ]);
        let expected = &case["expected"];
        let succeeded = expected["status"] == "SUCCEEDED";
        let mut ok = got["status"] == expected["status"] && code == if succeeded { 0 } else { 1 };
        if succeeded {
            ok &= got["output"] == expected["output"];
        }
        for key in ["error", "cause"] {
            if let Some(want) = expected.get(key) {
                ok &= &got[key] == want;
            }
        }
        if !ok {
            failures.push(format!("{id}: exit {code}, {got} {stderr}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} cases fail through `sfn run`:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn mock_config_and_history() {
    let dir = temp_dir("mocks");
    let definition = write(
        &dir,
        "m.asl.json",
        &json!({"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "Retry": [{"ErrorEquals": ["E"], "IntervalSeconds": 1}], "OutputPath": "$.Payload", "End": true}}}),
    );
    let mocks = write(
        &dir,
        "mocks.json",
        &json!({"StateMachines": {"m": {"TestCases": {"Flaky": {"Call": "R"}}}},
        "MockedResponses": {"R": {"0": {"Throw": {"Error": "E", "Cause": "c"}}, "1": {"Return": {"Payload": {"ok": true}}}}}}),
    );
    let (code, got, _) = run(&[
        definition.to_str().unwrap_or_default(),
        "--mock-config",
        mocks.to_str().unwrap_or_default(),
        "--test-case",
        "Flaky",
        "--history",
    ]);
    assert_eq!(code, 0);
    assert_eq!(got["output"], json!({"ok": true}));
    let types: Vec<&str> = got["history"]
        .as_array()
        .map(|h| h.iter().filter_map(|e| e["type"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        types.iter().filter(|t| **t == "TaskFailed").count(),
        1,
        "{types:?}"
    );
    let (code, _, stderr) = run(&[
        definition.to_str().unwrap_or_default(),
        "--mock-config",
        mocks.to_str().unwrap_or_default(),
        "--test-case",
        "Nope",
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no test case `Nope`"), "{stderr}");
}

#[test]
fn usage_exits_2_and_invalid_definitions_exit_1() {
    let dir = temp_dir("usage");
    let (code, _, stderr) = run(&[]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("the following required arguments were not provided"),
        "{stderr}"
    );
    let invalid = write(
        &dir,
        "bad.asl.json",
        &json!({"StartAt": "Nowhere", "States": {"A": {"Type": "Pass", "End": true}}}),
    );
    let (code, got, stderr) = run(&[invalid.to_str().unwrap_or_default()]);
    // Invalid input is exit 1 in every command (the shared table), with `validate`'s
    // diagnostics.
    assert_eq!((code, got), (1, Value::Null));
    assert!(stderr.contains("at /StartAt"), "{stderr}");
    assert!(stderr.contains("(1 problem)"), "{stderr}");
    let ok = write(
        &dir,
        "ok.asl.json",
        &json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}),
    );
    let (code, _, stderr) = run(&[ok.to_str().unwrap_or_default(), "--input", "{not json"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not JSON"), "{stderr}");
    let (code, got, _) = run(&[ok.to_str().unwrap_or_default(), "--input", r#"{"a": 1}"#]);
    assert_eq!(
        (code, got),
        (0, json!({"status": "SUCCEEDED", "output": {"a": 1}}))
    );
}
