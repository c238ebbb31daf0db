//! `States.Format` templates: `{}` placeholders, `\{` `\}` `\\` escapes, and how values
//! are rendered into the text.

use serde_json::Value;

/// A piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Part {
    Text(String),
    Placeholder,
}

/// A template that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TemplateError {
    /// A `{` not followed by `}`, or a `}` on its own; `at` is a byte offset in the template.
    LoneBrace { at: usize, brace: char },
}

/// Splits a template. With `escapes` (a literal template, which keeps its escapes), `\x`
/// is the literal `x` and lone braces are errors. Without (a template read from the
/// input at run time), only `{}` is special.
pub(crate) fn parse_template(template: &str, escapes: bool) -> Result<Vec<Part>, TemplateError> {
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut chars = template.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' if escapes => match chars.next() {
                Some((_, next)) => text.push(next),
                None => text.push('\\'),
            },
            '{' if chars.peek().map(|(_, c)| *c) == Some('}') => {
                chars.next();
                parts.push(Part::Text(std::mem::take(&mut text)));
                parts.push(Part::Placeholder);
            }
            '{' | '}' if escapes => return Err(TemplateError::LoneBrace { at, brace: c }),
            _ => text.push(c),
        }
    }
    parts.push(Part::Text(text));
    Ok(parts)
}

pub(crate) fn placeholder_count(parts: &[Part]) -> usize {
    parts
        .iter()
        .filter(|p| matches!(p, Part::Placeholder))
        .count()
}

/// How a value appears in a formatted string: strings without quotes, numbers, booleans
/// and `null` as in JSON, objects and arrays the way the service (Java) prints them:
/// `{a=1, b=[1, 2]}`.
pub(crate) fn render(value: &Value, out: &mut String) {
    match value {
        Value::String(s) => out.push_str(s),
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                render(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(k);
                out.push('=');
                render(v, out);
            }
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn escapes_make_literal_braces() {
        let parts = parse_template(r"\{a\} {}", true).unwrap();
        assert_eq!(
            parts,
            vec![
                Part::Text("{a} ".into()),
                Part::Placeholder,
                Part::Text(String::new())
            ]
        );
    }

    #[test]
    fn lone_brace_in_literal_is_an_error() {
        assert_eq!(
            parse_template("a { b", true),
            Err(TemplateError::LoneBrace { at: 2, brace: '{' })
        );
        assert_eq!(
            parse_template("a } b", true),
            Err(TemplateError::LoneBrace { at: 2, brace: '}' })
        );
    }

    #[test]
    fn runtime_templates_only_know_placeholders() {
        let parts = parse_template(r"a { \{} }", false).unwrap();
        assert_eq!(placeholder_count(&parts), 1);
    }

    #[test]
    fn renders_like_the_service() {
        let mut s = String::new();
        render(
            &json!({"Arg1": 1, "Arg2": [], "s": "x", "n": null, "f": 1.1}),
            &mut s,
        );
        assert_eq!(s, "{Arg1=1, Arg2=[], s=x, n=null, f=1.1}");
    }
}
