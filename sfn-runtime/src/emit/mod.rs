//! Emission for deployment: files for build scripts, CloudFormation templates, filled-in
//! definitions, diagrams.
//!
//! ```
//! use sfn_runtime::{Workflow, WorkflowKind};
//!
//! const HELLO: Workflow = Workflow::from_parts(
//!     "HELLO",
//!     r#"{"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"${HelloFn}","End":true}}}"#,
//!     r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"${HelloFn}"}]}"#,
//!     &["HelloFn"],
//!     WorkflowKind::Standard,
//! );
//! let filled = HELLO.render(&[("HelloFn", "arn:aws:lambda:us-east-1:123456789012:function:hello")]).unwrap();
//! assert!(filled.contains("function:hello"));
//! let template = HELLO.cloudformation();
//! assert_eq!(template["Resources"]["HELLOStateMachine"]["Type"], "AWS::StepFunctions::StateMachine");
//! ```

mod cloudformation;
mod files;
mod policy_json;
mod substitutions;

pub use cloudformation::{CloudFormationOptions, LogLevel};
pub use substitutions::{SubstitutionError, placeholders, substitute};

use crate::Workflow;
use crate::asl::StateMachine;
use crate::graph::Graph;

impl Workflow {
    /// The definition with every `${Name}` placeholder filled; an error names a placeholder
    /// left without a value or a value that matches no placeholder.
    pub fn render(&self, values: &[(&str, &str)]) -> Result<String, SubstitutionError> {
        substitute(self.definition(), values)
    }

    /// The workflow as a Mermaid flowchart.
    pub fn mermaid(&self) -> String {
        match StateMachine::from_json(self.definition()) {
            Ok(machine) => Graph::of(&machine).to_mermaid(),
            Err(e) => format!("flowchart TD\n    invalid[\"definition does not parse: {e}\"]\n"),
        }
    }

    /// The workflow as a Graphviz DOT graph.
    pub fn dot(&self) -> String {
        match StateMachine::from_json(self.definition()) {
            Ok(machine) => Graph::of(&machine).to_dot(),
            Err(e) => format!(
                "digraph workflow {{ invalid [label=\"definition does not parse: {e}\"]; }}\n"
            ),
        }
    }
}
