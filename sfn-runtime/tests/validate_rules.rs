//! For every rule of the table: a definition that breaks it (the rule's code is reported)
//! and the corrected definition (nothing at all is reported).

use serde_json::{Value, json};
use sfn_runtime::WorkflowKind;
use sfn_runtime::validate::{Options, rules, validate_str, validate_value, validate_value_with};

/// A one-scope machine around `states`, starting at the first one.
fn machine(states: Value) -> Value {
    let start = states
        .as_object()
        .and_then(|m| m.keys().next().cloned())
        .unwrap_or_default();
    json!({ "StartAt": start, "States": states })
}

/// A machine whose only state is `state` (named `A`), ending there unless it says otherwise.
fn single(state: Value) -> Value {
    machine(json!({ "A": state }))
}

/// A JSONata machine whose only state is `state`.
fn jsonata(state: Value) -> Value {
    let mut m = single(state);
    m["QueryLanguage"] = json!("JSONata");
    m
}

fn inline_map(extra: Value) -> Value {
    let mut state = json!({
        "Type": "Map",
        "ItemProcessor": { "StartAt": "I", "States": { "I": { "Type": "Succeed" } } },
        "End": true
    });
    if let (Some(s), Some(e)) = (state.as_object_mut(), extra.as_object()) {
        s.extend(e.clone());
    }
    single(state)
}

fn distributed_map(extra: Value) -> Value {
    let mut state = json!({
        "Type": "Map",
        "ItemProcessor": {
            "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" },
            "StartAt": "I", "States": { "I": { "Type": "Succeed" } }
        },
        "End": true
    });
    if let (Some(s), Some(e)) = (state.as_object_mut(), extra.as_object()) {
        s.extend(e.clone());
    }
    single(state)
}

fn task(extra: Value) -> Value {
    let mut state =
        json!({ "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true });
    if let (Some(s), Some(e)) = (state.as_object_mut(), extra.as_object()) {
        s.extend(e.clone());
    }
    single(state)
}

fn pass(extra: Value) -> Value {
    let mut state = json!({ "Type": "Pass", "End": true });
    if let (Some(s), Some(e)) = (state.as_object_mut(), extra.as_object()) {
        s.extend(e.clone());
    }
    single(state)
}

fn choice(rule: Value) -> Value {
    machine(json!({
        "C": { "Type": "Choice", "Choices": [rule], "Default": "D" },
        "D": { "Type": "Succeed" }
    }))
}

/// (code, breaks it, is correct).
/// `[[[..1..]]]`, `n` arrays deep.
fn nested(n: usize) -> Value {
    (0..n).fold(json!(1), |inner, _| Value::Array(vec![inner]))
}

fn cases() -> Vec<(&'static str, Value, Value)> {
    vec![
        // A definition is 3 levels deep at a state's field (root, States, the state).
        (
            "nesting-too-deep",
            pass(json!({ "Result": nested(sfn_runtime::limits::MAX_JSON_DEPTH - 2) })),
            pass(json!({ "Result": nested(sfn_runtime::limits::MAX_JSON_DEPTH - 3) })),
        ),
        (
            "wrong-type",
            pass(json!({ "Comment": 5 })),
            pass(json!({ "Comment": "five" })),
        ),
        ("wrong-type", json!([1, 2]), pass(json!({}))),
        (
            "unknown-field",
            pass(json!({ "Nxet": "A" })),
            pass(json!({})),
        ),
        (
            "field-not-allowed",
            pass(json!({ "ResultSelector": {} })),
            pass(json!({ "Parameters": {} })),
        ),
        (
            "field-query-language",
            pass(json!({ "Output": {} })),
            jsonata(json!({ "Type": "Pass", "Output": {}, "End": true })),
        ),
        (
            "query-language-downgrade",
            jsonata(json!({ "Type": "Pass", "QueryLanguage": "JSONPath", "End": true })),
            jsonata(json!({ "Type": "Pass", "QueryLanguage": "JSONata", "End": true })),
        ),
        (
            "missing-field",
            single(json!({ "Type": "Task", "End": true })),
            task(json!({})),
        ),
        (
            "missing-one-of",
            single(json!({ "Type": "Wait", "End": true })),
            single(json!({ "Type": "Wait", "Seconds": 0, "End": true })),
        ),
        (
            "exclusive-fields",
            task(json!({ "TimeoutSeconds": 5, "TimeoutSecondsPath": "$.t" })),
            task(json!({ "TimeoutSecondsPath": "$.t" })),
        ),
        (
            "transition-missing",
            single(json!({ "Type": "Pass", "End": false })),
            pass(json!({})),
        ),
        (
            "state-type-unknown",
            single(json!({ "Type": "Lambda", "End": true })),
            pass(json!({})),
        ),
        (
            "invalid-enum",
            task(json!({ "Retry": [{ "ErrorEquals": ["X"], "JitterStrategy": "full" }] })),
            task(json!({ "Retry": [{ "ErrorEquals": ["X"], "JitterStrategy": "FULL" }] })),
        ),
        (
            "out-of-range",
            task(json!({ "Retry": [{ "ErrorEquals": ["X"], "BackoffRate": 0.5 }] })),
            task(json!({ "Retry": [{ "ErrorEquals": ["X"], "BackoffRate": 1.5 }] })),
        ),
        (
            "empty-array",
            task(json!({ "Catch": [{ "ErrorEquals": [], "Next": "A" }] })),
            task(json!({ "Catch": [{ "ErrorEquals": ["X"], "Next": "A" }] })),
        ),
        (
            "state-name-too-long",
            machine(json!({ "x".repeat(81): { "Type": "Succeed" } })),
            machine(json!({ "x".repeat(80): { "Type": "Succeed" } })),
        ),
        (
            "state-name-duplicate",
            machine(json!({
                "P": { "Type": "Parallel", "Branches": [{ "StartAt": "S", "States": { "S": { "Type": "Succeed" } } }], "Next": "S" },
                "S": { "Type": "Succeed" }
            })),
            machine(json!({
                "P": { "Type": "Parallel", "Branches": [{ "StartAt": "S1", "States": { "S1": { "Type": "Succeed" } } }], "Next": "S" },
                "S": { "Type": "Succeed" }
            })),
        ),
        (
            "start-at-unknown",
            json!({ "StartAt": "a", "States": { "A": { "Type": "Succeed" } } }),
            json!({ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }),
        ),
        (
            "next-unknown-state",
            machine(json!({ "A": { "Type": "Pass", "Next": "Bee" }, "B": { "Type": "Succeed" } })),
            machine(json!({ "A": { "Type": "Pass", "Next": "B" }, "B": { "Type": "Succeed" } })),
        ),
        (
            "next-out-of-scope",
            machine(json!({
                "P": { "Type": "Parallel", "Branches": [{ "StartAt": "In", "States": { "In": { "Type": "Pass", "Next": "Out" } } }], "Next": "Out" },
                "Out": { "Type": "Succeed" }
            })),
            machine(json!({
                "P": { "Type": "Parallel", "Branches": [{ "StartAt": "In", "States": { "In": { "Type": "Pass", "End": true } } }], "Next": "Out" },
                "Out": { "Type": "Succeed" }
            })),
        ),
        (
            "no-terminal-state",
            machine(
                json!({ "A": { "Type": "Pass", "Next": "B" }, "B": { "Type": "Pass", "Next": "A" } }),
            ),
            machine(
                json!({ "A": { "Type": "Pass", "Next": "B" }, "B": { "Type": "Pass", "End": true } }),
            ),
        ),
        (
            "unreachable-state",
            machine(json!({ "A": { "Type": "Succeed" }, "B": { "Type": "Succeed" } })),
            machine(
                json!({ "A": { "Type": "Choice", "Choices": [{ "Variable": "$.x", "IsPresent": true, "Next": "B" }], "Default": "C" }, "B": { "Type": "Succeed" }, "C": { "Type": "Succeed" } }),
            ),
        ),
        (
            "choice-rule-shape",
            choice(json!({ "Variable": "$.x", "IsPresent": true, "IsNull": false, "Next": "D" })),
            choice(
                json!({ "And": [{ "Variable": "$.x", "IsPresent": true }, { "Variable": "$.x", "IsNull": false }], "Next": "D" }),
            ),
        ),
        (
            "error-equals-all",
            task(json!({ "Retry": [{ "ErrorEquals": ["States.ALL"] }, { "ErrorEquals": ["X"] }] })),
            task(json!({ "Retry": [{ "ErrorEquals": ["X"] }, { "ErrorEquals": ["States.ALL"] }] })),
        ),
        (
            "timestamp-format",
            single(json!({ "Type": "Wait", "Timestamp": "2016-03-14 01:59:00Z", "End": true })),
            single(json!({ "Type": "Wait", "Timestamp": "2016-03-14T01:59:00Z", "End": true })),
        ),
        (
            "heartbeat-timeout",
            task(json!({ "TimeoutSeconds": 10, "HeartbeatSeconds": 10 })),
            task(json!({ "TimeoutSeconds": 10, "HeartbeatSeconds": 5 })),
        ),
        (
            "resource-not-recognized",
            task(json!({ "Resource": "arn:aws:states:::dynamodb:query" })),
            task(json!({ "Resource": "arn:aws:states:::aws-sdk:dynamodb:query" })),
        ),
        (
            "task-token-missing",
            task(
                json!({ "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Parameters": { "QueueUrl": "q", "MessageBody.$": "$" } }),
            ),
            task(
                json!({ "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Parameters": { "QueueUrl": "q", "MessageBody": { "Token.$": "$$.Task.Token" } } }),
            ),
        ),
        (
            "credentials-role-arn",
            task(json!({ "Credentials": { "Role": "arn:aws:iam::1:role/r" } })),
            task(json!({ "Credentials": { "RoleArn.$": "$.role" } })),
        ),
        (
            "map-distributed-only",
            inline_map(json!({ "Label": "Batch" })),
            distributed_map(json!({ "Label": "Batch" })),
        ),
        (
            "map-label",
            distributed_map(json!({ "Label": "a/b" })),
            distributed_map(json!({ "Label": "ab" })),
        ),
        (
            "reader-csv-headers",
            distributed_map(
                json!({ "ItemReader": { "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": { "InputType": "CSV", "CSVHeaderLocation": "GIVEN" } } }),
            ),
            distributed_map(
                json!({ "ItemReader": { "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": { "InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["a"] } } }),
            ),
        ),
        (
            "variable-name",
            pass(json!({ "Assign": { "1st": 1 } })),
            pass(json!({ "Assign": { "first": 1 } })),
        ),
        (
            "variable-outer-scope",
            machine(json!({
                "S": { "Type": "Pass", "Assign": { "total": 0 }, "Next": "P" },
                "P": { "Type": "Parallel", "Branches": [{ "StartAt": "In", "States": { "In": { "Type": "Pass", "Assign": { "total": 1 }, "End": true } } }], "End": true }
            })),
            machine(json!({
                "S": { "Type": "Pass", "Assign": { "total": 0 }, "Next": "P" },
                "P": { "Type": "Parallel", "Branches": [{ "StartAt": "In", "States": { "In": { "Type": "Pass", "Assign": { "inner": 1 }, "End": true } } }], "End": true }
            })),
        ),
        (
            "payload-value",
            pass(json!({ "Parameters": { "a.$": 1 } })),
            pass(json!({ "Parameters": { "a": 1 } })),
        ),
        (
            "payload-duplicate-key",
            pass(json!({ "Parameters": { "a": 1, "a.$": "$.a" } })),
            pass(json!({ "Parameters": { "b": 1, "a.$": "$.a" } })),
        ),
        (
            "path-syntax",
            pass(json!({ "InputPath": "$.a[" })),
            pass(json!({ "InputPath": "$.a[0]" })),
        ),
        (
            "reference-path",
            pass(json!({ "ResultPath": "$.a[*]" })),
            pass(json!({ "ResultPath": "$.a[0]" })),
        ),
        (
            "result-path-root",
            pass(json!({ "ResultPath": "$$.Execution" })),
            pass(json!({ "ResultPath": "$.execution" })),
        ),
        (
            "intrinsic-syntax",
            pass(json!({ "Parameters": { "a.$": "States.Format('{} {}', $.x)" } })),
            pass(json!({ "Parameters": { "a.$": "States.Format('{} {}', $.x, $.y)" } })),
        ),
        (
            "fail-path-intrinsic",
            single(json!({ "Type": "Fail", "CausePath": "States.ArrayLength($.list)" })),
            single(json!({ "Type": "Fail", "CausePath": "States.JsonToString($.list)" })),
        ),
        (
            "jsonata-syntax",
            jsonata(
                json!({ "Type": "Pass", "Output": { "total": "{% $states.input.a + %}" }, "End": true }),
            ),
            jsonata(
                json!({ "Type": "Pass", "Output": { "total": "{% $states.input.a + 1 %}" }, "End": true }),
            ),
        ),
        (
            "jsonata-input-reference",
            jsonata(json!({ "Type": "Pass", "Output": "{% total * 2 %}", "End": true })),
            jsonata(
                json!({ "Type": "Pass", "Output": "{% $states.input.total * 2 %}", "End": true }),
            ),
        ),
        (
            "jsonata-states-member",
            jsonata(
                json!({ "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": { "x": "{% $states.result %}" }, "End": true }),
            ),
            jsonata(
                json!({ "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Output": { "x": "{% $states.result %}" }, "End": true }),
            ),
        ),
        (
            "context-path",
            pass(json!({ "Parameters": { "item.$": "$$.Map.Item.Value" } })),
            pass(json!({ "Parameters": { "name.$": "$$.State.Name" } })),
        ),
        (
            "variable-unknown",
            machine(
                json!({ "A": { "Type": "Pass", "Assign": { "total": 1 }, "Next": "B" }, "B": { "Type": "Pass", "OutputPath": "$totl", "End": true } }),
            ),
            machine(
                json!({ "A": { "Type": "Pass", "Assign": { "total": 1 }, "Next": "B" }, "B": { "Type": "Pass", "OutputPath": "$total", "End": true } }),
            ),
        ),
        (
            "jsonata-variable-unknown",
            machine(json!({
                "A": { "Type": "Pass", "QueryLanguage": "JSONata", "Assign": { "total": 1 }, "Next": "B" },
                "B": { "Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $totl + 1 %}", "End": true }
            })),
            machine(json!({
                "A": { "Type": "Pass", "QueryLanguage": "JSONata", "Assign": { "total": 1 }, "Next": "B" },
                "B": { "Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $total + 1 %}", "End": true }
            })),
        ),
    ]
}

#[test]
fn each_rule_fails_its_bad_definition_and_passes_the_fixed_one() {
    let mut problems = String::new();
    for (code, bad, good) in cases() {
        let found = validate_value(&bad);
        if !found.iter().any(|d| d.code == code) {
            problems.push_str(&format!(
                "{code}: not reported for {bad}\n  got {found:?}\n"
            ));
        }
        let clean = validate_value(&good);
        if !clean.is_empty() {
            problems.push_str(&format!(
                "{code}: fixed definition not clean: {good}\n  got {clean:?}\n"
            ));
        }
    }
    assert!(problems.is_empty(), "\n{problems}");
}

/// Rules that only JSON text can break (a parsed `Value` has already lost the problem).
const TEXT_CASES: &[(&str, &str, &str)] = &[(
    "duplicate-key",
    r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}, "A": {"Type": "Succeed"}}}"#,
    r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}"#,
)];

#[test]
fn text_only_rules_fail_their_bad_text_and_pass_the_fixed_one() {
    for (code, bad, good) in TEXT_CASES {
        let found = validate_str(bad).unwrap();
        assert!(found.iter().any(|d| d.code == *code), "{code}: {found:?}");
        let diags = validate_str(good).unwrap();
        assert!(diags.is_empty(), "{code}: {diags:?}");
    }
}

/// Rules that apply to an EXPRESS machine only: (code, breaks it as EXPRESS, is correct
/// as EXPRESS; the first is correct as STANDARD).
fn express_cases() -> Vec<(&'static str, Value, Value)> {
    vec![(
        "resource-express",
        task(json!({ "Resource": "arn:aws:states:::glue:startJobRun.sync" })),
        task(json!({ "Resource": "arn:aws:states:::glue:startJobRun" })),
    )]
}

#[test]
fn express_rules_fail_their_bad_definition_only_for_express() {
    let express = Options {
        kind: WorkflowKind::Express,
    };
    for (code, bad, good) in express_cases() {
        let found = validate_value_with(&bad, express);
        assert!(found.iter().any(|d| d.code == code), "{code}: {found:?}");
        assert!(
            validate_value(&bad).is_empty(),
            "{code}: STANDARD refuses {bad}"
        );
        let clean = validate_value_with(&good, express);
        assert!(clean.is_empty(), "{code}: {clean:?}");
    }
}

#[test]
fn every_rule_of_the_table_has_cases() {
    let cases = cases();
    let express = express_cases();
    let missing: Vec<&str> = rules()
        .iter()
        .map(|r| r.code)
        .filter(|code| !cases.iter().any(|(c, _, _)| c == code))
        .filter(|code| !TEXT_CASES.iter().any(|(c, _, _)| c == code))
        .filter(|code| !express.iter().any(|(c, _, _)| c == code))
        .collect();
    assert!(missing.is_empty(), "rules without cases: {missing:?}");
}

#[test]
fn codes_are_unique_and_summaries_present() {
    let all = rules();
    for (i, r) in all.iter().enumerate() {
        assert!(!r.summary.is_empty(), "{}", r.code);
        assert!(
            all.iter().skip(i + 1).all(|o| o.code != r.code),
            "{} twice",
            r.code
        );
    }
}
