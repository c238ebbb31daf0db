//! The catalogue of AWS Step Functions service integrations: every task class of the AWS CDK
//! module `aws-stepfunctions-tasks`, described once as data (fields, patterns, resource,
//! IAM statements, default Retry, checks) and rendered to ASL.
//!
//! The `workflow!` macro parses a task state into a [`TaskCall`], calls [`render`], and
//! splices the [`RenderedTask`] into the state; every problem comes back as a [`TaskError`]
//! at the location of the offending field.
//!
//! ```
//! use sfn_tasks::{render, TaskCall, TaskField, TaskValue, QueryLanguage};
//!
//! let call = TaskCall {
//!     class: "SnsPublish".into(),
//!     class_loc: 0,
//!     fields: vec![
//!         TaskField { name: "topic".into(), name_loc: 1, value: TaskValue::Str("arn:aws:sns:us-east-1:123456789012:T".into()), value_loc: 2 },
//!         TaskField { name: "message".into(), name_loc: 3, value: TaskValue::Path("$.msg".into()), value_loc: 4 },
//!     ],
//!     query_language: QueryLanguage::JsonPath,
//! };
//! let task = render(&call).unwrap();
//! assert_eq!(task.resource, "arn:aws:states:::sns:publish");
//! assert_eq!(task.fields["Parameters"]["Message.$"], "$.msg");
//! ```

#![warn(missing_docs)]

mod credentials;
pub mod custom;
mod docs;
pub mod engine;
pub mod infer;
mod model;
pub mod services;
pub mod spec;

pub use credentials::assume_role_statement;
pub use docs::{markdown_table, reference_page};
pub use engine::arn::{ACCOUNT, REGION};
pub use model::{Loc, QueryLanguage, RenderedTask, TaskCall, TaskError, TaskField, TaskValue};
pub use spec::{Field, Kind, Pattern, TaskSpec};

/// The name of every task class, in alphabetical order.
pub fn class_names() -> impl Iterator<Item = &'static str> {
    // Sorted once: `workflow!` asks for every catalogue state it lowers.
    static NAMES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    NAMES
        .get_or_init(|| {
            let mut names: Vec<&'static str> = services::SPECS.iter().map(|s| s.class).collect();
            names.push(services::evaluate_expression::CLASS);
            names.sort_unstable();
            names
        })
        .iter()
        .copied()
}

/// The description of a class, if it is a catalogue class rendered from data
/// (every class except `EvaluateExpression`, which compiles to a native state).
pub fn spec(class: &str) -> Option<&'static TaskSpec> {
    services::SPECS.iter().copied().find(|s| s.class == class)
}

/// Checks and renders a task call. Every problem found is returned, each at its location;
/// an unknown class gets a "did you mean".
pub fn render(call: &TaskCall) -> Result<RenderedTask, Vec<TaskError>> {
    if call.class == services::evaluate_expression::CLASS {
        return services::evaluate_expression::render(call);
    }
    match spec(&call.class) {
        Some(spec) => engine::render_spec(spec, call),
        None => {
            let mut err = TaskError::new(
                call.class_loc,
                format!("unknown task type `{}`", call.class),
            );
            err = match engine::suggest::did_you_mean(&call.class, class_names()) {
                Some(h) => err.hint(h),
                None => err.hint(
                    "use `Task { resource: .., parameters: .. }` for an integration outside the catalogue",
                ),
            };
            Err(vec![err])
        }
    }
}
