//! Subcommands of the `sfn` command line, one file each.
//!
//! Exit codes are shared: 0 success, 1 the input is invalid (or the run failed), 2 the
//! command could not do its work (unreadable file, not JSON, bad arguments).

use std::process::ExitCode;

mod aws_options;
mod deploy;
mod graph;
mod history;
mod import;
mod input;
mod run;
mod start;
mod validate;

const USAGE: &str = "\
sfn: AWS Step Functions workflows as Rust, checked, emitted and run locally

usage: sfn <command> [options] FILE...

commands:
  validate   check ASL files against the States Language rules
  graph      draw a state machine as Mermaid or DOT
  run        run an ASL file locally (mocked tasks, virtual clock)
  import     print the workflow! source of an ASL file (migration)
  deploy     deploy state machines to AWS Step Functions (role, version, alias)
  start      start an execution on AWS Step Functions (--wait prints its result)
  history    print the events of an execution on AWS Step Functions
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
        "deploy" => parsed::<deploy::DeployArgs>(rest).map_or_else(|c| c, deploy::main),
        "start" => parsed::<start::StartArgs>(rest).map_or_else(|c| c, start::main),
        "history" => parsed::<history::HistoryArgs>(rest).map_or_else(|c| c, history::main),
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

/// The options of a clap-parsed command; help and errors are printed here (exit 0 for
/// `--help`, 2 for bad usage, as the other commands do).
fn parsed<T: clap::Parser>(rest: &[String]) -> Result<T, ExitCode> {
    let name = T::command().get_name().to_owned();
    T::try_parse_from(std::iter::once(name).chain(rest.iter().cloned())).map_err(|e| {
        let _ = e.print();
        if e.use_stderr() {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        }
    })
}
