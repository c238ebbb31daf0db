//! Paths and intrinsic calls: ASL text -> DSL tokens. The DSL rebuilds their text from the
//! tokens (`'b c'` is written `"b c"`, spacing is its own), so every conversion is proved by
//! parsing it back (see [`super::verify::probe`]); text the DSL would rebuild differently is
//! refused rather than changed.

use super::verify::probe;

/// The DSL form of a path or intrinsic call (the value of a `k.$` key), when the DSL
/// rebuilds exactly `expr` from it.
pub fn expression(expr: &str) -> Result<String, String> {
    if !(expr.starts_with('$') || expr.starts_with("States.")) {
        return Err(format!("`{expr}` is neither a path nor an intrinsic call"));
    }
    exact(expr)
}

/// The DSL form of a path (`InputPath`, `Variable`, ...), when exact.
pub fn path(expr: &str) -> Result<String, String> {
    if !expr.starts_with('$') {
        return Err(format!("`{expr}` is not a path (`$..`)"));
    }
    exact(expr)
}

fn exact(expr: &str) -> Result<String, String> {
    let dsl = convert(expr);
    match probe(&dsl) {
        Some(rebuilt) if rebuilt == expr => Ok(dsl),
        Some(rebuilt) => Err(format!(
            "the DSL rebuilds `{expr}` from its tokens as `{rebuilt}`, a different text; it cannot write this one exactly"
        )),
        None => Err(format!(
            "the DSL cannot write `{expr}` as a path or intrinsic call"
        )),
    }
}

/// Rewrites single-quoted strings (`'b c'`, `'{} items'`) as Rust string literals and keeps
/// everything else as written.
fn convert(expr: &str) -> String {
    let mut out = String::with_capacity(expr.len() + 8);
    let mut chars = expr.chars();
    while let Some(c) = chars.next() {
        if c != '\'' {
            out.push(c);
            continue;
        }
        let mut value = String::new();
        let mut closed = false;
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    if let Some(escaped) = chars.next() {
                        value.push(escaped);
                    }
                }
                '\'' => {
                    closed = true;
                    break;
                }
                other => value.push(other),
            }
        }
        if !closed {
            // An unterminated quote cannot be written; the probe refuses it.
            out.push('\'');
            out.push_str(&value);
            continue;
        }
        out.push_str(&super::value::string(&value));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_intrinsics_convert_exactly_or_not_at_all() {
        assert_eq!(expression("$.a.b[0]").as_deref(), Ok("$.a.b[0]"));
        assert_eq!(expression("$['b c']").as_deref(), Ok("$[\"b c\"]"));
        assert_eq!(
            expression("States.Format('{} items', $.n)").as_deref(),
            Ok("States.Format(\"{} items\", $.n)")
        );
        assert!(expression("States.Format('{}',$.n)").is_err());
        assert!(expression("$.a-b").is_err());
        assert!(expression("plain").is_err());
        assert!(path("$.x\"").is_err());
    }
}
