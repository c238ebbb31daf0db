//! The checks every class gets: field names, the pattern, required fields, the task token.

use super::{Ctx, suggest, token};
use crate::model::{Loc, TaskCall, TaskError, TaskValue};
use crate::spec::{Pattern, TaskSpec};

/// Unknown fields (with "did you mean") and fields given twice.
pub fn field_names(spec: &TaskSpec, call: &TaskCall, errors: &mut Vec<TaskError>) {
    for (i, field) in call.fields.iter().enumerate() {
        let known = spec.field(&field.name).is_some()
            || (field.name == "pattern" && !spec.patterns.is_empty());
        if !known {
            let mut names: Vec<&str> = spec.fields.iter().map(|f| f.name).collect();
            if !spec.patterns.is_empty() {
                names.push("pattern");
            }
            let mut err = TaskError::new(
                field.name_loc,
                format!("unknown field `{}` for {}", field.name, spec.class),
            );
            err = match suggest::did_you_mean(&field.name, names.iter().copied()) {
                Some(h) => err.hint(h),
                None => err.hint(format!("{} takes: {}", spec.class, names.join(", "))),
            };
            errors.push(err);
        } else if call.fields.iter().take(i).any(|f| f.name == field.name) {
            errors.push(TaskError::new(
                field.name_loc,
                format!("field `{}` is given twice", field.name),
            ));
        }
    }
}

/// The integration pattern (given or the class default) and whether it was given.
pub fn pattern(spec: &TaskSpec, call: &TaskCall, errors: &mut Vec<TaskError>) -> (Pattern, bool) {
    let Some(f) = call.fields.iter().find(|f| f.name == "pattern") else {
        return (spec.default_pattern, false);
    };
    if spec.patterns.is_empty() {
        // Reported as an unknown field.
        return (spec.default_pattern, false);
    }
    let word = match &f.value {
        TaskValue::Ident(w) | TaskValue::Str(w) => Some(w.as_str()),
        _ => None,
    };
    match word.and_then(Pattern::parse) {
        Some(p) if spec.patterns.contains(&p) => (p, true),
        Some(p) => {
            errors.push(unsupported_pattern(spec, p, f.value_loc));
            (spec.default_pattern, true)
        }
        None => {
            let written = word.unwrap_or_default();
            let words: Vec<&str> = spec.patterns.iter().map(|p| p.word()).collect();
            let error = TaskError::new(
                f.value_loc,
                format!("unknown integration pattern `{written}`"),
            );
            errors.push(match suggest::did_you_mean(written, words) {
                Some(hint) => error.hint(hint),
                None => error.hint(format!("use {}", pattern_list(spec.patterns))),
            });
            (spec.default_pattern, true)
        }
    }
}

/// Required fields that are missing, reported at the class name.
pub fn required(spec: &TaskSpec, call: &TaskCall, errors: &mut Vec<TaskError>) {
    let names: Vec<&str> = spec.fields.iter().map(|f| f.name).collect();
    for field in spec.fields.iter().filter(|f| f.required) {
        // A misspelling of the field is reported as unknown with "did you mean": one mistake.
        let given = call.fields.iter().any(|f| {
            f.name == field.name
                || (spec.field(&f.name).is_none()
                    && suggest::closest(&f.name, names.iter().copied()) == Some(field.name))
        });
        if !given {
            errors.push(
                TaskError::new(
                    call.class_loc,
                    format!(
                        "{} is missing the required field `{}`",
                        spec.class, field.name
                    ),
                )
                .hint(format!("add `{}: ...`", field.name)),
            );
        }
    }
}

/// Under `wait_for_task_token`, the class's token field must pass the token on.
pub fn task_token(ctx: &Ctx, errors: &mut Vec<TaskError>) {
    if ctx.pattern != Pattern::WaitForTaskToken {
        return;
    }
    let Some(name) = ctx.spec.token_field else {
        return;
    };
    if ctx
        .value(name)
        .is_some_and(|v| token::carries_token(v) || token::misspells_token(v))
    {
        return;
    }
    let example = token::token_example(ctx.spec.class, name, ctx.jsonata());
    let error = TaskError::new(
        ctx.loc(name),
        format!("`{name}` must contain the task token under `pattern: wait_for_task_token`"),
    )
    .hint(format!(
        "pass the token in `{name}`, e.g. `{name}: {}`",
        token::dsl_text(&example)
    ));
    errors.push(
        match CDK_TOKEN.iter().find(|(class, _)| *class == ctx.spec.class) {
            Some((_, cdk)) => error.cdk(cdk),
            None => error,
        },
    );
}

/// CDK's wording of a missing task token, per class, as its catalogue has it
/// (sfn-runtime/tests/data/cdk-tasks.json); a class CDK does not check is not quoted.
const CDK_TOKEN: &[(&str, &str)] = &[
    (
        "CallApiGatewayHttpApiEndpoint",
        "Task Token is required in `headers` for WAIT_FOR_TASK_TOKEN pattern. Use JsonPath.taskToken to set the token.",
    ),
    (
        "CallApiGatewayRestApiEndpoint",
        "Task Token is required in `headers` for WAIT_FOR_TASK_TOKEN pattern. Use JsonPath.taskToken to set the token.",
    ),
    (
        "EcsRunTask",
        "Task Token is required in at least one `containerOverrides.environment` for callback. Use JsonPath.taskToken to set the token.",
    ),
    (
        "EventBridgePutEvents",
        "Task Token is required in `entries`. Use JsonPath.taskToken to set the token.",
    ),
    (
        "LambdaInvoke",
        "Task Token is required in `payload` for callback. Use JsonPath.taskToken to set the token.",
    ),
    (
        "SnsPublish",
        "Task Token is required in `message` Use JsonPath.taskToken to set the token.",
    ),
    (
        "SqsSendMessage",
        "Task Token is required in `messageBody` Use JsonPath.taskToken to set the token.",
    ),
    (
        "StepFunctionsStartExecution",
        "Task Token is required in `input` for callback. Use JsonPath.taskToken to set the token.",
    ),
];

/// A pattern the class does not support, in the DSL's words (CDK's "Unsupported service
/// integration pattern" names the same patterns in upper case).
pub fn unsupported_pattern(spec: &TaskSpec, got: Pattern, loc: Loc) -> TaskError {
    TaskError::new(
        loc,
        format!(
            "{} does not support the `{}` pattern",
            spec.class,
            got.word()
        ),
    )
    .hint(format!("use {}", pattern_list(spec.patterns)))
}

/// "`pattern: a`, `pattern: b` or `pattern: c`".
fn pattern_list(patterns: &[Pattern]) -> String {
    let words: Vec<String> = patterns
        .iter()
        .map(|p| format!("`pattern: {}`", p.word()))
        .collect();
    match words.split_last() {
        Some((last, init)) if !init.is_empty() => format!("{} or {last}", init.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}
