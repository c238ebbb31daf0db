//! `sfn validate [--format text|json] FILE...`

use std::process::ExitCode;

/// Entry point of `sfn validate`.
pub fn main(_args: &[String]) -> ExitCode {
    eprintln!("sfn validate: not built yet");
    ExitCode::from(2)
}
