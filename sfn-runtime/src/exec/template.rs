//! Payload templates (JSONPath `Parameters`, `ResultSelector`, `ItemSelector`, `Assign`,
//! ...), compiled once: keys ending in `.$` are renamed and their paths or intrinsic calls
//! pre-parsed; parts with no `.$` key are kept as literal JSON and cloned as is.

use serde_json::{Map, Value};

use super::errors::Failure;
use super::paths::path;

/// A compiled payload template.
#[derive(Debug, Clone)]
pub(crate) enum Template {
    /// A value with no `.$` key anywhere inside.
    Literal(Value),
    /// An object: output key and its template.
    Object(Vec<(String, Template)>),
    /// An array of templates.
    Array(Vec<Template>),
    /// The value of a `key.$` field.
    Expr {
        /// The field as written (`value.$`), for messages.
        field: String,
        /// The source text.
        source: String,
        /// The parsed path or intrinsic, or why it does not parse.
        expr: Result<path::Expr, String>,
    },
}

impl Template {
    /// Compiles a template.
    pub(crate) fn compile(value: &Value) -> Template {
        if !has_dollar_key(value) {
            return Template::Literal(value.clone());
        }
        match value {
            Value::Object(object) => Template::Object(
                object
                    .iter()
                    .map(|(key, value)| match key.strip_suffix(".$") {
                        Some(name) => (name.to_owned(), compile_expr(key, value)),
                        None => (key.clone(), Template::compile(value)),
                    })
                    .collect(),
            ),
            Value::Array(items) => Template::Array(items.iter().map(Template::compile).collect()),
            other => Template::Literal(other.clone()),
        }
    }

    /// Renders the template against a scope. Errors name the field; the caller adds the state.
    pub(crate) fn render(
        &self,
        scope: &path::Scope,
        random: &mut dyn FnMut() -> u64,
    ) -> Result<Value, Failure> {
        match self {
            Template::Literal(value) => Ok(value.clone()),
            Template::Object(fields) => {
                let mut object = Map::with_capacity(fields.len());
                for (key, template) in fields {
                    object.insert(key.clone(), template.render(scope, random)?);
                }
                Ok(Value::Object(object))
            }
            Template::Array(items) => items
                .iter()
                .map(|t| t.render(scope, random))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array),
            Template::Expr {
                field,
                source,
                expr,
            } => match expr {
                Ok(expr) => path::eval_expr(expr, scope, random).map_err(|e| {
                    Failure::new(e.error, expr_cause(expr, field, source, scope, e.cause))
                }),
                Err(message) => Err(Failure::runtime(format!(
                    "the field '{field}' holds '{source}', which is not a valid path or intrinsic: {message}"
                ))),
            },
        }
    }
}

/// The service's words for a `key.$` field that failed: a path that selects nothing
/// (recorded against AWS, e.g. "The JSONPath '$.nope' specified for the field 'm.$' could not
/// be found in the input '{"x":"a"}'"), or an intrinsic call that failed.
fn expr_cause(
    expr: &path::Expr,
    field: &str,
    source: &str,
    scope: &path::Scope,
    cause: String,
) -> String {
    match expr {
        path::Expr::Path(parsed) => {
            let root = match &parsed.root {
                path::Root::Input => scope.input,
                path::Root::Context => scope.context,
                path::Root::Variable(name) => match scope.variables.get(name) {
                    Some(value) => value,
                    None => return cause,
                },
            };
            format!(
                "The JSONPath '{source}' specified for the field '{field}' could not be found in the input '{}'",
                serde_json::to_string(root).unwrap_or_default()
            )
        }
        path::Expr::Intrinsic(_) => {
            format!("The function '{source}' had the following error: {cause}")
        }
    }
}

fn compile_expr(field: &str, value: &Value) -> Template {
    let (source, expr) = match value {
        Value::String(source) => (
            source.clone(),
            path::parse_expr(source).map_err(|e| e.to_string()),
        ),
        other => (
            other.to_string(),
            Err("the value of a `.$` field must be a string".to_owned()),
        ),
    };
    Template::Expr {
        field: field.to_owned(),
        source,
        expr,
    }
}

fn has_dollar_key(value: &Value) -> bool {
    match value {
        Value::Object(object) => object
            .iter()
            .any(|(k, v)| k.ends_with(".$") || has_dollar_key(v)),
        Value::Array(items) => items.iter().any(has_dollar_key),
        _ => false,
    }
}
