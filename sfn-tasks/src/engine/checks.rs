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
            errors.push(
                TaskError::new(f.value_loc, "unknown integration pattern")
                    .hint("write `request_response`, `run_job` or `wait_for_task_token`"),
            );
            (spec.default_pattern, true)
        }
    }
}

/// Required fields that are missing, reported at the class name.
pub fn required(spec: &TaskSpec, call: &TaskCall, errors: &mut Vec<TaskError>) {
    for field in spec.fields.iter().filter(|f| f.required) {
        if !call.fields.iter().any(|f| f.name == field.name) {
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
    if ctx.value(name).is_some_and(token::carries_token) {
        return;
    }
    let example = token::token_example(ctx.spec.class, name, ctx.jsonata());
    errors.push(
        TaskError::new(
            ctx.loc(name),
            format!("Task Token is required in `{name}` for the wait_for_task_token pattern"),
        )
        .hint(format!(
            "pass the token in `{name}`, e.g. `{name}: {}`",
            token::dsl_text(&example)
        )),
    );
}

/// CDK's message for a pattern the class does not support.
pub fn unsupported_pattern(spec: &TaskSpec, got: Pattern, loc: Loc) -> TaskError {
    let names: Vec<&str> = spec.patterns.iter().map(|p| p.cdk_name()).collect();
    let words: Vec<&str> = spec.patterns.iter().map(|p| p.word()).collect();
    TaskError::new(
        loc,
        format!(
            "Unsupported service integration pattern. Supported Patterns: {}. Received: {}",
            names.join(","),
            got.cdk_name()
        ),
    )
    .hint(format!("{} supports: {}", spec.class, words.join(", ")))
}
