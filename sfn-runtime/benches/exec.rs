//! Local executor throughput: a Pass chain, a Map with a Choice inside, a counting loop,
//! each without and with the history recorded (issue #19: recording it costs at most 1.5x).
//! Throughput is reported in states per second (criterion's elements/s).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde_json::{Value, json};
use sfn_runtime::exec::Executor;

mod workloads;
use workloads::{counting_loop, map_with_choice, pass_chain};

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("exec");
    for n in [100usize, 200] {
        let executor = Executor::new(&pass_chain(n)).record_history(false);
        assert!(
            executor.run(json!({})).succeeded(),
            "the benchmarked run succeeds"
        );
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("pass_chain_{n}"), |b| {
            b.iter(|| executor.run(json!({"k": "v"})))
        });
        // Baseline, measured in the same run: one clone of the input per state, the least
        // a pipeline that hands each state its own value can do.
        group.bench_function(format!("baseline_clone_input_{n}_times"), |b| {
            b.iter(|| {
                let input = json!({"k": "v"});
                for _ in 0..n {
                    std::hint::black_box(input.clone());
                }
            })
        });
        let with_history = Executor::new(&pass_chain(n));
        group.bench_function(format!("pass_chain_{n}_with_history"), |b| {
            b.iter(|| with_history.run(json!({"k": "v"})))
        });
    }
    for items in [1_000usize, 10_000] {
        let input = Value::Array((0..items).map(|n| json!({"n": n})).collect());
        let mode = if items > 1_000 {
            "DISTRIBUTED"
        } else {
            "INLINE"
        };
        let executor = Executor::new(&map_with_choice(mode)).record_history(false);
        assert!(
            executor.run(input.clone()).succeeded(),
            "the benchmarked run succeeds"
        );
        // The Map state plus a Choice and a Pass per item.
        group.throughput(Throughput::Elements(1 + 2 * items as u64));
        group.sample_size(10);
        group.bench_function(format!("map_{items}_items_with_choice"), |b| {
            b.iter(|| executor.run(input.clone()))
        });
        let with_history = Executor::new(&map_with_choice(mode));
        group.bench_function(format!("map_{items}_items_with_choice_with_history"), |b| {
            b.iter(|| with_history.run(input.clone()))
        });
    }
    let executor = Executor::new(&counting_loop()).record_history(false);
    assert_eq!(
        executor.run(json!({"i": 0, "n": 1000})).output,
        Some(json!({"i": 1000, "n": 1000}))
    );
    // 1,000 rounds of Choice + Pass, then Choice + Succeed.
    group.throughput(Throughput::Elements(2 * 1_000 + 2));
    group.bench_function("loop_1000_mathadd", |b| {
        b.iter(|| executor.run(json!({"i": 0, "n": 1000})))
    });
    let with_history = Executor::new(&counting_loop());
    group.bench_function("loop_1000_mathadd_with_history", |b| {
        b.iter(|| with_history.run(json!({"i": 0, "n": 1000})))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
