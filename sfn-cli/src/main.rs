//! The `sfn` command line: `sfn validate`, `sfn run`, `sfn graph`, `sfn import`, and on AWS
//! `sfn deploy`, `sfn start`, `sfn history`.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    cli::dispatch(&args)
}
