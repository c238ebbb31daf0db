//! `sfn validate [--format text|json] FILE...`: checks ASL files against the States
//! Language rules.
//!
//! Exit status: 0 every file is valid, 1 some file is invalid, 2 some file could not be read
//! or is not JSON (or the arguments are wrong).

use std::io::{Read, Write};
use std::process::ExitCode;

use serde_json::{Value, json};
use sfn::runtime::validate::{Diagnostic, JsonError, rules, validate_str};

use super::input::display_name;

const HELP: &str = "\
sfn validate: check Amazon States Language files against the States Language rules

usage: sfn validate [--format text|json] FILE...

  FILE             an ASL definition (JSON); `-` reads standard input
  --format text    one line per problem: FILE:POINTER: CODE: message (default)
  --format json    a JSON array with one entry per file
  --rules          list every rule code with what it checks
  -h, --help       show this message

POINTER is a JSON pointer (RFC 6901) into the file; CODE is a stable rule code.
Exit status: 0 all files valid, 1 some file invalid, 2 some file unreadable or not JSON.

examples:
  sfn validate machine.asl.json
  cat machine.json | sfn validate --format json -";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json,
}

/// What became of one file.
enum Outcome {
    Checked(Vec<Diagnostic>),
    Unreadable(String),
    NotJson(JsonError),
}

/// Entry point of `sfn validate`.
pub fn main(args: &[String]) -> ExitCode {
    let mut format = Format::Text;
    let mut files: Vec<&str> = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let value = match arg.as_str() {
            "-h" | "--help" => {
                println!("{HELP}");
                return ExitCode::SUCCESS;
            }
            "--rules" => {
                for rule in rules() {
                    println!("{:<26} {}", rule.code, rule.summary);
                }
                return ExitCode::SUCCESS;
            }
            "--format" => match rest.next() {
                Some(v) => v.as_str(),
                None => return usage("`--format` needs a value: text or json"),
            },
            a if a.starts_with("--format=") => &a["--format=".len()..],
            a if a.starts_with('-') && a != "-" => {
                return usage(&format!("unknown option `{a}`"));
            }
            file => {
                files.push(file);
                continue;
            }
        };
        format = match value {
            "text" => Format::Text,
            "json" => Format::Json,
            other => return usage(&format!("unknown format `{other}`: use text or json")),
        };
    }
    if files.is_empty() {
        return usage("no FILE given");
    }

    let results: Vec<(&str, Outcome)> = files.iter().map(|f| (*f, check(f))).collect();
    let written = match format {
        Format::Text => print_text(&results),
        Format::Json => print_json(&results),
    };
    if let Err(e) = written {
        eprintln!("sfn validate: cannot write the report: {e}");
        return ExitCode::from(2);
    }

    let broken = results
        .iter()
        .any(|(_, o)| !matches!(o, Outcome::Checked(_)));
    let invalid = results
        .iter()
        .any(|(_, o)| matches!(o, Outcome::Checked(d) if !d.is_empty()));
    if broken {
        ExitCode::from(2)
    } else if invalid {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("sfn validate: {problem}\n\n{HELP}");
    ExitCode::from(2)
}

/// Reads and validates one file (`-` = standard input).
fn check(file: &str) -> Outcome {
    let mut bytes = Vec::new();
    let read = if file == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(file).and_then(|mut f| f.read_to_end(&mut bytes).map(|_| ()))
    };
    if let Err(e) = read {
        return Outcome::Unreadable(format!("cannot read: {e}"));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            return Outcome::Unreadable(format!("not UTF-8 text (invalid byte at offset {at})"));
        }
    };
    match validate_str(&text) {
        Ok(d) => Outcome::Checked(d),
        Err(e) => Outcome::NotJson(e),
    }
}

fn print_text(results: &[(&str, Outcome)]) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut invalid = 0;
    let mut problems = 0;
    for (file, outcome) in results {
        let name = display_name(file);
        match outcome {
            Outcome::Checked(diags) => {
                if !diags.is_empty() {
                    invalid += 1;
                    problems += diags.len();
                }
                for d in diags {
                    write!(out, "{name}:{}: {}: {}", d.pointer, d.code, d.message)?;
                    if let Some(offset) = d.offset {
                        write!(out, " (at column {} of the value)", offset + 1)?;
                    }
                    if let Some(hint) = &d.hint {
                        write!(out, "; {hint}")?;
                    }
                    writeln!(out)?;
                }
            }
            Outcome::Unreadable(why) => eprintln!("{name}: {why}"),
            Outcome::NotJson(e) => {
                eprintln!("{name}:{}:{}: not JSON: {}", e.line, e.column, e.message);
            }
        }
    }
    out.flush()?;
    let broken = results
        .iter()
        .filter(|(_, o)| !matches!(o, Outcome::Checked(_)))
        .count();
    let total = results.len();
    let files = if total == 1 { "file" } else { "files" };
    eprintln!(
        "sfn validate: {total} {files}: {} valid, {invalid} invalid ({problems} problems), {broken} unreadable",
        total - invalid - broken
    );
    Ok(())
}

fn print_json(results: &[(&str, Outcome)]) -> std::io::Result<()> {
    let report: Vec<Value> = results
        .iter()
        .map(|(file, outcome)| match outcome {
            Outcome::Checked(diags) => json!({
                "file": display_name(file),
                "valid": diags.is_empty(),
                "diagnostics": diags.iter().map(|d| json!({
                    "pointer": d.pointer,
                    "code": d.code,
                    "message": d.message,
                    "hint": d.hint,
                    "offset": d.offset,
                })).collect::<Vec<_>>(),
            }),
            Outcome::Unreadable(why) => json!({
                "file": display_name(file),
                "valid": false,
                "error": { "message": why },
            }),
            Outcome::NotJson(e) => json!({
                "file": display_name(file),
                "valid": false,
                "error": { "message": format!("not JSON: {}", e.message), "line": e.line, "column": e.column },
            }),
        })
        .collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    serde_json::to_writer_pretty(&mut out, &report)?;
    writeln!(out)?;
    out.flush()
}
