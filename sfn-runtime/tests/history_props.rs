//! Property (issue 17, item 8): in every execution, random machines included and those that
//! run into the 25,000-event quota, event ids are 1, 2, 3, ... without a gap and every
//! `previousEventId` names an event that exists (0 only for `ExecutionStarted`).

use proptest::prelude::*;
use serde_json::{Map, Value, json};
use sfn_runtime::asl::StateMachine;
use sfn_runtime::exec::{Execution, Executor, MAX_EVENTS};

/// One state of kind `kind` whose transitions go to states picked by `to`.
fn state(kind: u8, to: [usize; 2], n: usize) -> Value {
    let name = |i: usize| format!("S{}", i % n);
    match kind % 7 {
        0 => json!({"Type": "Pass", "Next": name(to[0])}),
        1 => json!({"Type": "Choice",
                    "Choices": [{"Variable": "$.n", "NumericGreaterThan": 2, "Next": name(to[0])}],
                    "Default": name(to[1])}),
        2 => json!({"Type": "Parallel", "Next": name(to[0]), "ResultPath": null,
                    "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}]}),
        3 => json!({"Type": "Map", "ItemsPath": "$.items", "Next": name(to[0]), "ResultPath": null,
                    "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}}),
        4 => json!({"Type": "Wait", "Seconds": 1, "Next": name(to[0])}),
        5 => json!({"Type": "Pass", "End": true}),
        _ => json!({"Type": "Fail", "Error": "E"}),
    }
}

fn machine() -> impl Strategy<Value = StateMachine> {
    prop::collection::vec((any::<u8>(), any::<[usize; 2]>()), 1..6).prop_map(|specs| {
        let n = specs.len();
        let states: Map<String, Value> = specs
            .iter()
            .enumerate()
            .map(|(i, (kind, to))| (format!("S{i}"), state(*kind, *to, n)))
            .collect();
        StateMachine::from_value(json!({"StartAt": "S0", "States": states})).expect("valid")
    })
}

fn assert_ids_consecutive(execution: &Execution) -> Result<(), TestCaseError> {
    let history = &execution.history;
    prop_assert!(!history.is_empty());
    for (i, event) in history.iter().enumerate() {
        prop_assert_eq!(event.id, i + 1, "ids have no gap: {:?}", event);
        if i == 0 {
            prop_assert_eq!(event.previous_event_id, 0);
        } else {
            prop_assert!(
                (1..event.id).contains(&event.previous_event_id),
                "previousEventId {} of event {} does not exist",
                event.previous_event_id,
                event.id
            );
        }
    }
    // The quota: at most MAX_EVENTS events, plus the one that says how the execution ended.
    prop_assert!(history.len() <= MAX_EVENTS + 1);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn event_ids_are_consecutive(m in machine(), n in 0i64..5, items in 0usize..3) {
        let execution = Executor::new(&m).run(json!({"n": n, "items": vec![1; items]}));
        assert_ids_consecutive(&execution)?;
    }
}

/// The case the issue found: an endless loop stops at the quota, and the failure event is
/// numbered 25,001 right after the last recorded one, pointing to it.
#[test]
fn the_failure_at_the_quota_follows_the_last_event() {
    let m = StateMachine::from_value(json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}}}))
    .unwrap();
    let execution = Executor::new(&m).run(json!({}));
    let last = execution.history.last().expect("events");
    assert_eq!(last.event_type, "ExecutionFailed");
    assert_eq!(last.id, MAX_EVENTS + 1);
    assert_eq!(last.previous_event_id, MAX_EVENTS);
    assert_ids_consecutive(&execution).unwrap();
}
