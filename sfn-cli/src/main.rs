//! The `sfn` command line: `sfn validate`, `sfn run`, `sfn graph`, `sfn import`,
//! `sfn completions`, and on AWS `sfn deploy`, `sfn start`, `sfn history`.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
