//! The shape of what the validator reports: pointers, order, hints, offsets, JSON errors,
//! and no panic on any input.

use proptest::prelude::*;
use serde_json::{Value, json};
use sfn_runtime::validate::{validate_str, validate_value};

#[test]
fn pointers_escape_slash_and_tilde() {
    let def = json!({
        "StartAt": "a/b~c",
        "States": { "a/b~c": { "Type": "Pass", "Next": "missing" } }
    });
    let diags = validate_value(&def);
    let d = diags
        .iter()
        .find(|d| d.code == "next-unknown-state")
        .unwrap();
    assert_eq!(d.pointer, "/States/a~1b~0c/Next");
}

#[test]
fn every_problem_is_reported_in_document_order() {
    let def = json!({
        "StartAt": "A",
        "Bogus": 1,
        "States": {
            "A": { "Type": "Pass", "Next": "Nowhere", "Comment": 3 },
            "B": { "Type": "Wait", "End": true },
            "C": { "Type": "Task", "End": true }
        }
    });
    let got: Vec<(String, &str)> = validate_value(&def)
        .into_iter()
        .map(|d| (d.pointer, d.code))
        .collect();
    let want = [
        ("/Bogus", "unknown-field"),
        ("/States/A/Next", "next-unknown-state"),
        ("/States/A/Comment", "wrong-type"),
        ("/States/B", "missing-one-of"),
        ("/States/B", "unreachable-state"),
        ("/States/C", "missing-field"),
        ("/States/C", "unreachable-state"),
    ];
    let want: Vec<(String, &str)> = want.iter().map(|(p, c)| (p.to_string(), *c)).collect();
    assert_eq!(got, want);
}

#[test]
fn unknown_state_names_get_a_did_you_mean() {
    let def = json!({
        "StartAt": "Start",
        "States": {
            "Start": { "Type": "Pass", "Next": "ProcesOrder" },
            "ProcessOrder": { "Type": "Succeed" }
        }
    });
    let diags = validate_value(&def);
    let d = diags
        .iter()
        .find(|d| d.code == "next-unknown-state")
        .unwrap();
    assert_eq!(d.hint.as_deref(), Some("did you mean `ProcessOrder`?"));
}

#[test]
fn misspelled_fields_get_a_did_you_mean() {
    let def = json!({
        "StartAt": "T",
        "States": { "T": {
            "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
            "Retry": [{ "ErrorEqual": ["States.ALL"] }]
        } }
    });
    let diags = validate_value(&def);
    let d = diags.iter().find(|d| d.code == "unknown-field").unwrap();
    assert_eq!(d.pointer, "/States/T/Retry/0/ErrorEqual");
    assert_eq!(d.hint.as_deref(), Some("did you mean `ErrorEquals`?"));
}

#[test]
fn path_errors_carry_the_byte_offset() {
    let def = json!({
        "StartAt": "P",
        "States": { "P": { "Type": "Pass", "InputPath": "$.a..", "End": true } }
    });
    let diags = validate_value(&def);
    let d = diags.iter().find(|d| d.code == "path-syntax").unwrap();
    assert_eq!(d.pointer, "/States/P/InputPath");
    let offset = d.offset.unwrap();
    assert!((3..=5).contains(&offset), "offset {offset}");
}

#[test]
fn jsonata_errors_point_into_the_string() {
    let def = json!({
        "QueryLanguage": "JSONata",
        "StartAt": "P",
        "States": { "P": { "Type": "Pass", "Output": "{% ( %}", "End": true } }
    });
    let diags = validate_value(&def);
    let d = diags.iter().find(|d| d.code == "jsonata-syntax").unwrap();
    assert_eq!(d.pointer, "/States/P/Output");
    assert!(d.offset.is_some());
}

#[test]
fn jsonata_strings_in_jsonpath_states_are_literals() {
    let def = json!({
        "StartAt": "P",
        "States": { "P": { "Type": "Pass", "Result": "{% ( %}", "End": true } }
    });
    assert!(validate_value(&def).is_empty());
}

#[test]
fn not_json_reports_line_and_column() {
    let err = validate_str("{\n  \"StartAt\": \"A\",\n  \"States\": {,}\n}").unwrap_err();
    assert_eq!((err.line, err.column), (3, 14));
    assert!(!err.message.is_empty());
}

#[test]
fn non_object_documents_and_states_are_reported_not_panicked_on() {
    for def in [
        json!(null),
        json!("x"),
        json!([]),
        json!({"StartAt": 1, "States": []}),
    ] {
        assert!(!validate_value(&def).is_empty(), "{def}");
    }
    let diags = validate_value(&json!({"StartAt": "A", "States": {"A": 5}}));
    assert!(
        diags
            .iter()
            .any(|d| d.code == "wrong-type" && d.pointer == "/States/A")
    );
}

/// JSON values built from ASL's own vocabulary, so that generated documents reach deep
/// into the rules instead of stopping at the first unknown key.
fn asl_value() -> impl Strategy<Value = Value> {
    let keys = prop::sample::select(vec![
        "StartAt",
        "States",
        "Type",
        "Next",
        "End",
        "Pass",
        "Task",
        "Choice",
        "Map",
        "Parallel",
        "Choices",
        "Variable",
        "StringEquals",
        "And",
        "Not",
        "Branches",
        "ItemProcessor",
        "Retry",
        "Catch",
        "ErrorEquals",
        "ResultPath",
        "Parameters",
        "a.$",
        "Assign",
        "QueryLanguage",
        "JSONata",
        "Output",
        "Seconds",
        "Timestamp",
        "Default",
        "Resource",
        "Label",
        "A",
        "B",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        prop::sample::select(vec![
            "A",
            "B",
            "Pass",
            "Task",
            "Choice",
            "Map",
            "Parallel",
            "Succeed",
            "$.x",
            "$$.Map",
            "$v",
            "States.Format('{}', $.a)",
            "States.ALL",
            "{% $states.input %}",
            "{% ( %}",
            "JSONata",
            "JSONPath",
            "2016-03-14T01:59:00Z",
            "$[",
            "",
        ])
        .prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(6, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((keys.clone(), inner), 0..6).prop_map(|kv| Value::Object(
                kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
            )),
        ]
    })
}

proptest! {
    #[test]
    fn never_panics_and_pointers_resolve(def in asl_value()) {
        for d in validate_value(&def) {
            // A pointer names the value it blames, or the object lacking a field.
            prop_assert!(def.pointer(&d.pointer).is_some(), "{} does not resolve in {}", d.pointer, def);
        }
    }

    #[test]
    fn never_panics_on_text(text in "\\PC{0,200}") {
        let _ = validate_str(&text);
    }
}

#[test]
fn a_state_written_twice_is_reported_at_its_name() {
    let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}, "A": {"Type": "Succeed"}}}"#;
    let diags = validate_str(text).unwrap();
    let d = diags.iter().find(|d| d.code == "duplicate-key").unwrap();
    assert_eq!(d.pointer, "/States/A");
    assert!(d.message.contains("state `A`"), "{}", d.message);
}

#[test]
fn jsonata_errors_are_located_at_the_offending_character() {
    let def = json!({
        "QueryLanguage": "JSONata",
        "StartAt": "P",
        "States": { "P": { "Type": "Pass", "Output": "{% $states.input.a ] + 1 %}", "End": true } }
    });
    let diags = validate_value(&def);
    let d = diags.iter().find(|d| d.code == "jsonata-syntax").unwrap();
    assert_eq!(d.offset, Some(19), "{d}");
    assert_eq!(&"{% $states.input.a ] + 1 %}"[19..20], "]");
}

#[test]
fn distributed_map_children_cannot_read_parent_variables() {
    let def = |mode: &str| {
        json!({
            "StartAt": "Set",
            "States": {
                "Set": { "Type": "Pass", "Assign": { "limit": 5 }, "Next": "M" },
                "M": {
                    "Type": "Map",
                    "ItemProcessor": {
                        "ProcessorConfig": { "Mode": mode, "ExecutionType": "STANDARD" },
                        "StartAt": "Use",
                        "States": { "Use": { "Type": "Pass", "Parameters": { "l.$": "$limit" }, "End": true } }
                    },
                    "End": true
                }
            }
        })
    };
    let distributed = validate_value(&def("DISTRIBUTED"));
    let d = distributed
        .iter()
        .find(|d| d.code == "variable-unknown")
        .unwrap();
    assert_eq!(
        d.pointer,
        "/States/M/ItemProcessor/States/Use/Parameters/l.$"
    );
    let mut inline = def("INLINE");
    inline["States"]["M"]["ItemProcessor"]["ProcessorConfig"] = json!({ "Mode": "INLINE" });
    assert_eq!(validate_value(&inline), []);
}

#[test]
fn deeply_nested_hand_built_values_do_not_exhaust_the_stack() {
    // serde_json refuses such text (recursion limit 128), but a program can build it.
    // Built and dropped by hand: `json!` and `Drop` would recurse 2,000 levels themselves.
    let object = |pairs: Vec<(&str, Value)>| {
        Value::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    };
    let handle = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            let mut rule = object(vec![("Variable", json!("$.x")), ("IsPresent", json!(true))]);
            for _ in 0..2_000 {
                rule = object(vec![("Not", rule)]);
            }
            if let Value::Object(m) = &mut rule {
                m.insert("Next".to_owned(), json!("D"));
            }
            let choice = object(vec![
                ("Type", json!("Choice")),
                ("Choices", Value::Array(vec![rule])),
                ("Default", json!("D")),
            ]);
            let states = object(vec![("C", choice), ("D", json!({ "Type": "Succeed" }))]);
            let def = object(vec![("StartAt", json!("C")), ("States", states)]);
            let codes: Vec<(String, &str)> = validate_value(&def)
                .into_iter()
                .map(|d| (d.pointer, d.code))
                .collect();
            std::mem::forget(def);
            codes
        })
        .unwrap();
    // Too deep to be written out and read back (sfn_runtime::limits::MAX_JSON_DEPTH): one
    // diagnostic, where the nesting first passes the limit, and nothing else.
    let found = handle.join().unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "nesting-too-deep");
    assert!(
        found[0].0.starts_with("/States/C/Choices/0/Not/Not/"),
        "{found:?}"
    );
}
