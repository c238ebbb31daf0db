//! How every command prints problems: one [`Problem`] shape, printed as a rustc-style
//! snippet (`text`), one line each (`short`), GitHub workflow commands (`github`), SARIF
//! 2.1.0 (`sarif`) or JSON (`json`, `sfn validate`'s report).
//!
//! Subcommands call [`emit`] (or [`eprint`] for their stderr) and never format by hand, so
//! the message shape is the same everywhere; [`configure`] takes the global `--quiet` and
//! `--color` once.

mod github;
mod problem;
mod sarif;
mod short;
mod text;

use std::io::Write;
use std::sync::OnceLock;

pub use problem::{Location, Problem, Severity};

/// Output formats for problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style: the source line with a caret under the offending range, the message and
    /// the hint.
    Text,
    /// One line per problem, `FILE:LINE:COL: error: message [code] at POINTER`, for grep
    /// and editors' problem matchers.
    Short,
    /// GitHub Actions workflow commands (`::error file=..,line=..,col=..::message`).
    Github,
    /// A SARIF 2.1.0 log, for code-scanning UIs.
    Sarif,
    /// JSON, with line and column of every problem.
    Json,
}

/// When to color output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Color {
    /// When writing to a terminal and `NO_COLOR` is unset.
    #[default]
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Global output settings.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Print errors only: no notes, warnings or summary lines.
    pub quiet: bool,
    /// When to color.
    pub color: Color,
    /// How `graph`, `import` and `run` print problems on standard error.
    pub messages: Format,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            quiet: false,
            color: Color::Auto,
            messages: Format::Text,
        }
    }
}

static SETTINGS: OnceLock<Settings> = OnceLock::new();

/// Sets the global settings (once, from the command line).
pub fn configure(settings: Settings) {
    let _ = SETTINGS.set(settings);
}

/// The global settings.
pub fn settings() -> Settings {
    SETTINGS.get().copied().unwrap_or_default()
}

fn choice() -> anstream::ColorChoice {
    match settings().color {
        Color::Auto => anstream::ColorChoice::Auto,
        Color::Always => anstream::ColorChoice::Always,
        Color::Never => anstream::ColorChoice::Never,
    }
}

/// Standard output, colored as configured.
pub fn stdout() -> anstream::AutoStream<std::io::Stdout> {
    anstream::AutoStream::new(std::io::stdout(), choice())
}

/// Standard error, colored as configured.
pub fn stderr() -> anstream::AutoStream<std::io::Stderr> {
    anstream::AutoStream::new(std::io::stderr(), choice())
}

/// Writes `problems` to `out` in `format` (`Json` writes one array of problems); notes and
/// warnings are left out under `--quiet`.
pub fn write(out: &mut dyn Write, problems: &[Problem], format: Format) -> std::io::Result<()> {
    let quiet = settings().quiet;
    let shown: Vec<&Problem> = problems
        .iter()
        .filter(|p| !quiet || p.severity == Severity::Error)
        .collect();
    match format {
        Format::Text => text::write(out, &shown),
        Format::Short => short::write(out, &shown),
        Format::Github => github::write(out, &shown),
        Format::Sarif => sarif::write(out, &shown),
        Format::Json => {
            let list: Vec<serde_json::Value> = shown.iter().map(|p| to_json(p)).collect();
            serde_json::to_writer_pretty(&mut *out, &list)?;
            writeln!(out)
        }
    }
}

/// Prints `problems` on standard error in the `--message-format` (default text): what
/// commands whose standard output is their product (`graph`, `import`, `run`) do.
pub fn eprint(problems: &[Problem]) {
    if problems.is_empty() {
        return;
    }
    let mut err = stderr();
    // Standard error closed: nothing else can be said.
    let _ = write(&mut err, problems, settings().messages);
}

/// Prints a summary line on standard error, unless `--quiet`.
pub fn summary(line: &str) {
    if !settings().quiet {
        eprintln!("{line}");
    }
}

/// `1 problem`, `2 problems`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One problem as JSON: the fields of [`Problem`], with `line` and `column`.
pub fn to_json(p: &Problem) -> serde_json::Value {
    serde_json::json!({
        "severity": p.severity.as_str(),
        "file": p.file,
        "line": p.location.as_ref().map(|l| l.line),
        "column": p.location.as_ref().map(|l| l.column),
        "pointer": p.pointer,
        "code": p.code,
        "message": p.message,
        "hint": p.hint,
        "resource": p.resource,
    })
}
