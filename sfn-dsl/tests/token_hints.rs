//! Every "must contain the task token" hint of `workflow!` names a value that compiles: for each
//! class that takes `pattern: wait_for_task_token`, a state without the token gets the hint,
//! and the same state with the hint's value in the named field expands with no error.

use proc_macro2::{TokenStream, TokenTree};
use std::str::FromStr;

/// The messages of the `compile_error!`s in an expansion.
fn errors(out: &TokenStream) -> Vec<String> {
    let tokens: Vec<TokenTree> = out.clone().into_iter().collect();
    let mut found = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if let (TokenTree::Ident(id), Some(TokenTree::Group(g))) = (t, tokens.get(i + 2))
            && id == "compile_error"
            && let Some(TokenTree::Literal(lit)) = g.stream().into_iter().next()
            && let Ok(s) = syn::parse_str::<syn::LitStr>(&lit.to_string())
        {
            found.push(s.value());
        }
    }
    found
}

fn expand(class: &str, fields: &str) -> Vec<String> {
    let src =
        format!("pub FLOW {{ T: {class} {{ {fields} pattern: wait_for_task_token, }} -> end }}");
    errors(&sfn_dsl::expand(
        TokenStream::from_str(&src).expect("tokens"),
    ))
}

/// Each class's required fields, except the token's.
const CLASSES: &[(&str, &str, &str)] = &[
    (
        "CallApiGatewayHttpApiEndpoint",
        "headers",
        r#"api: "abc", method: GET,"#,
    ),
    (
        "CallApiGatewayRestApiEndpoint",
        "headers",
        r#"api: "abc", method: GET, stage_name: "prod","#,
    ),
    (
        "CallAwsService",
        "parameters",
        r#"service: "sqs", action: "sendMessage", iam_resources: ["*"],"#,
    ),
    (
        "CallAwsServiceCrossRegion",
        "parameters",
        r#"handler: "arn:aws:lambda:us-east-1:123456789012:function:H", region: "eu-west-1", service: "sqs", action: "sendMessage", iam_resources: ["*"],"#,
    ),
    (
        "EcsRunTask",
        "container_overrides",
        r#"cluster: "arn:c", task_definition: "td", launch_type: fargate, subnets: ["subnet-1"],"#,
    ),
    ("EventBridgePutEvents", "entries", ""),
    (
        "LambdaInvoke",
        "payload",
        r#"lambda_function: "arn:aws:lambda:us-east-1:123456789012:function:F","#,
    ),
    (
        "SnsPublish",
        "message",
        r#"topic: "arn:aws:sns:us-east-1:123456789012:T","#,
    ),
    (
        "SqsSendMessage",
        "message_body",
        r#"queue: "https://sqs.us-east-1.amazonaws.com/123456789012/q","#,
    ),
    (
        "StepFunctionsStartExecution",
        "input",
        r#"state_machine: "arn:aws:states:us-east-1:123456789012:stateMachine:S","#,
    ),
];

#[test]
fn every_task_token_suggestion_compiles() {
    for (class, field, fields) in CLASSES {
        let found = expand(class, fields);
        let message = found
            .iter()
            .find(|e| e.contains(&format!("`{field}` must contain the task token")))
            .unwrap_or_else(|| panic!("{class}: no token error in {found:?}"));
        // The hint ends the first line; CDK's wording may follow as a `note:` line.
        let message = message.lines().next().unwrap_or_default();
        let marker = format!("e.g. `{field}: ");
        let start = message
            .find(&marker)
            .unwrap_or_else(|| panic!("{class}: no suggestion in {message}"))
            + marker.len();
        let value = &message[start..message.rfind('`').unwrap()];
        let fixed = expand(class, &format!("{fields} {field}: {value},"));
        assert!(
            fixed.is_empty(),
            "{class}: the suggestion `{field}: {value}` does not compile: {fixed:?}"
        );
    }
}

/// Every class that takes the pattern and names a token field is covered above.
#[test]
fn the_list_covers_every_token_class() {
    for class in sfn_tasks::class_names() {
        let Some(spec) = sfn_tasks::spec(class) else {
            continue;
        };
        if spec.token_field.is_some()
            && spec
                .patterns
                .contains(&sfn_tasks::Pattern::WaitForTaskToken)
        {
            assert!(
                CLASSES
                    .iter()
                    .any(|(c, f, _)| *c == class && Some(*f) == spec.token_field),
                "{class}"
            );
        }
    }
}
