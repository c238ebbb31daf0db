//! The execution view's data: what the page says each state did, read back from the JSON
//! the page embeds, for executions whose histories the executor's own tests pin down
//! (retry intervals and backoff as the States Language specification defines them).

use serde_json::{Value, json};
use sfn_runtime::exec::{Executor, TaskFailure};

/// The JSON document a view embeds, and the page checked to be well-formed XML where it
/// matters (the SVG).
fn data(html: &str) -> Value {
    let open = r#"<script type="application/json" id="sfn-data">"#;
    let start = html.find(open).expect("the data element") + open.len();
    let end = start + html[start..].find("</script>").expect("its end");
    let svg_start = html.find("<svg ").expect("the picture");
    let svg_end = html.find("</svg>").expect("its end") + "</svg>".len();
    roxmltree::Document::parse(&html[svg_start..svg_end]).expect("well-formed SVG");
    serde_json::from_str(&html[start..end]).expect("the data is JSON")
}

fn visits<'a>(data: &'a Value, name: &str) -> Vec<&'a Value> {
    data["visits"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["name"] == name)
        .collect()
}

const ORDER: &str = r#"{"StartAt": "Charge", "States": {
  "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
    "Parameters": {"FunctionName": "charge", "Payload": {"amount.$": "$.amount"}},
    "ResultSelector": {"receipt.$": "$.Payload.receipt"}, "ResultPath": "$.payment",
    "Retry": [{"ErrorEquals": ["Throttled"], "IntervalSeconds": 1, "MaxAttempts": 2, "BackoffRate": 2.0}],
    "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Rejected"}],
    "Next": "Done"},
  "Done": {"Type": "Succeed"},
  "Rejected": {"Type": "Fail", "Error": "OrderRejected", "Cause": "not charged"}}}"#;

#[test]
fn retried_then_succeeded() {
    let execution = Executor::from_json(ORDER)
        .unwrap()
        .on_state("Charge", |_, ctx| {
            if ctx.retry_count() == 0 {
                return Err(TaskFailure::new("Throttled", "slow down"));
            }
            Ok(json!({"Payload": {"receipt": "R-1"}}))
        })
        .unwrap()
        .run(json!({"amount": 42}));
    let data = data(&execution.view_html());
    assert_eq!(data["execution"]["status"], "SUCCEEDED");
    assert_eq!(data["execution"]["input"], json!({"amount": 42}));
    let charge = visits(&data, "Charge");
    assert_eq!(charge.len(), 1);
    let charge = charge[0];
    assert_eq!(charge["outcome"], "retried");
    // Effective parameters (after Parameters), the raw task result, the state's output.
    let attempts = charge["attempts"].as_array().unwrap();
    assert_eq!(attempts.len(), 2);
    assert_eq!(
        attempts[0]["parameters"],
        json!({"FunctionName": "charge", "Payload": {"amount": 42}})
    );
    assert_eq!(attempts[0]["error"], "Throttled");
    assert_eq!(attempts[0]["cause"], "slow down");
    // The retry waits IntervalSeconds (1 s) on the virtual clock.
    assert_eq!(attempts[1]["atMs"], 1000);
    assert_eq!(
        attempts[1]["result"],
        json!({"Payload": {"receipt": "R-1"}})
    );
    assert_eq!(
        charge["output"],
        json!({"amount": 42, "payment": {"receipt": "R-1"}})
    );
    let done = visits(&data, "Done")[0];
    assert_eq!(done["outcome"], "succeeded");
    // The edge taken into `Done` starts at `Charge`.
    assert_eq!(
        data["visits"][done["prev"].as_u64().unwrap() as usize]["name"],
        "Charge"
    );
    assert!(visits(&data, "Rejected").is_empty());
}

#[test]
fn retries_exhausted_then_caught_and_failed() {
    let execution = Executor::from_json(ORDER)
        .unwrap()
        .on_state("Charge", |_, _| {
            Err(TaskFailure::new("Throttled", "slow down"))
        })
        .unwrap()
        .run(json!({"amount": 42}));
    let data = data(&execution.view_html());
    assert_eq!(data["execution"]["status"], "FAILED");
    assert_eq!(data["execution"]["error"], "OrderRejected");
    let charge = visits(&data, "Charge")[0];
    assert_eq!(charge["outcome"], "caught");
    // Three attempts: at 0, after 1 s, after 1 s * 2.0 more (BackoffRate).
    let at: Vec<&Value> = charge["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["atMs"])
        .collect();
    assert_eq!(at, [&json!(0), &json!(1000), &json!(3000)]);
    let rejected = visits(&data, "Rejected")[0];
    assert_eq!(rejected["outcome"], "failed");
    assert_eq!(rejected["error"], "OrderRejected");
    assert_eq!(rejected["cause"], "not charged");
    assert_eq!(
        rejected["input"]["error"],
        json!({"Error": "Throttled", "Cause": "slow down"})
    );
}

#[test]
fn a_failed_branch_fails_its_state_and_the_parallel_is_caught() {
    let execution = Executor::from_json(
        r#"{"StartAt": "Both", "States": {
          "Both": {"Type": "Parallel", "Branches": [
              {"StartAt": "Fine", "States": {"Fine": {"Type": "Pass", "Result": 1, "End": true}}},
              {"StartAt": "Broken", "States": {"Broken": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "End": true}}}],
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover"}], "Next": "Done"},
          "Recover": {"Type": "Pass", "End": true},
          "Done": {"Type": "Succeed"}}}"#,
    )
    .unwrap()
    .on_state("Broken", |_, _| Err(TaskFailure::new("Queue.Gone", "no queue")))
    .unwrap()
    .run(json!({}));
    let data = data(&execution.view_html());
    assert_eq!(data["execution"]["status"], "SUCCEEDED");
    assert_eq!(visits(&data, "Both")[0]["outcome"], "caught");
    assert_eq!(visits(&data, "Fine")[0]["outcome"], "succeeded");
    let broken = visits(&data, "Broken")[0];
    assert_eq!(broken["outcome"], "failed");
    assert_eq!(broken["error"], "Queue.Gone");
    // Branch states run inside the Parallel's visit (the first one).
    assert_eq!(broken["parent"], 0);
    assert!(broken["prev"].is_null());
    assert_eq!(visits(&data, "Recover")[0]["outcome"], "succeeded");
    assert!(visits(&data, "Done").is_empty());
}

#[test]
fn map_iterations_inline_and_distributed_are_told_apart() {
    for mode in ["INLINE", "DISTRIBUTED"] {
        let definition = json!({"StartAt": "Each", "States": {"Each": {"Type": "Map",
            "ToleratedFailurePercentage": 50,
            "ItemProcessor": {"ProcessorConfig": {"Mode": mode, "ExecutionType": "STANDARD"},
                "StartAt": "Check", "States": {
                "Check": {"Type": "Choice", "Choices": [{"Variable": "$.bad", "BooleanEquals": true, "Next": "Bad"}], "Default": "Work"},
                "Work": {"Type": "Pass", "End": true},
                "Bad": {"Type": "Fail", "Error": "Item.Bad", "Cause": "bad item"}}},
            "End": true}}});
        let definition = if mode == "INLINE" {
            // Inline Maps have no tolerated failures: the one bad item is caught instead.
            let mut d = definition;
            d["States"]["Each"]
                .as_object_mut()
                .unwrap()
                .remove("ToleratedFailurePercentage");
            d["States"]["Each"]["Catch"] =
                json!([{"ErrorEquals": ["States.ALL"], "Next": "Caught"}]);
            d["States"]["Caught"] = json!({"Type": "Pass", "End": true});
            d
        } else {
            definition
        };
        let executor = Executor::from_json(&definition.to_string()).unwrap();
        let items: Vec<Value> = (0..5).map(|i| json!({"n": i, "bad": i == 3})).collect();
        let execution = executor.run(Value::Array(items));
        let data = data(&execution.view_html());
        let each = visits(&data, "Each")[0];
        // An inline Map stops at the failed iteration; a distributed one runs every child.
        let count = if mode == "INLINE" { 4 } else { 5 };
        assert_eq!(each["iterations"]["count"], count, "{mode}");
        assert_eq!(each["iterations"]["failed"], json!([3]), "{mode}");
        let work: Vec<&Value> = visits(&data, "Work");
        let contexts: Vec<&str> = work.iter().map(|v| v["ctx"].as_str().unwrap()).collect();
        let expected: &[&str] = if mode == "INLINE" {
            &["Each#0", "Each#1", "Each#2"]
        } else {
            &["Each#0", "Each#1", "Each#2", "Each#4"]
        };
        assert_eq!(contexts, expected, "{mode}");
        let bad = visits(&data, "Bad")[0];
        assert_eq!(bad["ctx"], "Each#3", "{mode}");
        assert_eq!(bad["outcome"], "failed", "{mode}");
        assert_eq!(bad["error"], "Item.Bad", "{mode}");
        // Each iteration is its own run of the processor: `Check` starts every one.
        for check in visits(&data, "Check") {
            assert!(check["prev"].is_null(), "{mode}: {check}");
        }
    }
}

#[test]
fn payloads_cannot_break_out_of_the_page() {
    let execution = Executor::from_json(
        r#"{"StartAt": "</script><script>alert(1)</script>", "States": {
          "</script><script>alert(1)</script>": {"Type": "Pass", "End": true}}}"#,
    )
    .unwrap()
    .run(json!({"html": "</script><!-- <b>"}));
    let html = execution.view_html();
    assert_eq!(
        html.matches("</script>").count(),
        2,
        "only the page's own two"
    );
    let data = data(&html);
    assert_eq!(
        data["execution"]["output"],
        json!({"html": "</script><!-- <b>"})
    );
}

#[test]
fn a_definition_page_has_every_state_and_no_visits() {
    let machine = sfn_runtime::asl::StateMachine::from_json(ORDER).unwrap();
    let data = data(&sfn_runtime::view::definition_html(&machine, "ORDER"));
    assert!(data["execution"].is_null());
    assert_eq!(data["visits"], json!([]));
    assert_eq!(data["states"]["Charge"]["type"], "Task");
    assert_eq!(
        data["states"]["Charge"]["definition"]["Resource"],
        "arn:aws:states:::lambda:invoke"
    );
}
