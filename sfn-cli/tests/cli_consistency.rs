//! One exit-code table and one message shape for every command (validate, graph, import,
//! run): the same input gets the same code and the same line from each.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// Runs `sfn ARGS` with `stdin`: (exit code, stdout, stderr).
fn sfn(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sfn"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sfn");
    // A command that fails before reading its input closes the pipe: not an error here.
    let _ = child.stdin.take().expect("stdin").write_all(stdin);
    let out = child.wait_with_output().expect("sfn finishes");
    let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
    (
        out.status.code().unwrap_or(-1),
        text(out.stdout),
        text(out.stderr),
    )
}

fn file(name: &str, bytes: &[u8]) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli_consistency");
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path.to_string_lossy().into_owned()
}

const COMMANDS: [&str; 4] = ["validate", "graph", "import", "run"];

/// `sfn --message-format short COMMAND [--format short] FILE`: the problem lines, from
/// stdout for `validate` (its report) and stderr for the others.
fn problems(command: &str, file: &str, stdin: &[u8]) -> (i32, Vec<String>) {
    let args: Vec<&str> = if command == "validate" {
        vec!["validate", "--format", "short", file]
    } else {
        vec!["--message-format", "short", command, file]
    };
    let (code, out, err) = sfn(&args, stdin);
    let text = if command == "validate" { out } else { err };
    let lines = text
        .lines()
        .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
        .map(str::to_owned)
        .collect();
    (code, lines)
}

/// Every command gives `code` and the same error lines for `file`.
fn same_everywhere(file: &str, stdin: &[u8], code: i32) -> Vec<String> {
    let (first_code, first) = problems("validate", file, stdin);
    assert_eq!(first_code, code, "validate: {first:?}");
    assert!(!first.is_empty(), "validate printed no problem");
    for command in &COMMANDS[1..] {
        let (got_code, got) = problems(command, file, stdin);
        assert_eq!(got_code, code, "{command}: {got:?}");
        // import reports rule violations as warnings (it still prints the source); errors
        // that stop it are the same lines.
        let errors: Vec<&String> = got.iter().filter(|l| l.contains(": error: ")).collect();
        let expected: Vec<&String> = first.iter().filter(|l| l.contains(": error: ")).collect();
        assert_eq!(errors, expected, "{command} differs from validate");
    }
    first
}

#[test]
fn the_exit_code_table_holds_for_every_command() {
    let valid = file(
        "valid.json",
        br#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#,
    );
    for command in COMMANDS {
        let (code, _, err) = sfn(&[command, &valid], b"");
        assert_eq!(code, 0, "{command}: {err}");
    }
    // Invalid input: 1 in every command (run used to say 2).
    let invalid = file(
        "invalid.json",
        br#"{"StartAt": "B", "States": {"A": {"Type": "Pass", "Nxt": "A"}}}"#,
    );
    for command in ["validate", "graph", "run"] {
        let (code, _, err) = sfn(&[command, &invalid], b"");
        assert_eq!(code, 1, "{command}: {err}");
    }
    let unexpressible = file(
        "orphan.json",
        br#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "B": {"Type": "Succeed"}}}"#,
    );
    assert_eq!(sfn(&["import", &unexpressible], b"").0, 1);
    // Could not do the work: 2.
    for command in COMMANDS {
        assert_eq!(
            sfn(&[command, "/nonexistent/machine.json"], b"").0,
            2,
            "{command}"
        );
        assert_eq!(
            sfn(&[command, "--no-such-option", &valid], b"").0,
            2,
            "{command}"
        );
        assert_eq!(sfn(&[command], b"").0, 2, "{command}");
        assert_eq!(sfn(&[command, "-"], b"{ not json").0, 2, "{command}");
    }
}

#[test]
fn not_utf8_is_worded_the_same_everywhere() {
    let f = file("latin1.json", b"{\"Comment\": \"caf\xe9\"}");
    let lines = same_everywhere(&f, b"", 2);
    assert_eq!(
        lines,
        [format!(
            "{f}: error: not UTF-8 text (invalid byte at offset 16)"
        )]
    );
}

#[test]
fn a_lone_surrogate_is_named_as_such_everywhere() {
    let f = file(
        "surrogate.json",
        br#"{"Comment": "\ud800", "StartAt": "A"}"#,
    );
    let lines = same_everywhere(&f, b"", 2);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with(&format!("{f}:1:")), "{lines:?}");
    assert!(
        lines[0].contains("error: not JSON: `\\ud800` is a lone UTF-16 surrogate"),
        "{lines:?}"
    );
    assert!(
        !lines[0].contains("unexpected end of hex escape"),
        "{lines:?}"
    );
}

#[test]
fn duplicate_state_names_are_refused_the_same_way_by_every_command() {
    let text = br#"{"StartAt": "A", "States": {
  "A": {"Type": "Pass", "Next": "B"},
  "B": {"Type": "Succeed"},
  "A": {"Type": "Pass", "End": true}
}}"#;
    let f = file("duplicates.json", text);
    let (code, lines) = problems("validate", &f, b"");
    assert_eq!(code, 1);
    let duplicate = format!(
        "{f}:4:3: error: state `A` appears more than once in this object; only the last one counts [duplicate-key] at /States/A; help: rename or remove the other one"
    );
    assert!(lines.contains(&duplicate), "{lines:?}");
    for command in ["graph", "import", "run"] {
        let (code, got) = problems(command, &f, b"");
        assert_eq!(code, 1, "{command}: {got:?}");
        assert_eq!(got.first(), Some(&duplicate), "{command}: {got:?}");
    }
    // In YAML too.
    let yaml = file(
        "duplicates.yaml",
        b"StartAt: A\nStates:\n  A: {Type: Succeed}\n  A: {Type: Pass, End: true}\n",
    );
    for command in COMMANDS {
        let (code, got) = problems(command, &yaml, b"");
        assert_eq!(code, 1, "{command}");
        assert!(
            got.iter().any(|l| l.starts_with(&format!(
                "{yaml}:4:3: error: state `A` appears more than once"
            ))),
            "{command}: {got:?}"
        );
    }
}

#[test]
fn the_document_root_prints_the_same_in_every_command() {
    let f = file(
        "no-start.json",
        br#"{"States": {"A": {"Type": "Succeed"}}}"#,
    );
    for command in ["validate", "graph", "run"] {
        let (_, lines) = problems(command, &f, b"");
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(&format!("{f}:1:1: error: "))
                    && l.contains("at the document root")),
            "{command}: {lines:?}"
        );
        assert!(
            !lines.iter().any(|l| l.contains("::") || l.contains(":/:")),
            "{command}: {lines:?}"
        );
    }
}

#[test]
fn run_counts_its_problems_in_english() {
    let f = file(
        "one-problem.json",
        br#"{"StartAt": "Nowhere", "States": {"A": {"Type": "Succeed"}}}"#,
    );
    let (code, _, err) = sfn(&["run", &f], b"");
    assert_eq!(code, 1);
    assert!(
        err.contains("is not a valid state machine (1 problem)"),
        "{err}"
    );
    let f = file(
        "one-problem2.json",
        br#"{"StartAt": "A", "States": {"A": {"Type": "Succeed", "Comment": 1}}}"#,
    );
    let (_, _, err) = sfn(&["run", &f], b"");
    assert!(err.contains("(1 problem)"), "{err}");
    assert!(!err.contains("(1 problems)"), "{err}");
    let (_, _, err) = sfn(&["validate", &f], b"");
    assert!(
        err.contains("1 file: 0 valid, 1 invalid (1 error, 0 warnings), 0 unreadable"),
        "{err}"
    );
}

#[test]
fn mock_config_checks_report_every_unknown_state() {
    let definition = file(
        "m.asl.json",
        br#"{"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "P"}, "P": {"Type": "Pass", "End": true}}}"#,
    );
    let mocks = file(
        "mocks.json",
        br#"{"StateMachines": {"m": {"TestCases": {"Case": {"Cal": "R", "Other": "R", "P": "R"}}}},
"MockedResponses": {"R": {"0": {"Return": {}}}}}"#,
    );
    let (code, _, err) = sfn(
        &[
            "--message-format",
            "short",
            "run",
            &definition,
            "--mock-config",
            &mocks,
            "--test-case",
            "Case",
        ],
        b"",
    );
    assert_eq!(code, 1, "{err}");
    let lines: Vec<&str> = err.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0].contains("the state machine has no state `Cal`"),
        "{err}"
    );
    assert!(
        lines[1].contains("the state machine has no state `Other`"),
        "{err}"
    );
    assert!(
        lines[2].contains("`P` is a Pass state; only Task states can be mocked"),
        "{err}"
    );
    // Each at its place in the mock file.
    assert!(lines[0].starts_with(&format!("{mocks}:1:")), "{err}");
    assert!(
        err.contains("is not a valid mock configuration (3 problems)"),
        "{err}"
    );
    // A test case the file does not have is a wrong argument.
    let (code, _, err) = sfn(
        &[
            "run",
            &definition,
            "--mock-config",
            &mocks,
            "--test-case",
            "Nope",
        ],
        b"",
    );
    assert_eq!(code, 2, "{err}");
}

#[test]
fn standard_input_read_twice_is_a_usage_error() {
    for args in [
        &["run", "-", "--input-file", "-"][..],
        &["run", "-", "--input", "@-"],
        &["run", "-", "--mock-config", "-", "--test-case", "x"],
    ] {
        let (code, out, err) = sfn(
            args,
            br#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#,
        );
        assert_eq!((code, out.as_str()), (2, ""), "{args:?}: {err}");
        assert!(
            err.contains("standard input can be read once"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("EOF"), "{args:?}: {err}");
    }
}

#[test]
fn version_help_completions_and_quiet() {
    let (code, out, _) = sfn(&["--version"], b"");
    assert_eq!(
        (code, out.trim()),
        (0, concat!("sfn ", env!("CARGO_PKG_VERSION")))
    );
    let (code, out, _) = sfn(&["--help"], b"");
    assert_eq!(code, 0);
    for command in ["validate", "graph", "run", "import", "completions"] {
        assert!(out.contains(command), "{out}");
    }
    assert!(out.contains("Exit codes"), "{out}");
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef sfn"),
        ("fish", "complete -c sfn"),
    ] {
        let (code, out, err) = sfn(&["completions", shell], b"");
        assert_eq!(code, 0, "{err}");
        assert!(out.contains(marker), "{shell}: {out}");
        // fish writes long options as `-l resource`.
        assert!(
            out.contains("resource"),
            "{shell}: completions know the options"
        );
    }
    let (code, _, err) = sfn(&["completions", "powershell"], b"");
    assert_eq!(code, 2);
    assert!(err.contains("[possible values: bash, zsh, fish]"), "{err}");
    // -q: no summary line, no warnings; errors stay.
    let f = file(
        "quiet.json",
        br#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "X"}}}"#,
    );
    let (code, out, err) = sfn(&["-q", "validate", "--format", "short", &f], b"");
    assert_eq!(code, 1);
    assert_eq!(err, "");
    assert!(out.contains("no state named `X`"), "{out}");
    // An `Or` of one rule is rewritten, with a note; --quiet drops notes.
    let legacy = file(
        "legacy.json",
        br#"{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Or": [{"Variable": "$.y", "IsNull": true}], "Next": "F"}], "Default": "F"}, "F": {"Type": "Succeed"}}}"#,
    );
    let (code, _, err) = sfn(&["import", &legacy], b"");
    assert_eq!(code, 0);
    assert!(err.contains("note"), "{err}");
    let (code, _, err) = sfn(&["import", "--quiet", &legacy], b"");
    assert_eq!((code, err.as_str()), (0, ""));
}

/// A reader that goes away (`sfn graph big.json | head -1`) ends every command that prints a
/// result with exit code 2 and a line that says so; `print!` used to panic there.
#[test]
fn a_closed_standard_output_is_reported_not_panicked_on() {
    // Far more output than a pipe holds, so the write meets the closed end.
    let states: serde_json::Map<String, serde_json::Value> = (0..5_000)
        .map(|i| {
            let next = format!("S{}", i + 1);
            (
                format!("S{i}"),
                serde_json::json!({"Type": "Pass", "Next": next}),
            )
        })
        .chain([("S5000".to_owned(), serde_json::json!({"Type": "Succeed"}))])
        .collect();
    let definition = serde_json::json!({"StartAt": "S0", "States": states}).to_string();
    let path = file("closed_stdout.asl.json", definition.as_bytes());
    for command in ["graph", "import"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sfn"))
            .args([command, &path])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run sfn");
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("sfn finishes");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{command}: {stderr}");
        assert_eq!(out.status.code(), Some(2), "{command}: {stderr}");
        assert!(
            stderr.contains(&format!("sfn {command}: cannot write the output:")),
            "{command}: {stderr}"
        );
    }
}
