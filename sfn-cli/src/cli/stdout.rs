//! A command's result on standard output. `print!` panics when the reader has gone
//! (`sfn graph big.json | head -1`, a closed pipe); these say so and end the command with
//! exit code 2, as `sfn validate` does when it cannot write its report.

use std::io::Write;
use std::process::ExitCode;

use super::exit::Exit;

/// Writes `text` to standard output (no newline added), or tells why it could not.
pub fn print(command: &str, text: impl std::fmt::Display) -> Result<(), ExitCode> {
    write_with(command, |out| write!(out, "{text}"))
}

/// Writes `text` and a newline to standard output, or tells why it could not.
pub fn println(command: &str, text: impl std::fmt::Display) -> Result<(), ExitCode> {
    write_with(command, |out| writeln!(out, "{text}"))
}

/// Runs `write` on a buffered standard output, then flushes it; a failure is reported.
pub fn write_with(
    command: &str,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), ExitCode> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) => {
            eprintln!("sfn {command}: cannot write the output: {e}");
            Err(Exit::Unusable.into())
        }
    }
}
