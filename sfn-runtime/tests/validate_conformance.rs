//! The conformance data: every invalid definition fails for its stated rule; every
//! executable definition and every CDK-synthesized definition validates clean.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use sfn_runtime::validate::{Diagnostic, rules, validate_value};

fn conformance(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/conformance")
        .join(dir);
    let mut files: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn show(diags: &[Diagnostic]) -> String {
    diags.iter().map(|d| format!("  {d}\n")).collect()
}

/// The `rule` sentence of each invalid case -> the code that must be reported.
const RULE_CODES: &[(&str, &str)] = &[
    ("Assign MUST be a JSON object", "wrong-type"),
    ("Variable names cannot contain '-'", "variable-name"),
    ("Each Catcher MUST have Next", "missing-field"),
    ("Catcher fields are fixed", "unknown-field"),
    (
        "Catcher Next MUST name an existing state",
        "next-unknown-state",
    ),
    ("Default MUST name an existing state", "next-unknown-state"),
    ("Choices MUST be a non-empty array", "empty-array"),
    ("Choice Rules cannot use End", "field-not-allowed"),
    (
        "Timestamp operator values MUST be RFC3339",
        "timestamp-format",
    ),
    (
        "A data-test rule MUST contain exactly one comparison operator",
        "choice-rule-shape",
    ),
    ("Variable MUST be a Path", "path-syntax"),
    ("A Choice state MUST NOT have End", "field-not-allowed"),
    ("A Choice state MUST NOT have Next", "field-not-allowed"),
    (
        "Choice states do not support ResultPath",
        "field-not-allowed",
    ),
    (
        "Succeed and Fail states MUST NOT have Assign",
        "field-not-allowed",
    ),
    (
        "A Fail state MUST NOT have InputPath/OutputPath",
        "field-not-allowed",
    ),
    (
        "Terminal states (Fail) MUST NOT have Next",
        "field-not-allowed",
    ),
    ("InputPath MUST be a Path beginning with $", "path-syntax"),
    ("Inside intrinsic string literals only", "intrinsic-syntax"),
    (
        "InputPath MUST be a Path; intrinsic functions are not allowed there",
        "path-syntax",
    ),
    ("ItemsPath MUST NOT be null", "wrong-type"),
    (
        "Each JSONata Choice rule MUST have a Condition",
        "missing-field",
    ),
    ("JSONata Choice rules use Condition", "field-query-language"),
    (
        "When the top-level QueryLanguage is JSONata",
        "query-language-downgrade",
    ),
    (
        "Items and ItemsPath are mutually exclusive",
        "exclusive-fields",
    ),
    ("ItemsPath is JSONPath-only", "field-query-language"),
    (
        "JSONata states MUST NOT use OutputPath",
        "field-query-language",
    ),
    (
        "JSONata states MUST NOT use JSONPath fields",
        "field-query-language",
    ),
    ("Output is JSONata-only", "field-query-language"),
    (
        "ItemProcessor and Iterator are mutually exclusive",
        "exclusive-fields",
    ),
    (
        "ItemSelector and Parameters are mutually exclusive in Map",
        "exclusive-fields",
    ),
    ("Map Label MUST NOT be empty", "map-label"),
    ("Map Label MUST NOT contain whitespace", "map-label"),
    ("Map Label MUST be at most 40 characters", "map-label"),
    (
        "MaxConcurrency and MaxConcurrencyPath are mutually exclusive",
        "exclusive-fields",
    ),
    (
        "States inside ItemProcessor may only transition within it",
        "next-out-of-scope",
    ),
    (
        "The ItemProcessor state machine MUST have a terminal state",
        "no-terminal-state",
    ),
    (
        "ToleratedFailurePercentage MUST be between 0 and 100",
        "out-of-range",
    ),
    (
        "States inside a branch may only transition to states of the same branch",
        "next-out-of-scope",
    ),
    (
        "Each branch MUST have a terminal state",
        "no-terminal-state",
    ),
    ("Branches MUST not be empty", "empty-array"),
    (
        "Parameters is only allowed on Pass, Task, Parallel and Map",
        "field-not-allowed",
    ),
    (
        "A Parameters field ending in .$ MUST hold a Path",
        "payload-value",
    ),
    (
        "A payload template object MUST NOT have duplicate names",
        "payload-duplicate-key",
    ),
    ("ResultPath MUST start with $", "path-syntax"),
    (
        "ResultPath MUST NOT reference a variable",
        "result-path-root",
    ),
    (
        "ResultSelector is only allowed on Task, Parallel and Map",
        "field-not-allowed",
    ),
    (
        "ErrorEquals MUST be a non-empty array of strings",
        "empty-array",
    ),
    ("MaxAttempts MUST be a non-negative integer", "out-of-range"),
    ("MaxDelaySeconds MUST be a positive integer", "out-of-range"),
    (
        "Retry/Catch are only allowed on Task, Parallel and Map",
        "field-not-allowed",
    ),
    ("Comment MUST be a string", "wrong-type"),
    (
        "State names MUST be unique within the whole state machine",
        "state-name-duplicate",
    ),
    (
        "State names MUST be at most 80 Unicode characters",
        "state-name-too-long",
    ),
    (
        "A state machine (and each branch/processor) MUST contain at least one terminal state",
        "no-terminal-state",
    ),
    ("Type MUST be one of", "state-type-unknown"),
    (
        "Every state MUST be reachable from StartAt",
        "unreachable-state",
    ),
    (
        "Terminal states (Succeed) MUST NOT have Next",
        "field-not-allowed",
    ),
    ("A Task state MUST have a Resource URI", "missing-field"),
    (
        "TimeoutSeconds and TimeoutSecondsPath are mutually exclusive",
        "exclusive-fields",
    ),
    ("TimeoutSeconds MUST be a positive integer", "out-of-range"),
    (
        "A state machine MUST have a string StartAt field",
        "missing-field",
    ),
    (
        "StartAt MUST exactly (case-sensitively) name a state in States",
        "start-at-unknown",
    ),
    ("Unknown top-level fields are rejected", "unknown-field"),
    ("A Wait state MUST have one of Seconds", "missing-one-of"),
    ("Wait Seconds MUST be an integer", "wrong-type"),
    ("Wait Timestamp MUST be RFC3339", "timestamp-format"),
    ("A Wait state MUST have exactly one of", "exclusive-fields"),
];

/// The code for a rule sentence; the longest matching prefix wins, so that
/// "A Wait state MUST have exactly one of" is not taken for "A Wait state MUST have one of".
fn code_for(rule: &str) -> Option<&'static str> {
    RULE_CODES
        .iter()
        .filter(|(prefix, _)| rule.starts_with(prefix))
        .max_by_key(|(prefix, _)| prefix.len())
        .map(|(_, code)| *code)
}

#[test]
fn every_invalid_definition_fails_for_its_rule() {
    let mut failures = String::new();
    let files = conformance("invalid");
    assert!(files.len() >= 60, "conformance/invalid is missing");
    for path in files {
        let case = read(&path);
        let rule = case["rule"].as_str().unwrap();
        let Some(code) = code_for(rule) else {
            failures.push_str(&format!(
                "{}: no code mapped for rule {rule:?}\n",
                path.display()
            ));
            continue;
        };
        if !rules().iter().any(|r| r.code == code) {
            failures.push_str(&format!(
                "{}: `{code}` is not in the rule table\n",
                path.display()
            ));
            continue;
        }
        let diags = validate_value(&case["definition"]);
        if !diags.iter().any(|d| d.code == code) {
            failures.push_str(&format!(
                "{}: expected `{code}` ({rule})\n{}",
                path.display(),
                show(&diags)
            ));
        }
    }
    assert!(failures.is_empty(), "\n{failures}");
}

fn assert_clean(dir: &str) {
    let mut failures = String::new();
    let files = conformance(dir);
    assert!(!files.is_empty(), "conformance/{dir} is missing");
    for path in files {
        let case = read(&path);
        let diags = validate_value(&case["definition"]);
        if !diags.is_empty() {
            failures.push_str(&format!("{}:\n{}", path.display(), show(&diags)));
        }
    }
    assert!(failures.is_empty(), "\n{failures}");
}

#[test]
fn every_semantics_definition_is_valid() {
    assert_clean("semantics");
}

#[test]
fn every_cdk_definition_is_valid() {
    assert_clean("cdk");
}
