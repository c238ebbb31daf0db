//! One module per service; each describes its task classes as [`TaskSpec`] data.

use crate::spec::TaskSpec;

pub mod evaluate_expression;
pub mod lambda;

/// Every data-described class.
pub static SPECS: &[&TaskSpec] = &[&lambda::LAMBDA_INVOKE];
