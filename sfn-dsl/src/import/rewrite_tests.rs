//! Older forms written in their modern equivalent: the source has the modern form, each
//! rewrite is a note at the input's pointer, and the source lowers to exactly the input with
//! the same rewrites applied.

use serde_json::{Value as Json, json};

use super::{Note, import, verify};

/// Imports `definition`, lowers the source independently of the importer's own check and
/// compares it with `expected` (the hand-normalised input); the source and the note pointers.
fn rewritten(definition: &Json, expected: &Json) -> (String, Vec<String>) {
    let imported = import(definition, "FLOW").unwrap_or_else(|e| panic!("imports: {e}"));
    let source = &imported.source;
    let start = source.find('{').map_or(0, |i| i + 1);
    let end = source.rfind('}').unwrap_or(source.len());
    let lowered =
        verify::lower_source(&source[start..end]).unwrap_or_else(|e| panic!("{e:?}\n{source}"));
    assert_eq!(&lowered, expected, "\n{source}");
    assert_eq!(&imported.definition, expected);
    assert_ne!(definition, expected, "the case has something to rewrite");
    for note in &imported.notes {
        assert!(
            definition.pointer(&note.pointer).is_some(),
            "{note} points into the input"
        );
        assert!(note.message.ends_with("same meaning"), "{note}");
    }
    let pointers = imported.notes.iter().map(|n| n.pointer.clone()).collect();
    (imported.source, pointers)
}

fn choice(rule: Json) -> Json {
    json!({ "StartAt": "C", "States": {
        "C": { "Type": "Choice", "Choices": [rule], "Default": "T" },
        "T": { "Type": "Succeed" }
    } })
}

#[test]
fn legacy_map_iterator_and_parameters_are_processor_and_item_selector() {
    let legacy = json!({ "StartAt": "M", "States": { "M": {
        "Type": "Map",
        "ItemsPath": "$.items",
        "Parameters": { "index.$": "$$.Map.Item.Index", "value.$": "$$.Map.Item.Value" },
        "Iterator": { "StartAt": "A", "States": {
            "A": { "Type": "Pass", "InputPath": "$.a[ 0 ]", "End": true }
        } },
        "End": true
    } } });
    let modern = json!({ "StartAt": "M", "States": { "M": {
        "Type": "Map",
        "ItemsPath": "$.items",
        "ItemSelector": { "index.$": "$$.Map.Item.Index", "value.$": "$$.Map.Item.Value" },
        "ItemProcessor": { "StartAt": "A", "States": {
            "A": { "Type": "Pass", "InputPath": "$.a[0]", "End": true }
        } },
        "End": true
    } } });
    let (source, notes) = rewritten(&legacy, &modern);
    assert!(source.contains("processor: {"), "{source}");
    assert!(source.contains("\"index\": $$.Map.Item.Index"), "{source}");
    assert!(source.contains("item_selector: {"), "{source}");
    assert!(source.contains("input_path: $.a[0]"), "{source}");
    assert_eq!(
        notes,
        [
            "/States/M/Parameters",
            "/States/M/Iterator",
            "/States/M/Iterator/States/A/InputPath"
        ]
    );
}

#[test]
fn not_around_a_true_test_is_the_false_test() {
    for (test, word) in [
        ("IsPresent", "is_present"),
        ("IsNull", "is_null"),
        ("IsTimestamp", "is_timestamp"),
    ] {
        let legacy = choice(json!({ "Not": { "Variable": "$.x", test: true }, "Next": "T" }));
        let modern = choice(json!({ "Variable": "$.x", test: false, "Next": "T" }));
        let (source, notes) = rewritten(&legacy, &modern);
        assert!(source.contains(&format!("!{word}($.x) => T,")), "{source}");
        assert_eq!(notes, ["/States/C/Choices/0/Not"]);
    }
    // Nested, and with a respaced variable inside.
    let legacy = choice(json!({ "Or": [
        { "Not": { "Variable": "$[ 0]", "IsString": true } },
        { "Variable": "$.n", "NumericEquals": 1 }
    ], "Next": "T" }));
    let modern = choice(json!({ "Or": [
        { "Variable": "$[0]", "IsString": false },
        { "Variable": "$.n", "NumericEquals": 1 }
    ], "Next": "T" }));
    let (source, notes) = rewritten(&legacy, &modern);
    assert!(
        source.contains("!is_string($[0]) || $.n == 1 => T,"),
        "{source}"
    );
    assert_eq!(
        notes,
        [
            "/States/C/Choices/0/Or/0/Not",
            "/States/C/Choices/0/Or/0/Not/Variable"
        ]
    );
}

#[test]
fn and_or_of_one_rule_is_that_rule() {
    let legacy = choice(
        json!({ "And": [{ "Variable": "$.x", "IsPresent": true }], "Comment": "one", "Next": "T" }),
    );
    let modern =
        choice(json!({ "Variable": "$.x", "IsPresent": true, "Comment": "one", "Next": "T" }));
    let (source, notes) = rewritten(&legacy, &modern);
    assert!(source.contains("#[comment = \"one\"]\n"), "{source}");
    assert!(source.contains("is_present($.x) => T,"), "{source}");
    assert_eq!(notes, ["/States/C/Choices/0/And"]);

    // Nested singletons collapse one by one, keeping the rest of the tree.
    let legacy = choice(json!({ "Or": [
        { "And": [{ "Or": [{ "Variable": "$.a", "StringEquals": "x" }] }] },
        { "Not": { "Variable": "$.b", "BooleanEquals": true } }
    ], "Next": "T" }));
    let modern = choice(json!({ "Or": [
        { "Variable": "$.a", "StringEquals": "x" },
        { "Not": { "Variable": "$.b", "BooleanEquals": true } }
    ], "Next": "T" }));
    let (source, notes) = rewritten(&legacy, &modern);
    assert!(
        source.contains("$.a == \"x\" || $.b != true => T,"),
        "{source}"
    );
    assert_eq!(
        notes,
        [
            "/States/C/Choices/0/Or/0/And",
            "/States/C/Choices/0/Or/0/And/0/Or"
        ]
    );
}

#[test]
fn paths_spaced_differently_are_written_in_the_dsl_spacing() {
    let legacy = json!({ "StartAt": "W", "States": {
        "W": { "Type": "Wait", "SecondsPath": "$.a[0, 1]", "InputPath": "$[?(@.a<1)]", "Next": "C" },
        "C": { "Type": "Choice", "Choices": [
            { "Variable": "$.a[ 0 ]", "NumericLessThanPath": "$.b[ 1 ]", "Next": "F" }
        ], "Default": "F" },
        "F": { "Type": "Fail", "ErrorPath": "States.Format('{}',$.x)", "CausePath": "$.c" }
    } });
    let modern = json!({ "StartAt": "W", "States": {
        "W": { "Type": "Wait", "SecondsPath": "$.a[0,1]", "InputPath": "$[?(@.a < 1)]", "Next": "C" },
        "C": { "Type": "Choice", "Choices": [
            { "Variable": "$.a[0]", "NumericLessThanPath": "$.b[1]", "Next": "F" }
        ], "Default": "F" },
        "F": { "Type": "Fail", "ErrorPath": "States.Format('{}', $.x)", "CausePath": "$.c" }
    } });
    let (source, notes) = rewritten(&legacy, &modern);
    for expected in [
        "seconds: $.a[0,1]",
        "input_path: $[?(@.a < 1)]",
        "$.a[0] < number($.b[1]) => F,",
        "error: States.Format(\"{}\", $.x)",
    ] {
        assert!(
            source.contains(expected),
            "missing `{expected}` in\n{source}"
        );
    }
    assert_eq!(
        notes,
        [
            "/States/W/SecondsPath",
            "/States/W/InputPath",
            "/States/C/Choices/0/Variable",
            "/States/C/Choices/0/NumericLessThanPath",
            "/States/F/ErrorPath"
        ]
    );
}

#[test]
fn notes_name_the_old_and_the_new_form() {
    let legacy = json!({ "StartAt": "M", "States": { "M": {
        "Type": "Map",
        "Iterator": { "StartAt": "A", "States": { "A": { "Type": "Succeed" } } },
        "ResultPath": "$.a[ 0 ]",
        "End": true
    } } });
    let imported = import(&legacy, "FLOW").expect("imports");
    let notes: Vec<String> = imported.notes.iter().map(Note::to_string).collect();
    assert_eq!(
        notes,
        [
            "/States/M/Iterator: note: Iterator written as processor (ItemProcessor), same meaning",
            "/States/M/ResultPath: note: `$.a[ 0 ]` written as `$.a[0]` (spacing only), same meaning"
        ]
    );
}

#[test]
fn what_has_no_equivalent_is_still_refused_at_the_input_pointer() {
    let cases = [
        // Unreachable inside a legacy Iterator: the pointer is the input's.
        (
            json!({ "StartAt": "M", "States": { "M": { "Type": "Map", "Iterator": { "StartAt": "A", "States": {
                "A": { "Type": "Succeed" }, "B": { "Type": "Succeed" }
            } }, "End": true } } }),
            "/States/M/Iterator/States/B",
        ),
        (
            json!({ "StartAt": "M", "States": { "M": { "Type": "Map",
                "Iterator": { "StartAt": "A", "States": { "A": { "Type": "Succeed" } } },
                "ItemProcessor": { "StartAt": "A", "States": { "A": { "Type": "Succeed" } } },
                "End": true } } }),
            "/States/M/Iterator",
        ),
        (
            choice(json!({ "And": [], "Next": "T" })),
            "/States/C/Choices/0/And",
        ),
        (
            choice(
                json!({ "Or": [{ "Variable": "$.x", "IsNull": true, "Next": "T" }], "Next": "T" }),
            ),
            "/States/C/Choices/0/Or",
        ),
        (
            choice(json!({ "And": [{ "Variable": "$.a-b", "IsNull": true }], "Next": "T" })),
            "/States/C/Choices/0/And/0/Variable",
        ),
        (
            json!({ "StartAt": "M", "States": { "M": { "Type": "Map", "Iterator": { "StartAt": "A", "States": {
                "A": { "Type": "Pass", "InputPath": "$$.Map.Item.Value", "End": true }
            } }, "End": true } } }),
            "/States/M/Iterator/States/A/InputPath",
        ),
    ];
    for (definition, pointer) in cases {
        match import(&definition, "FLOW") {
            Ok(imported) => panic!("expected an error, got\n{}", imported.source),
            Err(e) => assert_eq!(e.pointer, pointer, "{e}"),
        }
    }
}
