//! Issue 17 at the command line: every hostile file ends with a clear error that names its
//! limit, within a time and memory ceiling this test checks. The library-level cases are in
//! the sfn package's `tests/limits.rs`.
//!
//! Each command runs under an address-space rlimit (`ulimit -v`, so a regression fails
//! instead of eating the machine's memory); its peak RSS is sampled from `/proc/PID/status`
//! (`VmHWM`, which only grows) while it runs, and it is killed past the time ceiling.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const RSS_CEILING_KB: u64 = 1_500_000;
const ADDRESS_SPACE_KB: u64 = 6_000_000;
const TIME_CEILING: Duration = Duration::from_secs(90);

struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `sfn ARGS` with the ceilings and returns its exit code and output.
fn sfn(args: &[&str]) -> Outcome {
    let started = Instant::now();
    let mut child = Command::new("/bin/sh")
        .arg("-c")
        .arg(format!("ulimit -v {ADDRESS_SPACE_KB} && exec \"$@\""))
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_sfn"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sfn starts");
    // Drained on threads so a large output cannot block the child.
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0;
    let status = loop {
        if let Ok(status) = std::fs::read_to_string(&status_file) {
            let hwm = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok());
            peak_kb = peak_kb.max(hwm.unwrap_or(0));
        }
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > TIME_CEILING {
            let _ = child.kill();
            let _ = child.wait();
            panic!("sfn {args:?}: still running after {TIME_CEILING:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    assert!(
        peak_kb < RSS_CEILING_KB,
        "sfn {args:?}: peak RSS {peak_kb} KB over {RSS_CEILING_KB} KB"
    );
    let code = status
        .code()
        .unwrap_or_else(|| panic!("sfn {args:?} was killed: {status}"));
    Outcome {
        code,
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
    }
}

fn file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sfn-limits-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("writable");
    path
}

fn jsonata_machine(name: &str, expression: &str) -> PathBuf {
    let definition = json!({"QueryLanguage": "JSONata", "StartAt": "P", "States": {
        "P": {"Type": "Pass", "Output": format!("{{% {expression} %}}"), "End": true}}});
    file(name, &definition.to_string())
}

fn assert_run_fails_with(path: &std::path::Path, error: &str, cause: &str) {
    let out = sfn(&["run", path.to_str().unwrap()]);
    // Exit codes are the CLI's own table (issue 17.9); here only "failed, not crashed".
    assert_ne!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let printed: Value = serde_json::from_str(&out.stdout).expect("one JSON object");
    assert_eq!(printed["status"], "FAILED", "{printed}");
    assert_eq!(printed["error"], error, "{printed}");
    let text = printed["cause"].as_str().unwrap_or_default();
    assert!(text.contains(cause), "{text}");
}

#[test]
fn run_stops_runaway_jsonata_at_its_limits() {
    let cases = [
        (
            "rec.json",
            "($f := function($x){ $f($x) + 1 }; $f(1))",
            "JSONATA_MAX_STACK_DEPTH",
        ),
        (
            "loop.json",
            "($f := function($x){ $f($x) }; $f(1))",
            "JSONATA_TIME_BUDGET",
        ),
        (
            "deep.json",
            "$reduce([1..20000], function($a, $x){ {'a': $a} }, {})",
            "MAX_JSON_DEPTH",
        ),
        ("seq.json", "[1..5000000]", "JSONATA_MAX_SEQUENCE"),
    ];
    for (name, expression, limit) in cases {
        let path = jsonata_machine(name, expression);
        assert_run_fails_with(&path, "States.QueryEvaluationError", limit);
    }
}

/// String doubling ends at the memory budget (JSONATA_MEMORY_BUDGET: 64 MiB built); it
/// reached 1.9 GB in its 1 s time budget before. An unoptimised build on a loaded machine
/// may copy so slowly that the time budget ends it first; the ceiling is what matters here.
#[test]
fn run_stops_string_doubling_within_the_memory_ceiling() {
    let path = jsonata_machine(
        "double.json",
        "($f := function($s){ $f($s & $s) }; $f('ab'))",
    );
    let out = sfn(&["run", path.to_str().unwrap()]);
    assert_ne!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let printed: Value = serde_json::from_str(&out.stdout).expect("one JSON object");
    assert_eq!(printed["error"], "States.QueryEvaluationError", "{printed}");
    let cause = printed["cause"].as_str().unwrap_or_default();
    assert!(
        cause.contains("JSONATA_MEMORY_BUDGET (67108864 bytes built)")
            || (cfg!(debug_assertions) && cause.contains("JSONATA_TIME_BUDGET")),
        "{cause}"
    );
}

#[test]
fn run_stops_an_endless_loop_at_the_history_quota() {
    let path = file(
        "endless.json",
        r#"{"StartAt": "A", "States": {
            "A": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "Done"}], "Default": "B"},
            "B": {"Type": "Pass", "Next": "A"},
            "Done": {"Type": "Succeed"}}}"#,
    );
    assert_run_fails_with(&path, "States.Runtime", "25000");
}

/// 120 levels: serde_json reads it, the pipeline's limit (100) refuses it in every command
/// that would build on it; `graph` only draws states, so it may draw it.
#[test]
fn a_definition_nested_too_deep_is_refused_by_name() {
    let value = format!("{}1{}", "[".repeat(117), "]".repeat(117));
    let path = file(
        "nested.json",
        &format!(
            r#"{{"StartAt":"A","States":{{"A":{{"Type":"Pass","Result":{value},"End":true}}}}}}"#
        ),
    );
    let path = path.to_str().unwrap();
    let validate = sfn(&["validate", path]);
    assert_ne!(validate.code, 0);
    assert!(
        validate.stdout.contains("nesting-too-deep")
            || validate.stderr.contains("nesting-too-deep")
    );
    for command in ["run", "import"] {
        let out = sfn(&[command, path]);
        assert_ne!(out.code, 0, "{command}: {}", out.stdout);
        assert!(
            out.stderr.contains("MAX_JSON_DEPTH") || out.stderr.contains("MAX_DSL_DEPTH"),
            "{command}: {}",
            out.stderr
        );
    }
    let graph = sfn(&["graph", path]);
    assert!(matches!(graph.code, 0 | 1), "{}", graph.stderr);
}

/// 100,000 levels: no reader gets far; every command says why, none crashes.
#[test]
fn a_file_a_hundred_thousand_deep_is_not_json_to_any_command() {
    let path = file(
        "abyss.json",
        &format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
    );
    let path = path.to_str().unwrap();
    for command in ["validate", "run", "graph", "import"] {
        let out = sfn(&[command, path]);
        assert_ne!(out.code, 0, "{command}: {}", out.stderr);
        assert!(!out.stderr.trim().is_empty(), "{command}: says why");
    }
}

#[test]
fn graph_of_100k_states_with_hostile_names_is_linear_and_escaped() {
    let n = 100_000;
    let mut states = serde_json::Map::new();
    for i in 0..n {
        states.insert(
            format!("S{i}\n\u{0}\"|"),
            json!({"Type": "Pass", "Next": format!("S{}\n\u{0}\"|", (i + 1) % n)}),
        );
    }
    let definition = json!({"StartAt": "S0\n\u{0}\"|", "States": states});
    let path = file("wide.json", &definition.to_string());
    for format in ["mermaid", "dot"] {
        let started = Instant::now();
        let out = sfn(&["graph", "--format", format, path.to_str().unwrap()]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        // The quadratic version took 27 s in a release build; a debug build of the linear
        // one takes a few seconds.
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{format}: {:?}",
            started.elapsed()
        );
        assert!(!out.stdout.contains('\0'), "{format}: a raw NUL");
        let edges = out
            .stdout
            .lines()
            .filter(|l| l.contains("s0 -") || l.contains("s0 ->"))
            .count();
        assert!(edges >= 1, "{format}");
        // One line per node and per edge: no name broke a line.
        assert!(out.stdout.lines().count() < 2 * n + 20, "{format}");
    }
}

#[test]
fn numbers_pass_through_import_and_run_exactly() {
    let path = file(
        "numbers.json",
        r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Result":[123456789012345678901234567890,1e-400,-0,1.50],"End":true}}}"#,
    );
    let path = path.to_str().unwrap();
    let import = sfn(&["import", path]);
    assert_eq!(import.code, 0, "{}", import.stderr);
    assert!(
        import
            .stdout
            .contains("[123456789012345678901234567890, 1e-400, -0, 1.50]"),
        "{}",
        import.stdout
    );
    let run = sfn(&["run", path]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // `-0` reads as the integer 0, as on the service (AWS-recorded for States.StringToJson).
    assert!(
        run.stdout
            .contains("[123456789012345678901234567890,1e-400,0,1.50]"),
        "{}",
        run.stdout
    );
}
