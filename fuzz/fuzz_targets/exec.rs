#![no_main]
//! The executor on random definitions and inputs, JSONata included: never panics, always
//! ends (libFuzzer's `-timeout` catches a hang), and a failed execution names a `States.*`
//! error or the handler's own.
//!
//! Input: byte 0 picks the mode. Mode 0: the rest is `EXPRESSION\nINPUT`, run in a JSONata
//! machine that uses the expression as a Pass Output, a Choice Condition, an Assign and a
//! Map's Items. Otherwise the rest is a whole definition (seed with tests/conformance).
//!
//! Every input runs twice, with the history recorded and without: the states read shared
//! payloads in one and owned values in the other, and the two must end the same way.

use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};
use sfn_runtime::asl::StateMachine;
use sfn_runtime::exec::{Execution, Executor, TaskFailure};

fn run(machine: &StateMachine, input: Value) -> Execution {
    let with = run_with(machine, input.clone(), true);
    let without = run_with(machine, input, false);
    assert_eq!(
        (&with.status, &with.output, &with.error, &with.cause),
        (&without.status, &without.output, &without.error, &without.cause),
        "history on and off end differently"
    );
    with
}

fn run_with(machine: &StateMachine, input: Value, history: bool) -> Execution {
    Executor::new(machine)
        .record_history(history)
        .on_resource("arn:aws:states:::lambda:invoke", |input, ctx| {
            if ctx.retry_count() == 0 && input.get("fail").is_some() {
                return Err(TaskFailure::new("Lambda.Unknown", "asked to fail"));
            }
            Ok(input.clone())
        })
        .run(input)
}

fn check(execution: &Execution) {
    if let Some(error) = &execution.error {
        assert!(
            error.starts_with("States.") || error == "Lambda.Unknown" || !error.is_empty(),
            "{error}"
        );
    }
}

fn jsonata_machine(expression: &str) -> Value {
    let e = format!("{{% {expression} %}}");
    json!({"QueryLanguage": "JSONata", "StartAt": "Out", "States": {
        "Out": {"Type": "Pass", "Output": {"v": e, "in": "{% $states.input %}"}, "Assign": {"x": e}, "Next": "Pick"},
        "Pick": {"Type": "Choice", "Choices": [{"Condition": e, "Next": "Each"}], "Default": "Call"},
        "Each": {"Type": "Map", "Items": e, "ItemProcessor": {"StartAt": "I", "States": {
            "I": {"Type": "Pass", "Output": e, "End": true}}}, "Next": "Call"},
        "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Arguments": {"Payload": e}, "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 1}],
                 "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}], "Next": "Done"},
        "Done": {"Type": "Succeed"}
    }})
}

fuzz_target!(|data: &[u8]| {
    quiet_caught_panics();
    let Some((&mode, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    if mode % 2 == 0 {
        let (expression, input) = text.split_once('\n').unwrap_or((text, "{}"));
        let input = serde_json::from_str(input).unwrap_or(json!({}));
        let Ok(machine) = StateMachine::from_value(jsonata_machine(expression)) else { return };
        check(&run(&machine, input));
    } else {
        let Ok(machine) = StateMachine::from_json(text) else { return };
        check(&run(&machine, json!({"items": [1, 2], "fail": true})));
    }
});

/// sfn's JSONata bridge catches a panic inside jsonata-core and reports it as an evaluation
/// error (a range with a huge bound overflows in its debug build: kept as a regression test in
/// sfn-runtime's jsonata tests). libFuzzer's panic hook would abort on that caught panic, so
/// the default hook is restored; a panic that escapes sfn still fails the run, through
/// libfuzzer-sys's own catch.
fn quiet_caught_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
    });
}
