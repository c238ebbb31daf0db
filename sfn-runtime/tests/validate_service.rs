//! Verdicts held against the service's (issue #13, validation side): what CreateStateMachine
//! accepts must validate without errors, what it refuses must be an error, and what it
//! accepts but fails at run time is a warning. Each test says where the expectation comes
//! from.

use serde_json::{Value, json};
use sfn_runtime::WorkflowKind;
use sfn_runtime::validate::{
    INTEGRATIONS, Options, Pattern, Severity, has_errors, rules, validate_value,
    validate_value_with,
};

fn machine(states: Value) -> Value {
    let start = states.as_object().unwrap().keys().next().unwrap().clone();
    json!({ "StartAt": start, "States": states })
}

fn task(resource: &str) -> Value {
    machine(json!({ "T": { "Type": "Task", "Resource": resource, "End": true } }))
}

fn codes(d: &Value) -> Vec<(&'static str, Severity)> {
    validate_value(d)
        .iter()
        .map(|d| (d.code, d.severity))
        .collect()
}

fn errors(d: &Value) -> Vec<String> {
    validate_value(d)
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(ToString::to_string)
        .collect()
}

// Item 1. Recorded: AWS creates a machine whose JSONata reads `$doesNotExist` and fails the
// execution with States.QueryEvaluationError ("... returned nothing (undefined)"); the
// same is taken to hold for a JSONPath `$var` (issue #13; README "Known differences").
#[test]
fn unknown_variables_are_warnings_not_errors() {
    let jsonata = machine(json!({
        "A": { "Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $doesNotExist %}", "End": true }
    }));
    assert_eq!(
        codes(&jsonata),
        [("jsonata-variable-unknown", Severity::Warning)]
    );
    assert!(!has_errors(&validate_value(&jsonata)));
    let jsonpath = machine(json!({
        "A": { "Type": "Pass", "Parameters": { "x.$": "$doesNotExist" }, "End": true }
    }));
    assert_eq!(codes(&jsonpath), [("variable-unknown", Severity::Warning)]);
}

// Item 2. Recorded: AWS creates and runs an INLINE Map with ToleratedFailureCount /
// ToleratedFailurePercentage and their Path forms (issue #13).
#[test]
fn tolerated_failures_on_an_inline_map_are_accepted() {
    for (key, value) in [
        ("ToleratedFailureCount", json!(1)),
        ("ToleratedFailurePercentage", json!(50)),
        ("ToleratedFailureCountPath", json!("$.n")),
        ("ToleratedFailurePercentagePath", json!("$.p")),
    ] {
        let mut map = json!({
            "Type": "Map",
            "ItemProcessor": { "StartAt": "I", "States": { "I": { "Type": "Pass", "End": true } } },
            "End": true
        });
        map[key] = value;
        let d = machine(json!({ "M": map }));
        assert!(validate_value(&d).is_empty(), "{key}: {:?}", codes(&d));
    }
    // Still refused on an INLINE Map: the reader (AWS: "ItemReader" needs DISTRIBUTED).
    let reader = machine(json!({ "M": {
        "Type": "Map",
        "ItemReader": { "Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": { "Bucket": "b" } },
        "ItemProcessor": { "StartAt": "I", "States": { "I": { "Type": "Pass", "End": true } } },
        "End": true
    }}));
    assert_eq!(codes(&reader), [("map-distributed-only", Severity::Error)]);
}

// Item 3. Recorded: AWS accepts and runs a Parallel whose branch assigns `result` while the
// Parallel's Catch assigns `result` too (issue #13); a branch assigning a variable that a
// state of the enclosing scope assigns stays refused (AWS docs, "Variable scope": a
// nested state cannot assign an outer scope's variable).
#[test]
fn a_branch_may_assign_a_name_the_parallels_catch_assigns() {
    let d = machine(json!({
        "P": {
            "Type": "Parallel",
            "Branches": [{ "StartAt": "B", "States": { "B": { "Type": "Pass", "Assign": { "result": 1 }, "End": true } } }],
            "Catch": [{ "ErrorEquals": ["States.ALL"], "Assign": { "result": "failed" }, "Next": "Done" }],
            "Next": "Done"
        },
        "Done": { "Type": "Succeed" }
    }));
    assert!(validate_value(&d).is_empty(), "{:?}", codes(&d));
    let outer = machine(json!({
        "S": { "Type": "Pass", "Assign": { "result": 0 }, "Next": "P" },
        "P": {
            "Type": "Parallel",
            "Branches": [{ "StartAt": "B", "States": { "B": { "Type": "Pass", "Assign": { "result": 1 }, "End": true } } }],
            "End": true
        }
    }));
    assert_eq!(codes(&outer), [("variable-outer-scope", Severity::Error)]);
}

// Item 4. The service's text for a Resource it does not recognize, as recorded:
// "The resource provided <R> is not recognized. The value is not a valid resource ARN, or
// the resource is not available in this region."
const NOT_RECOGNIZED: &str = "is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.";

#[test]
fn resources_the_service_does_not_recognize_are_errors_in_its_words() {
    // Each refused by CreateStateMachine (issue #13 item 4; the optimized integrations
    // table of integrate-optimized.html and the service pages for the patterns).
    for resource in [
        "arn:aws:states:::dynamodb:query", // only get/put/update/deleteItem
        "arn:aws:states:::lambda:invoke.sync", // Lambda: no Run a Job
        "arn:aws:states:::lamda:invoke",   // no such service
        "arn:aws:states:::sns:publish.sync", // SNS: no Run a Job
        "arn:aws:states:::athena:getQueryResults.sync", // only startQueryExecution waits
        "arn:aws:states:::eks:runJob.waitForTaskToken", // connect-eks: no callback
        "arn:aws:states:::aws-sdk:s3:getObject.sync", // SDK integrations: no Run a Job
        "arn:aws:states:::aws-sdk:s3:GetObject", // actions are camelCase
        "arn:aws:states:::lambda:invoke.waitForCallback", // not a pattern
        "${lambdaArn",                     // unterminated placeholder
        "arn:aws:lambda:us-east-1:123456789012:function:f:my.alias", // alias charset
        "arn:aws:lambda:us-east-1:123456789012:function:my fn", // name charset
        "arn:aws:lambda:us-east-1:12345:function:f", // account is 12 digits
        "arn:aws:states:us-east-1:123456789012:stateMachine:M", // not an activity
        "arn:aws:sqs:us-east-1:123456789012:queue", // not a Task resource
        "lambda:invoke",                   // not an ARN
        "arn:aws:states:::lambda",         // no action
    ] {
        let found = validate_value(&task(resource));
        assert_eq!(found.len(), 1, "{resource}: {found:?}");
        let d = &found[0];
        assert_eq!(
            (d.code, d.severity, d.pointer.as_str()),
            (
                "resource-not-recognized",
                Severity::Error,
                "/States/T/Resource"
            ),
            "{resource}"
        );
        assert!(
            d.message.starts_with(&format!(
                "The resource provided {resource} {NOT_RECOGNIZED}"
            )),
            "{resource}: {}",
            d.message
        );
    }
}

#[test]
fn typos_of_an_integration_get_a_did_you_mean() {
    let found = validate_value(&task("arn:aws:states:::lamda:invoke"));
    assert_eq!(
        found[0].hint.as_deref(),
        Some("did you mean `arn:aws:states:::lambda:invoke`?")
    );
    let found = validate_value(&task("arn:aws:states:::dynamodb:getitem"));
    assert_eq!(
        found[0].hint.as_deref(),
        Some("did you mean `arn:aws:states:::dynamodb:getItem`?")
    );
    let found = validate_value(&task("arn:aws:states:::lambda:invoke.sync"));
    assert!(
        found[0].message.contains(
            "`lambda:invoke` does not support `.sync`; it supports no suffix, `.waitForTaskToken`"
        ),
        "{}",
        found[0].message
    );
}

#[test]
fn resources_the_service_recognizes_are_accepted() {
    // Shapes from the AWS docs' examples (connect-*.html, concepts-activities.html,
    // Lambda's FunctionName/Qualifier patterns) and CDK's rendered resources.
    for resource in [
        "arn:aws:states:::lambda:invoke",
        "arn:aws:states:::lambda:invoke.waitForTaskToken",
        "arn:aws:states:::states:startExecution.sync:2",
        "arn:aws:states:::states:startExecution.sync",
        "arn:aws:states:::ecs:runTask.waitForTaskToken",
        "arn:aws:states:::aws-sdk:s3:listBuckets",
        "arn:aws:states:::aws-sdk:sfn:startExecution.waitForTaskToken",
        "arn:aws-cn:states:::dynamodb:putItem",
        "arn:aws:states:us-east-1:123456789012:activity:approve-order",
        "arn:aws:lambda:us-east-1:123456789012:function:order_fn",
        "arn:aws:lambda:us-east-1:123456789012:function:order_fn:$LATEST",
        "arn:aws:lambda:us-east-1:123456789012:function:order_fn:12",
        "arn:aws:lambda:us-east-1:123456789012:function:order_fn:live-2",
        "${OrderFn}",
        "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${fn}",
        "arn:${AWS::Partition}:states:::sqs:sendMessage",
    ] {
        let d = task(resource);
        // (a callback with no Parameters gets the token warning: not the service's refusal)
        assert!(errors(&d).is_empty(), "{resource}: {:?}", codes(&d));
    }
}

// The table covers every optimized integration CDK renders (its catalogue, copied from the
// reference as tests/data/cdk-tasks.json), with the patterns CDK allows.
#[test]
fn the_table_covers_cdks_catalogue() {
    let text = include_str!("data/cdk-tasks.json");
    let catalogue: Vec<Value> = serde_json::from_str(text).unwrap();
    let mut checked = 0;
    for entry in &catalogue {
        let Some(template) = entry["resource_template"].as_str() else {
            continue;
        };
        let Some(rest) = template.strip_prefix("arn:${Partition}:states:::") else {
            continue;
        };
        let call = rest
            .split(['{', ' '])
            .next()
            .unwrap()
            .trim_end_matches(".sync");
        if call.starts_with("aws-sdk:") {
            continue;
        }
        let (service, action) = call.split_once(':').unwrap();
        let row = INTEGRATIONS
            .iter()
            .find(|i| i.service == service && i.action == action)
            .unwrap_or_else(|| panic!("{call} ({}) is not in the table", entry["class"]));
        for pattern in entry["patterns"]["supported"].as_array().unwrap() {
            let p = match pattern.as_str().unwrap() {
                "REQUEST_RESPONSE" | "FIRE_AND_FORGET" => Pattern::RequestResponse,
                "RUN_JOB" | "SYNC" => Pattern::Sync,
                "WAIT_FOR_TASK_TOKEN" => Pattern::WaitForTaskToken,
                _ => continue,
            };
            assert!(
                row.patterns.contains(&p),
                "{call}: CDK allows {p:?} ({})",
                entry["class"]
            );
        }
        checked += 1;
    }
    assert!(checked > 40, "only {checked} catalogue entries checked");
}

// #18 item 5 / the token: AWS's documentation gives no definition-time check that a
// `.waitForTaskToken` Task passes `$$.Task.Token`; CDK refuses it at synthesis ("Task Token
// is required in `payload` for callback"). Accepted by the service, never answerable:
// a warning.
#[test]
fn a_callback_without_its_token_is_a_warning() {
    let d = machine(json!({ "T": {
        "Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
        "Parameters": { "FunctionName": "f", "Payload.$": "$" },
        "End": true
    }}));
    let found = validate_value(&d);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].code, found[0].severity, found[0].pointer.as_str()),
        (
            "task-token-missing",
            Severity::Warning,
            "/States/T/Parameters"
        )
    );
    let jsonata = machine(json!({ "T": {
        "Type": "Task",
        "QueryLanguage": "JSONata",
        "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Arguments": { "QueueUrl": "q", "MessageBody": "{% $states.context.Task.Token %}" },
        "End": true
    }}));
    assert!(validate_value(&jsonata).is_empty());
}

// Item 5. integrate-optimized.html: "Express Workflows only support Request Response
// integrations"; choosing-workflow-type.html: Express Workflows do not support activities.
#[test]
fn express_machines_refuse_sync_callbacks_and_activities() {
    let express = Options {
        kind: WorkflowKind::Express,
    };
    for resource in [
        "arn:aws:states:::glue:startJobRun.sync",
        "arn:aws:states:::states:startExecution.sync:2",
        "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "arn:aws:states:::aws-sdk:sfn:startExecution.waitForTaskToken",
        "arn:aws:states:us-east-1:123456789012:activity:approve",
    ] {
        let d = machine(json!({ "T": {
            "Type": "Task", "Resource": resource,
            "Parameters": { "QueueUrl": "q", "Token.$": "$$.Task.Token" },
            "End": true
        }}));
        assert!(errors(&d).is_empty(), "{resource}: STANDARD accepts it");
        let found = validate_value_with(&d, express);
        let codes: Vec<&str> = found.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["resource-express"], "{resource}");
        assert_eq!(found[0].severity, Severity::Error);
    }
    assert!(validate_value_with(&task("arn:aws:states:::lambda:invoke"), express).is_empty());
}

// Item 15: only the rules whose finding the service accepts are warnings.
#[test]
fn the_warnings_are_the_rules_the_service_accepts() {
    let warnings: Vec<&str> = rules()
        .iter()
        .filter(|r| r.severity == Severity::Warning)
        .map(|r| r.code)
        .collect();
    assert_eq!(
        warnings,
        [
            "task-token-missing",
            "variable-unknown",
            "jsonata-variable-unknown"
        ]
    );
}
