//! The conformance cases that are one JSONPath Pass state, run through the path module
//! alone: InputPath -> Parameters -> ResultPath -> OutputPath. This checks selection,
//! payload templates and intrinsics against outputs recorded from the service, without
//! the executor.

use std::path::PathBuf;

use serde_json::{Map, Value, json};
use sfn_runtime::path::{
    EvalError, Scope, SplitMix64, parse_path, parse_reference_path, render_payload, select,
    write_at,
};

const FIELDS: [&str; 7] = [
    "Type",
    "InputPath",
    "Parameters",
    "ResultPath",
    "OutputPath",
    "End",
    "Comment",
];

/// Runs a lone Pass state the way the interpreter will.
fn run_pass(name: &str, state: &Map<String, Value>, input: &Value) -> Result<Value, EvalError> {
    let context = json!({"State": {"Name": name}, "Execution": {"Input": input}});
    let vars = Map::new();
    let select_field = |field: &str, value: &Value| -> Result<Value, EvalError> {
        match state.get(field) {
            None => Ok(value.clone()),
            Some(Value::Null) => Ok(json!({})),
            Some(Value::String(p)) => {
                let scope = Scope {
                    input: value,
                    context: &context,
                    variables: &vars,
                };
                select(
                    &parse_path(p).map_err(|e| EvalError::runtime(e.to_string()))?,
                    &scope,
                )
            }
            Some(other) => panic!("{field}: {other}"),
        }
    };
    let effective = select_field("InputPath", input)?;
    let result = match state.get("Parameters") {
        Some(template) => {
            let scope = Scope {
                input: &effective,
                context: &context,
                variables: &vars,
            };
            render_payload(template, &scope, &mut SplitMix64::default().as_fn())?
        }
        None => effective,
    };
    let output = match state.get("ResultPath") {
        None => result,
        Some(Value::Null) => input.clone(),
        Some(Value::String(p)) => write_at(
            input.clone(),
            &parse_reference_path(p).expect("ResultPath"),
            result,
        )?,
        Some(other) => panic!("ResultPath: {other}"),
    };
    select_field("OutputPath", &output)
}

#[test]
fn single_pass_state_cases_match_recorded_outputs() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance/semantics");
    let mut checked = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("conformance cases") {
        let file = entry.expect("entry").path();
        let case: Value =
            serde_json::from_str(&std::fs::read_to_string(&file).expect("read")).expect("json");
        let states = case["definition"]["States"].as_object().expect("States");
        let [(name, Value::Object(state))] = states.iter().collect::<Vec<_>>()[..] else {
            continue;
        };
        let jsonpath = case["definition"]
            .get("QueryLanguage")
            .is_none_or(|q| q == "JSONPath");
        if !jsonpath
            || state["Type"] != "Pass"
            || state.keys().any(|k| !FIELDS.contains(&k.as_str()))
        {
            continue;
        }
        let input = case.get("input").cloned().unwrap_or(json!({}));
        let expected = &case["expected"];
        match (run_pass(name, state, &input), expected["status"].as_str()) {
            (Ok(output), Some("SUCCEEDED")) => {
                assert_eq!(output, expected["output"], "{}", file.display())
            }
            (Err(e), Some("FAILED")) => {
                if let Some(error) = expected.get("error").and_then(Value::as_str) {
                    assert_eq!(e.error, error, "{}", file.display());
                }
            }
            (got, _) => panic!("{}: got {got:?}, expected {expected}", file.display()),
        }
        checked.push(file);
    }
    // The suite holds well over a dozen such cases; finding none would mean the filter
    // above broke, not that everything passed.
    assert!(checked.len() >= 15, "only {} cases checked", checked.len());
}
