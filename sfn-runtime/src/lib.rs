//! The runtime half of sfn: the Amazon States Language model, the Step Functions path
//! dialect, the one set of static rules, IAM policies, emission and a local executor.
//!
//! Everything here works on plain data: the `workflow!` macro, the task catalogue and the
//! `sfn` command line all call into it, so each rule is written once.

pub mod asl;
pub mod emit;
pub mod exec;
pub mod graph;
pub mod iam;
pub mod jsonata;
pub mod limits;
pub mod path;
pub mod validate;
pub mod view;
mod workflow;

pub use workflow::{Workflow, WorkflowKind};
