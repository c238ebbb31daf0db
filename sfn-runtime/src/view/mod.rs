//! The execution view: one self-contained HTML page (styles, script, picture and data
//! inlined; it makes no request when opened) showing the state machine as the console's
//! graph inspector does, the states an execution entered coloured by outcome, the edges
//! it took, and for each state its input, effective parameters, task result, output,
//! retries and error.
//!
//! ```
//! use sfn_runtime::exec::Executor;
//! use serde_json::json;
//!
//! let executor = Executor::from_json(r#"{"StartAt": "A", "States": {
//!     "A": {"Type": "Pass", "Result": 1, "End": true}}}"#).unwrap();
//! let execution = executor.run(json!({}));
//! let html = execution.view_html();
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! assert!(html.contains(r#"data-name="A""#));
//! ```
//!
//! [`Execution::write_view`](crate::exec::Execution::write_view) writes it to a file, and
//! with `SFN_VIEW_DIR` set every failed execution writes its own (see [`failed`]).

pub mod failed;
mod page;
mod trace;

use std::path::Path;

use crate::asl::StateMachine;
use crate::exec::Execution;

pub use page::{definition_html, execution_html};

impl Execution {
    /// The execution view as an HTML document.
    pub fn view_html(&self) -> String {
        execution_html(&self.machine, self, &self.machine_name)
    }

    /// Writes the execution view to `path` (an `.html` file to open in a browser).
    pub fn write_view(&self, path: impl AsRef<Path>) -> std::io::Result<()> {
        std::fs::write(path, self.view_html())
    }
}

impl crate::Workflow {
    /// The workflow as a standalone SVG picture (see [`Graph::to_svg`](crate::graph::Graph::to_svg)).
    pub fn svg(&self) -> String {
        match StateMachine::from_json(self.definition()) {
            Ok(machine) => crate::graph::Graph::of(&machine).to_svg(),
            Err(e) => format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><text y=\"20\">definition does not parse: {}</text></svg>\n",
                crate::graph::escape_xml(&e.to_string())
            ),
        }
    }

    /// Writes a page showing this workflow's definition (the graph; each state's ASL on a
    /// click) to `path`. For an execution's view use [`Execution::write_view`].
    pub fn write_view(&self, path: impl AsRef<Path>) -> std::io::Result<()> {
        let machine = StateMachine::from_json(self.definition())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        std::fs::write(path, definition_html(&machine, self.name()))
    }
}
