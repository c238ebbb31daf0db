//! EvaluateExpression compiles to a JSONata Pass state; the translation is checked by
//! evaluating it with a JSONata engine against the values CDK's Lambda would compute.
mod common;
use common::*;
use jsonata_core::{evaluator::Evaluator, parser, value::JValue};
use serde_json::{Value, json};
use sfn_tasks::services::evaluate_expression::{apply_result_path, translate};

/// Evaluates a `{% %}` Output (or a bare body) with `$states.input` bound to `input`.
fn eval(body: &str, input: &Value) -> Value {
    let body = body
        .trim()
        .trim_start_matches("{%")
        .trim_end_matches("%}")
        .trim();
    // `$states.input` is the root of the data in a plain JSONata evaluation.
    let text = body.replace("$states.input", "$$");
    let ast = parser::parse(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
    // From the Value, not from text: under serde_json's `arbitrary_precision` (enabled in the
    // workspace) jsonata-core's `from_json_str` reads every number as an object.
    let data = JValue::from(input.clone());
    let out = Evaluator::new()
        .evaluate(&ast, &data)
        .unwrap_or_else(|e| panic!("{text}: {e}"));
    serde_json::from_str(&out.to_json_string().expect("json")).expect("value")
}

#[test]
fn seed_chain_becomes_native_states() {
    let c = call(
        "EvaluateExpression",
        vec![("expression", s("$.waitMilliseconds / 1000"))],
    );
    let t = ok(&c);
    assert!(t.statements.is_empty(), "no Lambda, no IAM");
    let mut state = t.native_state.expect("native state");
    assert_eq!(state["Type"], "Pass");
    assert_eq!(state["QueryLanguage"], "JSONata");
    apply_result_path(&mut state, Some("$.waitSeconds")).unwrap();
    let input = json!({"waitMilliseconds": 1500, "other": 1});
    let out = eval(state["Output"].as_str().unwrap(), &input);
    assert_eq!(
        out,
        json!({"waitMilliseconds": 1500, "other": 1, "waitSeconds": 1.5})
    );

    let c = call(
        "EvaluateExpression",
        vec![
            ("expression", s("`Now waiting ${$.waitSeconds} seconds...`")),
            ("runtime", id("NODEJS_LATEST")),
        ],
    );
    let mut state = ok(&c).native_state.expect("native");
    apply_result_path(&mut state, Some("$.message")).unwrap();
    let out = eval(
        state["Output"].as_str().unwrap(),
        &json!({"waitSeconds": 2}),
    );
    assert_eq!(out["message"], "Now waiting 2 seconds...");
}

#[test]
fn javascript_semantics_are_kept() {
    let input =
        json!({"a": 2, "b": 3, "s": "x", "list": [10, 20], "flag": true, "deep": {"k": "v"}});
    let cases: &[(&str, Value)] = &[
        ("$.a + $.b", json!(5)),
        ("$.s + $.a", json!("x2")),
        ("'n=' + $.a", json!("n=2")),
        ("$.a * ($.b - 1) % 3", json!(1)),
        ("$.list[1]", json!(20)),
        ("$.a === 2 && !$.flag", json!(false)),
        ("$.a > 1 ? 'big' : 'small'", json!("big")),
        ("$['deep'].k", json!("v")),
        ("-$.a", json!(-2)),
        ("`${$.deep.k}-${$.a}`", json!("v-2")),
        ("$.list.length", json!(2)),
        ("$.s.length + 1", json!(2)),
    ];
    for (js, want) in cases {
        let body = translate(js).unwrap_or_else(|e| panic!("{js}: {e:?}"));
        assert_eq!(&eval(&body, &input), want, "{js} -> {body}");
    }
}

#[test]
fn result_path_variants() {
    let c = call("EvaluateExpression", vec![("expression", s("$.a + 1"))]);
    let base = ok(&c).native_state.expect("native");
    let input = json!({"a": 1, "x": {"y": 0, "z": 9}});

    let mut whole = base.clone();
    apply_result_path(&mut whole, Some("$")).unwrap();
    assert_eq!(eval(whole["Output"].as_str().unwrap(), &input), json!(2));

    let mut nested = base.clone();
    apply_result_path(&mut nested, Some("$.x.y")).unwrap();
    assert_eq!(
        eval(nested["Output"].as_str().unwrap(), &input),
        json!({"a": 1, "x": {"y": 2, "z": 9}})
    );

    let mut discard = base.clone();
    apply_result_path(&mut discard, None).unwrap();
    assert_eq!(eval(discard["Output"].as_str().unwrap(), &input), input);

    assert!(apply_result_path(&mut base.clone(), Some("$.list[0]")).is_err());
}

#[test]
fn untranslatable_expressions_are_compile_errors() {
    let c = call(
        "EvaluateExpression",
        vec![("expression", s("Math.max($.a, $.b)"))],
    );
    assert_err_at(&c, Some("expression"), "cannot translate this expression");
    let c = call("EvaluateExpression", vec![]);
    assert_err_at(&c, None, "missing the required field `expression`");
    let c = call("EvaluateExpression", vec![("expresion", s("$.a"))]);
    let e = errs(&c);
    assert!(
        e.iter()
            .any(|e| e.hint.as_deref() == Some("did you mean `expression`?")),
        "{e:?}"
    );
}

/// The seed's chain: the SNS task matches CDK; the two EvaluateExpression tasks are the
/// listed deviation (native Pass states instead of Lambda tasks), so CDK's
/// `lambda:InvokeFunction` grants on the two eval functions are not needed.
#[test]
fn evaluate_expression_chain_case() {
    let publish = call(
        "SnsPublish",
        vec![
            ("topic", s("${cooltopic4736778A}")),
            ("message", p("$.message")),
        ],
    );
    golden_with(
        "evaluate-expression-chain",
        "Publish message",
        &publish,
        |_, atoms| {
            atoms.retain(|a| a.1 != "lambda:InvokeFunction");
        },
    );
    let cdk = case("evaluate-expression-chain");
    let mut ours = cdk["definition"].clone();
    for name in ["Convert to seconds", "Create message"] {
        let state = &cdk["definition"]["States"][name];
        let expression = state["Parameters"]["expression"]
            .as_str()
            .expect("expression");
        assert!(
            state["Resource"]
                .as_str()
                .is_some_and(|r| r.contains("EvalFunction"))
        );
        let c = call("EvaluateExpression", vec![("expression", s(expression))]);
        let mut native = ok(&c).native_state.expect("native state");
        assert_eq!(native["Type"], "Pass", "{name}");
        apply_result_path(&mut native, state["ResultPath"].as_str()).expect("result path");
        native.insert("Next".into(), state["Next"].clone());
        ours["States"][name] = Value::Object(native);
    }
    // The chain with native states is valid ASL and computes what CDK's Lambdas did.
    assert_valid("evaluate-expression-chain", &ours);
    let input = json!({"waitMilliseconds": 2500});
    let first = eval(
        ours["States"]["Convert to seconds"]["Output"]
            .as_str()
            .unwrap_or_default(),
        &input,
    );
    let second = eval(
        ours["States"]["Create message"]["Output"]
            .as_str()
            .unwrap_or_default(),
        &first,
    );
    assert_eq!(second["message"], "Now waiting 2.5 seconds...");
}

#[test]
fn paths_inside_strings_are_rejected_like_cdk() {
    let e = translate("'value of $.a' + 1").unwrap_err();
    assert!(
        e.message
            .contains(r#"["$.a"] are used as literal text inside a plain string"#),
        "{e:?}"
    );
    assert_eq!(e.offset, 0);
    let e = translate("`a $.b.c and ${$.d}`").unwrap_err();
    assert!(
        e.message
            .contains(r#"["$.b.c"] are used as literal text inside a template literal"#),
        "{e:?}"
    );
    assert!(translate("'costs $5'").is_ok());
}
