//! Executor cost against payload size, history recording, intrinsics and variable scopes
//! (issue #19 goals 2-4 and its pathological cases). Every group has its baseline in the
//! same run: a clone of the payload, or the same workflow with history off / without the
//! variable.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use serde_json::{Value, json};
use sfn_runtime::asl::StateMachine;
use sfn_runtime::exec::Executor;

mod workloads;
use workloads::{counting_loop, map_with_choice};

fn chain(n: usize, state: &Value) -> StateMachine {
    workloads::chain(n, |_| state.clone())
}

/// A document of about `bytes` bytes of JSON: records with a few fields each, the shape of
/// an order or a page of API results.
fn document(bytes: usize) -> Value {
    let record = |i: usize| json!({"id": i, "name": format!("item-{i:06}"), "price": i as f64 * 0.25, "tags": ["a", "b"], "ok": i.is_multiple_of(2)});
    let one = record(0).to_string().len() + 1;
    Value::Array((0..bytes.div_ceil(one)).map(record).collect())
}

/// A Pass that moves the document through every JSONPath field: InputPath, Parameters
/// (copying it), ResultPath (writing the copy into the input) and OutputPath (selecting the
/// copy), so each state's output has the shape of its input.
fn pipeline_pass() -> Value {
    json!({"Type": "Pass", "InputPath": "$", "Parameters": {"doc.$": "$.doc", "n.$": "$.n"},
           "ResultPath": "$.copy", "OutputPath": "$.copy"})
}

const STATES: usize = 100;

/// Goal 3: 100 states carrying 2 / 20 / 200 KB, plain Pass and the full pipeline, history
/// off and on, against one clone of the payload.
fn payload(c: &mut Criterion) {
    let mut group = c.benchmark_group("payload");
    group.sample_size(10);
    let plain = chain(STATES, &json!({"Type": "Pass"}));
    let piped = chain(STATES, &pipeline_pass());
    for kb in [2usize, 20, 200] {
        let input = json!({"doc": document(kb * 1000), "n": 1});
        group.throughput(Throughput::Elements(STATES as u64));
        // The baseline: one clone of the payload per state.
        group.bench_function(BenchmarkId::new("baseline_clone", kb), |b| {
            b.iter(|| {
                for _ in 0..STATES {
                    std::hint::black_box(input.clone());
                }
            })
        });
        for (shape, machine) in [("pass", &plain), ("pipeline", &piped)] {
            for history in [false, true] {
                let executor = Executor::new(machine).record_history(history);
                let run = executor.run(input.clone());
                assert_eq!(
                    run.output.as_ref(),
                    Some(&input),
                    "{shape} keeps the document"
                );
                let label = if history { "history" } else { "no_history" };
                group.bench_function(BenchmarkId::new(format!("{shape}_{label}"), kb), |b| {
                    b.iter_batched(
                        || input.clone(),
                        |input| executor.run(input),
                        criterion::BatchSize::LargeInput,
                    )
                });
            }
        }
    }
    group.finish();
}

/// Goals 2 and 4: the three workloads (200-Pass chain, 1,000-item Map of
/// Pass+Choice, 500-round loop), history off (the baseline) and on; states/s.
fn history(c: &mut Criterion) {
    let mut group = c.benchmark_group("history");
    let items = Value::Array((0..1_000).map(|n| json!({"n": n})).collect());
    let workloads: [(&str, StateMachine, Value, u64); 3] = [
        (
            "pass_chain_200",
            chain(200, &json!({"Type": "Pass"})),
            json!({"k": "v"}),
            200,
        ),
        // The Map state plus a Choice and a Pass per item.
        (
            "map_1000_pass_choice",
            map_with_choice("INLINE"),
            items,
            1 + 2 * 1_000,
        ),
        // 500 rounds of Choice + Pass, then Choice + Succeed.
        (
            "loop_500",
            counting_loop(),
            json!({"i": 0, "n": 500}),
            2 * 500 + 2,
        ),
    ];
    for (name, machine, input, states) in &workloads {
        group.throughput(Throughput::Elements(*states));
        for history in [false, true] {
            let executor = Executor::new(machine).record_history(history);
            let run = executor.run(input.clone());
            assert!(run.succeeded(), "{name} succeeds");
            assert_eq!(run.states_visited.len() as u64, *states, "{name}");
            let label = if history { "history" } else { "no_history" };
            group.bench_function(BenchmarkId::new(*name, label), |b| {
                b.iter(|| executor.run(input.clone()))
            });
        }
    }
    group.finish();
}

/// The pathological cases: intrinsics over 20,000 items (each against a clone of the
/// array, the least any of them can cost) and a large variable seen by every Map
/// iteration and Parallel branch (against the same workflow without it).
fn pathological(c: &mut Criterion) {
    let mut group = c.benchmark_group("pathological");
    group.sample_size(10);
    for n in [5_000usize, 20_000] {
        // Half the items repeat, so ArrayUnique keeps n/2 (numbers: 20,000 of them stay
        // under the 256 KiB input quota).
        let items: Vec<Value> = (0..n).map(|i| json!(i % (n / 2))).collect();
        let input = json!({"a": items});
        group.bench_function(BenchmarkId::new("baseline_clone_array", n), |b| {
            b.iter(|| std::hint::black_box(input["a"].clone()))
        });
        for call in [
            "States.ArrayUnique($.a)",
            "States.ArrayContains($.a, $.a[0])",
            "States.ArrayPartition($.a, 7)",
            "States.ArrayLength($.a)",
            "States.JsonToString($.a)",
        ] {
            let machine = chain(1, &json!({"Type": "Pass", "Parameters": {"r.$": call}}));
            let executor = Executor::new(&machine).record_history(false);
            let run = executor.run(input.clone());
            assert!(run.succeeded(), "{call}: {:?}", run.cause);
            let short = call
                .trim_start_matches("States.")
                .split('(')
                .next()
                .unwrap_or(call);
            group.bench_function(BenchmarkId::new(short, n), |b| {
                b.iter_batched(
                    || input.clone(),
                    |input| executor.run(input),
                    criterion::BatchSize::LargeInput,
                )
            });
        }
    }
    // JSONata `$distinct` (jsonata-js 2.2.2, measured beside this run, is the reference;
    // it is quadratic, as jsonata-core's built-in is; sfn's replacement is linear).
    for n in [1_000usize, 5_000, 20_000] {
        let items: Vec<Value> = (0..n).map(|i| json!({"k": i % (n / 2)})).collect();
        let input = json!({"a": items});
        let machine = StateMachine::from_value(json!({"QueryLanguage": "JSONata", "StartAt": "S",
            "States": {"S": {"Type": "Pass", "Output": "{% $count($distinct($states.input.a)) %}", "End": true}}}))
        .expect("valid");
        let executor = Executor::new(&machine).record_history(false);
        assert_eq!(executor.run(input.clone()).output, Some(json!(n / 2)));
        group.bench_function(BenchmarkId::new("jsonata_distinct", n), |b| {
            b.iter(|| executor.run(input.clone()))
        });
        let machine = StateMachine::from_value(json!({"QueryLanguage": "JSONata", "StartAt": "S",
            "States": {"S": {"Type": "Pass", "Output": "{% $count($states.input.a) %}", "End": true}}}))
        .expect("valid");
        let executor = Executor::new(&machine).record_history(false);
        group.bench_function(BenchmarkId::new("jsonata_count_baseline", n), |b| {
            b.iter(|| executor.run(input.clone()))
        });
    }
    let big = document(180_000);
    for (label, assign) in [
        ("without_variable", json!(null)),
        ("with_180kb_variable", big),
    ] {
        let map = StateMachine::from_value(json!({"QueryLanguage": "JSONata", "StartAt": "Set", "States": {
            "Set": {"Type": "Pass", "Assign": {"big": assign}, "Next": "Each"},
            "Each": {"Type": "Map", "Items": "{% $states.input.items %}",
                "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                "End": true}
        }}))
        .expect("valid map");
        let input = json!({"items": (0..1_000).collect::<Vec<_>>()});
        let executor = Executor::new(&map).record_history(false);
        assert!(executor.run(input.clone()).succeeded());
        group.bench_function(BenchmarkId::new("map_1000", label), |b| {
            b.iter(|| executor.run(input.clone()))
        });
        let branches: Vec<Value> = (0..100)
            .map(|i| json!({"StartAt": format!("B{i}"), "States": {format!("B{i}"): {"Type": "Pass", "End": true}}}))
            .collect();
        let parallel = StateMachine::from_value(
            json!({"QueryLanguage": "JSONata", "StartAt": "Set", "States": {
                "Set": {"Type": "Pass", "Assign": {"big": assign}, "Next": "All"},
                "All": {"Type": "Parallel", "Branches": branches, "End": true}
            }}),
        )
        .expect("valid parallel");
        let executor = Executor::new(&parallel).record_history(false);
        assert!(executor.run(json!({})).succeeded());
        group.bench_function(BenchmarkId::new("parallel_100", label), |b| {
            b.iter(|| executor.run(json!({})))
        });
    }
    group.finish();
}

criterion_group!(benches, payload, history, pathological);
criterion_main!(benches);
