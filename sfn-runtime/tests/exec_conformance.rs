//! Runs every executable conformance case (`tests/conformance/semantics/*.json`) through the
//! local executor and reports every failing id at once.

use std::path::PathBuf;

use serde_json::Value;
use sfn_runtime::asl::StateMachine;
use sfn_runtime::exec::{Execution, Executor, Status};

fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance/semantics")
}

/// Compares an execution with a case's `expected` object; `None` when it matches.
fn mismatch(expected: &Value, execution: &Execution) -> Option<String> {
    let status = expected
        .get("status")
        .and_then(Value::as_str)
        .unwrap_or("?");
    if status != execution.status.as_str() {
        return Some(format!(
            "status {} (error {:?}, cause {:?}), expected {status}",
            execution.status.as_str(),
            execution.error,
            execution.cause
        ));
    }
    if execution.status == Status::Succeeded {
        let want = expected.get("output").unwrap_or(&Value::Null);
        let got = execution.output.as_ref().unwrap_or(&Value::Null);
        return (want != got).then(|| format!("output {got}, expected {want}"));
    }
    for (key, got) in [("error", &execution.error), ("cause", &execution.cause)] {
        match expected.get(key) {
            None => {}
            Some(Value::Null) if got.is_some() => {
                return Some(format!("{key} {got:?}, expected none"));
            }
            Some(Value::String(want)) if got.as_deref() != Some(want.as_str()) => {
                return Some(format!("{key} {got:?}, expected {want:?}"));
            }
            _ => {}
        }
    }
    None
}

#[test]
fn every_semantics_case_passes() {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .expect("the conformance cases are in the repository")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    entries.sort();
    assert!(
        entries.len() >= 80,
        "expected the whole suite, found {} cases",
        entries.len()
    );
    let mut failures = Vec::new();
    for path in &entries {
        let text = std::fs::read_to_string(path).expect("readable case");
        let case: Value = serde_json::from_str(&text).expect("a case is JSON");
        let id = case
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or("?")
            .to_owned();
        let machine = match StateMachine::from_value(
            case.get("definition").cloned().unwrap_or(Value::Null),
        ) {
            Ok(machine) => machine,
            Err(e) => {
                failures.push(format!("{id}: definition does not load: {e}"));
                continue;
            }
        };
        let input = case
            .get("input")
            .cloned()
            .unwrap_or_else(|| serde_json::json!({}));
        let execution = Executor::new(&machine).run(input);
        if let Some(problem) = mismatch(&case["expected"], &execution) {
            failures.push(format!("{id}: {problem}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        entries.len(),
        failures.join("\n")
    );
}

/// Invalid definitions that still load into the model run to an ASL error (or a result),
/// never a panic.
#[test]
fn invalid_definitions_never_panic() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance/invalid");
    let mut ran = 0;
    for entry in std::fs::read_dir(dir).expect("the invalid cases are in the repository") {
        let Ok(entry) = entry else { continue };
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let Ok(case) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        let Ok(machine) = StateMachine::from_value(case["definition"].clone()) else {
            continue;
        };
        for input in [
            serde_json::json!({}),
            serde_json::json!([1, "a", null]),
            Value::Null,
        ] {
            let executor = Executor::new(&machine)
                .on_resource("arn:aws:states:::lambda:invoke", |input, _| {
                    Ok(input.clone())
                });
            let execution = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                executor.run(input.clone())
            }));
            let id = case["id"].as_str().unwrap_or("?");
            let execution = execution.unwrap_or_else(|_| panic!("{id} panicked"));
            // A failed run says how it failed in the one-object shape `sfn run` prints.
            let printed = execution.to_json(false);
            assert_eq!(printed["status"], execution.status.as_str(), "{id}");
            ran += 1;
        }
    }
    assert!(ran > 0);
}
