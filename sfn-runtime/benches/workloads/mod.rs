//! The executor's reference workloads (issue #19), shared by `benches/exec.rs`,
//! `benches/exec_payload.rs` and `examples/profile_exec.rs`.

// Each includer uses a part.
#![allow(dead_code)]

use serde_json::{Map, Value, json};
use sfn_runtime::asl::StateMachine;

/// `n` Pass states in a row.
pub fn pass_chain(n: usize) -> StateMachine {
    let state = json!({"Type": "Pass"});
    chain(n, |_| state.clone())
}

/// `n` states in a row, `S0` to `S{n-1}`, the `i`th made by `state(i)` and given its `Next`
/// (the last one `End`).
pub fn chain_states(n: usize, state: impl Fn(usize) -> Value) -> Map<String, Value> {
    let mut states = Map::new();
    for i in 0..n {
        let mut s = state(i);
        if i + 1 == n {
            s["End"] = json!(true);
        } else {
            s["Next"] = json!(format!("S{}", i + 1));
        }
        states.insert(format!("S{i}"), s);
    }
    states
}

/// The machine of [`chain_states`], starting at `S0`.
pub fn chain(n: usize, state: impl Fn(usize) -> Value) -> StateMachine {
    let states = chain_states(n, state);
    StateMachine::from_value(json!({"StartAt": "S0", "States": states})).expect("valid chain")
}

/// A Map (`mode`: `INLINE` or `DISTRIBUTED`) whose items go through a Choice to one of two
/// Pass states.
pub fn map_with_choice(mode: &str) -> StateMachine {
    StateMachine::from_value(json!({"StartAt": "Each", "States": {"Each": {
        "Type": "Map",
        "ItemProcessor": {"ProcessorConfig": {"Mode": mode}, "StartAt": "Check", "States": {
            "Check": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 500, "Next": "Big"}], "Default": "Small"},
            "Big": {"Type": "Pass", "Result": "big", "End": true},
            "Small": {"Type": "Pass", "Result": "small", "End": true}
        }},
        "End": true
    }}}))
    .expect("valid map")
}

/// Choice + Pass (`States.MathAdd`) until `$.i` reaches `$.n`.
pub fn counting_loop() -> StateMachine {
    StateMachine::from_value(json!({"StartAt": "Check", "States": {
        "Check": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericLessThanPath": "$.n", "Next": "Add"}], "Default": "Done"},
        "Add": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)", "n.$": "$.n"}, "Next": "Check"},
        "Done": {"Type": "Succeed"}
    }}))
    .expect("valid loop")
}
