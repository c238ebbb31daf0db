//! Subcommands of the `sfn` command line, one file each.
//!
//! Exit codes are shared: 0 success, 1 the input is invalid (or the run failed), 2 the
//! command could not do its work (unreadable file, not JSON, bad arguments).

use std::process::ExitCode;

mod graph;
mod import;
mod input;
mod run;
mod validate;

const USAGE: &str = "\
sfn: AWS Step Functions workflows as Rust, checked, emitted and run locally

usage: sfn <command> [options] FILE...

commands:
  validate   check ASL files against the States Language rules
  graph      draw a state machine as Mermaid, DOT or SVG
  run        run an ASL file locally (mocked tasks, virtual clock)
  import     print the workflow! source of an ASL file (migration)
  help       show this message

Run `sfn <command> --help` for a command's options and examples.";

/// Runs the subcommand named by the first argument.
pub fn dispatch(args: &[String]) -> ExitCode {
    let Some((command, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    match command.as_str() {
        "validate" => validate::main(rest),
        "graph" => graph::main(rest),
        "run" => run::main(rest),
        "import" => import::main(rest),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        other => {
            eprintln!("sfn: unknown command `{other}`\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
