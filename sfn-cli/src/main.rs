//! The `sfn` command line: `sfn validate`, `sfn run`, `sfn graph`, `sfn import`,
//! `sfn completions`.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
