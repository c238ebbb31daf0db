//! Evaluation of every intrinsic function, with values recorded against the service where
//! the reference has them, and the failures each one raises.

use serde_json::{Map, Value, json};
use sfn_runtime::path::{EvalError, Scope, SplitMix64, eval_intrinsic, parse_intrinsic};

fn input() -> Value {
    json!({
        "arr": [1, 2, 3, 4, 5, 6, 7, 8, 9], "dups": [1, 2, 3, 3, 3, 3, 3, 3, 4],
        "objs": [{"1": 2, "2": []}], "obj": {"1": 2, "2": []},
        "s": "HelloWorld", "json1": {"a": {"a1": 1, "a2": 2}, "b": 2}, "json2": {"a": {"a3": 1, "a4": 2}, "c": 3},
        "someJson": {"name": "Foo", "year": 2020}, "template": "x={} y={}", "big": "a".repeat(10_001)
    })
}

fn run_with(src: &str, random: &mut dyn FnMut() -> u64) -> Result<Value, EvalError> {
    let input = input();
    let context = json!({"Execution": {"Name": "e1"}});
    let mut vars = Map::new();
    vars.insert("v".into(), json!(41));
    let scope = Scope {
        input: &input,
        context: &context,
        variables: &vars,
    };
    let call = parse_intrinsic(src).unwrap_or_else(|e| panic!("{src}: {e}"));
    eval_intrinsic(&call, &scope, random)
}

fn run(src: &str) -> Result<Value, EvalError> {
    run_with(src, &mut SplitMix64::new(9).as_fn())
}

#[test]
fn results_match_the_service() {
    let cases: &[(&str, Value)] = &[
        (
            "States.Format('Hello, my name is {}.', 'Arnav')",
            json!("Hello, my name is Arnav."),
        ),
        (
            "States.Format('\\{literal\\} {}', 'x')",
            json!("{literal} x"),
        ),
        (
            "States.Format('{} {} {} {} {}', null, 1.1, true, $.obj, $.arr[0:2])",
            json!("null 1.1 true {1=2, 2=[]} [1, 2]"),
        ),
        (
            "States.Format('it\\'s {}', $$.Execution.Name)",
            json!("it's e1"),
        ),
        ("States.Format($.template, 1, 'b')", json!("x=1 y=b")),
        (
            "States.StringToJson('{\"number\": 20}')",
            json!({"number": 20}),
        ),
        ("States.StringToJson('')", json!(null)),
        ("States.StringToJson(' ')", json!(null)),
        ("States.StringToJson('-0')", json!(0)),
        ("States.StringToJson('[1,\"x\"]')", json!([1, "x"])),
        (
            "States.JsonToString($.someJson)",
            json!("{\"name\":\"Foo\",\"year\":2020}"),
        ),
        ("States.JsonToString($.s)", json!("\"HelloWorld\"")),
        ("States.JsonToString($.objs[0].2)", json!("[]")),
        ("States.Array()", json!([])),
        (
            "States.Array('a', 1, null, true, $.obj, $v)",
            json!(["a", 1, null, true, {"1": 2, "2": []}, 41]),
        ),
        (
            "States.ArrayPartition($.arr, 4)",
            json!([[1, 2, 3, 4], [5, 6, 7, 8], [9]]),
        ),
        ("States.ArrayPartition(States.Array(), 2)", json!([])),
        ("States.ArrayContains($.arr, 5)", json!(true)),
        ("States.ArrayContains($.arr, 42)", json!(false)),
        ("States.ArrayContains($.objs, $.obj)", json!(true)),
        ("States.ArrayRange(1, 9, 2)", json!([1, 3, 5, 7, 9])),
        ("States.ArrayRange(0, 10, 3)", json!([0, 3, 6, 9])),
        ("States.ArrayRange(1, 9, 9)", json!([1])),
        ("States.ArrayRange(5, 1, -2)", json!([5, 3, 1])),
        ("States.ArrayRange(5, 1, 1)", json!([])),
        (
            "States.ArrayRange(0, 999, 1)",
            Value::Array((0..1000).map(Value::from).collect()),
        ),
        ("States.ArrayGetItem($.arr, 5)", json!(6)),
        ("States.ArrayLength($.arr)", json!(9)),
        ("States.ArrayLength(States.Array())", json!(0)),
        ("States.ArrayUnique($.dups)", json!([1, 2, 3, 4])),
        (
            "States.ArrayUnique(States.Array($.obj, $.objs[0], 1))",
            json!([{"1": 2, "2": []}, 1]),
        ),
        (
            "States.Base64Encode('Data to encode')",
            json!("RGF0YSB0byBlbmNvZGU="),
        ),
        ("States.Base64Encode('')", json!("")),
        (
            "States.Base64Decode('RGF0YSB0byBlbmNvZGU=')",
            json!("Data to encode"),
        ),
        ("States.Base64Decode('')", json!("")),
        (
            "States.Hash('input data', 'MD5')",
            json!("812f45842bc6d66ee14572ce20db8e86"),
        ),
        (
            "States.Hash('input data', 'SHA-1')",
            json!("aaff4a450a104cd177d28d18d74485e8cae074b7"),
        ),
        (
            "States.Hash('input data', 'SHA-256')",
            json!("b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3"),
        ),
        (
            "States.Hash('abc', 'SHA-384')",
            json!(
                "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"
            ),
        ),
        (
            "States.Hash('abc', 'SHA-512')",
            json!(
                "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
            ),
        ),
        (
            "States.JsonMerge($.json1, $.json2, false)",
            json!({"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3}),
        ),
        ("States.MathAdd(1, 2)", json!(3)),
        ("States.MathAdd(1.5, 1.51)", json!(4)),
        ("States.MathAdd(-1.5, 0)", json!(-1)),
        ("States.MathAdd($v, -42)", json!(-1)),
        (
            "States.StringSplit('This.is+a,test=string', '.+,=')",
            json!(["This", "is", "a", "test", "string"]),
        ),
        ("States.StringSplit(',,,,', ',')", json!([])),
        ("States.StringSplit(', , ,', ',')", json!([" ", " "])),
        (
            "States.StringSplit('1,2,3,4,5', ',')",
            json!(["1", "2", "3", "4", "5"]),
        ),
        (
            "States.ArrayLength(States.StringSplit(States.Format('{}-{}', 'a', 'b'), '-'))",
            json!(2),
        ),
    ];
    for (src, expected) in cases {
        assert_eq!(
            run(src).unwrap_or_else(|e| panic!("{src}: {e}")),
            *expected,
            "{src}"
        );
    }
}

#[test]
fn bad_arguments_are_intrinsic_failures() {
    let cases = [
        "States.Format($.template, 1)",
        "States.StringToJson('{nope')",
        "States.StringToJson($.arr)",
        "States.ArrayPartition($.s, 2)",
        "States.ArrayPartition($.arr, $.s)",
        "States.ArrayRange(0, States.MathAdd(1000, 0), 1)",
        "States.ArrayRange(0, 5, States.MathAdd(0, 0))",
        "States.ArrayRange(1, 2, $.arr[0:0][0])",
        "States.ArrayGetItem($.arr, 9)",
        "States.ArrayLength($.obj)",
        "States.ArrayUnique($.s)",
        "States.Base64Encode($.big)",
        "States.Base64Encode($.arr)",
        "States.Base64Decode('not base64!')",
        "States.Base64Decode('/w==')",
        "States.Hash($.big, 'MD5')",
        "States.Hash('x', $.s)",
        "States.JsonMerge($.json1, $.arr, false)",
        "States.JsonMerge($.json1, $.json2, $.s)",
        "States.MathRandom(5, 5)",
        "States.MathRandom(1, $.s)",
        "States.MathAdd(9223372036854775807, 1)",
        "States.MathAdd($.s, 1)",
        "States.StringSplit($.arr, ',')",
    ];
    for src in cases {
        match run(src) {
            Err(e) => {
                assert_eq!(e.error, "States.IntrinsicFailure", "{src}: {}", e.cause);
                let name = src.split('(').next().unwrap_or_default();
                assert!(
                    e.cause.starts_with(&format!("{name}: ")),
                    "{src}: {}",
                    e.cause
                );
            }
            Ok(v) => panic!("{src}: expected a failure, got {v}"),
        }
    }
}

#[test]
fn missing_path_arguments_are_runtime_errors() {
    let e = run("States.ArrayLength($.nope)").unwrap_err();
    assert_eq!(e.error, "States.Runtime");
}

#[test]
fn math_random_stays_in_range_and_seed_is_deterministic() {
    let mut rng = SplitMix64::new(1);
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..200 {
        let v = run_with("States.MathRandom(-3, 4)", &mut rng.as_fn()).unwrap();
        let v = v.as_i64().unwrap();
        assert!((-3..4).contains(&v), "{v}");
        seen.insert(v);
    }
    assert_eq!(seen.len(), 7, "every value of the range shows up: {seen:?}");
    let a = run_with("States.MathRandom(1, 1000, 7)", &mut || 1).unwrap();
    let b = run_with("States.MathRandom(1, 1000, 7)", &mut || 2).unwrap();
    assert_eq!(a, b, "the seed, not the random source, decides");
    let c = run_with("States.MathRandom(1, 1000, 8)", &mut || 1).unwrap();
    assert_ne!(a, c);
}

#[test]
fn uuid_is_version_4() {
    let mut rng = SplitMix64::new(3);
    let a = run_with("States.UUID()", &mut rng.as_fn()).unwrap();
    let b = run_with("States.UUID()", &mut rng.as_fn()).unwrap();
    assert_ne!(a, b);
    for u in [
        a,
        b,
        run_with("States.UUID()", &mut || u64::MAX).unwrap(),
        run_with("States.UUID()", &mut || 0).unwrap(),
    ] {
        let s = u.as_str().unwrap();
        let groups: Vec<&str> = s.split('-').collect();
        assert_eq!(
            groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
            vec![8, 4, 4, 4, 12],
            "{s}"
        );
        assert!(groups[2].starts_with('4'), "{s}");
        assert!(
            matches!(groups[3].chars().next(), Some('8' | '9' | 'a' | 'b')),
            "{s}"
        );
        assert!(
            s.chars()
                .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase()),
            "{s}"
        );
    }
}
