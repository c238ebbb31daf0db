//! Issue #19 goal 6: `sfn import` (ASL -> `workflow!` source, verified by lowering it back)
//! at 10,000 and 100,000 states must grow linearly (the 100k figure ~10x the 10k one).
//!
//! The definition: a chain of Tasks with a Catch, every 10th state a Choice looping back to
//! the start, every 7th a Pass with a payload template. Baseline measured in the same run:
//! `serde_json` writing the same definition as pretty text (one pass producing text).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use serde_json::{Map, Value, json};
use std::hint::black_box;

fn definition(n: usize) -> Value {
    let mut states = Map::new();
    for i in 0..n {
        let next = if i + 1 < n {
            format!("S{}", i + 1)
        } else {
            "Done".to_owned()
        };
        let state = match i % 10 {
            1 => json!({"Type": "Choice",
                   "Choices": [{"Variable": "$.n", "NumericGreaterThan": 1, "Next": "S0"}],
                   "Default": next}),
            7 => json!({"Type": "Pass",
                   "Parameters": {"id.$": "$.id", "msg.$": "States.Format('{} of {}', $.i, $.n)"},
                   "ResultPath": format!("$.r{i}"), "Next": next}),
            _ => {
                json!({"Type": "Task", "Resource": format!("arn:aws:lambda:us-east-1:123456789012:function:f{i}"),
                   "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}], "Next": next})
            }
        };
        states.insert(format!("S{i}"), state);
    }
    states.insert("Done".into(), json!({"Type": "Succeed"}));
    json!({"StartAt": "S0", "States": states})
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("scale/import");
    group.sample_size(10);
    for n in [10_000, 100_000] {
        let def = definition(n);
        let source = sfn_dsl::import::to_source(&def, "FLOW").expect("imports");
        assert!(source.contains("S1: Choice"), "{source:.300}");
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("to_source", n), &def, |b, def| {
            b.iter(|| sfn_dsl::import::to_source(black_box(def), "FLOW").expect("imports"))
        });
        group.bench_with_input(
            BenchmarkId::new("baseline_to_string_pretty", n),
            &def,
            |b, def| b.iter(|| serde_json::to_string_pretty(black_box(def)).expect("json")),
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
