//! Validation speed on a generated 1,000-state definition that uses most features:
//! paths, payload templates with intrinsics, Choice rules, Retry/Catch, a Map and a
//! Parallel with inner states, and JSONata states.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde_json::{Map, Value, json};
use sfn_runtime::validate::validate_value;

/// `n` top-level states (nested ones not counted), chained, every 10th a different kind.
fn definition(n: usize) -> Value {
    let mut states = Map::new();
    for i in 0..n {
        let next = if i + 1 < n {
            format!("S{}", i + 1)
        } else {
            "Done".to_owned()
        };
        let state = match i % 10 {
            0 => json!({
                "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": { "FunctionName": "f", "Payload": { "id.$": "$.id", "msg.$": "States.Format('item {} of {}', $.i, $.n)" } },
                "ResultSelector": { "body.$": "$.Payload" }, "ResultPath": "$.result",
                "Retry": [{ "ErrorEquals": ["Lambda.ServiceException"], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2.0 }],
                "Catch": [{ "ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Done" }],
                "Next": next
            }),
            1 => json!({
                "Type": "Choice",
                "Choices": [
                    { "And": [{ "Variable": "$.count", "NumericGreaterThan": 10 }, { "Variable": "$.flag", "IsPresent": true }], "Next": next },
                    { "Variable": "$.when", "TimestampLessThan": "2016-03-14T01:59:00Z", "Next": next }
                ],
                "Default": next
            }),
            2 => json!({
                "Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 5,
                "ItemSelector": { "value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index" },
                "ItemProcessor": { "StartAt": format!("M{i}"), "States": { format!("M{i}"): { "Type": "Pass", "End": true } } },
                "ResultPath": "$.mapped", "Next": next
            }),
            3 => json!({
                "Type": "Parallel",
                "Branches": [
                    { "StartAt": format!("L{i}"), "States": { format!("L{i}"): { "Type": "Wait", "Seconds": 1, "End": true } } },
                    { "StartAt": format!("R{i}"), "States": { format!("R{i}"): { "Type": "Succeed" } } }
                ],
                "Next": next
            }),
            4 => json!({
                "Type": "Pass", "QueryLanguage": "JSONata",
                "Output": { "total": "{% $states.input.a + $states.input.b %}" },
                "Assign": { "seen": "{% $count($states.input.items) %}" },
                "Next": next
            }),
            _ => {
                json!({ "Type": "Pass", "InputPath": "$.data", "Result": { "x": 1 }, "ResultPath": "$.out", "OutputPath": "$", "Next": next })
            }
        };
        states.insert(format!("S{i}"), state);
    }
    states.insert("Done".to_owned(), json!({ "Type": "Succeed" }));
    json!({ "Comment": "generated", "StartAt": "S0", "States": states })
}

fn bench(c: &mut Criterion) {
    let def = definition(1_000);
    assert!(
        validate_value(&def).is_empty(),
        "the generated definition must be valid"
    );
    let mut group = c.benchmark_group("validate");
    group.throughput(Throughput::Elements(1_000));
    group.bench_function("1000 states", |b| {
        b.iter(|| validate_value(std::hint::black_box(&def)))
    });
    // Baseline, measured in the same run: reading the same document's text with serde_json.
    let text = def.to_string();
    group.bench_function("baseline: serde_json parse of the same document", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(std::hint::black_box(&text)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
