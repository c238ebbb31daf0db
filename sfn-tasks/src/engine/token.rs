//! Does a value carry the task token?

use crate::model::TaskValue;

/// True when `value` passes the task token on: a path `$$.Task.Token` (or `$$.Task`, `$$`)
/// anywhere in it, including inside an intrinsic call, or a JSONata expression that reads
/// `$states.context.Task.Token` (or `$states.context.Task`, `$states.context`).
/// A literal string `"$$.Task.Token"` does not count: it is sent as text.
pub fn carries_token(value: &TaskValue) -> bool {
    match value {
        TaskValue::Path(p) => is_token_path(p.trim()),
        TaskValue::Intrinsic(call) => intrinsic_has_token(call),
        TaskValue::Jsonata(expr) => jsonata_has_token(expr),
        TaskValue::Object(members) => members.iter().any(|(_, _, v)| carries_token(v)),
        TaskValue::Array(items) => items.iter().any(|(_, v)| carries_token(v)),
        _ => false,
    }
}

/// True when `value` reads a member of `$$.Task` other than the token (`$$.Task.Tokn`):
/// the context has no such member, which the rule set reports with "did you mean", so the
/// token is meant to be there and "the token is required" would be a second error for it.
pub fn misspells_token(value: &TaskValue) -> bool {
    match value {
        TaskValue::Path(p) => p.trim().starts_with("$$.Task."),
        TaskValue::Intrinsic(call) => call.contains("$$.Task."),
        TaskValue::Jsonata(expr) => expr.contains("$states.context.Task."),
        TaskValue::Object(members) => members.iter().any(|(_, _, v)| misspells_token(v)),
        TaskValue::Array(items) => items.iter().any(|(_, v)| misspells_token(v)),
        _ => false,
    }
}

fn is_token_path(p: &str) -> bool {
    matches!(p, "$$.Task.Token" | "$$.Task" | "$$")
}

/// Scans the arguments of an intrinsic call for a token path (outside quoted strings).
fn intrinsic_has_token(call: &str) -> bool {
    let mut in_string = false;
    let mut escaped = false;
    let mut token = String::new();
    let mut found = false;
    let mut flush = |token: &mut String| {
        if is_token_path(token.trim()) {
            found = true;
        }
        token.clear();
    };
    for c in call.chars() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '\'' {
                in_string = false;
            }
            continue;
        }
        match c {
            '\'' => {
                flush(&mut token);
                in_string = true;
            }
            '(' | ')' | ',' => flush(&mut token),
            _ => token.push(c),
        }
    }
    flush(&mut token);
    found
}

/// CDK's rule: `$states.context`, optionally `.Task` and `.Task.Token`, not followed by
/// another `.name` (so `$states.context.Execution` does not count).
fn jsonata_has_token(expr: &str) -> bool {
    const ROOT: &str = "$states.context";
    let mut rest = expr;
    while let Some(at) = rest.find(ROOT) {
        let mut tail = &rest[at + ROOT.len()..];
        for part in [".Task", ".Token"] {
            match tail.strip_prefix(part) {
                Some(t) if !t.starts_with(|c: char| c.is_ascii_alphanumeric()) => tail = t,
                _ => break,
            }
        }
        let followed_by_name = tail
            .strip_prefix('.')
            .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_alphabetic()));
        if !followed_by_name {
            return true;
        }
        rest = &rest[at + ROOT.len()..];
    }
    false
}

/// A value of `field` of `class` that carries the task token in a place the class accepts:
/// what the "must contain the task token" hint suggests (a test renders each suggestion).
pub fn token_example(class: &str, field: &str, jsonata: bool) -> TaskValue {
    let token = || {
        if jsonata {
            TaskValue::Jsonata("{% $states.context.Task.Token %}".into())
        } else {
            TaskValue::Path("$$.Task.Token".into())
        }
    };
    let obj = |members: Vec<(&str, TaskValue)>| {
        TaskValue::Object(
            members
                .into_iter()
                .map(|(k, v)| (k.to_string(), 0, v))
                .collect(),
        )
    };
    match (class, field) {
        // Header values are lists of strings.
        (_, "headers") => obj(vec![(
            "TaskToken",
            if jsonata {
                TaskValue::Jsonata("{% [$states.context.Task.Token] %}".into())
            } else {
                TaskValue::Intrinsic("States.Array($$.Task.Token)".into())
            },
        )]),
        // The token belongs in an entry's `detail`, the event's own content.
        (_, "entries") => TaskValue::Array(vec![(
            0,
            obj(vec![
                ("detail", obj(vec![("token", token())])),
                ("detail_type", TaskValue::Str("MyDetailType".into())),
                ("source", TaskValue::Str("my.source".into())),
            ]),
        )]),
        // A container gets it through its environment.
        (_, "container_overrides") => TaskValue::Array(vec![(
            0,
            obj(vec![
                ("container_name", TaskValue::Str("MyContainer".into())),
                ("environment", obj(vec![("TASK_TOKEN", token())])),
            ]),
        )]),
        // SDK parameters are the API's own PascalCase names.
        (_, "parameters") => obj(vec![("TaskToken", token())]),
        _ => obj(vec![("token", token())]),
    }
}

/// `value` written as in `workflow!`.
pub fn dsl_text(value: &TaskValue) -> String {
    match value {
        TaskValue::Str(s) | TaskValue::Jsonata(s) => {
            serde_json::Value::String(s.clone()).to_string()
        }
        TaskValue::Path(s) | TaskValue::Intrinsic(s) | TaskValue::Ident(s) => s.clone(),
        TaskValue::Number(n) => n.to_string(),
        TaskValue::Bool(b) => b.to_string(),
        TaskValue::Null => "null".into(),
        TaskValue::DurationSecs(s) => format!("{s}s"),
        TaskValue::Object(members) => {
            let parts: Vec<String> = members
                .iter()
                // Object keys are always quoted in `workflow!`.
                .map(|(k, _, v)| {
                    format!("{}: {}", serde_json::Value::String(k.clone()), dsl_text(v))
                })
                .collect();
            format!("{{ {} }}", parts.join(", "))
        }
        TaskValue::Array(items) => {
            let parts: Vec<String> = items.iter().map(|(_, v)| dsl_text(v)).collect();
            format!("[{}]", parts.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_forms() {
        assert!(carries_token(&TaskValue::Path("$$.Task.Token".into())));
        assert!(!carries_token(&TaskValue::Str("$$.Task.Token".into())));
        assert!(carries_token(&TaskValue::Intrinsic(
            "States.Array($$.Task.Token)".into()
        )));
        assert!(!carries_token(&TaskValue::Intrinsic(
            "States.Format('$$.Task.Token {}', $.x)".into()
        )));
        assert!(carries_token(&TaskValue::Jsonata(
            "{% $states.context.Task.Token %}".into()
        )));
        assert!(!carries_token(&TaskValue::Jsonata(
            "{% $states.context.Execution.Id %}".into()
        )));
        assert!(carries_token(&TaskValue::Object(vec![(
            "t".into(),
            0,
            TaskValue::Path("$$.Task.Token".into())
        )])));
    }
}
