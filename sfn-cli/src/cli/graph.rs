//! `sfn graph [--format mermaid|dot|svg] FILE`: draws any ASL file.

use std::process::ExitCode;

use sfn_runtime::asl::StateMachine;
use sfn_runtime::graph::Graph;
use sfn_runtime::validate::validate_value;

use super::input::{display_name, read_json};

const HELP: &str = "\
sfn graph: draw a state machine

usage: sfn graph [--format mermaid|dot|svg] FILE

FILE is an ASL definition (`-` reads standard input). Mermaid output renders on GitHub in a
```mermaid block; DOT output renders with Graphviz; SVG is drawn by sfn itself.

examples:
  sfn graph order.asl.json > order.mmd
  sfn graph --format svg order.asl.json > order.svg
  sfn graph --format dot order.asl.json | dot -Tpng > order.png";

/// Entry point of `sfn graph`.
pub fn main(args: &[String]) -> ExitCode {
    let mut format = "mermaid";
    let mut file = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--help" | "-h" => {
                println!("{HELP}");
                return ExitCode::SUCCESS;
            }
            "--format" => match args.next().map(String::as_str) {
                Some(f @ ("mermaid" | "dot" | "svg")) => format = f,
                other => {
                    eprintln!("sfn graph: --format takes `mermaid`, `dot` or `svg`, not {other:?}");
                    return ExitCode::from(2);
                }
            },
            _ if file.is_none() => file = Some(arg.clone()),
            _ => {
                eprintln!("sfn graph: one FILE at a time\n\n{HELP}");
                return ExitCode::from(2);
            }
        }
    }
    let Some(file) = file else {
        eprintln!("{HELP}");
        return ExitCode::from(2);
    };
    let name = display_name(&file);
    let definition = match read_json(&file) {
        Ok(value) => value,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    // A diagram helps most while a definition is still wrong, so only what stops the model
    // from reading it (an unknown field, a missing `StartAt`, ...) is an error, reported as
    // `sfn validate` reports it.
    let machine = match StateMachine::from_value(definition.clone()) {
        Ok(machine) => machine,
        Err(e) => {
            let diagnostics = validate_value(&definition);
            for d in &diagnostics {
                eprintln!("{name}:{d}");
            }
            if diagnostics.is_empty() {
                eprintln!("{name}: not a state machine definition: {e}");
            }
            return ExitCode::from(1);
        }
    };
    let graph = Graph::of(&machine);
    print!(
        "{}",
        match format {
            "dot" => graph.to_dot(),
            "svg" => graph.to_svg(),
            _ => graph.to_mermaid(),
        }
    );
    ExitCode::SUCCESS
}
