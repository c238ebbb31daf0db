//! The executor's reference workloads (issue #19), shared by `benches/exec.rs`,
//! `benches/exec_payload.rs` and `examples/profile_exec.rs`.

// Each includer uses a part.
#![allow(dead_code)]

use serde_json::{Map, json};
use sfn_runtime::asl::StateMachine;

/// `n` Pass states in a row.
pub fn pass_chain(n: usize) -> StateMachine {
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
