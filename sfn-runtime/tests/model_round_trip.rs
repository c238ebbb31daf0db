//! Every executable conformance definition reads into the typed model and writes back to
//! the same JSON (the model loses nothing).

use std::fs;
use std::path::Path;

use sfn_runtime::asl::StateMachine;

fn conformance(dir: &str) -> Vec<(String, serde_json::Value)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/conformance")
        .join(dir);
    let mut out = Vec::new();
    for entry in fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = fs::read_to_string(&path).unwrap();
            out.push((
                path.display().to_string(),
                serde_json::from_str(&text).unwrap(),
            ));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(!out.is_empty(), "no cases in {}", root.display());
    out
}

#[test]
fn semantics_definitions_round_trip() {
    for (file, case) in conformance("semantics") {
        let definition = &case["definition"];
        let machine =
            StateMachine::from_value(definition.clone()).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(&machine.to_value(), definition, "{file}");
    }
}

#[test]
fn cdk_definitions_round_trip() {
    for (file, case) in conformance("cdk") {
        let Some(definition) = case.get("definition") else {
            continue;
        };
        let machine =
            StateMachine::from_value(definition.clone()).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(&machine.to_value(), definition, "{file}");
    }
}

#[test]
fn an_explicit_null_result_is_kept() {
    use sfn_runtime::asl::State;
    let text = r#"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":null,"End":true}}}"#;
    let machine = StateMachine::from_json(text).unwrap();
    let State::Pass(pass) = &machine.states["P"] else {
        panic!("a Pass state")
    };
    assert_eq!(pass.result, Some(serde_json::Value::Null));
    assert_eq!(machine.to_json(), text);
    let output = sfn_runtime::exec::Executor::new(&machine)
        .run(serde_json::json!({"a": 1}))
        .output;
    assert_eq!(output, Some(serde_json::Value::Null));
}
