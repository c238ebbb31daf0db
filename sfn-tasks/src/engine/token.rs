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
