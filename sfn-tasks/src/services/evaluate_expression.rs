//! `EvaluateExpression`: compiled to a native state instead of CDK's Lambda.

use crate::model::{RenderedTask, TaskCall, TaskError};

/// The class name.
pub const CLASS: &str = "EvaluateExpression";

/// Renders an `EvaluateExpression` call as a native state.
pub fn render(call: &TaskCall) -> Result<RenderedTask, Vec<TaskError>> {
    Err(vec![TaskError::new(call.class_loc, "EvaluateExpression: not yet")])
}
