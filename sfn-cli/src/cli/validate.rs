//! `sfn validate [--format text|short|github|sarif|json] [--type standard|express]
//! [--deny-warnings] FILE...`: checks ASL files (JSON, YAML, and the state machines of
//! CloudFormation/SAM templates) against the States Language rules.
//!
//! Each rule's severity is the rule set's: an error is what the service refuses, a warning
//! what it accepts but is almost surely a mistake (ValidateStateMachineDefinition's ERROR
//! and WARNING). Exit status (the shared table): 0 every file is valid (warnings allowed,
//! unless `--deny-warnings`), 1 some file has an error, 2 some file could not be read or is
//! not JSON/YAML.

use std::io::Write;
use std::process::ExitCode;

use serde_json::{Value, json};
use sfn::runtime::WorkflowKind;
use sfn::runtime::validate::rules;

use super::exit::Exit;
use super::report::{self, Format, Problem, Severity};
use super::source::Source;
use super::template::{self, Substitutions};

/// The arguments of `sfn validate`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Each problem names FILE:LINE:COL, a JSON pointer (RFC 6901) into the definition and a stable rule code (`sfn validate --rules` lists them). In a CloudFormation or SAM template every AWS::StepFunctions::StateMachine and AWS::Serverless::StateMachine is checked (Definition, DefinitionString with Fn::Sub/Fn::Join, a local DefinitionUri, DefinitionSubstitutions).
Errors are what the service refuses; warnings (`variable-unknown`, `task-token-missing`, ...) what it accepts but fails at run time or never finishes. `--type express` checks as an EXPRESS machine (no `.sync`, `.waitForTaskToken` or activities); a template's StateMachineType (SAM: Type) says it for its machine.
Exit status: 0 all files valid (warnings allowed unless --deny-warnings), 1 some file has errors (or warnings, with --deny-warnings), 2 some file unreadable or not JSON/YAML.

examples:
  sfn validate machine.asl.json
  sfn validate --type express --deny-warnings machine.asl.json
  sfn validate --format short template.yaml
  sfn validate --format github statemachines/*.asl.json
  cat machine.json | sfn validate --format json -"
)]
pub struct ValidateArgs {
    /// How to print problems.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// List every rule code with its severity and what it checks, and exit.
    #[arg(long)]
    pub rules: bool,
    /// The machine's type; a template's StateMachineType (SAM: Type) wins for its machines.
    #[arg(long = "type", value_enum, default_value_t = MachineType::Standard)]
    pub machine_type: MachineType,
    /// Fail (exit 1) on warnings too, as CI should.
    #[arg(long)]
    pub deny_warnings: bool,
    /// ASL definitions (JSON or YAML) or templates; `-` reads standard input.
    #[arg(required_unless_present = "rules")]
    pub files: Vec<String>,
}

/// `--type`: what CreateStateMachine's `type` would be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MachineType {
    /// STANDARD (the service's default).
    Standard,
    /// EXPRESS: Request Response integrations only, no activities.
    Express,
}

impl MachineType {
    fn kind(self) -> WorkflowKind {
        match self {
            MachineType::Standard => WorkflowKind::Standard,
            MachineType::Express => WorkflowKind::Express,
        }
    }
}

/// What became of one file.
struct Checked {
    name: String,
    /// The problems (errors, and warnings such as a definition in S3).
    problems: Vec<Problem>,
    /// The file could not be read, or is not JSON/YAML.
    unreadable: bool,
}

impl Checked {
    /// Whether the file fails: an error, or with `deny_warnings` a warning.
    fn invalid(&self, deny_warnings: bool) -> bool {
        !self.unreadable && self.problems.iter().any(|p| fails(p, deny_warnings))
    }
}

/// Whether a problem makes its file fail.
fn fails(p: &Problem, deny_warnings: bool) -> bool {
    p.severity == Severity::Error || (deny_warnings && p.severity == Severity::Warning)
}

/// Entry point of `sfn validate`.
pub fn main(args: ValidateArgs) -> ExitCode {
    if args.rules {
        let listed = super::stdout::write_with("validate", |out| {
            rules().iter().try_for_each(|rule| {
                writeln!(
                    out,
                    "{:<26} {:<7} {}",
                    rule.code, rule.severity, rule.summary
                )
            })
        });
        return match listed {
            Ok(()) => ExitCode::SUCCESS,
            Err(code) => code,
        };
    }
    let deny = args.deny_warnings;
    let last = args.files.len().saturating_sub(1);
    let results: Vec<Checked> = args
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| check(f, args.machine_type.kind(), i == last))
        .collect();
    let written = match args.format {
        Format::Json => print_json(&results, deny),
        format => {
            let all: Vec<Problem> = results.iter().flat_map(|r| r.problems.clone()).collect();
            let mut out = report::stdout();
            report::write(&mut out, &all, format).and_then(|()| out.flush())
        }
    };
    if let Err(e) = written {
        eprintln!("sfn validate: cannot write the report: {e}");
        return Exit::Unusable.into();
    }
    let unreadable = results.iter().filter(|r| r.unreadable).count();
    let invalid = results.iter().filter(|r| r.invalid(deny)).count();
    let counted = |severity: Severity| -> usize {
        results
            .iter()
            .filter(|r| !r.unreadable)
            .map(|r| r.problems.iter().filter(|p| p.severity == severity).count())
            .sum()
    };
    let (errors, warnings) = (counted(Severity::Error), counted(Severity::Warning));
    let total = results.len();
    report::summary(&format!(
        "sfn validate: {}: {} valid, {invalid} invalid ({}, {}), {unreadable} unreadable",
        report::count(total, "file", "files"),
        total - invalid - unreadable,
        report::count(errors, "error", "errors"),
        report::count(warnings, "warning", "warnings"),
    ));
    if unreadable > 0 {
        Exit::Unusable
    } else if invalid > 0 {
        Exit::Invalid
    } else {
        Exit::Success
    }
    .into()
}

/// Reads and validates one file (`-` = standard input): the definition, or every state
/// machine of a template. The `last` file's document is not freed: the process exits
/// next, and freeing a large tree value by value took a sixth of the run.
fn check(file: &str, kind: WorkflowKind, last: bool) -> Checked {
    let source = match Source::load(file) {
        Ok(source) => source,
        Err(problem) => {
            return Checked {
                name: problem.file.clone(),
                problems: vec![problem],
                unreadable: true,
            };
        }
    };
    let name = source.name.clone();
    let found = template::machines(source, None, Substitutions::Apply);
    let mut problems = found.problems;
    for machine in &found.machines {
        problems.extend(
            machine
                .validate_as(machine.kind.unwrap_or(kind))
                .iter()
                .map(|d| machine.rule_problem(d)),
        );
    }
    if last {
        std::mem::forget(found.machines);
    }
    Checked {
        name,
        problems,
        unreadable: false,
    }
}

/// `--format json`: one entry per file, with line and column of every problem.
fn print_json(results: &[Checked], deny_warnings: bool) -> std::io::Result<()> {
    let report: Vec<Value> = results
        .iter()
        .map(|r| {
            if r.unreadable {
                let p = &r.problems[0];
                json!({
                    "file": r.name,
                    "valid": false,
                    "error": {
                        "message": p.message,
                        "line": p.location.as_ref().map(|l| l.line),
                        "column": p.location.as_ref().map(|l| l.column),
                    },
                })
            } else {
                json!({
                    "file": r.name,
                    "valid": !r.invalid(deny_warnings),
                    "diagnostics": r.problems.iter().map(report::to_json).collect::<Vec<_>>(),
                })
            }
        })
        .collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, &report)?;
    writeln!(out)?;
    out.flush()
}
