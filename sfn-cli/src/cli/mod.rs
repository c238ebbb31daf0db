//! Subcommands of the `sfn` command line, one file each.
//!
//! Exit codes are shared: 0 success, 1 the input is invalid (or the run failed), 2 the
//! command could not do its work (unreadable file, not JSON, bad arguments).

use std::process::ExitCode;

mod graph;
mod import;
mod input;
mod run;
mod serve;
mod validate;

const USAGE: &str = "\
sfn: AWS Step Functions workflows as Rust, checked, emitted and run locally

usage: sfn <command> [options] FILE...

commands:
  validate   check ASL files against the States Language rules
  graph      draw a state machine as Mermaid or DOT
  run        run an ASL file locally (mocked tasks, virtual clock)
  import     print the workflow! source of an ASL file (migration)
  serve      serve the Step Functions API on localhost (any AWS SDK, offline)
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
        "serve" => serve_main(rest),
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

/// `sfn serve`: clap parses its options (the other commands move to clap later).
fn serve_main(rest: &[String]) -> ExitCode {
    use clap::Parser;
    let argv = std::iter::once("sfn serve".to_owned()).chain(rest.iter().cloned());
    match serve::ServeArgs::try_parse_from(argv) {
        Ok(args) => serve::main(args),
        Err(e) => {
            let _ = e.print();
            ExitCode::from(if e.use_stderr() { 2 } else { 0 })
        }
    }
}
