//! DynamoDB against CDK's conformance cases.
mod common;
use common::*;

#[test]
fn delete_item() {
    let c = call(
        "DynamoDeleteItem",
        vec![
            (
                "key",
                obj(vec![("MessageId", obj(vec![("S", s("message-007"))]))]),
            ),
            ("table", s("MyTable")),
        ],
    );
    golden("dynamo-delete-item", "DeleteItem", &c);
}

#[test]
fn get_item() {
    let c = call(
        "DynamoGetItem",
        vec![
            ("key", obj(vec![("messageId", s("message-007"))])),
            ("table", s("MyTable")),
        ],
    );
    golden("dynamo-get-item", "Get Item", &c);
}

#[test]
fn put_item() {
    let c = call(
        "DynamoPutItem",
        vec![
            (
                "item",
                obj(vec![
                    ("MessageId", s("message-007")),
                    ("Text", obj(vec![("S", p("$.bar"))])),
                    ("TotalCount", n(10)),
                ]),
            ),
            ("table", s("MyTable")),
        ],
    );
    golden("dynamo-put-item", "PutItem", &c);
}

#[test]
fn update_item() {
    let c = call(
        "DynamoUpdateItem",
        vec![
            ("key", obj(vec![("MessageId", s("message-007"))])),
            ("table", s("MyTable")),
            (
                "expression_attribute_values",
                obj(vec![
                    (":val", obj(vec![("N", p("$.Item.TotalCount.N"))])),
                    (":rand", obj(vec![("N", n(20))])),
                ]),
            ),
            ("update_expression", s("SET TotalCount = :val + :rand")),
        ],
    );
    golden("dynamo-update-item", "UpdateItem", &c);
}

#[test]
fn inferred_types_and_jsonata() {
    let c = jsonata(call(
        "DynamoPutItem",
        vec![
            (
                "item",
                obj(vec![
                    ("Flag", b(true)),
                    ("Nothing", sfn_tasks::TaskValue::Null),
                    ("List", arr(vec![s("a"), n(1)])),
                    ("Map", obj(vec![("x", s("y"))])),
                    ("Expr", obj(vec![("S", ja("{% $states.input.name %}"))])),
                ]),
            ),
            (
                "table",
                s("arn:aws:dynamodb:eu-west-1:111111111111:table/T"),
            ),
        ],
    ));
    let t = ok(&c);
    let item = &t.fields["Arguments"]["Item"];
    assert_eq!(item["Flag"], serde_json::json!({"BOOL": true}));
    assert_eq!(item["Nothing"], serde_json::json!({"NULL": true}));
    assert_eq!(
        item["List"],
        serde_json::json!({"L": [{"S": "a"}, {"N": "1"}]})
    );
    assert_eq!(item["Map"], serde_json::json!({"M": {"x": {"S": "y"}}}));
    assert_eq!(
        item["Expr"],
        serde_json::json!({"S": "{% $states.input.name %}"})
    );
    assert_eq!(
        t.statements[0].resources,
        vec!["arn:aws:dynamodb:eu-west-1:111111111111:table/T"]
    );
}
