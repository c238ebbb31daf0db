//! `sfn graph [--format mermaid|dot] FILE`: draws any ASL file.

use std::process::ExitCode;

use sfn_runtime::asl::StateMachine;
use sfn_runtime::graph::Graph;

use super::input::read_input;

const HELP: &str = "\
sfn graph: draw a state machine

usage: sfn graph [--format mermaid|dot] FILE

FILE is an ASL definition (`-` reads standard input). Mermaid output renders on GitHub in a
```mermaid block; DOT output renders with Graphviz.

examples:
  sfn graph order.asl.json > order.mmd
  sfn graph --format dot order.asl.json | dot -Tsvg > order.svg";

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
                Some(f @ ("mermaid" | "dot")) => format = f,
                other => {
                    eprintln!("sfn graph: --format takes `mermaid` or `dot`, not {other:?}");
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
    let text = match read_input(&file) {
        Ok(text) => text,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let machine = match StateMachine::from_json(&text) {
        Ok(machine) => machine,
        Err(e) => {
            eprintln!(
                "{file}:{}:{}: not a state machine definition: {e}",
                e.line(),
                e.column()
            );
            return ExitCode::from(if e.is_syntax() || e.is_eof() { 2 } else { 1 });
        }
    };
    let graph = Graph::of(&machine);
    print!(
        "{}",
        if format == "dot" {
            graph.to_dot()
        } else {
            graph.to_mermaid()
        }
    );
    ExitCode::SUCCESS
}
