//! Diagram cost at 10k and 100k states: building the graph and rendering both formats must
//! grow linearly (the 100k case ~10x the 10k one, measured in the same run). Each state is a
//! Task with a Catch and every 10th a Choice, so edges point forward and backward.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use serde_json::{Map, Value, json};
use sfn_runtime::asl::StateMachine;
use sfn_runtime::graph::Graph;

fn definition(n: usize) -> Value {
    let mut states = Map::new();
    for i in 0..n {
        let next = if i + 1 < n {
            format!("S{}", i + 1)
        } else {
            "Done".to_owned()
        };
        let state = if i % 10 == 1 {
            json!({"Type": "Choice",
                   "Choices": [{"Variable": "$.n", "NumericGreaterThan": 1, "Next": "S0"}],
                   "Default": next})
        } else {
            json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}], "Next": next})
        };
        states.insert(format!("S{i}"), state);
    }
    states.insert("Done".into(), json!({"Type": "Succeed"}));
    json!({"StartAt": "S0", "States": states})
}

fn graph(c: &mut Criterion) {
    let mut group = c.benchmark_group("graph");
    group.sample_size(10);
    for n in [10_000, 100_000] {
        let machine = StateMachine::from_value(definition(n)).expect("valid");
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("mermaid+dot", n), &machine, |b, m| {
            b.iter(|| {
                let graph = Graph::of(m);
                (graph.to_mermaid().len(), graph.to_dot().len())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, graph);
criterion_main!(benches);
