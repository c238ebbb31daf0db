//! `EvaluateExpression`: compiled to a native state instead of CDK's Lambda.
//!
//! CDK evaluates a JavaScript expression in a Lambda function it provisions, with `$.path`
//! references replaced by values from the state input. Step Functions can do the same work
//! itself with JSONata, so the expression is translated to JSONata and the task becomes a
//! `Pass` state with `"QueryLanguage": "JSONata"` and an `Output`: no Lambda, no IAM, no cold
//! start. Expressions outside the translatable subset (function calls, objects, globals
//! such as `Math`) are rejected at compile time, saying why.
//!
//! A JSONata state has no `InputPath`, `ResultPath`, `ResultSelector` or `OutputPath`: the
//! caller applies a `result_path` with [`apply_result_path`] (the value is merged into the
//! state input, as CDK's `resultPath` did) and should reject the other three on this task.

mod result_path;
mod translate;

pub use result_path::apply_result_path;
pub use translate::{TranslateError, translate};

use crate::engine::suggest::did_you_mean;
use crate::model::{RenderedTask, TaskCall, TaskError, TaskValue};
use serde_json::{Map, Value};

/// The class name.
pub const CLASS: &str = "EvaluateExpression";

/// The fields `EvaluateExpression` takes. `runtime` and `architecture` (CDK's Lambda
/// settings) are accepted and have no effect: there is no Lambda.
pub const FIELDS: &[&str] = &["expression", "runtime", "architecture"];

/// Renders an `EvaluateExpression` call as a native JSONata `Pass` state.
pub fn render(call: &TaskCall) -> Result<RenderedTask, Vec<TaskError>> {
    let mut errors = Vec::new();
    for field in &call.fields {
        if !FIELDS.contains(&field.name.as_str()) {
            let mut e = TaskError::new(
                field.name_loc,
                format!("unknown field `{}` for EvaluateExpression", field.name),
            );
            e = match did_you_mean(&field.name, FIELDS.iter().copied()) {
                Some(h) => e.hint(h),
                None => e.hint("EvaluateExpression takes: expression"),
            };
            errors.push(e);
        }
    }
    let expression = call.fields.iter().find(|f| f.name == "expression");
    let output = match expression {
        None => {
            errors.push(
                TaskError::new(
                    call.class_loc,
                    "EvaluateExpression is missing the required field `expression`",
                )
                .hint("add `expression: \"$.a + $.b\"`"),
            );
            None
        }
        Some(f) => match &f.value {
            TaskValue::Str(src) => match translate(src) {
                Ok(jsonata) => Some(jsonata),
                Err(e) => {
                    errors.push(
                        TaskError::new(
                            f.value_loc,
                            format!("cannot translate this expression to JSONata: {} (column {})", e.message, e.offset + 1),
                        )
                        .hint("EvaluateExpression supports paths, literals, template strings, arithmetic, comparisons, &&, ||, ! and ?:; write other logic as a JSONata state"),
                    );
                    None
                }
            },
            other => {
                errors.push(TaskError::new(
                    f.value_loc,
                    format!(
                        "`expression` must be a string holding the expression, found {}",
                        other.describe()
                    ),
                ));
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut state = Map::new();
    state.insert("Type".into(), Value::String("Pass".into()));
    state.insert("QueryLanguage".into(), Value::String("JSONata".into()));
    state.insert(
        "Output".into(),
        Value::String(format!("{{% {} %}}", output.unwrap_or_default())),
    );
    Ok(RenderedTask {
        resource: String::new(),
        fields: Map::new(),
        statements: Vec::new(),
        native_state: Some(state),
    })
}
