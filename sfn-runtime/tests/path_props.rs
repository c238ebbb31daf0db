//! Properties: the parsers never panic, and printing a parsed path gives text that parses
//! back to the same tree.

use proptest::prelude::*;
use serde_json::{Map, Value, json};
use sfn_runtime::path::{
    CompareOp, Filter, FilterPath, Operand, Path, Root, Scope, Segment, Selector, Slice,
    SplitMix64, eval_intrinsic, parse_expr, parse_intrinsic, parse_path, parse_reference_path,
    select,
};

/// Text made mostly of the characters that matter to the grammar, so that random strings
/// reach deep into the parser.
fn path_like() -> impl Strategy<Value = String> {
    let atoms = prop_oneof![
        Just("$".to_string()),
        Just("$$".to_string()),
        Just(".".to_string()),
        Just("..".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("*".to_string()),
        Just("'".to_string()),
        Just("\"".to_string()),
        Just(",".to_string()),
        Just(":".to_string()),
        Just("?(".to_string()),
        Just(")".to_string()),
        Just("@".to_string()),
        Just("-".to_string()),
        Just("\\".to_string()),
        Just(" ".to_string()),
        Just("==".to_string()),
        Just("<".to_string()),
        Just("&&".to_string()),
        Just("||".to_string()),
        Just("!".to_string()),
        Just("States.Format(".to_string()),
        Just("States.Array(".to_string()),
        Just("{}".to_string()),
        Just("true".to_string()),
        Just("null".to_string()),
        Just("1.5".to_string()),
        Just(r"\{".to_string()),
        Just(r"\'".to_string()),
        Just("$.a".to_string()),
        "[a-z0-9]{1,3}",
        "\\PC{1,2}",
    ];
    proptest::collection::vec(atoms, 0..24).prop_map(|parts| parts.concat())
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z_][a-zA-Z0-9_]{0,5}",
        "\\PC{0,4}",
        Just("a b".to_string()),
        Just("it's\\".to_string())
    ]
}

/// A name a union (`['a','b']`) can hold. Brackets keep a `\` as written (the service's
/// reading), so a name ending in `\` has no bracket form; a single name is then written as
/// an escaped dot name, a union has no such form.
fn union_name() -> impl Strategy<Value = String> {
    name().prop_filter("has a bracket form", |n| {
        let no_quote_fits = n.contains("\\'") && n.contains("\\\"");
        !(n.ends_with('\\') || no_quote_fits)
    })
}

fn leaf_selector() -> impl Strategy<Value = Selector> {
    prop_oneof![
        name().prop_map(Selector::Name),
        any::<i64>().prop_map(Selector::Index),
        Just(Selector::Wildcard),
        proptest::collection::vec(union_name(), 2..4).prop_map(Selector::Names),
        proptest::collection::vec(any::<i64>(), 2..4).prop_map(Selector::Indexes),
        (
            any::<Option<i64>>(),
            any::<Option<i64>>(),
            any::<Option<i64>>()
        )
            .prop_map(|(start, end, step)| {
                Selector::Slice(Slice {
                    start,
                    end,
                    step: step.filter(|s| *s != 0),
                })
            }),
    ]
}

fn literal() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(|f| json!(f)),
        name().prop_map(Value::String),
    ]
}

fn filter(segments: BoxedStrategy<Vec<Segment>>) -> impl Strategy<Value = Filter> {
    let path =
        (any::<bool>(), segments).prop_map(|(current, segments)| FilterPath { current, segments });
    let op = prop_oneof![
        Just(CompareOp::Eq),
        Just(CompareOp::Ne),
        Just(CompareOp::Lt),
        Just(CompareOp::Le),
        Just(CompareOp::Gt),
        Just(CompareOp::Ge)
    ];
    let path = path.boxed();
    let operand = prop_oneof![
        path.clone().prop_map(Operand::Path),
        literal().prop_map(Operand::Literal)
    ];
    let atom = prop_oneof![
        path.prop_map(Filter::Exists),
        (operand.clone(), op, operand.boxed()).prop_map(|(left, op, right)| Filter::Compare {
            left,
            op,
            right
        }),
    ];
    atom.prop_recursive(3, 12, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Filter::And(Box::new(a), Box::new(b))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Filter::Or(Box::new(a), Box::new(b))),
            inner.prop_map(|a| Filter::Not(Box::new(a))),
        ]
    })
}

fn segments() -> impl Strategy<Value = Vec<Segment>> {
    let simple = proptest::collection::vec(
        (any::<bool>(), leaf_selector()).prop_map(|(deep, s)| {
            if deep {
                Segment::Descendant(s)
            } else {
                Segment::Child(s)
            }
        }),
        0..3,
    )
    .boxed();
    let with_filter =
        (simple.clone(), filter(simple.clone()), simple.clone()).prop_map(|(mut a, f, b)| {
            a.push(Segment::Child(Selector::Filter(f)));
            a.extend(b);
            a
        });
    prop_oneof![3 => simple, 1 => with_filter]
}

fn root() -> impl Strategy<Value = Root> {
    prop_oneof![
        Just(Root::Input),
        Just(Root::Context),
        "[a-zA-Z_][a-zA-Z0-9_]{0,4}".prop_map(Root::Variable)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn parsers_never_panic(src in path_like()) {
        let _ = parse_path(&src);
        let _ = parse_reference_path(&src);
        let _ = parse_expr(&src);
        let _ = parse_intrinsic(&src);
    }

    #[test]
    fn parsers_never_panic_on_any_text(src in "\\PC{0,40}") {
        let _ = parse_path(&src);
        let _ = parse_intrinsic(&src);
    }

    #[test]
    fn errors_point_inside_the_text(src in path_like()) {
        for e in [parse_path(&src).err(), parse_intrinsic(&src).err()].into_iter().flatten() {
            prop_assert!(e.offset <= src.len(), "{src:?}: {e}");
        }
    }

    #[test]
    fn parsed_paths_print_and_reparse_to_the_same_tree(src in path_like()) {
        if let Ok(path) = parse_path(&src) {
            let printed = path.to_string();
            let again = parse_path(&printed);
            prop_assert!(again.as_ref().is_ok_and(|p| p.same_as(&path)), "{src:?} -> {printed:?}: {again:?}");
        }
        if let Ok(reference) = parse_reference_path(&src) {
            prop_assert!(reference.is_reference_path());
            prop_assert!(parse_path(&src).is_ok_and(|p| p.same_as(&reference)));
        }
    }

    #[test]
    fn parsed_intrinsics_print_and_reparse(src in path_like()) {
        let src = format!("States.Array({src}");
        if let Ok(call) = parse_intrinsic(&src) {
            let printed = call.to_string();
            let again = parse_intrinsic(&printed).map(|c| c.to_string());
            prop_assert_eq!(again, Ok(printed));
        }
    }

    #[test]
    fn generated_trees_print_and_reparse(root in root(), segments in segments()) {
        let path = Path { root, segments, span: 0..0 };
        let printed = path.to_string();
        let again = parse_path(&printed);
        prop_assert!(again.as_ref().is_ok_and(|p| p.same_as(&path)), "{path:?} -> {printed:?}: {again:?}");
        prop_assert_eq!(again.map(|p| p.span), Ok(0..printed.len()));
    }

    #[test]
    fn evaluation_never_panics(src in path_like(), seed in any::<u64>()) {
        let input = json!({"a": [1, {"b": "x"}, [2, 3]], "s": "a,b", "n": 2, "o": {"k": null}});
        let context = json!({"Execution": {"Id": "x"}});
        let vars = Map::new();
        let scope = Scope { input: &input, context: &context, variables: &vars };
        if let Ok(p) = parse_path(&src) {
            let _ = select(&p, &scope);
        }
        if let Ok(call) = parse_intrinsic(&src) {
            let _ = eval_intrinsic(&call, &scope, &mut SplitMix64::new(seed).as_fn());
        }
    }
}
