//! `sfn run FILE [--input JSON | --input @F | --input-file F] [--mock-config F --test-case NAME]
//! [--machine NAME] [--seed N] [--history] [--express] [--view OUT.html]`: runs an ASL file with
//! the local executor.
//!
//! Prints exactly one JSON object on stdout: `{"status":"SUCCEEDED","output":..}` or
//! `{"status":"FAILED","error":..,"cause":..}` (plus `"history"` with `--history`).
//! Exit status (the shared table): 0 succeeded, 1 failed or timed out, or the definition or
//! mock configuration is invalid (diagnostics on stderr), 2 bad usage or unreadable files.

use std::process::ExitCode;

use serde_json::Value;
use sfn::runtime::WorkflowKind;
use sfn::runtime::asl::StateMachine;
use sfn::runtime::exec::{Execution, Executor, MockConfig};

use super::exit::Exit;
use super::report::{self, Problem, Severity};
use super::source::{Source, Syntax, display_name};
use super::template::{self, Substitutions};

/// The arguments of `sfn run`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Prints one JSON object: {\"status\":\"SUCCEEDED\",\"output\":..} or {\"status\":\"FAILED\",\"error\":..,\"cause\":..}.
Exit status: 0 succeeded, 1 failed or timed out (or the definition is invalid), 2 bad usage or unreadable files.

examples:
  sfn run order.asl.json --input '{\"amount\": 42}'
  sfn run order.asl.json --mock-config MockConfigFile.json --test-case HappyPath --history"
)]
pub struct RunArgs {
    /// An ASL definition (JSON or YAML) or a template; `-` reads standard input.
    pub file: String,
    /// The execution input (default {}); `@PATH` reads it from a file.
    #[arg(long, conflicts_with = "input_file", allow_hyphen_values = true)]
    pub input: Option<String>,
    /// The execution input, read from a file (`-`: standard input).
    #[arg(long, value_name = "PATH")]
    pub input_file: Option<String>,
    /// A Step Functions Local mock configuration (default: the file named by
    /// SFN_MOCK_CONFIG when --test-case is given).
    #[arg(long, visible_alias = "mocks", value_name = "PATH")]
    pub mock_config: Option<String>,
    /// The test case of the mock configuration to use.
    #[arg(long, value_name = "NAME")]
    pub test_case: Option<String>,
    /// The state machine name in the mock configuration (when ambiguous).
    #[arg(long, value_name = "NAME")]
    pub machine: Option<String>,
    /// The state machine resource to run, in a template with several.
    #[arg(long, value_name = "LOGICAL_ID")]
    pub resource: Option<String>,
    /// Seed for retry jitter, States.UUID, States.MathRandom.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Add the execution history to the output.
    #[arg(long)]
    pub history: bool,
    /// Run as an Express workflow (executions time out after 5 minutes).
    #[arg(long)]
    pub express: bool,
    /// Also write the execution view: one self-contained HTML file to open in a browser.
    #[arg(long, value_name = "OUT.html")]
    pub view: Option<String>,
}

/// Entry point of `sfn run`.
pub fn main(mut args: RunArgs) -> ExitCode {
    if let Err(problem) = check_usage(&mut args) {
        let mut command = <super::Cli as clap::CommandFactory>::command();
        let e = command.error(clap::error::ErrorKind::ArgumentConflict, problem);
        let _ = e.print();
        return Exit::Unusable.into();
    }
    match run(&args) {
        Ok(execution) => {
            // Written event by event: a long history is never one JSON tree in memory.
            let written = super::stdout::write_with("run", |out| {
                execution
                    .write_json(args.history, out)
                    .and_then(|()| writeln!(out))
            });
            if let Err(code) = written {
                return code;
            }
            if execution.succeeded() {
                Exit::Success
            } else {
                Exit::Invalid
            }
            .into()
        }
        Err(exit) => exit.into(),
    }
}

/// What clap cannot say: standard input read twice, and the mock options that go together.
fn check_usage(args: &mut RunArgs) -> Result<(), String> {
    let stdin_uses: Vec<&str> = [
        (args.file == "-").then_some("FILE"),
        (args.input_file.as_deref() == Some("-")).then_some("--input-file"),
        (args.input.as_deref() == Some("@-")).then_some("--input @-"),
        (args.mock_config.as_deref() == Some("-")).then_some("--mock-config"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if stdin_uses.len() > 1 {
        return Err(format!(
            "standard input can be read once, but {} all read it (`-`); give files for all but one",
            stdin_uses.join(" and ")
        ));
    }
    // Like Step Functions Local: without `--mock-config`, the file named by SFN_MOCK_CONFIG.
    if args.mock_config.is_none() && args.test_case.is_some() {
        args.mock_config = std::env::var("SFN_MOCK_CONFIG")
            .ok()
            .filter(|p| !p.is_empty());
    }
    if args.mock_config.is_some() != args.test_case.is_some() {
        return Err("`--mock-config` (or SFN_MOCK_CONFIG) and `--test-case` go together".into());
    }
    Ok(())
}

/// Runs the execution (printed by the caller).
fn run(args: &RunArgs) -> Result<Execution, Exit> {
    let machine = template::one(&args.file, args.resource.as_deref(), Substitutions::Apply)?;
    // `--express` checks as an EXPRESS machine (no `.sync`, `.waitForTaskToken` or
    // activities), as CreateStateMachine would; warnings are shown and the run goes on, as
    // the service would run it.
    let kind = if args.express {
        WorkflowKind::Express
    } else {
        machine.kind.unwrap_or_default()
    };
    let problems: Vec<Problem> = machine
        .validate_as(kind)
        .iter()
        .map(|d| machine.rule_problem(d))
        .collect();
    report::eprint(&problems);
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    if errors > 0 {
        report::summary(&format!(
            "sfn run: {} is not a valid {}state machine ({})",
            machine.name(),
            if kind == WorkflowKind::Express {
                "EXPRESS "
            } else {
                ""
            },
            report::count(errors, "problem", "problems")
        ));
        return Err(Exit::Invalid);
    }
    let model = StateMachine::from_value_ref(&machine.value).map_err(|e| {
        report::eprint(&[machine.problem(
            Severity::Error,
            "",
            None,
            format!("not a state machine definition: {e}"),
        )]);
        Exit::Invalid
    })?;
    let input = match (&args.input, &args.input_file) {
        (Some(text), _) => match text.strip_prefix('@') {
            Some(path) => input_file(path)?,
            None => input_text("--input", text.clone())?,
        },
        (None, Some(path)) => input_file(path)?,
        (None, None) => Value::Object(serde_json::Map::new()),
    };
    let file_name = match &machine.resource {
        Some(id) => id.as_str(),
        None => std::path::Path::new(display_name(&args.file))
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("StateMachine"),
    };
    let machine_name = file_name.split('.').next().unwrap_or(file_name);
    let mut executor = Executor::from_machine(model)
        .with_seed(args.seed)
        .record_history(args.history || args.view.is_some())
        .with_names(machine_name, "local-execution")
        .with_kind(kind);
    if let (Some(mocks), Some(case)) = (&args.mock_config, &args.test_case) {
        let source = Source::load(mocks).map_err(|p| {
            report::eprint(&[p]);
            Exit::Unusable
        })?;
        let at = |pointer: &str, message: String| {
            let mut p = Problem::error(&source.name, message).pointer(pointer);
            if let Some(l) = source.locate(pointer, None) {
                p = p.at(l);
            }
            p
        };
        let invalid = |mut problems: Vec<Problem>| {
            // In the order of the file, whatever order the checks met them in.
            problems.sort_by_key(|p| p.location.as_ref().map(|l| l.range.start));
            let n = problems.len();
            report::eprint(&problems);
            report::summary(&format!(
                "sfn run: {} is not a valid mock configuration ({})",
                source.name,
                report::count(n, "problem", "problems")
            ));
            Exit::Invalid
        };
        let config = MockConfig::from_value(&source.value).map_err(|errors| {
            invalid(
                errors
                    .into_iter()
                    .map(|e| at(&e.pointer, e.message))
                    .collect(),
            )
        })?;
        // A test case or machine name the file does not have is a wrong argument (exit 2);
        // mocks that do not fit the definition are invalid input (exit 1), all reported.
        if let Err(e) = config.test_case(args.machine.as_deref(), case) {
            report::eprint(&[at(&e.pointer, e.message)]);
            return Err(Exit::Unusable);
        }
        let problems = executor.mock_config_problems(&config, args.machine.as_deref(), case);
        if !problems.is_empty() {
            return Err(invalid(
                problems
                    .into_iter()
                    .map(|e| at(&e.pointer, e.message))
                    .collect(),
            ));
        }
        executor = executor
            .with_mock_config(&config, args.machine.as_deref(), case)
            .map_err(|e| invalid(vec![at(&e.pointer, e.message)]))?;
    }
    let execution = executor.run(input);
    if let Some(path) = &args.view
        && let Err(e) = execution.write_view(path)
    {
        report::eprint(&[Problem::error(path, format!("cannot write the view: {e}"))]);
        return Err(Exit::Unusable);
    }
    Ok(execution)
}

/// The execution input in file `path` (JSON or YAML).
pub(super) fn input_file(path: &str) -> Result<Value, Exit> {
    Source::load(path).map(|s| s.value).map_err(|p| {
        report::eprint(&[p]);
        Exit::Unusable
    })
}

/// The execution input given as text on the command line (JSON).
pub(super) fn input_text(what: &str, text: String) -> Result<Value, Exit> {
    Source::parse(what, text, Syntax::Json)
        .map(|s| s.value)
        .map_err(|p| {
            report::eprint(&[p]);
            Exit::Unusable
        })
}
