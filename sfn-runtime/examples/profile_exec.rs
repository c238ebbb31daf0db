//! A plain loop over a run of the executor, for profilers (criterion's harness would
//! dominate a profile). `profile_exec WORKLOAD ROUNDS [history]`, WORKLOAD one of `chain`
//! (200 Pass states), `map` (1,000-item Map of Choice + Pass), `loop` (500 rounds of Choice
//! + Pass with `States.MathAdd`): the three workloads of `benches/exec.rs`.
//!
//! ```sh
//! cargo build --release -p sfn-runtime --example profile_exec
//! valgrind --tool=callgrind target/release/examples/profile_exec map 3 history
//! ```

use serde_json::{Map, Value, json};
use sfn_runtime::asl::StateMachine;
use sfn_runtime::exec::Executor;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let workload = args.get(1).map_or("chain", String::as_str);
    let rounds: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(10);
    let history = args.get(3).is_some_and(|h| h == "history");
    let (machine, input) = match workload {
        "chain" => (chain(200), json!({"k": "v"})),
        "map" => (
            map(),
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

fn chain(n: usize) -> StateMachine {
    let mut states = Map::new();
    for i in 0..n {
        let mut state = json!({"Type": "Pass"});
        if i + 1 == n {
            state["End"] = json!(true);
        } else {
            state["Next"] = json!(format!("S{}", i + 1));
        }
        states.insert(format!("S{i}"), state);
    }
    StateMachine::from_value(json!({"StartAt": "S0", "States": states})).expect("valid chain")
}

fn map() -> StateMachine {
    StateMachine::from_value(json!({"StartAt": "Each", "States": {"Each": {
        "Type": "Map",
        "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Check", "States": {
            "Check": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 500, "Next": "Big"}], "Default": "Small"},
            "Big": {"Type": "Pass", "Result": "big", "End": true},
            "Small": {"Type": "Pass", "Result": "small", "End": true}
        }},
        "End": true
    }}}))
    .expect("valid map")
}

fn counting_loop() -> StateMachine {
    StateMachine::from_value(json!({"StartAt": "Check", "States": {
        "Check": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericLessThanPath": "$.n", "Next": "Add"}], "Default": "Done"},
        "Add": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)", "n.$": "$.n"}, "Next": "Check"},
        "Done": {"Type": "Succeed"}
    }}))
    .expect("valid loop")
}
