//! `"prefix-" + $.x`: strings are not joined with `+` in ASL. The error says how they are:
//! `States.Format` in a JSONPath state, JSONata's `&` in a JSONata state.

use syn::Token;
use syn::parse::ParseStream;

use super::value::parse_single;
use crate::ast::Value;
use crate::diag::Errors;

/// Reads the rest of `first + b + c ..` and returns the error for the whole of it.
pub fn error(first: Value, input: ParseStream, errors: &mut Errors) -> syn::Error {
    let mut operands = vec![first];
    while input.peek(Token![+]) {
        if input.parse::<Token![+]>().is_err() {
            break;
        }
        match parse_single(input, errors) {
            Ok(value) => operands.push(value),
            Err(_) => break,
        }
    }
    let loc = operands[0].loc().to(operands[operands.len() - 1].loc());
    loc.error(message(&operands))
}

/// The message for `operands` joined with `+`.
fn message(operands: &[Value]) -> String {
    let jsonata = operands.iter().any(|v| match v {
        Value::Path(text) => text.text.starts_with("$states"),
        Value::Str(s) => crate::lower::is_jsonata(&s.value),
        _ => false,
    });
    if jsonata {
        return format!(
            "`+` does not join strings; in a JSONata state write `\"{{% {} %}}\"`",
            jsonata_form(operands)
        );
    }
    match format_form(operands) {
        Some(format) => format!(
            "`+` does not join strings; write `{format}` (in a JSONata state: `\"{{% {} %}}\"`)",
            jsonata_form(operands)
        ),
        None => "`+` does not join values: build the string with `States.Format(\"..{}..\", $.x)`"
            .to_owned(),
    }
}

/// `States.Format("prefix-{}", $.x)`: literal pieces in the template, the rest as arguments.
fn format_form(operands: &[Value]) -> Option<String> {
    let mut template = String::new();
    let mut args = Vec::new();
    for operand in operands {
        match operand {
            Value::Str(s) => template.push_str(&s.value.replace('{', "\\{").replace('}', "\\}")),
            Value::Num(n, _) => template.push_str(&n.to_string()),
            Value::Path(text) | Value::Intrinsic(text) => {
                template.push_str("{}");
                args.push(text.text.clone());
            }
            _ => return None,
        }
    }
    let template = format!("{template:?}");
    Some(if args.is_empty() {
        format!("States.Format({template})")
    } else {
        format!("States.Format({template}, {})", args.join(", "))
    })
}

/// `'prefix-' & $states.input.x`: JSONata's `&` joins strings; JSONPath paths of the input
/// and the context become `$states.input` / `$states.context`.
fn jsonata_form(operands: &[Value]) -> String {
    let pieces: Vec<String> = operands
        .iter()
        .map(|operand| match operand {
            Value::Str(s) if crate::lower::is_jsonata(&s.value) => {
                let inner = s.value.trim();
                inner[2..inner.len() - 2].trim().to_owned()
            }
            Value::Str(s) => format!("'{}'", s.value.replace('\'', "\\'")),
            Value::Num(n, _) => n.to_string(),
            Value::Path(text) => jsonata_path(&text.text),
            other => other.describe().to_owned(),
        })
        .collect();
    pieces.join(" & ")
}

fn jsonata_path(path: &str) -> String {
    if let Some(rest) = path.strip_prefix("$$") {
        format!("$states.context{rest}")
    } else if path == "$" {
        "$states.input".to_owned()
    } else if let Some(rest) = path.strip_prefix("$.").or(path.strip_prefix("$[")) {
        let sep = if path.starts_with("$.") { "." } else { "[" };
        format!("$states.input{sep}{rest}")
    } else {
        path.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_in_jsonata_spelling() {
        assert_eq!(jsonata_path("$.id"), "$states.input.id");
        assert_eq!(jsonata_path("$['a b']"), "$states.input['a b']");
        assert_eq!(jsonata_path("$"), "$states.input");
        assert_eq!(
            jsonata_path("$$.Execution.Id"),
            "$states.context.Execution.Id"
        );
        assert_eq!(jsonata_path("$order.id"), "$order.id");
    }
}
