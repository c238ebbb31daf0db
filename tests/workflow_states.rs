//! Expansion tests: each construct of the DSL produces exactly the expected ASL.

use serde_json::{Value, json};
use sfn::workflow;

fn def(w: &sfn::Workflow) -> Value {
    serde_json::from_str(w.definition()).expect("the definition is JSON")
}

workflow! {
    /// Waits, then announces.
    #[timeout = 1h]
    #[version = "1.0"]
    pub BASICS {
        /// First step.
        Start: Pass {
            result: { "a": 1, "b": [true, null, "x"] },
            result_path: $.pass,
        } -> Sleep,
        Sleep: Wait { seconds: 5min } -> Until,
        Until: Wait { timestamp: "2030-01-01T00:00:00Z" } -> FromPath,
        FromPath: Wait { seconds: $.wait } -> Stamp,
        Stamp: Wait { timestamp: $.when, input_path: $, output_path: null } -> Done,
        #[comment = "all good"]
        Done: Succeed,
    }
}

#[test]
fn pass_wait_succeed_and_workflow_attributes() {
    assert_eq!(BASICS.name(), "BASICS");
    assert_eq!(BASICS.kind(), sfn::WorkflowKind::Standard);
    assert_eq!(
        def(&BASICS),
        json!({
            "Comment": "Waits, then announces.",
            "StartAt": "Start",
            "TimeoutSeconds": 3600,
            "Version": "1.0",
            "States": {
                "Start": {"Type": "Pass", "Comment": "First step.", "Result": {"a": 1, "b": [true, null, "x"]}, "ResultPath": "$.pass", "Next": "Sleep"},
                "Sleep": {"Type": "Wait", "Seconds": 300, "Next": "Until"},
                "Until": {"Type": "Wait", "Timestamp": "2030-01-01T00:00:00Z", "Next": "FromPath"},
                "FromPath": {"Type": "Wait", "SecondsPath": "$.wait", "Next": "Stamp"},
                "Stamp": {"Type": "Wait", "InputPath": "$", "TimestampPath": "$.when", "OutputPath": null, "Next": "Done"},
                "Done": {"Type": "Succeed", "Comment": "all good"}
            }
        })
    );
    // Keys come in ASL order.
    let text = BASICS.definition();
    assert!(text.find("\"Comment\"") < text.find("\"StartAt\""));
    assert!(text.find("\"Type\":\"Pass\"") < text.find("\"Result\""));
}

workflow! {
    #[type = express]
    #[query_language = jsonpath]
    pub(crate) PATHS {
        // `$total` and `$order` below must be assigned somewhere (rule variable-unknown).
        #[assign({ "total": 1, "order": { "id": 2 } })]
        Init: Pass {} -> Shape,
        Shape: Pass {
            parameters: {
                "plain": "$.not_a_path",
                "path": $.a.b,
                "quoted": $["a b"].c,
                "index": $.items[0],
                "all": $.items[*].id,
                "deep": $..price,
                "slice": $.items[1:3],
                "filter": $.items[?(@.price < 10)],
                "ctx": $$.Execution.Id,
                "var": $total,
                "varfield": $order.id,
                "nested": { "inner": $.x, "list": [1, "two"] },
                "fmt": States.Format("Hello {} from {}", $.name, $$.State.Name),
                "nestedcall": States.JsonToString(States.Array($.a, 1, "it's", true, null)),
                "ata": "{% $states.input %}",
                "sub": "${TableName}"
            },
        } -> end,
    }
}

#[test]
fn paths_intrinsics_and_templates() {
    assert_eq!(PATHS.kind(), sfn::WorkflowKind::Express);
    assert_eq!(PATHS.substitutions(), ["TableName"]);
    assert_eq!(
        def(&PATHS)["States"]["Shape"]["Parameters"],
        json!({
            "plain": "$.not_a_path",
            "path.$": "$.a.b",
            "quoted.$": "$['a b'].c",
            "index.$": "$.items[0]",
            "all.$": "$.items[*].id",
            "deep.$": "$..price",
            "slice.$": "$.items[1:3]",
            "filter.$": "$.items[?(@.price < 10)]",
            "ctx.$": "$$.Execution.Id",
            "var.$": "$total",
            "varfield.$": "$order.id",
            "nested": {"inner.$": "$.x", "list": [1, "two"]},
            "fmt.$": "States.Format('Hello {} from {}', $.name, $$.State.Name)",
            "nestedcall.$": "States.JsonToString(States.Array($.a, 1, 'it\\'s', true, null))",
            "ata": "{% $states.input %}",
            "sub": "${TableName}"
        })
    );
    assert_eq!(def(&PATHS)["QueryLanguage"], "JSONPath");
}

workflow! {
    pub CHOICES {
        // `$count` below must be assigned somewhere (rule variable-unknown).
        #[assign({ "count": 0 })]
        Init: Pass {} -> Route,
        Route: Choice {
            $.s == "a" => Yes,
            $.s != "b" => Yes,
            $.n < 1 => Yes,
            $.n <= 2.5 => Yes,
            $.n > -3 => Yes,
            10 >= $.n => Yes,
            $.flag == true => Yes,
            $.t < timestamp("2030-01-01T00:00:00Z") => Yes,
            $.a == number($.b) => Yes,
            $.a > string($.b) => Yes,
            $.a == boolean($.b) => Yes,
            $.a <= timestamp($.b) => Yes,
            $.x == null => Yes,
            is_present($.p) && !is_null($.p) => Yes,
            is_numeric($.q) || is_string($.q) || is_boolean($.q) || is_timestamp($.q) => Yes,
            matches($.file, "*.log") => Yes,
            !($.a == 1 && ($.b == 2 || $.c == 3)) => Yes,
            #[comment = "vars"]
            #[assign({ "seen": $.s })]
            $count >= 3 => Yes,
            _ => No,
        },
        Yes: Succeed,
        No: Fail { error: "NoMatch", cause: "nothing matched" },
    }
}

#[test]
fn choice_operators_map_to_typed_asl_operators() {
    let d = def(&CHOICES);
    let route = &d["States"]["Route"];
    let rules: Vec<Value> = route["Choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let mut r = r.clone();
            assert_eq!(r["Next"], "Yes");
            r.as_object_mut().unwrap().remove("Next");
            r
        })
        .collect();
    assert_eq!(
        Value::Array(rules),
        json!([
            {"Variable": "$.s", "StringEquals": "a"},
            {"Not": {"Variable": "$.s", "StringEquals": "b"}},
            {"Variable": "$.n", "NumericLessThan": 1},
            {"Variable": "$.n", "NumericLessThanEquals": 2.5},
            {"Variable": "$.n", "NumericGreaterThan": -3},
            {"Variable": "$.n", "NumericLessThanEquals": 10},
            {"Variable": "$.flag", "BooleanEquals": true},
            {"Variable": "$.t", "TimestampLessThan": "2030-01-01T00:00:00Z"},
            {"Variable": "$.a", "NumericEqualsPath": "$.b"},
            {"Variable": "$.a", "StringGreaterThanPath": "$.b"},
            {"Variable": "$.a", "BooleanEqualsPath": "$.b"},
            {"Variable": "$.a", "TimestampLessThanEqualsPath": "$.b"},
            {"Variable": "$.x", "IsNull": true},
            {"And": [{"Variable": "$.p", "IsPresent": true}, {"Variable": "$.p", "IsNull": false}]},
            {"Or": [
                {"Variable": "$.q", "IsNumeric": true}, {"Variable": "$.q", "IsString": true},
                {"Variable": "$.q", "IsBoolean": true}, {"Variable": "$.q", "IsTimestamp": true}
            ]},
            {"Variable": "$.file", "StringMatches": "*.log"},
            {"Not": {"And": [
                {"Variable": "$.a", "NumericEquals": 1},
                {"Or": [{"Variable": "$.b", "NumericEquals": 2}, {"Variable": "$.c", "NumericEquals": 3}]}
            ]}},
            {"Comment": "vars", "Variable": "$count", "NumericGreaterThanEquals": 3, "Assign": {"seen.$": "$.s"}}
        ])
    );
    assert_eq!(route["Default"], "No");
    assert_eq!(
        d["States"]["No"],
        json!({"Type": "Fail", "Error": "NoMatch", "Cause": "nothing matched"})
    );
}

workflow! {
    pub TASKS {
        #[retry(errors = ["Lambda.TooManyRequestsException", "States.Timeout"], interval = 2s, max_attempts = 3, backoff_rate = 2.0, max_delay = 30s, jitter = full)]
        #[retry(errors = ["States.ALL"], comment = "last resort")]
        #[catch(errors = ["States.ALL"], result_path = $.error, next = Failed)]
        #[assign({ "attempt": 1 })]
        Call: Task {
            resource: "arn:aws:states:::lambda:invoke",
            parameters: { "FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:f", "Payload.$": "$" },
            result_selector: { "body": $.Payload },
            result_path: $.result,
            timeout: 30s,
            heartbeat: $.beat,
            credentials: { "RoleArn": "arn:aws:iam::123456789012:role/r" },
        } -> Wait4,
        Wait4: Activity { arn: "arn:aws:states:us-east-1:123456789012:activity:a", timeout: 1h, heartbeat: 60 } -> end,
        Failed: Fail { error: $.error.Error, cause: States.Format("failed: {}", $.error.Cause) },
    }
}

#[test]
fn tasks_retry_catch_assign() {
    let d = def(&TASKS);
    assert_eq!(
        d["States"]["Call"],
        json!({
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:f", "Payload.$": "$"},
            "Credentials": {"RoleArn": "arn:aws:iam::123456789012:role/r"},
            "ResultSelector": {"body.$": "$.Payload"},
            "ResultPath": "$.result",
            "Assign": {"attempt": 1},
            "TimeoutSeconds": 30,
            "HeartbeatSecondsPath": "$.beat",
            "Retry": [
                {"ErrorEquals": ["Lambda.TooManyRequestsException", "States.Timeout"], "IntervalSeconds": 2, "MaxAttempts": 3,
                 "BackoffRate": 2.0, "MaxDelaySeconds": 30, "JitterStrategy": "FULL"},
                {"ErrorEquals": ["States.ALL"], "Comment": "last resort"}
            ],
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed", "ResultPath": "$.error"}],
            "Next": "Wait4"
        })
    );
    assert_eq!(
        d["States"]["Wait4"],
        json!({"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:a", "TimeoutSeconds": 3600, "HeartbeatSeconds": 60, "End": true})
    );
    assert_eq!(
        d["States"]["Failed"],
        json!({"Type": "Fail", "ErrorPath": "$.error.Error", "CausePath": "States.Format('failed: {}', $.error.Cause)"})
    );
}

workflow! {
    pub NESTED {
        Fan: Parallel {
            branches: [
                { A: Pass {} -> end },
                {
                    #[start]
                    B2: Wait { seconds: 1 } -> B3,
                    B1: Pass {} -> end,
                    B3: Pass {} -> B1,
                },
            ],
            result_path: $.fan,
        } -> Each,
        Each: Map {
            items: $.list,
            item_selector: { "item": $$.Map.Item.Value, "index": $$.Map.Item.Index },
            max_concurrency: 5,
            processor: {
                Work: Pass {} -> end,
            },
        } -> Big,
        Big: Map {
            mode: distributed,
            execution_type: express,
            label: "big",
            item_reader: { "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": { "InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW" }, "Parameters": { "Bucket": "b", "Key": $.key } },
            item_batcher: { "MaxItemsPerBatch": 10 },
            result_writer: { "Resource": "arn:aws:states:::s3:putObject", "Parameters": { "Bucket": "out", "Prefix": "p" } },
            tolerated_failure_percentage: 5,
            tolerated_failure_count: $.maxFailures,
            max_concurrency: $.conc,
            processor: { Item: Pass {} -> end },
        } -> end,
    }
}

#[test]
fn parallel_and_map() {
    let d = def(&NESTED);
    assert_eq!(
        d["States"]["Fan"],
        json!({
            "Type": "Parallel",
            "Branches": [
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
                {"StartAt": "B2", "States": {
                    "B2": {"Type": "Wait", "Seconds": 1, "Next": "B3"},
                    "B1": {"Type": "Pass", "End": true},
                    "B3": {"Type": "Pass", "Next": "B1"}
                }}
            ],
            "ResultPath": "$.fan",
            "Next": "Each"
        })
    );
    assert_eq!(
        d["States"]["Each"],
        json!({
            "Type": "Map",
            "ItemProcessor": {"StartAt": "Work", "States": {"Work": {"Type": "Pass", "End": true}}},
            "ItemsPath": "$.list",
            "ItemSelector": {"item.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"},
            "MaxConcurrency": 5,
            "Next": "Big"
        })
    );
    assert_eq!(
        d["States"]["Big"],
        json!({
            "Type": "Map",
            "ItemProcessor": {
                "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                "StartAt": "Item", "States": {"Item": {"Type": "Pass", "End": true}}
            },
            "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"}, "Parameters": {"Bucket": "b", "Key.$": "$.key"}},
            "ItemBatcher": {"MaxItemsPerBatch": 10},
            "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out", "Prefix": "p"}},
            "MaxConcurrencyPath": "$.conc",
            "ToleratedFailurePercentage": 5,
            "ToleratedFailureCountPath": "$.maxFailures",
            "Label": "big",
            "End": true
        })
    );
    // ProcessorConfig comes before StartAt.
    let text = NESTED.definition();
    assert!(text.find("ProcessorConfig") < text.find("\"StartAt\":\"Item\""));
}

workflow! {
    #[query_language = jsonata]
    pub ATA {
        // `$timeout` below must be assigned somewhere (rule jsonata-variable-unknown).
        #[assign({ "timeout": 30 })]
        Compute: Pass {
            output: { "total": "{% $sum($states.input.items.price) %}" },
        } -> Check,
        Check: Choice {
            #[output({ "big": true })]
            "{% $states.input.total > 100 %}" => Call,
            _ => Call,
        },
        #[assign({ "result": "{% $states.result %}" })]
        Call: Task {
            resource: "arn:aws:states:::lambda:invoke",
            arguments: { "FunctionName": "f", "Payload": "{% $states.input %}" },
            timeout: "{% $timeout %}",
        } -> Loop,
        Loop: Map {
            items: [1, 2, 3],
            processor: { Step: Pass {} -> end },
        } -> end,
    }
}

workflow! {
    pub MIXED {
        Old: Pass { result_path: $.old } -> New,
        #[query_language = jsonata]
        New: Pass { output: "{% $states.input.old %}" } -> end,
    }
}

#[test]
fn jsonata_states() {
    let d = def(&ATA);
    assert_eq!(d["QueryLanguage"], "JSONata");
    assert_eq!(
        d["States"]["Compute"]["Output"],
        json!({"total": "{% $sum($states.input.items.price) %}"})
    );
    assert_eq!(
        d["States"]["Check"]["Choices"],
        json!([{"Condition": "{% $states.input.total > 100 %}", "Output": {"big": true}, "Next": "Call"}])
    );
    assert_eq!(
        d["States"]["Call"],
        json!({
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Arguments": {"FunctionName": "f", "Payload": "{% $states.input %}"},
            "Assign": {"result": "{% $states.result %}"},
            "TimeoutSeconds": "{% $timeout %}",
            "Next": "Loop"
        })
    );
    assert_eq!(d["States"]["Loop"]["Items"], json!([1, 2, 3]));
    let mixed = def(&MIXED);
    assert_eq!(
        mixed["States"]["New"],
        json!({"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $states.input.old %}", "End": true})
    );
}

#[test]
fn the_policy_is_a_policy_document() {
    let policy: Value = serde_json::from_str(BASICS.policy()).unwrap();
    assert_eq!(policy["Version"], "2012-10-17");
    assert!(policy["Statement"].is_array());
}

workflow! {
    pub NAMES {
        "Charge card": Pass {} -> "Check result",
        #[catch(errors = ["States.ALL"], next = "end")]
        "Check result": Parallel { branches: [{ r#type: Pass {} -> end }] } -> "end",
        "end": Succeed,
    }
}

#[test]
fn state_names_that_are_not_identifiers_are_strings() {
    let d = def(&NAMES);
    assert_eq!(d["StartAt"], "Charge card");
    assert_eq!(d["States"]["Charge card"]["Next"], "Check result");
    assert_eq!(d["States"]["Check result"]["Next"], "end");
    assert_eq!(d["States"]["Check result"]["Catch"][0]["Next"], "end");
    assert_eq!(
        d["States"]["Check result"]["Branches"][0]["StartAt"],
        "type"
    );
    assert_eq!(d["States"]["end"]["Type"], "Succeed");
}

#[test]
fn every_expanded_definition_passes_the_rule_set() {
    for workflow in [
        BASICS, PATHS, CHOICES, TASKS, NESTED, ATA, MIXED, NAMES, OPTIONS,
    ] {
        let diagnostics = sfn::runtime::validate::validate_value(&workflow.to_value());
        assert!(
            diagnostics.is_empty(),
            "{}: {diagnostics:?}",
            workflow.name()
        );
        // And it reads back into the typed model.
        assert!(
            sfn::runtime::asl::StateMachine::from_json(workflow.definition()).is_ok(),
            "{}",
            workflow.name()
        );
    }
}

workflow! {
    pub OPTIONS {
        #[retry(errors = ["A"], max_delay = 1h, jitter = none)]
        #[catch(errors = ["B"], next = Caught, assign = { "why": $.Cause }, comment = "b")]
        Fan: Parallel {
            branches: [{ One: Succeed { output_path: $.x } }],
            parameters: { "in": $.in },
            result_selector: { "first": $[0] },
            output_path: $.first,
        } -> Each,
        Each: Map {
            mode: inline,
            items: $.list,
            max_concurrency: 0,
            processor: { Two: Wait { seconds: 0, output_path: $ } -> end },
        } -> Caught,
        Caught: Succeed { input_path: $.a, output_path: $.b },
    }
}

#[test]
fn more_options() {
    let d = def(&OPTIONS);
    assert_eq!(
        d["States"]["Fan"],
        json!({
            "Type": "Parallel",
            "Branches": [{"StartAt": "One", "States": {"One": {"Type": "Succeed", "OutputPath": "$.x"}}}],
            "Parameters": {"in.$": "$.in"},
            "ResultSelector": {"first.$": "$[0]"},
            "OutputPath": "$.first",
            "Retry": [{"ErrorEquals": ["A"], "MaxDelaySeconds": 3600, "JitterStrategy": "NONE"}],
            "Catch": [{"ErrorEquals": ["B"], "Next": "Caught", "Assign": {"why.$": "$.Cause"}, "Comment": "b"}],
            "Next": "Each"
        })
    );
    assert_eq!(
        d["States"]["Each"],
        json!({
            "Type": "Map",
            "ItemProcessor": {
                "ProcessorConfig": {"Mode": "INLINE"},
                "StartAt": "Two",
                "States": {"Two": {"Type": "Wait", "Seconds": 0, "OutputPath": "$", "End": true}}
            },
            "ItemsPath": "$.list",
            "MaxConcurrency": 0,
            "Next": "Caught"
        })
    );
    assert_eq!(
        d["States"]["Caught"],
        json!({"Type": "Succeed", "InputPath": "$.a", "OutputPath": "$.b"})
    );
}

workflow! {
    STRING_NAMES_IN_BLOCKS {
        "Fan out": Parallel {
            branches: [
                { "First step": Pass {} -> "Second step", "Second step": Succeed },
                { Only: Pass {} -> end },
            ],
        } -> "Each item",
        "Each item": Map {
            items: $.items,
            processor: { "Handle item": Pass {} -> end },
        } -> end,
    }
}

#[test]
fn nested_blocks_may_start_with_a_string_named_state() {
    let definition = def(&STRING_NAMES_IN_BLOCKS);
    assert_eq!(definition["StartAt"], "Fan out");
    let branch = &definition["States"]["Fan out"]["Branches"][0];
    assert_eq!(branch["StartAt"], "First step");
    assert_eq!(branch["States"]["First step"]["Next"], "Second step");
    let processor = &definition["States"]["Each item"]["ItemProcessor"];
    assert_eq!(
        processor,
        &json!({"StartAt": "Handle item", "States": {"Handle item": {"Type": "Pass", "End": true}}})
    );
}
