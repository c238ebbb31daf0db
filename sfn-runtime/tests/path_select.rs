//! Selection with Jayway result shapes, ResultPath writes and payload templates.

use serde_json::{Map, Value, json};
use sfn_runtime::path::{
    Scope, SplitMix64, parse_path, parse_reference_path, render_payload, select, write_at,
};

fn store() -> Value {
    json!({
        "store": {
            "book": [
                {"category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95},
                {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99},
                {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99},
                {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99}
            ],
            "bicycle": {"color": "red", "price": 19.95}
        },
        "expensive": 10
    })
}

fn eval(path: &str, input: &Value) -> Result<Value, sfn_runtime::path::EvalError> {
    let context =
        json!({"Execution": {"Id": "arn:exec"}, "Map": {"Item": {"Index": 2, "Value": {"v": 1}}}});
    let mut vars = Map::new();
    vars.insert("myVar".into(), json!({"field": [10, 20]}));
    let scope = Scope {
        input,
        context: &context,
        variables: &vars,
    };
    select(
        &parse_path(path).unwrap_or_else(|e| panic!("{path}: {e}")),
        &scope,
    )
}

#[test]
fn jayway_store_examples() {
    let doc = store();
    let cases: &[(&str, Value)] = &[
        (
            "$.store.book[*].author",
            json!([
                "Nigel Rees",
                "Evelyn Waugh",
                "Herman Melville",
                "J. R. R. Tolkien"
            ]),
        ),
        (
            "$..author",
            json!([
                "Nigel Rees",
                "Evelyn Waugh",
                "Herman Melville",
                "J. R. R. Tolkien"
            ]),
        ),
        ("$.store..price", json!([8.95, 12.99, 8.99, 22.99, 19.95])),
        ("$..book[2].title", json!(["Moby Dick"])),
        ("$..book[-1].title", json!(["The Lord of the Rings"])),
        ("$.store.book[0,1].price", json!([8.95, 12.99])),
        ("$.store.book[:2].price", json!([8.95, 12.99])),
        ("$.store.book[-2:].price", json!([8.99, 22.99])),
        ("$.store.book[::2].price", json!([8.95, 8.99])),
        (
            "$.store.book[?(@.isbn)].title",
            json!(["Moby Dick", "The Lord of the Rings"]),
        ),
        (
            "$.store.book[?(@.price < 10)].title",
            json!(["Sayings of the Century", "Moby Dick"]),
        ),
        (
            "$.store.book[?(@.price > $.expensive)].price",
            json!([12.99, 22.99]),
        ),
        (
            "$.store.book[?(@.category == 'fiction' && @.price < 10)].author",
            json!(["Herman Melville"]),
        ),
        ("$.store.book[?(!@.isbn)].price", json!([8.95, 12.99])),
        (
            "$.store.book[?(@.isbn != '0-553-21311-3')].price",
            json!([8.95, 12.99, 22.99]),
        ),
        ("$.store.bicycle[?(@.color == 'red')].price", json!([19.95])),
        (
            "$.store.bicycle['color','price']",
            json!({"color": "red", "price": 19.95}),
        ),
        (
            "$.store.book[*]['title','nope']",
            json!([{"title": "Sayings of the Century"}, {"title": "Sword of Honour"}, {"title": "Moby Dick"}, {"title": "The Lord of the Rings"}]),
        ),
        ("$.store.bicycle.*", json!(["red", 19.95])),
        ("$.store.book[1].author", json!("Evelyn Waugh")),
        ("$.store.book[-1].price", json!(22.99)),
        ("$.missing[*]", json!([])),
        ("$.store.book[9:]", json!([])),
        ("$$.Execution.Id", json!("arn:exec")),
        ("$$.Map.Item.Value.v", json!(1)),
        ("$myVar.field[1]", json!(20)),
        ("$myVar.field[*]", json!([10, 20])),
    ];
    for (path, expected) in cases {
        assert_eq!(
            eval(path, &doc).unwrap_or_else(|e| panic!("{path}: {e}")),
            *expected,
            "{path}"
        );
    }
}

#[test]
fn deep_scan_visits_parents_before_children() {
    let doc = json!({"a": {"k": 1, "b": {"k": 2}}, "c": [{"k": 3}]});
    assert_eq!(eval("$..k", &doc).unwrap(), json!([1, 2, 3]));
    assert_eq!(eval("$..[0]", &doc).unwrap(), json!([{"k": 3}]));
}

#[test]
fn definite_paths_that_miss_are_runtime_errors() {
    let doc = store();
    for path in [
        "$.nope",
        "$.store.book[10]",
        "$.store.book[-10]",
        "$.store.bicycle[0]",
        "$.expensive.x",
    ] {
        let e = eval(path, &doc).unwrap_err();
        assert_eq!(e.error, "States.Runtime", "{path}");
        assert!(
            e.cause.starts_with(&format!(
                "The JSONPath '{path}' could not be found in the input"
            )),
            "{}",
            e.cause
        );
    }
    let e = eval("$nobody.x", &doc).unwrap_err();
    assert_eq!(e.error, "States.Runtime");
    assert!(e.cause.contains("$nobody"), "{}", e.cause);
}

#[test]
fn root_path_returns_whole_input_of_any_type() {
    for input in [
        json!(1),
        json!("s"),
        json!(null),
        json!([1]),
        json!({"a": 1}),
    ] {
        assert_eq!(eval("$", &input).unwrap(), input);
    }
}

#[test]
fn result_path_writes_like_the_service() {
    // DG worked example.
    let input = json!({"comment": "x", "data": {"val1": 23, "val2": 17}, "extra": "foo", "lambda": {"who": "AWS Step Functions"}});
    let out = write_at(
        input,
        &parse_reference_path("$.data.lambdaresult").unwrap(),
        json!("Hello, AWS Step Functions!"),
    )
    .unwrap();
    assert_eq!(
        eval("$.data", &out).unwrap(),
        json!({"val1": 23, "val2": 17, "lambdaresult": "Hello, AWS Step Functions!"})
    );
    let out = write_at(
        json!({"a": 1}),
        &parse_reference_path("$['b c'].d").unwrap(),
        json!(true),
    )
    .unwrap();
    assert_eq!(out, json!({"a": 1, "b c": {"d": true}}));
    let e = write_at(json!([1]), &parse_reference_path("$.a").unwrap(), json!(1)).unwrap_err();
    assert_eq!(e.error, "States.ResultPathMatchFailure");
}

fn render(template: Value, input: &Value) -> Result<Value, sfn_runtime::path::EvalError> {
    let context = json!({"State": {"Name": "S"}});
    let vars = Map::new();
    let scope = Scope {
        input,
        context: &context,
        variables: &vars,
    };
    render_payload(&template, &scope, &mut SplitMix64::default().as_fn())
}

#[test]
fn payload_templates_rename_and_evaluate_at_any_depth() {
    let input = json!({"a": 1, "items": [{"v": 1}, {"v": 2}]});
    let template = json!({
        "plain": "$.a",
        "a.$": "$.a",
        "nested": {"x.$": "$.items[*].v", "list": [{"s.$": "$$.State.Name"}, 3, "$.a"]},
        "n.$": "States.ArrayLength($.items)",
        "empty.$": "$.nothing[*]"
    });
    let out = render(template, &input).unwrap();
    assert_eq!(
        out,
        json!({
            "plain": "$.a",
            "a": 1,
            "nested": {"x": [1, 2], "list": [{"s": "S"}, 3, "$.a"]},
            "n": 2,
            "empty": []
        })
    );
    assert_eq!(
        render(json!([{"k.$": "$.a"}, "v"]), &input).unwrap(),
        json!([{"k": 1}, "v"])
    );
    assert_eq!(render(json!("scalar"), &input).unwrap(), json!("scalar"));
}

#[test]
fn payload_errors_name_the_field() {
    let input = json!({"a": 1});
    let e = render(json!({"value.$": "$.x"}), &input).unwrap_err();
    assert_eq!(e.error, "States.Runtime");
    assert_eq!(
        e.cause,
        "The JSONPath '$.x' specified for the field 'value.$' could not be found in the input '{\"a\":1}'"
    );
    let e = render(json!({"lorem.$": "ipsum"}), &input).unwrap_err();
    assert_eq!(e.error, "States.Runtime");
    assert!(
        e.cause.contains("'lorem.$'") && e.cause.contains("column 1"),
        "{}",
        e.cause
    );
    let e = render(json!({"deep": [{"n.$": 5}]}), &input).unwrap_err();
    assert_eq!(e.error, "States.Runtime");
    assert!(e.cause.contains("'n.$' must be a string"), "{}", e.cause);
    let e = render(json!({"i.$": "States.ArrayLength($.a)"}), &input).unwrap_err();
    assert_eq!(e.error, "States.IntrinsicFailure");
}

#[test]
fn bracket_names_keep_a_backslash_literally() {
    // Recorded against AWS (issue #13, item 8): `$['Test\""Name"']` selects the key
    // `Test\""Name"`, the backslash kept (Jayway's reading), not `Test""Name"`.
    use serde_json::json;
    use sfn_runtime::path::{Scope, parse_path, select};
    let input = json!({"Test\\\"\"Name\"": 1, "Test\"\"Name\"": 2, "it's": 3});
    let scope = Scope {
        input: &input,
        context: &json!({}),
        variables: &serde_json::Map::new(),
    };
    let path = parse_path(r#"$['Test\""Name"']"#).unwrap();
    assert_eq!(select(&path, &scope).unwrap(), json!(1));
    // Before the quote itself the backslash escapes it.
    let path = parse_path(r"$['it\'s']").unwrap();
    assert_eq!(select(&path, &scope).unwrap(), json!(3));
    // Printing keeps it readable back the same way.
    let printed = parse_path(r#"$['Test\""Name"']"#).unwrap().to_string();
    assert_eq!(
        select(&parse_path(&printed).unwrap(), &scope).unwrap(),
        json!(1)
    );
}
