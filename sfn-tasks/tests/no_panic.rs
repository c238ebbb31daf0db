//! Whatever a task call holds, rendering returns a task or errors; it never panics, and
//! every error points at a location that exists in the call.
use proptest::prelude::*;
use sfn_tasks::{QueryLanguage, TaskCall, TaskField, TaskValue};

fn leaf() -> impl Strategy<Value = TaskValue> {
    prop_oneof![
        "[a-z$.:{}%/ \\[\\]()'0-9]{0,12}".prop_map(TaskValue::Str),
        any::<i32>().prop_map(|n| TaskValue::Number(n.into())),
        any::<bool>().prop_map(TaskValue::Bool),
        Just(TaskValue::Null),
        "\\$[a-z.\\[\\]0-9$]{0,8}".prop_map(TaskValue::Path),
        "States\\.[A-Za-z]{0,8}\\([$.a-z', 0-9{}]{0,10}\\)".prop_map(TaskValue::Intrinsic),
        "\\{% [$a-z.&' ()]{0,10} %\\}".prop_map(TaskValue::Jsonata),
        "[a-z_]{1,10}".prop_map(TaskValue::Ident),
        (0u64..100_000).prop_map(TaskValue::DurationSecs),
    ]
}

fn value() -> impl Strategy<Value = TaskValue> {
    leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(("[a-zA-Z_ :.]{1,8}", 0usize..1000, inner.clone()), 0..4)
                .prop_map(|m| TaskValue::Object(m.into_iter().collect())),
            prop::collection::vec((0usize..1000, inner), 0..4).prop_map(TaskValue::Array),
        ]
    })
}

fn call_for(class: &'static str) -> impl Strategy<Value = TaskCall> {
    let names: Vec<&'static str> = sfn_tasks::spec(class)
        .map(|s| s.fields.iter().map(|f| f.name).collect())
        .unwrap_or_else(|| vec!["expression"]);
    let mut names = names;
    names.push("pattern");
    names.push("bogus_field");
    let field = (
        prop::sample::select(names),
        value(),
        0usize..1000,
        0usize..1000,
    )
        .prop_map(|(name, value, name_loc, value_loc)| TaskField {
            name: name.to_string(),
            name_loc,
            value,
            value_loc,
        });
    (prop::collection::vec(field, 0..7), any::<bool>()).prop_map(move |(fields, jsonata)| {
        TaskCall {
            class: class.to_string(),
            class_loc: 5000,
            fields,
            query_language: if jsonata {
                QueryLanguage::Jsonata
            } else {
                QueryLanguage::JsonPath
            },
        }
    })
}

fn locations(v: &TaskValue, out: &mut Vec<usize>) {
    match v {
        TaskValue::Object(m) => {
            for (_, l, v) in m {
                out.push(*l);
                locations(v, out);
            }
        }
        TaskValue::Array(items) => {
            for (l, v) in items {
                out.push(*l);
                locations(v, out);
            }
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn render_never_panics(c in prop::sample::select(sfn_tasks::class_names().collect::<Vec<_>>()).prop_flat_map(call_for)) {
        let result = sfn_tasks::render(&c);
        if let Ok(task) = &result {
            // No scratch key of a class's description leaks into the output.
            for key in ["Parameters", "Arguments"] {
                if let Some(serde_json::Value::Object(m)) = task.fields.get(key) {
                    prop_assert!(!m.keys().any(|k| k.starts_with('-')), "scratch key in {m:?}");
                }
            }
        }
        if let Err(errors) = result {
            prop_assert!(!errors.is_empty());
            let mut known = vec![c.class_loc];
            for f in &c.fields {
                known.push(f.name_loc);
                known.push(f.value_loc);
                locations(&f.value, &mut known);
            }
            for e in &errors {
                prop_assert!(known.contains(&e.loc), "error at an unknown location: {e:?}");
                prop_assert!(!e.message.is_empty());
            }
        }
    }
}
