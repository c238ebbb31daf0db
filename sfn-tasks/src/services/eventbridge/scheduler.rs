//! EventBridge Scheduler: `EventBridgeSchedulerCreateScheduleTask`.

use crate::engine::{Ctx, Out, Rcx, arn, member};
use crate::model::{Loc, TaskError, TaskValue};
use crate::spec::{Field, Kind, Pattern, ResourceForm, TaskSpec, patterns};
use serde_json::{Value, json};
use sfn_runtime::iam::Statement;

fn flexible_window(rcx: &Rcx, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
    let minutes = rcx.render(&Kind::Minutes, value, loc)?.value;
    match minutes.as_u64() {
        Some(m) if (1..=1440).contains(&m) => Ok(Out::lit(
            json!({"Mode": "FLEXIBLE", "MaximumWindowInMinutes": m}),
        )),
        _ => Err(TaskError::new(
            loc,
            format!(
                "`flexible_time_window` must be between `1min` and `1440min`, not `{minutes}min`"
            ),
        )
        .cdk("FlexibleTimeWindow must be between 1 and 1440 minutes")),
    }
}

/// A duration as `rate(n unit)`, with the largest whole unit (singular for 1, as the
/// service requires); a string is taken as a schedule expression (`cron(..)`, `at(..)`).
fn schedule(rcx: &Rcx, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
    match value {
        TaskValue::DurationSecs(s) => {
            if *s < 60 || s % 60 != 0 {
                return Err(TaskError::new(
                    loc,
                    format!("a schedule rate must be at least `1min`, not `{s}s`"),
                )
                .hint("a rate is a whole number of minutes, hours or days")
                .cdk("Duration cannot be less than 1 minute"));
            }
            let (n, unit) = if s % 86_400 == 0 {
                (s / 86_400, "day")
            } else if s % 3600 == 0 {
                (s / 3600, "hour")
            } else {
                (s / 60, "minute")
            };
            let plural = if n == 1 { "" } else { "s" };
            Ok(Out::lit(Value::String(format!("rate({n} {unit}{plural})"))))
        }
        TaskValue::Str(expr) => {
            let ok = ["rate(", "cron(", "at("]
                .iter()
                .any(|p| expr.starts_with(p))
                && expr.ends_with(')');
            if let Some(fields) = expr.strip_prefix("cron(").and_then(|e| e.strip_suffix(')')) {
                let parts: Vec<&str> = fields.split_whitespace().collect();
                if parts.len() != 6 {
                    return Err(TaskError::new(
                        loc,
                        format!(
                            "a cron expression must have 6 fields (minutes hours day-of-month month day-of-week year), not {}",
                            parts.len()
                        ),
                    ));
                }
                if parts.get(2) != Some(&"?") && parts.get(4) != Some(&"?") {
                    return Err(TaskError::new(
                        loc,
                        "a cron expression takes a day of the month or a day of the week, not both",
                    )
                    .hint("write `?` for the day-of-month or the day-of-week"));
                }
            }
            if ok {
                Ok(Out::lit(Value::String(expr.clone())))
            } else {
                Err(
                    TaskError::new(loc, format!("`{expr}` is not a schedule expression")).hint(
                        "write a duration (`5min`) or \"rate(..)\", \"cron(..)\", \"at(..)\"",
                    ),
                )
            }
        }
        other => rcx.render(&Kind::Str, other, loc),
    }
}

fn state(rcx: &Rcx, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
    match value {
        TaskValue::Bool(b) => Ok(Out::lit(Value::String(
            if *b { "ENABLED" } else { "DISABLED" }.into(),
        ))),
        other => rcx.render(&Kind::Bool, other, loc),
    }
}

const RETRY_POLICY: &[Field] = &[
    Field::new(
        "maximum_event_age",
        "MaximumEventAgeInSeconds",
        Kind::Seconds,
    )
    .req(),
    Field::new(
        "maximum_retry_attempts",
        "MaximumRetryAttempts",
        Kind::Int(0, 185),
    )
    .req(),
];

const TARGET: &[Field] = &[
    Field::new("arn", "Arn", Kind::Str).req(),
    Field::new("role", "RoleArn", Kind::Str).req(),
    Field::new("input", "Input", Kind::Str),
    Field::new("retry_policy", "RetryPolicy", Kind::Struct(RETRY_POLICY)),
    Field::at("dead_letter_queue", &["DeadLetterConfig", "Arn"], Kind::Str),
];

/// `EventBridgeSchedulerCreateScheduleTask`: create a schedule (SDK `scheduler:createSchedule`).
pub static CREATE_SCHEDULE: TaskSpec = TaskSpec {
    class: "EventBridgeSchedulerCreateScheduleTask",
    service: "EventBridge Scheduler",
    resource: ResourceForm::Integration("aws-sdk:scheduler:createSchedule"),
    // CDK appends any pattern's suffix; only request/response exists for this SDK call.
    patterns: patterns::RR,
    default_pattern: Pattern::RequestResponse,
    fields: &[
        Field::new(
            "action_after_completion",
            "ActionAfterCompletion",
            Kind::Enum(&[("none", "NONE"), ("delete", "DELETE")]),
        )
        .or("\"NONE\""),
        Field::new("client_token", "ClientToken", Kind::Str),
        Field::new("description", "Description", Kind::Str),
        Field::new("end_date", "EndDate", Kind::Str),
        Field::new(
            "flexible_time_window",
            "FlexibleTimeWindow",
            Kind::Custom(flexible_window),
        )
        .or(r#"{"Mode": "OFF"}"#),
        Field::new("group_name", "GroupName", Kind::Str),
        Field::new("kms_key", "KmsKeyArn", Kind::Str),
        Field::new("schedule_name", "Name", Kind::Str).req(),
        Field::new("schedule", "ScheduleExpression", Kind::Custom(schedule)).req(),
        Field::new("timezone", "ScheduleExpressionTimezone", Kind::Str),
        Field::new("start_date", "StartDate", Kind::Str),
        Field::new("enabled", "State", Kind::Custom(state)).or("\"ENABLED\""),
        Field::new("target", "Target", Kind::Struct(TARGET)).req(),
    ],
    token_field: None,
    jsonata: true,
    check: Some(check_schedule),
    finish: None,
    iam: |ctx| {
        let group = ctx.str("group_name").unwrap_or("default");
        let name = ctx.name_or_star("schedule_name");
        let role = match ctx.value("target").and_then(|t| member(t, "role")) {
            Some((TaskValue::Str(r), _)) => r.clone(),
            _ => "*".to_string(),
        };
        vec![
            Statement::allow(
                ["scheduler:CreateSchedule"],
                [arn::arn("scheduler", &format!("schedule/{group}/{name}"))],
            ),
            Statement::allow(["iam:PassRole"], [role]),
        ]
    },
    lambda_retry: false,
};

fn check_schedule(ctx: &Ctx, errors: &mut Vec<TaskError>) {
    // Each check gives our message and CDK's.
    let mut text = |name: &str, ok: &dyn Fn(&str) -> Option<(String, String)>| {
        if let Some(v) = ctx.str(name)
            && let Some((message, cdk)) = ok(v)
        {
            errors.push(TaskError::new(ctx.loc(name), message).cdk(cdk));
        }
    };
    text("client_token", &|v| {
        let n = v.chars().count();
        if !(1..=64).contains(&n) {
            Some((
                format!("`client_token` must be between 1 and 64 characters long, not {n}"),
                format!("ClientToken must be between 1 and 64 characters long. Got: {n}"),
            ))
        } else if !v
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            Some((
                format!("`client_token` must be letters, digits, `-` and `_`, not `{v}`"),
                format!(
                    "ClientToken must consist of alphanumeric characters, dashes, and underscores only, Got: {v}"
                ),
            ))
        } else {
            None
        }
    });
    text("description", &|v| {
        let n = v.chars().count();
        (n > 512).then(|| {
            (
                format!("`description` must be at most 512 characters long, not {n}"),
                format!("Description must be less than 512 characters long. Got: {n}"),
            )
        })
    });
    text("group_name", &|v| {
        let n = v.chars().count();
        if !(1..=64).contains(&n) {
            Some((
                format!("`group_name` must be between 1 and 64 characters long, not {n}"),
                format!("GroupName must be between 1 and 64 characters long. Got: {n}"),
            ))
        } else if !v
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            Some((
                format!("`group_name` must be letters, digits, `-`, `_` and `.`, not `{v}`"),
                format!(
                    "GroupName must consist of alphanumeric characters, dashes, underscores, and periods only, Got: {v}"
                ),
            ))
        } else {
            None
        }
    });
    text("timezone", &|v| {
        let n = v.chars().count();
        (!(1..=50).contains(&n)).then(|| {
            (
                format!("`timezone` must be between 1 and 50 characters long, not {n}"),
                format!("Timezone must be between 1 and 50 characters long. Got: {n}"),
            )
        })
    });
    if let (Some(start), Some(end)) = (ctx.str("start_date"), ctx.str("end_date"))
        && start >= end
    {
        errors.push(TaskError::new(
            ctx.loc("start_date"),
            "`start_date` must be before `end_date`",
        ));
    }
    if let Some(target) = ctx.value("target") {
        if let Some((TaskValue::Str(i), loc)) = member(target, "input")
            && i.is_empty()
        {
            errors.push(
                TaskError::new(loc, "`input` must not be empty")
                    .cdk("Input must be at least 1 character long."),
            );
        }
        if let Some((policy, _)) = member(target, "retry_policy")
            && let Some((TaskValue::DurationSecs(s), loc)) = member(policy, "maximum_event_age")
            && !(60..=86_400).contains(s)
        {
            errors.push(
                TaskError::new(
                    loc,
                    format!(
                        "`maximum_event_age` must be between `60s` and `86400s` (1 day), not `{s}s`"
                    ),
                )
                .cdk("MaximumEventAgeInSeconds must be between 60 and 86400 seconds"),
            );
        }
    }
}
