//! # sfn
//!
//! AWS Step Functions workflows written as Rust source: `workflow!` checks a state machine
//! at compile time and expands to a `const` holding its Amazon States Language definition
//! and a least-privilege IAM policy; the runtime validates any ASL file and runs workflows
//! locally, offline, in `cargo test`.

pub mod handlers;

pub use sfn_macros::{Task, TaskEnum};
pub use sfn_macros::{lambda, workflow, workflow_module};
pub use sfn_runtime as runtime;
pub use sfn_runtime::exec;
pub use sfn_runtime::{Workflow, WorkflowKind};
pub use sfn_tasks as tasks;
pub use sfn_tasks::custom::Task;
