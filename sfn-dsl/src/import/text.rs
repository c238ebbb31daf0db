//! Paths and intrinsic calls: ASL text -> DSL tokens. The DSL rebuilds their text from the
//! tokens (`'b c'` is written `"b c"`, spacing is its own), so every conversion is proved by
//! parsing it back (see [`super::verify::probe`]). Text the DSL rebuilds differently is
//! accepted only when both texts parse to the same path or call (spacing has no meaning);
//! anything else is refused rather than changed.

use sfn_runtime::path::parse_expr;

use super::verify::probe;

/// A path or intrinsic call as the DSL writes it.
#[derive(Debug, PartialEq)]
pub struct Written {
    /// The DSL tokens.
    pub dsl: String,
    /// The text the DSL rebuilds, when it differs from the input only in spacing.
    pub respaced: Option<String>,
}

/// The DSL form of a path or intrinsic call (the value of a `k.$` key).
pub fn expression(expr: &str) -> Result<Written, String> {
    if !(expr.starts_with('$') || expr.starts_with("States.")) {
        return Err(format!("`{expr}` is neither a path nor an intrinsic call"));
    }
    written(expr)
}

/// The DSL form of a path (`InputPath`, `Variable`, ...).
pub fn path(expr: &str) -> Result<Written, String> {
    if !expr.starts_with('$') {
        return Err(format!("`{expr}` is not a path (`$..`)"));
    }
    written(expr)
}

/// The DSL form of a path or call that the DSL rebuilds as exactly `expr` (a `k.$` template
/// value, where another text would change the JSON).
pub fn exact_expression(expr: &str) -> Option<String> {
    expression(expr)
        .ok()
        .filter(|w| w.respaced.is_none())
        .map(|w| w.dsl)
}

/// The note for a respaced path at `pointer`, recorded with its edit.
pub fn note_respaced(
    rewrites: &mut super::rewrite::Rewrites,
    pointer: &str,
    original: &str,
    written: &Written,
) {
    if let Some(text) = &written.respaced {
        rewrites.text(
            pointer,
            text,
            format!("`{original}` written as `{text}` (spacing only), same meaning"),
        );
    }
}

fn written(expr: &str) -> Result<Written, String> {
    let dsl = convert(expr);
    match probe(&dsl) {
        Some(rebuilt) if rebuilt == expr => Ok(Written {
            dsl,
            respaced: None,
        }),
        Some(rebuilt) if same_meaning(expr, &rebuilt) => {
            // Tokens in the DSL's own spacing when they rebuild the same text.
            let tidy = convert(&rebuilt);
            let dsl = if probe(&tidy).as_deref() == Some(rebuilt.as_str()) {
                tidy
            } else {
                dsl
            };
            Ok(Written {
                dsl,
                respaced: Some(rebuilt),
            })
        }
        Some(rebuilt) => Err(format!(
            "the DSL rebuilds `{expr}` from its tokens as `{rebuilt}`, which does not parse to the same path or call; it cannot write this one"
        )),
        None => Err(format!(
            "the DSL cannot write `{expr}` as a path or intrinsic call"
        )),
    }
}

/// Both texts parse, to the same path or call: their canonical forms (which print every
/// part and no spacing of the input) are equal.
fn same_meaning(a: &str, b: &str) -> bool {
    match (parse_expr(a), parse_expr(b)) {
        (Ok(x), Ok(y)) => x.to_string() == y.to_string(),
        _ => false,
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
        let dsl = |e: &str| expression(e).map(|w| w.dsl);
        assert_eq!(dsl("$.a.b[0]").as_deref(), Ok("$.a.b[0]"));
        assert_eq!(dsl("$['b c']").as_deref(), Ok("$[\"b c\"]"));
        assert_eq!(
            dsl("States.Format('{} items', $.n)").as_deref(),
            Ok("States.Format(\"{} items\", $.n)")
        );
        assert_eq!(expression("$.a.b[0]").map(|w| w.respaced), Ok(None));
        assert!(expression("$.a-b").is_err());
        assert!(expression("plain").is_err());
        assert!(path("$.x\"").is_err());
    }

    #[test]
    fn spacing_alone_is_rewritten_to_the_dsl_text() {
        for (input, rebuilt) in [
            ("States.Format('{}',$.n)", "States.Format('{}', $.n)"),
            ("States.Array( $.a ,1 )", "States.Array($.a, 1)"),
            ("$.a[0, 1]", "$.a[0,1]"),
            ("$[?(@.a<1)]", "$[?(@.a < 1)]"),
        ] {
            let written = expression(input).expect(input);
            assert_eq!(written.respaced.as_deref(), Some(rebuilt), "{input}");
            assert_eq!(exact_expression(input), None);
            assert_eq!(exact_expression(rebuilt), Some(written.dsl));
        }
    }
}
