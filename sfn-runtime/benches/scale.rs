//! Issue #19 goal 6: what `sfn validate`, `sfn graph` and `sfn run` do, at 10,000 and
//! 100,000 states; each must grow linearly (the 100k figure ~10x the 10k one, same run).
//!
//! The definition is a chain of Tasks with a Catch to the end, every 10th state a Choice
//! that can loop back to the start (edges forward and backward, as in `graph.rs`), and every
//! 7th a Pass with a payload template, so the rule set's path and intrinsic passes run too.
//! Baseline measured in the same run: `serde_json` parsing the same document's text, the
//! least any command reading the file does.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use serde_json::{Map, Value, json};
use sfn_runtime::asl::StateMachine;
use sfn_runtime::exec::Executor;
use sfn_runtime::graph::Graph;
use sfn_runtime::validate::{validate_str, validate_value};
use std::hint::black_box;

const SIZES: [usize; 2] = [10_000, 100_000];

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
            _ => json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Parameters": {"FunctionName": format!("f{i}"), "Payload.$": "$"},
                   "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}], "Next": next}),
        };
        states.insert(format!("S{i}"), state);
    }
    states.insert("Done".into(), json!({"Type": "Succeed"}));
    json!({"StartAt": "S0", "States": states})
}

/// A chain of `n` Pass states, each with a `ResultPath`, for `run` (Tasks would need a
/// mock for every state; Pass states exercise the same per-state machinery).
fn pass_chain(n: usize) -> StateMachine {
    let mut states = Map::new();
    for i in 0..n {
        let mut state = json!({"Type": "Pass", "Result": i, "ResultPath": "$.last"});
        if i + 1 == n {
            state["End"] = json!(true);
        } else {
            state["Next"] = json!(format!("S{}", i + 1));
        }
        states.insert(format!("S{i}"), state);
    }
    StateMachine::from_value(json!({"StartAt": "S0", "States": states})).expect("valid chain")
}

fn validate(c: &mut Criterion) {
    let mut group = c.benchmark_group("scale/validate");
    group.sample_size(10);
    for n in SIZES {
        let def = definition(n);
        assert!(validate_value(&def).is_empty(), "the definition is valid");
        let text = def.to_string();
        group.throughput(Throughput::Elements(n as u64));
        // What `sfn validate FILE` does with the text: read it (duplicate keys kept) + rules.
        group.bench_with_input(BenchmarkId::new("validate_str", n), &text, |b, text| {
            b.iter(|| validate_str(black_box(text)).expect("json"))
        });
        group.bench_with_input(
            BenchmarkId::new("baseline_serde_json_parse", n),
            &text,
            |b, text| b.iter(|| serde_json::from_str::<Value>(black_box(text)).expect("json")),
        );
    }
    group.finish();
}

fn graph(c: &mut Criterion) {
    let mut group = c.benchmark_group("scale/graph");
    group.sample_size(10);
    for n in SIZES {
        let machine = StateMachine::from_value(definition(n)).expect("valid");
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("mermaid", n), &machine, |b, m| {
            b.iter(|| Graph::of(m).to_mermaid().len())
        });
        group.bench_with_input(BenchmarkId::new("dot", n), &machine, |b, m| {
            b.iter(|| Graph::of(m).to_dot().len())
        });
        group.bench_with_input(BenchmarkId::new("svg", n), &machine, |b, m| {
            b.iter(|| Graph::of(m).to_svg().len())
        });
    }
    group.finish();
}

fn run(c: &mut Criterion) {
    let mut group = c.benchmark_group("scale/run");
    group.sample_size(10);
    for n in SIZES {
        let executor = Executor::new(&pass_chain(n)).record_history(false);
        let out = executor.run(json!({}));
        assert!(out.succeeded(), "the benchmarked run succeeds");
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(BenchmarkId::new("pass_chain_no_history", n), |b| {
            b.iter(|| executor.run(json!({"k": "v"})))
        });
    }
    group.finish();
}

criterion_group!(benches, validate, graph, run);
criterion_main!(benches);
