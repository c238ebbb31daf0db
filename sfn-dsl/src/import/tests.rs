//! The importer on hand-made definitions: idiomatic output for what the DSL can write, an
//! error at the right pointer for what it cannot, no panic on any JSON.

use proptest::prelude::*;
use serde_json::{Value as Json, json};

use super::{ImportError, import as import_notes, to_source, verify};

/// Imports, then lowers the source independently of the importer's own check.
fn import(definition: &Json) -> String {
    let source = to_source(definition, "FLOW").unwrap_or_else(|e| panic!("imports: {e}"));
    let start = source.find('{').map_or(0, |i| i + 1);
    let end = source.rfind('}').unwrap_or(source.len());
    let lowered =
        verify::lower_source(&source[start..end]).unwrap_or_else(|e| panic!("{e:?}\n{source}"));
    assert_eq!(&lowered, definition, "\n{source}");
    source
}

fn error(definition: &Json) -> ImportError {
    match to_source(definition, "FLOW") {
        Ok(source) => panic!("expected an error, got\n{source}"),
        Err(e) => e,
    }
}

#[test]
fn writes_idiomatic_dsl() {
    let definition = json!({
        "Comment": "Orders",
        "StartAt": "Route",
        "States": {
            "Charge card": {
                "Type": "Task",
                "Comment": "Charges.\nTwice.",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": { "FunctionName": "charge", "Payload.$": "$['order id']", "Msg.$": "States.Format('{} items', $.n)" },
                "TimeoutSeconds": 300,
                "Retry": [{ "ErrorEquals": ["States.Timeout"], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2.0 }],
                "Catch": [{ "ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "end" }],
                "Next": "Wait"
            },
            "Route": {
                "Type": "Choice",
                "Choices": [
                    { "And": [
                        { "Variable": "$.a", "NumericGreaterThan": 10 },
                        { "Variable": "$.b", "IsPresent": true },
                        { "Or": [{ "Variable": "$.c", "BooleanEquals": true }, { "Not": { "Variable": "$.d", "StringEquals": "x" } }] }
                      ], "Next": "Charge card" },
                    { "And": [{ "And": [{ "Variable": "$.a", "IsNull": false }, { "Variable": "$.t", "TimestampLessThan": "2030-01-01T00:00:00Z" }] }, { "Variable": "$.a", "NumericEqualsPath": "$.b" }], "Next": "end" },
                    { "Not": { "Variable": "$.n", "NumericLessThan": 0 }, "Comment": "positive", "Next": "end" }
                ],
                "Default": "end"
            },
            "Wait": { "Type": "Wait", "SecondsPath": "$.delay", "Next": "Fan" },
            "Fan": {
                "Type": "Map",
                "ItemsPath": "$.items",
                "ItemSelector": { "index.$": "$$.Map.Item.Index" },
                "ItemProcessor": {
                    "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS" },
                    "StartAt": "Each item",
                    "States": { "Each item": { "Type": "Pass", "End": true } }
                },
                "MaxConcurrency": 5,
                "End": true
            },
            "end": { "Type": "Fail", "Error": "Failed", "CausePath": "$.error.Cause" }
        }
    });
    let source = import(&definition);
    for expected in [
        "/// Orders",
        "#[start]\n        Route: Choice {",
        "/// Charges.\n        /// Twice.",
        "\"Charge card\": Task {",
        "timeout: 5min,",
        "#[retry(errors = [\"States.Timeout\"], interval = 2s, max_attempts = 3, backoff_rate = 2.0)]",
        "#[catch(errors = [\"States.ALL\"], next = \"end\", result_path = $.error)]",
        "\"Payload\": $[\"order id\"]",
        "\"Msg\": States.Format(\"{} items\", $.n)",
        "$.a > 10 && is_present($.b) && ($.c == true || $.d != \"x\") => \"Charge card\",",
        "(!is_null($.a) && $.t < timestamp(\"2030-01-01T00:00:00Z\")) && $.a == number($.b) => \"end\",",
        "#[comment = \"positive\"]",
        "!($.n < 0) => \"end\",",
        "_ => \"end\",",
        "seconds: $.delay",
        "mode: distributed,",
        "\"index\": $$.Map.Item.Index",
        "cause: $.error.Cause",
    ] {
        assert!(
            source.contains(expected),
            "missing `{expected}` in\n{source}"
        );
    }
}

#[test]
fn writes_jsonata_and_odd_names() {
    let definition = json!({
        "QueryLanguage": "JSONata",
        "StartAt": "P",
        "States": {
            "P": {
                "Type": "Parallel",
                "Comment": " padded ",
                "Branches": [{ "StartAt": "first one", "States": {
                    "first one": { "Type": "Choice", "Choices": [{ "Condition": "{% $states.input.n > 1 %}", "Next": "second" }], "Default": "second" },
                    "second": { "Type": "Succeed" }
                } }, { "StartAt": "b", "States": { "a b": { "Type": "Succeed" }, "b": { "Type": "Pass", "Next": "a b" } } }],
                "Assign": { "total": "{% $states.result %}" },
                "Output": "{% $states.result[0] %}",
                "Next": "type"
            },
            "type": { "Type": "Pass", "QueryLanguage": "JSONPath", "Result": { "k.$": "$.not.evaluated" }, "ResultPath": null, "End": true }
        }
    });
    let source = import(&definition);
    for expected in [
        "#[query_language = jsonata]",
        "#[comment = \" padded \"]",
        // A nested block may start with a string-named state (document order is kept).
        "{\n                    \"first one\": Choice",
        "\"{% $states.input.n > 1 %}\" => second,",
        "\"a b\": Succeed,\n\n                    #[start]\n                    b: Pass -> \"a b\",",
        "#[assign({ \"total\": \"{% $states.result %}\" })]",
        "-> \"type\",",
        "\"k.$\": \"$.not.evaluated\"",
        "result_path: null",
    ] {
        assert!(
            source.contains(expected),
            "missing `{expected}` in\n{source}"
        );
    }
}

fn machine(states: Json) -> Json {
    json!({ "StartAt": "S", "States": states })
}

#[test]
fn what_the_dsl_cannot_write_is_an_error_at_its_pointer() {
    let cases = [
        (
            machine(json!({ "S": { "Type": "Succeed" }, "Orphan": { "Type": "Succeed" } })),
            "/States/Orphan",
        ),
        (
            machine(json!({ "S": { "Type": "Task", "Resource": "r", "Retry": [], "End": true } })),
            "/States/S/Retry",
        ),
        (
            machine(
                json!({ "S": { "Type": "Map", "ItemProcessor": { "StartAt": "A", "States": { "A": { "Type": "Pass", "Parameters": { "v.$": "$$.Map.Item.Value" }, "End": true } } }, "End": true } }),
            ),
            "/States/S/ItemProcessor/States/A/Parameters/v.$",
        ),
        (
            machine(json!({ "S": { "Type": "Pass", "Frobnicate": 1, "End": true } })),
            "/States/S/Frobnicate",
        ),
        (json!([1, 2]), ""),
    ];
    for (definition, pointer) in cases {
        assert_eq!(error(&definition).pointer, pointer, "{definition}");
    }
    assert_eq!(
        to_source(
            &machine(json!({ "S": { "Type": "Succeed" } })),
            "not a name"
        )
        .map_err(|e| e.pointer),
        Err(String::new())
    );
}

fn any_json() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::from),
        any::<i64>().prop_map(Json::from),
        prop_oneof![
            Just("$.x".to_owned()),
            Just("Pass".to_owned()),
            Just("S".to_owned()),
            Just("States.Format('{}', $.a)".to_owned()),
            "[ -~]{0,6}",
        ]
        .prop_map(Json::String),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Json::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("Type".to_owned()),
                        Just("StartAt".to_owned()),
                        Just("States".to_owned()),
                        Just("Next".to_owned()),
                        Just("End".to_owned()),
                        Just("Choices".to_owned()),
                        Just("S".to_owned()),
                        "[a-zA-Z.$]{1,5}",
                    ],
                    inner
                ),
                0..4
            )
            .prop_map(|entries| Json::Object(entries.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn never_panics_and_output_round_trips(definition in any_json()) {
        if let Ok(imported) = import_notes(&definition, "FLOW") {
            let source = &imported.source;
            let start = source.find('{').map_or(0, |i| i + 1);
            let end = source.rfind('}').unwrap_or(source.len());
            // Exactly the input, or the input after the noted rewrites.
            prop_assert_eq!(imported.notes.is_empty(), imported.definition == definition);
            prop_assert_eq!(verify::lower_source(&source[start..end]).ok(), Some(imported.definition));
        }
    }
}
