//! `sfn graph [--format mermaid|dot|svg] [--resource ID] FILE`: draws any ASL file (JSON, YAML,
//! or a state machine of a CloudFormation/SAM template).

use std::process::ExitCode;

use sfn_runtime::asl::StateMachine;
use sfn_runtime::graph::Graph;

use super::exit::Exit;
use super::report::{self, Problem, Severity};
use super::template::{self, Substitutions};

/// The arguments of `sfn graph`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "FILE is an ASL definition (JSON or YAML) or a CloudFormation/SAM template; `-` reads standard input. Mermaid output renders on GitHub in a ```mermaid block; DOT output renders with Graphviz; SVG is drawn by sfn itself.

examples:
  sfn graph order.asl.json > order.mmd
  sfn graph --format svg order.asl.json > order.svg
  sfn graph --format dot order.asl.json | dot -Tpng > order.png
  sfn graph --resource OrderMachine template.yaml"
)]
pub struct GraphArgs {
    /// The diagram language.
    #[arg(long, value_enum, default_value_t = Diagram::Mermaid)]
    pub format: Diagram,
    /// The state machine resource to draw, in a template with several.
    #[arg(long, value_name = "LOGICAL_ID")]
    pub resource: Option<String>,
    /// The definition or template (`-`: standard input).
    pub file: String,
}

/// Diagram languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Diagram {
    /// Mermaid flowchart.
    Mermaid,
    /// Graphviz DOT.
    Dot,
    /// SVG, laid out by sfn (no Graphviz needed).
    Svg,
}

/// Entry point of `sfn graph`.
pub fn main(args: GraphArgs) -> ExitCode {
    let machine = match template::one(&args.file, args.resource.as_deref(), Substitutions::Apply) {
        Ok(machine) => machine,
        Err(exit) => return exit.into(),
    };
    // A diagram helps most while a definition is still wrong, so only what stops the model
    // from reading it (an unknown field, a missing `StartAt`, ...) is an error, reported as
    // `sfn validate` reports it.
    let model = match StateMachine::from_value_ref(&machine.value) {
        Ok(model) => model,
        Err(e) => {
            let mut problems: Vec<Problem> = machine
                .validate()
                .iter()
                .map(|d| machine.rule_problem(d))
                .collect();
            if problems.is_empty() {
                problems.push(machine.problem(
                    Severity::Error,
                    "",
                    None,
                    format!("not a state machine definition: {e}"),
                ));
            }
            report::eprint(&problems);
            return Exit::Invalid.into();
        }
    };
    let graph = Graph::of(&model);
    let diagram = match args.format {
        Diagram::Dot => graph.to_dot(),
        Diagram::Svg => graph.to_svg(),
        Diagram::Mermaid => graph.to_mermaid(),
    };
    match super::stdout::print("graph", diagram) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}
