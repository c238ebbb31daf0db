//! `sfn validate` as a user runs it: output format, exit codes, stdin, big files.

use std::fs;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::{Value, json};

fn sfn(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sfn"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sfn");
    let mut input = child.stdin.take().expect("stdin");
    input
        .write_all(stdin.unwrap_or("").as_bytes())
        .expect("write stdin");
    drop(input);
    child.wait_with_output().expect("sfn output")
}

fn file(name: &str, text: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli_validate");
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const VALID: &str = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#;
const INVALID: &str = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"ProcesOrder"},"ProcessOrder":{"Type":"Succeed"}}}"#;

#[test]
fn a_valid_file_exits_0_and_prints_no_diagnostic() {
    let f = file("valid.json", VALID);
    let out = sfn(&["validate", &f], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "");
}

#[test]
fn an_invalid_file_exits_1_with_file_pointer_code_message_lines() {
    let f = file("invalid.json", INVALID);
    let out = sfn(&["validate", "--format", "short", &f], None);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    // The value `"ProcesOrder"` starts at byte 51 of the one-line file: column 52.
    assert!(
        lines[0].starts_with(&format!(
            "{f}:1:52: error: there is no state named `ProcesOrder` [next-unknown-state] at /States/A/Next"
        )),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains("did you mean `ProcessOrder`?"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with(&format!(
            "{f}:1:67: error: state `ProcessOrder` is unreachable"
        )),
        "{}",
        lines[1]
    );
}

#[test]
fn stdin_is_read_for_dash() {
    let out = sfn(&["validate", "--format", "short", "-"], Some(INVALID));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).starts_with("<stdin>:1:52: error: there is no state named"));
    let out = sfn(&["validate", "-"], Some(VALID));
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn not_json_exits_2_naming_file_line_and_column() {
    let f = file(
        "broken.json",
        "{\n  \"StartAt\": \"A\",\n  \"States\": {,}\n}",
    );
    let out = sfn(&["validate", &f], None);
    assert_eq!(out.status.code(), Some(2));
    // Like every problem, in the report on stdout (the summary is on stderr).
    let stderr = text(&out.stdout);
    assert!(stderr.contains(&format!("{f}:3:14")), "{stderr}");
    assert!(
        stderr.contains("error: not JSON: key must be a string"),
        "{stderr}"
    );
}

#[test]
fn a_missing_file_exits_2_and_wins_over_invalid() {
    let missing = file("gone.json", "");
    fs::remove_file(&missing).unwrap();
    let bad = file("invalid2.json", INVALID);
    let out = sfn(&["validate", &bad, &missing], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stdout).contains(&format!("{missing}: cannot read")),
        "{}",
        text(&out.stderr)
    );
    // The readable file is still checked.
    assert!(text(&out.stdout).contains("next-unknown-state"));
}

#[test]
fn one_invalid_file_among_valid_ones_exits_1() {
    let a = file("ok1.json", VALID);
    let b = file("bad1.json", INVALID);
    let out = sfn(&["validate", &a, &b], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(!text(&out.stdout).contains(&a));
}

#[test]
fn json_format_reports_each_file() {
    let a = file("ok2.json", VALID);
    let b = file("bad2.json", INVALID);
    let c = file("broken2.json", "[1,");
    let out = sfn(&["validate", "--format", "json", &a, &b, &c], None);
    assert_eq!(out.status.code(), Some(2));
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(
        report[0],
        json!({ "file": a, "valid": true, "diagnostics": [] })
    );
    assert_eq!(report[1]["valid"], json!(false));
    assert_eq!(
        report[1]["diagnostics"][0]["pointer"],
        json!("/States/A/Next")
    );
    assert_eq!(
        report[1]["diagnostics"][0]["code"],
        json!("next-unknown-state")
    );
    assert_eq!(
        report[1]["diagnostics"][0]["hint"],
        json!("did you mean `ProcessOrder`?")
    );
    assert_eq!(report[2]["error"]["line"], json!(1));
    let out = sfn(&["validate", "--format=json", &a], None);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn help_and_bad_arguments() {
    let out = sfn(&["validate", "--help"], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout).contains("Usage: sfn validate [OPTIONS] [FILES]..."),
        "{}",
        text(&out.stdout)
    );
    assert!(text(&out.stdout).contains("examples:"));
    for args in [
        &["validate"][..],
        &["validate", "--format", "xml", "x"],
        &["validate", "--nope", "x"],
        &["validate", "--format"],
    ] {
        let out = sfn(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        // clap's usage errors: what is wrong, then where to read more.
        let stderr = text(&out.stderr);
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
        assert!(stderr.contains("--help"), "{args:?}: {stderr}");
    }
}

/// A chain of `n` Pass states, each with a long comment, ending in `last`.
fn big_definition(n: usize, last: &str) -> String {
    let comment = "x".repeat(480);
    let mut states = serde_json::Map::new();
    for i in 0..n {
        let next = if i + 1 < n {
            format!("S{}", i + 1)
        } else {
            last.to_owned()
        };
        states.insert(
            format!("S{i}"),
            json!({ "Type": "Pass", "Comment": comment, "Next": next }),
        );
    }
    states.insert("Done".to_owned(), json!({ "Type": "Succeed" }));
    json!({ "StartAt": "S0", "States": states }).to_string()
}

#[test]
fn ten_megabyte_files_work() {
    let n = 20_000;
    let good = big_definition(n, "Done");
    assert!(good.len() > 10_000_000, "{} bytes", good.len());
    let f = file("big.json", &good);
    let out = sfn(&["validate", &f], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));

    let bad = big_definition(n, "Dnoe");
    let f = file("big-bad.json", &bad);
    let out = sfn(&["validate", "--format", "short", &f], None);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&format!("[next-unknown-state] at /States/S{}/Next", n - 1)),
        "{stdout}"
    );
    assert!(stdout.contains("did you mean `Done`?"), "{stdout}");
}

#[test]
fn rules_lists_every_code() {
    let out = sfn(&["validate", "--rules"], None);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    for code in [
        "next-unknown-state",
        "path-syntax",
        "jsonata-syntax",
        "duplicate-key",
    ] {
        assert!(
            stdout.lines().any(|l| l.starts_with(code)),
            "{code} missing:\n{stdout}"
        );
    }
    assert_eq!(
        stdout.lines().count(),
        sfn::runtime::validate::rules().len()
    );
    // Each line says the rule's severity.
    let line = |code: &str| {
        stdout
            .lines()
            .find(|l| l.starts_with(code))
            .unwrap()
            .to_owned()
    };
    assert!(line("variable-unknown ").contains(" warning "), "{stdout}");
    assert!(line("next-unknown-state").contains(" error "), "{stdout}");
}

// A definition the service accepts but that fails at run time: JSONata reading a variable
// no state assigns (recorded: CreateStateMachine succeeds, the execution fails with
// States.QueryEvaluationError). ValidateStateMachineDefinition's WARNING, not ERROR.
const WARNED: &str = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","QueryLanguage":"JSONata","Output":"{% $doesNotExist %}","End":true}}}"#;

#[test]
fn warnings_print_distinctly_and_fail_only_with_deny_warnings() {
    let f = file("warned.json", WARNED);
    let out = sfn(&["validate", "--format", "short", &f], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with(&format!("{f}:1:")) && stdout.contains(": warning: "),
        "{stdout}"
    );
    assert!(stdout.contains("[jsonata-variable-unknown]"), "{stdout}");
    assert!(
        text(&out.stderr).contains("1 file: 1 valid, 0 invalid (0 errors, 1 warning)"),
        "{}",
        text(&out.stderr)
    );
    let denied = sfn(
        &["validate", "--deny-warnings", "--format", "short", &f],
        None,
    );
    assert_eq!(denied.status.code(), Some(1));
    assert_eq!(text(&denied.stdout), stdout);

    // The same severity in every format.
    let out = sfn(
        &["validate", "--format", "text", "--color", "never", &f],
        None,
    );
    assert!(
        text(&out.stdout).starts_with("warning[jsonata-variable-unknown]: "),
        "{}",
        text(&out.stdout)
    );
    let out = sfn(&["validate", "--format", "github", &f], None);
    assert!(
        text(&out.stdout).starts_with("::warning "),
        "{}",
        text(&out.stdout)
    );
    let out = sfn(&["validate", "--format", "sarif", &f], None);
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(log["runs"][0]["results"][0]["level"], "warning");
    let out = sfn(&["validate", "--format", "json", &f], None);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report[0]["valid"], true);
    assert_eq!(report[0]["diagnostics"][0]["severity"], "warning");
    let out = sfn(
        &["validate", "--deny-warnings", "--format", "json", &f],
        None,
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report[0]["valid"], false);
}

// integrate-optimized.html: "Express Workflows only support Request Response
// integrations".
#[test]
fn type_express_refuses_sync_and_callbacks() {
    let f = file(
        "express.json",
        r#"{"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::glue:startJobRun.sync","Parameters":{"JobName":"j"},"End":true}}}"#,
    );
    let out = sfn(&["validate", &f], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let out = sfn(
        &["validate", "--type", "express", "--format", "short", &f],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(
            ": error: an EXPRESS state machine cannot use the `.sync` integration pattern"
        ) && stdout.contains("[resource-express] at /States/Run/Resource"),
        "{stdout}"
    );
    // A template says the type of its machine itself.
    let t = file(
        "express-template.json",
        r#"{"Resources":{"M":{"Type":"AWS::StepFunctions::StateMachine","Properties":{"StateMachineType":"EXPRESS","Definition":{"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"QueueUrl":"q","MessageBody":{"T.$":"$$.Task.Token"}},"End":true}}}}}}}"#,
    );
    let out = sfn(&["validate", "--format", "short", &t], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("[resource-express]"),
        "{}",
        text(&out.stdout)
    );
    // `sfn run --express` refuses it too, before running.
    let out = sfn(&["run", "--express", &f], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("is not a valid EXPRESS state machine (1 problem)"),
        "{}",
        text(&out.stderr)
    );
}

// The service's words for a Resource it does not recognize (recorded CreateStateMachine
// response).
#[test]
fn an_unknown_integration_is_refused_in_the_services_words() {
    let f = file(
        "query.json",
        r#"{"StartAt":"Q","States":{"Q":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:query","End":true}}}"#,
    );
    let out = sfn(&["validate", "--format", "short", &f], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains(": error: The resource provided arn:aws:states:::dynamodb:query is not recognized. The value is not a valid resource ARN, or the resource is not available in this region."),
        "{}",
        text(&out.stdout)
    );
}
