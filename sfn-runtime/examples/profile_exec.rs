//! A plain loop over a run of the executor, for profilers (criterion's harness would
//! dominate a profile). `profile_exec WORKLOAD ROUNDS [history]`, WORKLOAD one of `chain`
//! (200 Pass states), `map` (1,000-item Map of Choice + Pass), `loop` (500 rounds of Choice
//! + Pass with `States.MathAdd`): the three workloads of `benches/exec.rs`.
//!
//! ```sh
//! cargo build --release -p sfn-runtime --example profile_exec
//! valgrind --tool=callgrind target/release/examples/profile_exec map 3 history
//! ```

use serde_json::{Value, json};
use sfn_runtime::exec::Executor;

#[path = "../benches/workloads/mod.rs"]
mod workloads;
use workloads::{counting_loop, map_with_choice, pass_chain};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let workload = args.get(1).map_or("chain", String::as_str);
    let rounds: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(10);
    let history = args.get(3).is_some_and(|h| h == "history");
    let (machine, input) = match workload {
        "chain" => (pass_chain(200), json!({"k": "v"})),
        "map" => (
            map_with_choice("INLINE"),
            Value::Array((0..1_000).map(|n| json!({"n": n})).collect()),
        ),
        "loop" => (counting_loop(), json!({"i": 0, "n": 500})),
        other => panic!("unknown workload {other}: chain, map or loop"),
    };
    let executor = Executor::new(&machine).record_history(history);
    for _ in 0..rounds {
        let execution = executor.run(input.clone());
        assert!(execution.succeeded(), "{execution:?}");
        std::hint::black_box(execution);
    }
}
