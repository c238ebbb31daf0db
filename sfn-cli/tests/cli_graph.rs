//! `sfn graph`: draws any ASL file; errors in `sfn validate`'s form.

use std::io::Write;
use std::process::{Command, Stdio};

fn sfn_graph(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sfn"))
        .arg("graph")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that fails before reading its input closes the pipe: not an error here.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let out = child.wait_with_output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (
        out.status.code().unwrap(),
        text(out.stdout),
        text(out.stderr),
    )
}

const MACHINE: &str = r#"{"StartAt": "Check", "States": {
    "Check": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Done"}], "Default": "Failed"},
    "Done": {"Type": "Succeed"},
    "Failed": {"Type": "Fail"}}}"#;

#[test]
fn draws_mermaid_and_dot() {
    let (code, out, _) = sfn_graph(&["-"], MACHINE);
    assert_eq!(code, 0);
    assert!(out.starts_with("flowchart TD"), "{out}");
    assert!(out.contains(r#"s0 -->|"$.ok == true"| s1"#), "{out}");
    let (code, out, _) = sfn_graph(&["--format", "dot", "-"], MACHINE);
    assert_eq!(code, 0);
    assert!(out.contains(r#"s0 -> s2 [label="Default"];"#), "{out}");
}

#[test]
fn a_file_the_model_cannot_read_is_reported_by_pointer() {
    let (code, out, err) = sfn_graph(
        &["--message-format", "short", "-"],
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Nxt": "B"}}}"#,
    );
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.contains("<stdin>:1:51: error: unknown field `Nxt` in a Pass state [unknown-field] at /States/A/Nxt"),
        "{err}"
    );
    assert!(err.contains("did you mean `Next`?"), "{err}");
}

#[test]
fn not_json_and_bad_usage_exit_2() {
    let (code, _, err) = sfn_graph(&["--message-format", "short", "-"], "{\"StartAt\":");
    assert_eq!(code, 2);
    assert!(
        err.starts_with("<stdin>:1:11: error: not JSON: EOF"),
        "{err}"
    );
    // clap's usage error names the values, not Rust debug text (`not Some("png")`).
    let (code, _, err) = sfn_graph(&["--format", "png", "-"], MACHINE);
    assert_eq!(code, 2);
    assert!(
        err.contains("invalid value 'png' for '--format <FORMAT>'"),
        "{err}"
    );
    assert!(
        err.contains("[possible values: mermaid, dot, svg]"),
        "{err}"
    );
    assert!(!err.contains("Some("), "{err}");
    let (code, out, _) = sfn_graph(&["--help"], "");
    assert_eq!(code, 0);
    assert!(out.contains("examples:"), "{out}");
}
