//! Issue #19 goal 6: what `sfn validate`, `sfn graph` and `sfn run` do, at 10,000 and
//! 100,000 states; each must grow linearly (the 100k figure ~10x the 10k one, same run;
//! for `run`, see `pass_chain`).
//!
//! The definition is a chain of Tasks with a Catch to the end; of every 10 states one is a
//! Choice that can loop back to the start (edges forward and backward, as in `graph.rs`),
//! one a Map with a processor (a nested scope), one a Pass with a payload template (the
//! rule set's path and intrinsic passes).
//! Baseline measured in the same run: `serde_json` parsing the same document's text, the
//! least any command reading the file does.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use serde_json::{Map, Value, json};
use sfn_runtime::asl::StateMachine;
use sfn_runtime::exec::Executor;
use sfn_runtime::graph::Graph;
use sfn_runtime::validate::{validate_str, validate_value};
use std::hint::black_box;
use std::sync::Arc;

mod workloads;

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
            // A nested scope every 10 states: the layout once looked its owner up by a scan
            // of every nested scope, for every state.
            3 => json!({"Type": "Map", "ItemsPath": "$.items",
                   "ItemProcessor": {"StartAt": format!("M{i}"), "States": {format!("M{i}"): {"Type": "Pass", "End": true}}},
                   "ResultPath": null, "Next": next}),
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
/// mock for every state; Pass states exercise the same per-state machinery). The first state
/// is a Choice that, with `{"skip": true}`, jumps to the last `tail` states: a run cannot
/// visit 100,000 states, since the service (and the executor) stop an execution at 25,000
/// history events, so the 100k case runs the same `tail` states as the 10k case inside a
/// definition ten times larger.
fn pass_chain(n: usize, tail: usize) -> StateMachine {
    let mut states = Map::new();
    states.insert(
        "Start".into(),
        json!({"Type": "Choice",
               "Choices": [{"Variable": "$.skip", "BooleanEquals": true, "Next": format!("S{}", n - tail)}],
               "Default": "S0"}),
    );
    states.extend(workloads::chain_states(
        n,
        |i| json!({"Type": "Pass", "Result": i, "ResultPath": "$.last"}),
    ));
    StateMachine::from_value(json!({"StartAt": "Start", "States": states})).expect("valid chain")
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
    const TAIL: usize = 5_000;
    let mut group = c.benchmark_group("scale/run");
    group.sample_size(10);
    for n in SIZES {
        let machine = Arc::new(pass_chain(n, TAIL));
        // Preparing the executor reads the whole definition: linear in n. A borrowed
        // machine is copied (and the copy freed with the executor)...
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(BenchmarkId::new("executor_new", n), |b| {
            b.iter(|| Executor::new(black_box(&*machine)).record_history(false))
        });
        // ...one handed over (`sfn run`) or shared is kept as it is.
        group.bench_function(BenchmarkId::new("executor_from_machine", n), |b| {
            b.iter(|| Executor::from_machine(Arc::clone(black_box(&machine))).record_history(false))
        });
        // Baseline: copying the definition (and freeing the copy), linear work over the
        // same memory; its own 100k/10k ratio shows what the heap and caches add.
        group.bench_function(BenchmarkId::new("baseline_clone_definition", n), |b| {
            b.iter(|| black_box(&*machine).clone())
        });
        // Running the same 5,001 states: the same time at both sizes when each step's cost
        // does not depend on the definition's size.
        let executor = Executor::from_machine(Arc::clone(&machine)).record_history(false);
        let out = executor.run(json!({"skip": true}));
        assert!(out.succeeded(), "the benchmarked run succeeds");
        group.throughput(Throughput::Elements(TAIL as u64 + 1));
        group.bench_function(BenchmarkId::new("run_5001_states_no_history", n), |b| {
            b.iter(|| executor.run(json!({"skip": true})))
        });
        group.bench_function(BenchmarkId::new("run_5001_states_history", n), |b| {
            let executor = Executor::from_machine(Arc::clone(&machine));
            b.iter(|| executor.run(json!({"skip": true})))
        });
    }
    group.finish();
}

criterion_group!(benches, validate, graph, run);
criterion_main!(benches);
