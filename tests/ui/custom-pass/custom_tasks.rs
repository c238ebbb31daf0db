// Custom task types in the same crate (by `self::` path), with every kind of value.
use sfn::tasks::custom::{Json, Literal, Seconds};

#[derive(sfn::TaskEnum)]
#[task(rename_all = "UPPERCASE")]
pub enum Level {
    Low,
    High,
}

#[derive(sfn::Task)]
#[task(
    resource = "arn:aws:states:::events:putEvents",
    patterns(request_response, wait_for_task_token),
    rename_all = "PascalCase",
    token = detail,
    iam(actions("events:PutEvents"), resources("arn:aws:events:${region}:${account}:event-bus/{bus}"))
)]
struct Alert {
    #[task(skip)]
    bus: Literal<String>,
    detail: Json,
    level: Option<Level>,
    count: Option<u32>,
    urgent: Option<bool>,
    delay: Option<Seconds>,
    #[task(rename = "Source")]
    from: Option<String>,
}

sfn::workflow! {
    FLOW {
        A: self::Alert {
            bus: "orders",
            detail: { "n": $.n, "token": $$.Task.Token },
            level: high,
            count: 3,
            urgent: $.urgent,
            delay: 1min,
            from: States.Format("{}", $.who),
            pattern: wait_for_task_token,
        } -> B,
        B: self::Alert { bus: "x", detail: [1, 2], level: "LOW" } -> end,
    }
}

const _: () = assert!(!FLOW.definition().is_empty());

fn main() {
    assert!(FLOW.definition().contains(r#""Level":"HIGH""#), "{}", FLOW.definition());
    assert!(FLOW.definition().contains(r#""Source.$":"States.Format('{}', $.who)""#), "{}", FLOW.definition());
    assert!(FLOW.definition().contains(r#""Level":"LOW""#));
    assert!(FLOW.definition().contains(r#""DelaySeconds"#) || FLOW.definition().contains(r#""Delay":60"#));
    assert!(FLOW.policy().contains("event-bus/orders"), "{}", FLOW.policy());
}
