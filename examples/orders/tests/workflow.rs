//! The order workflow run locally through its real handler functions (`orders::executor()`):
//! the payloads, errors and retries are those of the deployed Lambda functions
//! (`tests/lambda_binary.rs` checks the errors against the real binary).

use serde_json::{Value, json};
use sfn::exec::Status;
use sfn_example_orders::orders;

fn order(id: &str, amount: u64) -> Value {
    json!({"id": id, "sku": "BOOK-1", "quantity": 2, "amount": amount})
}

fn event<'a>(history: &'a [Value], kind: &str) -> Vec<&'a Value> {
    history.iter().filter(|e| e["type"] == kind).collect()
}

#[test]
fn an_order_is_reserved_charged_and_receipted() {
    let execution = orders::executor().run(order("A-1", 4200));
    assert_eq!(execution.status, Status::Succeeded, "{execution:?}");
    assert_eq!(
        execution.states_visited,
        ["Reserve", "Charge", "Receipt", "Done"]
    );
    let output = execution.output.unwrap();
    assert_eq!(output["reservation"], json!({"id": "A-1-2xBOOK-1"}));
    assert_eq!(output["payment"], json!({"id": "P-A-1"}));
    // payload_response_only: the function's payload is the result, no invoke envelope.
    assert_eq!(
        output["receipt"],
        json!({"sent": "receipt for A-1 (P-A-1)"})
    );
}

#[test]
fn a_busy_warehouse_is_retried() {
    orders::BUSY_ONCE
        .lock()
        .unwrap()
        .get_or_insert_with(Default::default)
        .insert("B-1".to_owned());
    let execution = orders::executor().run(order("B-1", 100));
    assert_eq!(execution.status, Status::Succeeded, "{execution:?}");
    let history: Vec<Value> = execution.history.iter().map(|e| e.to_json()).collect();
    let failed = event(&history, "TaskFailed");
    assert_eq!(failed.len(), 1, "one failed attempt");
    let details = &failed[0]["taskFailedEventDetails"];
    // The errorType of the function's Diagnostic is the error name the Retry matched.
    assert_eq!(details["error"], "Order.WarehouseBusy");
    let cause: Value = serde_json::from_str(details["cause"].as_str().unwrap()).unwrap();
    assert_eq!(
        cause,
        json!({"errorType": "Order.WarehouseBusy", "errorMessage": "the warehouse is busy"})
    );
    // Two attempts of Reserve, one second apart on the virtual clock.
    assert_eq!(event(&history, "TaskScheduled").len(), 3);
    assert!(execution.duration_ms >= 1000);
}

#[test]
fn a_declined_card_is_caught() {
    let execution = orders::executor().run(order("C-1", orders::CARD_LIMIT + 1));
    assert_eq!(execution.status, Status::Failed);
    assert_eq!(execution.error.as_deref(), Some("OrderDeclined"));
    assert_eq!(execution.states_visited, ["Reserve", "Charge", "Declined"]);
    let history: Vec<Value> = execution.history.iter().map(|e| e.to_json()).collect();
    let exited = history.iter().find(|e| {
        e["type"] == "TaskStateExited" && e["stateExitedEventDetails"]["name"] == "Charge"
    });
    let output = exited
        .map(|e| e["stateExitedEventDetails"]["output"].clone())
        .unwrap_or_default();
    let output: Value = match output {
        Value::String(text) => serde_json::from_str(&text).unwrap(),
        other => other,
    };
    assert_eq!(output["error"]["Error"], "Order.PaymentDeclined");
}

#[test]
fn a_charge_can_be_replaced_for_one_test() {
    let executor = orders::executor()
        .on_state(
            "Charge",
            sfn::handlers::from_fn(|charge: Value| {
                Ok::<_, String>(
                    json!({"payment": format!("MOCK-{}", charge["order"].as_str().unwrap_or("?"))}),
                )
            }),
        )
        .unwrap();
    let execution = executor.run(order("D-1", 1));
    assert_eq!(execution.status, Status::Succeeded, "{execution:?}");
    // The replaced handler got the payload and its result went into the invoke response,
    // as for the real one; the other handlers stayed real.
    let output = execution.output.unwrap();
    assert_eq!(output["payment"]["id"], "MOCK-D-1");
    assert_eq!(output["reservation"]["id"], "D-1-2xBOOK-1");
}

#[test]
fn the_emitted_template_takes_the_functions_as_parameters() {
    let template: Value = serde_json::from_str(include_str!(concat!(
        env!("OUT_DIR"),
        "/ORDER_FLOW.template.json"
    )))
    .unwrap();
    let parameters = template["Parameters"].as_object().unwrap();
    assert!(
        parameters.contains_key("ReserveStockFunction"),
        "{parameters:?}"
    );
    assert!(
        parameters.contains_key("ChargeCardFunction"),
        "{parameters:?}"
    );
    let policy: Value = serde_json::from_str(orders::WORKFLOW.policy()).unwrap();
    let resources = policy["Statement"][0]["Resource"].to_string();
    assert!(
        resources.contains("function:send-receipt"),
        "the ARN given in #[sfn::lambda(function = ..)]: {resources}"
    );
}
