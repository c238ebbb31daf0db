//! `--format short`: one line per problem, in the `FILE:LINE:COL: error: message` shape that
//! grep and editors' problem matchers (gcc's, rustc's) read.

use std::io::Write;

use super::Problem;

/// Writes one line per problem.
pub fn write(out: &mut dyn Write, problems: &[&Problem]) -> std::io::Result<()> {
    for p in problems {
        writeln!(out, "{}", line(p))?;
    }
    Ok(())
}

/// `PLACE: SEVERITY: MESSAGE [CODE] at POINTER (resource ID); help: HINT`.
pub fn line(p: &Problem) -> String {
    let mut line = format!("{}: {}: {}", p.place(), p.severity.as_str(), p.message);
    if let Some(code) = &p.code {
        line.push_str(&format!(" [{code}]"));
    }
    if let Some(pointer) = p.pointer_text() {
        line.push_str(&format!(" at {pointer}"));
    }
    if let Some(resource) = &p.resource {
        line.push_str(&format!(" (resource {resource})"));
    }
    if let Some(hint) = &p.hint {
        line.push_str(&format!("; help: {hint}"));
    }
    line
}
