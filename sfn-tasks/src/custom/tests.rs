//! The const policy writer against the run-time rule it reimplements
//! (`sfn_runtime::iam::PolicyDocument`), and the const renderer's pieces.

use super::*;
use crate::spec::Pattern;
use proptest::prelude::*;
use sfn_runtime::iam::{PolicyDocument, Statement};

fn leak<T>(v: Vec<T>) -> &'static [T] {
    Box::leak(v.into_boxed_slice())
}

fn fixed(statements: &[(Vec<String>, Vec<String>, bool)]) -> (&'static [Fixed], PolicyDocument) {
    let mut doc = PolicyDocument::new();
    let mut out = Vec::new();
    for (actions, resources, with_condition) in statements {
        let mut s = Statement::allow(actions.clone(), resources.clone());
        let mut condition = "";
        if *with_condition {
            s = s.with_condition(serde_json::json!({"StringEquals": {"iam:PassedToService": "x"}}));
            condition = r#"{"StringEquals":{"iam:PassedToService":"x"}}"#;
        }
        doc.push(s);
        out.push(Fixed {
            effect: "Allow",
            actions: leak(actions.iter().map(|a| &*a.clone().leak()).collect()),
            resources: leak(resources.iter().map(|r| &*r.clone().leak()).collect()),
            condition,
        });
    }
    (leak(out), doc)
}

fn written(fixed: &[Fixed], custom: &[CustomIam]) -> String {
    let grants: Vec<Grants> = fixed
        .iter()
        .map(|f| Grants::Fixed(*f))
        .chain(custom.iter().map(|c| Grants::Custom(*c)))
        .collect();
    assert!(atoms(&grants) <= 256);
    policy::<8192, 256>(&grants).as_str().to_owned()
}

proptest! {
    #[test]
    fn const_policy_is_the_runtime_minimisation(
        statements in prop::collection::vec(
            (
                prop::collection::vec(prop::sample::select(vec!["sqs:SendMessage", "a:X", "lambda:InvokeFunction", "b:Y"]).prop_map(String::from), 1..3),
                prop::collection::vec(prop::sample::select(vec!["*", "arn:q", "arn:aws:lambda:f", "arn:aws:lambda:f:*", "arn:t"]).prop_map(String::from), 1..3),
                any::<bool>(),
            ),
            0..6,
        )
    ) {
        let (fixed, doc) = fixed(&statements);
        prop_assert_eq!(written(fixed, &[]), doc.to_json());
    }
}

const FIELDS: &[FieldInfo] = &[
    FieldInfo {
        index: 0,
        name: "queue_name",
        key: "QueueName",
        optional: false,
        skip: false,
        words: &[],
    },
    FieldInfo {
        index: 1,
        name: "priority",
        key: "Priority",
        optional: true,
        skip: false,
        words: &[("high", "HIGH"), ("low", "LOW")],
    },
];

const QUEUE: &[Seg] = &[Seg::Lit("arn:aws:sqs:r:1:"), Seg::Field(0)];
const IAM: &[StatementTemplate] = &[
    StatementTemplate {
        patterns: &[],
        actions: &["sqs:SendMessage"],
        resources: &[QUEUE],
    },
    StatementTemplate {
        patterns: &[Pattern::WaitForTaskToken],
        actions: &["sqs:Other"],
        resources: &[QUEUE],
    },
];

#[test]
fn templates_take_literal_values_and_star_otherwise() {
    let literal: &'static [Given] = leak(vec![Given {
        field: FIELDS[0],
        value: GivenValue::Str("orders", "\"orders\""),
        token: false,
    }]);
    let path: &'static [Given] = leak(vec![Given {
        field: FIELDS[0],
        value: GivenValue::Expr("\"$.q\""),
        token: false,
    }]);
    let custom = [
        CustomIam {
            iam: IAM,
            pattern: Pattern::RequestResponse,
            given: literal,
        },
        CustomIam {
            iam: IAM,
            pattern: Pattern::RequestResponse,
            given: path,
        },
    ];
    let (fixed, mut doc) = fixed(&[(vec!["sqs:SendMessage".into()], vec!["arn:t".into()], false)]);
    doc.push(Statement::allow(
        ["sqs:SendMessage"],
        ["arn:aws:sqs:r:1:orders"],
    ));
    doc.push(Statement::allow(["sqs:SendMessage"], ["arn:aws:sqs:r:1:*"]));
    assert_eq!(written(fixed, &custom), doc.to_json());
    // The wait_for_task_token-only statement applies under that pattern only.
    let token = [CustomIam {
        iam: IAM,
        pattern: Pattern::WaitForTaskToken,
        given: literal,
    }];
    assert_eq!(
        written(&[], &token),
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sqs:Other","sqs:SendMessage"],"Resource":"arn:aws:sqs:r:1:orders"}]}"#
    );
}

#[test]
fn parameters_follow_the_field_order_with_keys_and_words() {
    let given: &'static [Given] = leak(vec![
        Given {
            field: FIELDS[1],
            value: GivenValue::Word("high"),
            token: false,
        },
        Given {
            field: FIELDS[0],
            value: GivenValue::Expr("\"$.q\""),
            token: false,
        },
    ]);
    let call: &'static Call = Box::leak(Box::new(Call {
        fields: FIELDS,
        given,
        jsonata: false,
    }));
    let pieces = [
        Piece::Text("{\"Resource\":"),
        Piece::Str("arn:aws:states:::x"),
        Piece::Text(",\"Parameters\":"),
        Piece::Params(call),
        Piece::Text(",\"Retry\":["),
        Piece::Retry {
            defaults: "{\"ErrorEquals\":[\"A\"]}",
            then_user: true,
        },
        Piece::Text("{\"ErrorEquals\":[\"B\"]}],"),
        Piece::Retry {
            defaults: "",
            then_user: false,
        },
        Piece::Text("\"End\":true}"),
    ];
    let len = render::<0>(&pieces).len();
    let out = render::<512>(&pieces);
    assert_eq!(out.len(), len);
    assert_eq!(
        out.as_str(),
        r#"{"Resource":"arn:aws:states:::x","Parameters":{"QueueName.$":"$.q","Priority":"HIGH"},"Retry":[{"ErrorEquals":["A"]},{"ErrorEquals":["B"]}],"End":true}"#
    );
}

#[test]
fn checks_say_what_is_wrong() {
    let spec = Spec {
        name: "Send",
        resources: [
            "arn:aws:states:::x",
            "",
            "arn:aws:states:::x.waitForTaskToken",
        ],
        patterns: &[Pattern::RequestResponse, Pattern::WaitForTaskToken],
        default_pattern: Pattern::RequestResponse,
        fields: FIELDS,
        token_field: Some(0),
        jsonpath: true,
        jsonata: false,
        retry: "",
        iam: IAM,
    };
    assert_eq!(
        check::pattern(&spec, Pattern::RunJob).as_str(),
        "Send does not support the `run_job` pattern; use `pattern: request_response` or `pattern: wait_for_task_token`"
    );
    assert!(check::pattern(&spec, Pattern::WaitForTaskToken).is_empty());
    assert_eq!(
        check::required(&spec, &[]).as_str(),
        "Send is missing the required field `queue_name`; add `queue_name: ..`"
    );
    let no_token = [Given {
        field: FIELDS[0],
        value: GivenValue::Str("q", "\"q\""),
        token: false,
    }];
    assert!(check::required(&spec, &no_token).is_empty());
    assert!(
        check::token(&spec, &no_token, Pattern::WaitForTaskToken, false)
            .as_str()
            .starts_with("`queue_name` must contain the task token")
    );
    assert!(check::token(&spec, &no_token, Pattern::RequestResponse, false).is_empty());
    assert!(
        check::query_language(&spec, true)
            .as_str()
            .contains("only JSONPath")
    );
    let bad_word = Given {
        field: FIELDS[1],
        value: GivenValue::Word("hgh"),
        token: false,
    };
    assert_eq!(
        check::word(&bad_word).as_str(),
        "unknown value `hgh` for `priority`; expected one of: high, low"
    );
}
