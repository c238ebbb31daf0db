//! Map: concurrency on the virtual clock, variable scopes, and distributed mode over handlers
//! (ItemReader, ItemBatcher, ResultWriter, tolerated failures).

use serde_json::{Value, json};
use sfn_runtime::asl::StateMachine;
use sfn_runtime::exec::{Executor, Status};

fn machine(definition: Value) -> StateMachine {
    StateMachine::from_value(definition).unwrap()
}

fn waiting_map(max_concurrency: u64) -> StateMachine {
    machine(json!({"StartAt": "M", "States": {"M": {
        "Type": "Map", "MaxConcurrency": max_concurrency,
        "ItemProcessor": {"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$", "End": true}}},
        "End": true
    }}}))
}

#[test]
fn max_concurrency_shapes_the_virtual_clock() {
    let items = json!([10, 10, 10, 10]);
    assert_eq!(
        Executor::new(&waiting_map(1))
            .run(items.clone())
            .duration_ms,
        40_000
    );
    assert_eq!(
        Executor::new(&waiting_map(2))
            .run(items.clone())
            .duration_ms,
        20_000
    );
    assert_eq!(
        Executor::new(&waiting_map(0))
            .run(items.clone())
            .duration_ms,
        10_000
    );
    assert_eq!(
        Executor::new(&waiting_map(0)).run(items).output,
        Some(json!([10, 10, 10, 10]))
    );
}

#[test]
fn parallel_branches_start_together() {
    let m = machine(
        json!({"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [
        {"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": 5, "End": true}}},
        {"StartAt": "B", "States": {"B": {"Type": "Wait", "Seconds": 8, "End": true}}}
    ], "End": true}}}),
    );
    let execution = Executor::new(&m).run(json!(1));
    assert_eq!(execution.output, Some(json!([1, 1])));
    assert_eq!(execution.duration_ms, 8_000);
}

#[test]
fn inner_scopes_cannot_leak_variables() {
    let m = machine(json!({"StartAt": "Set", "States": {
        "Set": {"Type": "Pass", "Assign": {"outer": 1}, "Next": "M"},
        "M": {"Type": "Map", "ItemProcessor": {"StartAt": "In", "States": {
            "In": {"Type": "Pass", "Assign": {"inner": 2}, "Parameters": {"o.$": "$outer"}, "End": true}}}, "Next": "After"},
        "After": {"Type": "Pass", "Parameters": {"inner.$": "$inner"}, "End": true}
    }}));
    let execution = Executor::new(&m).run(json!([1]));
    assert_eq!(
        execution.status,
        Status::Failed,
        "`inner` does not exist outside the Map"
    );
    assert_eq!(execution.error.as_deref(), Some("States.Runtime"));
}

fn distributed(extra: Value) -> StateMachine {
    let mut map = json!({
        "Type": "Map",
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "Check", "States": {
            "Check": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": false, "Next": "Bad"}], "Default": "Good"},
            "Bad": {"Type": "Fail", "Error": "ItemFailed", "Cause": "not ok"},
            "Good": {"Type": "Pass", "End": true}
        }},
        "End": true
    });
    if let (Some(map), Some(extra)) = (map.as_object_mut(), extra.as_object()) {
        map.extend(extra.clone());
    }
    machine(json!({"StartAt": "Run", "States": {"Run": map}}))
}

fn items(failures: usize, total: usize) -> Value {
    Value::Array(
        (0..total)
            .map(|i| json!({"i": i, "ok": i >= failures}))
            .collect(),
    )
}

#[test]
fn tolerated_failure_count_and_percentage() {
    let count = distributed(json!({"ToleratedFailureCount": 1}));
    let within = Executor::new(&count).run(items(1, 4));
    assert_eq!(within.status, Status::Succeeded, "{within:?}");
    assert_eq!(
        within.output.as_ref().map(|o| o[0].clone()),
        Some(json!({"Error": "ItemFailed", "Cause": "not ok"}))
    );
    let over = Executor::new(&count).run(items(2, 4));
    assert_eq!(
        over.error.as_deref(),
        Some("States.ExceedToleratedFailureThreshold")
    );
    let pct = distributed(json!({"ToleratedFailurePercentage": 50}));
    assert!(Executor::new(&pct).run(items(2, 4)).succeeded());
    assert!(!Executor::new(&pct).run(items(3, 4)).succeeded());
    let none = distributed(json!({}));
    assert_eq!(
        Executor::new(&none).run(items(1, 4)).error.as_deref(),
        Some("States.ExceedToleratedFailureThreshold")
    );
}

#[test]
fn item_reader_batcher_and_result_writer_use_handlers() {
    let m = machine(json!({"StartAt": "Run", "States": {"Run": {
        "Type": "Map",
        "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                       "Parameters": {"Bucket": "b", "Key.$": "$.key"}},
        "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"source.$": "$.key"}},
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}, "StartAt": "Count", "States": {
            "Count": {"Type": "Pass", "Parameters": {"n.$": "States.ArrayLength($.Items)", "source.$": "$.BatchInput.source", "first.$": "$.Items[0].name"}, "End": true}}},
        "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out", "Prefix": "runs"}},
        "End": true
    }}}));
    let written = std::sync::Arc::new(std::sync::Mutex::new(Value::Null));
    let sink = written.clone();
    let execution = Executor::new(&m)
        .on_resource("arn:aws:states:::s3:getObject", |request, _| {
            assert_eq!(request, &json!({"Bucket": "b", "Key": "people.csv"}));
            Ok(json!("name,age\nada,36\n\"bob, jr\",7\ncy,1\n"))
        })
        .on_resource("arn:aws:states:::s3:putObject", move |request, _| {
            *sink.lock().unwrap() = request["Results"].clone();
            Ok(json!({}))
        })
        .run(json!({"key": "people.csv"}));
    assert!(execution.succeeded(), "{execution:?}");
    assert_eq!(
        execution
            .output
            .as_ref()
            .map(|o| o["ResultWriterDetails"].clone()),
        Some(json!({"Bucket": "out", "Key": "runs/manifest.json"}))
    );
    assert_eq!(
        *written.lock().unwrap(),
        json!([{"n": 2, "source": "people.csv", "first": "ada"}, {"n": 1, "source": "people.csv", "first": "cy"}])
    );
}

#[test]
fn items_path_must_select_an_array() {
    let m = machine(
        json!({"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items",
        "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}),
    );
    let execution = Executor::new(&m).run(json!({"items": {"not": "an array"}}));
    assert_eq!(execution.error.as_deref(), Some("States.Runtime"));
    assert!(
        execution
            .cause
            .as_deref()
            .unwrap_or_default()
            .contains("'M'"),
        "{execution:?}"
    );
}

#[test]
fn inline_maps_hit_the_history_quota_distributed_ones_do_not() {
    let items = Value::Array((0..10_000).map(|i| json!({"i": i, "ok": true})).collect());
    let inline = machine(json!({"StartAt": "M", "States": {"M": {"Type": "Map",
        "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}));
    let execution = Executor::new(&inline)
        .record_history(false)
        .run(items.clone());
    assert_eq!(execution.status, Status::Failed);
    assert!(
        execution
            .cause
            .as_deref()
            .unwrap_or_default()
            .contains("25000"),
        "{execution:?}"
    );
    let execution = Executor::new(&distributed(json!({}))).run(items);
    assert!(execution.succeeded(), "{:?}", execution.error);
    assert_eq!(
        execution
            .output
            .as_ref()
            .and_then(Value::as_array)
            .map(Vec::len),
        Some(10_000)
    );
    assert!(
        execution.history.len() < 20,
        "children are separate executions: {} parent events",
        execution.history.len()
    );
}
