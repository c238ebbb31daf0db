//! A fixed document and scope shared by the targets, so evaluation is exercised too.

use serde_json::{Map, Value, json};

pub fn document() -> Value {
    json!({
        "store": {
            "book": [
                {"category": "reference", "author": "Nigel Rees", "title": "Sayings", "price": 8.95},
                {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword", "price": 12.99, "isbn": "0-553"},
                {"category": "fiction", "title": "Moby Dick", "price": 8, "isbn": null}
            ],
            "bicycle": {"color": "red", "price": 19.95}
        },
        "a": [1, 2, 2, 3, -1, 0.5], "s": "a,b;c", "n": 3, "t": true, "z": null,
        "o": {"x": {"y": [{"z": 1}]}}, "b64": "aGVsbG8=", "json": "{\"k\":[1,2]}"
    })
}

pub fn context() -> Value {
    json!({"Execution": {"Id": "arn:x", "Input": {"k": 1}}, "State": {"Name": "S"}, "Map": {"Item": {"Index": 0, "Value": {"v": 1}}}})
}

pub fn variables() -> Map<String, Value> {
    let mut vars = Map::new();
    vars.insert("myVar".into(), json!({"field": [1, 2]}));
    vars.insert("n".into(), json!(5));
    vars
}
