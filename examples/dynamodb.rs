//! Amazon DynamoDB (`DynamoPutItem`, `DynamoGetItem`, `DynamoUpdateItem`, `DynamoDeleteItem`):
//! a message counter that writes an item, reads it back, bumps its count with an update
//! expression and finally deletes it; run locally against an in-memory table.
//!
//! Mirrors the CDK conformance cases `dynamo-put-item`, `dynamo-get-item`, `dynamo-update-item`
//! and `dynamo-delete-item`. Plain values are typed like CDK's `DynamoAttributeValue`
//! (`"x"` -> `{"S": "x"}`, `10` -> `{"N": "10"}`); `{"S": $.path}` spells the type out.
//!
//! ```sh
//! cargo run --example dynamodb
//! ```

use serde_json::{Value, json};
use sfn::workflow;
use std::sync::{Arc, Mutex};

workflow! {
    /// Put, get, update, delete one item of `MyTable`.
    pub DYNAMO {
        PutItem: DynamoPutItem {
            item: {
                "MessageId": "message-007",
                "Text": { "S": $.bar },
                "TotalCount": 10,
            },
            table: "MyTable",
            result_path: null,
        } -> GetItem,

        GetItem: DynamoGetItem {
            key: { "MessageId": "message-007" },
            table: "MyTable",
            result_path: $.stored,
        } -> UpdateItem,

        // `:val` is read from the item just fetched: a number that DynamoDB returned as a string.
        UpdateItem: DynamoUpdateItem {
            key: { "MessageId": "message-007" },
            table: "MyTable",
            expression_attribute_values: {
                ":val": { "N": $.stored.Item.TotalCount.N },
                ":rand": { "N": 20 },
            },
            update_expression: "SET TotalCount = :val + :rand",
            return_values: all_new,
            result_path: $.updated,
        } -> DeleteItem,

        DeleteItem: DynamoDeleteItem {
            key: { "MessageId": "message-007" },
            table: "MyTable",
            result_path: null,
        } -> end,
    }
}

fn main() {
    println!("== ASL definition\n{}\n", DYNAMO.definition_pretty());
    println!("== IAM policy\n{}\n", DYNAMO.policy_pretty());

    // A one-item table is enough to play the four calls.
    let table: Arc<Mutex<Option<Value>>> = Arc::default();
    let (put, get, update, delete) = (table.clone(), table.clone(), table.clone(), table);
    let executor = DYNAMO
        .executor()
        .map(|e| {
            e.on_resource("arn:aws:states:::dynamodb:putItem", move |p, _| {
                *put.lock().unwrap_or_else(|e| e.into_inner()) = Some(p["Item"].clone());
                Ok(json!({}))
            })
            .on_resource("arn:aws:states:::dynamodb:getItem", move |_, _| {
                let item = get.lock().unwrap_or_else(|e| e.into_inner()).clone();
                Ok(json!({ "Item": item }))
            })
            .on_resource("arn:aws:states:::dynamodb:updateItem", move |p, _| {
                let mut item = update.lock().unwrap_or_else(|e| e.into_inner());
                let values = &p["ExpressionAttributeValues"];
                let number = |k: &str| values[k]["N"].as_str().and_then(|n| n.parse::<i64>().ok());
                let total = number(":val").unwrap_or(0) + number(":rand").unwrap_or(0);
                if let Some(item) = item.as_mut() {
                    item["TotalCount"] = json!({ "N": total.to_string() });
                }
                Ok(json!({ "Attributes": item.clone() }))
            })
            .on_resource("arn:aws:states:::dynamodb:deleteItem", move |_, _| {
                *delete.lock().unwrap_or_else(|e| e.into_inner()) = None;
                Ok(json!({}))
            })
        })
        .unwrap_or_else(|e| panic!("DYNAMO is a valid state machine: {e}"));
    let execution = executor.run(json!({"bar": "hello"}));
    println!("== Local run: {:?}", execution.status);
    println!("   output: {}", execution.output.unwrap_or_default());
}
