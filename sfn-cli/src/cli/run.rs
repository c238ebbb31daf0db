//! `sfn run FILE [--input JSON | --input @F | --input-file F] [--mock-config F --test-case NAME]
//! [--machine NAME] [--seed N] [--history] [--express] [--view OUT.html]`: runs an ASL file with the local executor.
//!
//! Prints exactly one JSON object on stdout: `{"status":"SUCCEEDED","output":..}` or
//! `{"status":"FAILED","error":..,"cause":..}` (plus `"history"` with `--history`).
//! Exit status: 0 succeeded, 1 failed or timed out, 2 bad usage, unreadable files or an
//! invalid definition (diagnostics on stderr, as `sfn validate` prints them).

use std::process::ExitCode;

use serde_json::Value;
use sfn::runtime::WorkflowKind;
use sfn::runtime::asl::StateMachine;
use sfn::runtime::exec::{Executor, MockConfig};
use sfn::runtime::validate::validate_value;

use super::input::{display_name, parse_json, read_input, read_json};

const HELP: &str = "\
sfn run: run a state machine locally (virtual clock, mocked tasks)

usage: sfn run FILE [options]

  FILE                   an ASL definition (JSON); `-` reads standard input
  --input JSON           the execution input (default {}); `@PATH` reads it from a file
  --input-file PATH      the execution input, read from a file
  --mock-config PATH     a Step Functions Local mock configuration (alias: --mocks;
                         default: the file named by SFN_MOCK_CONFIG)
  --test-case NAME       the test case of the mock configuration to use
  --machine NAME         the state machine name in the mock configuration (when ambiguous)
  --seed N               seed for retry jitter, States.UUID, States.MathRandom (default 0)
  --history              add the execution history to the output
  --express              run as an Express workflow (executions time out after 5 minutes)
  --view OUT.html        also write the execution view: one HTML file to open in a browser
  -h, --help             show this message

Prints one JSON object: {\"status\":\"SUCCEEDED\",\"output\":..} or
{\"status\":\"FAILED\",\"error\":..,\"cause\":..}.
Exit status: 0 succeeded, 1 failed or timed out, 2 bad usage or invalid definition.

examples:
  sfn run order.asl.json --input '{\"amount\": 42}'
  sfn run order.asl.json --mock-config MockConfigFile.json --test-case HappyPath --history";

#[derive(Default)]
struct Options {
    file: Option<String>,
    input: Option<String>,
    input_file: Option<String>,
    mocks: Option<String>,
    test_case: Option<String>,
    machine: Option<String>,
    seed: u64,
    history: bool,
    express: bool,
    view: Option<String>,
}

/// Entry point of `sfn run`.
pub fn main(args: &[String]) -> ExitCode {
    let options = match parse_args(args) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(problem) => return usage(&problem),
    };
    match run(&options) {
        Ok((output, succeeded)) => {
            println!("{output}");
            if succeeded {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(problem) => {
            eprintln!("{problem}");
            ExitCode::from(2)
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("sfn run: {problem}\n\n{HELP}");
    ExitCode::from(2)
}

fn parse_args(args: &[String]) -> Result<Option<Options>, String> {
    let mut options = Options::default();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_owned())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            match inline.clone() {
                Some(v) => Ok(v),
                None => rest
                    .next()
                    .cloned()
                    .ok_or_else(|| format!("`{name}` needs a value")),
            }
        };
        match flag {
            "-h" | "--help" => return Ok(None),
            "--input" => options.input = Some(value("--input")?),
            "--input-file" => options.input_file = Some(value("--input-file")?),
            "--mock-config" | "--mocks" => options.mocks = Some(value("--mock-config")?),
            "--test-case" => options.test_case = Some(value("--test-case")?),
            "--machine" => options.machine = Some(value("--machine")?),
            "--seed" => {
                let text = value("--seed")?;
                options.seed = text
                    .parse()
                    .map_err(|_| format!("`--seed` needs a non-negative integer, got `{text}`"))?;
            }
            "--history" => options.history = true,
            "--express" => options.express = true,
            "--view" => options.view = Some(value("--view")?),
            other if other.starts_with('-') && other != "-" => {
                return Err(format!("unknown option `{other}`"));
            }
            file => {
                if options.file.is_some() {
                    return Err(format!("one FILE only (got a second: `{file}`)"));
                }
                options.file = Some(file.to_owned());
            }
        }
    }
    if options.file.is_none() {
        return Err("FILE is required".into());
    }
    if options.input.is_some() && options.input_file.is_some() {
        return Err("give `--input` or `--input-file`, not both".into());
    }
    // Like Step Functions Local: without `--mock-config`, the file named by SFN_MOCK_CONFIG.
    if options.mocks.is_none() && options.test_case.is_some() {
        options.mocks = std::env::var("SFN_MOCK_CONFIG")
            .ok()
            .filter(|p| !p.is_empty());
    }
    if options.mocks.is_some() != options.test_case.is_some() {
        return Err("`--mock-config` (or SFN_MOCK_CONFIG) and `--test-case` go together".into());
    }
    Ok(Some(options))
}

/// Runs the execution; returns the JSON to print and whether it succeeded.
fn run(options: &Options) -> Result<(Value, bool), String> {
    let file = options.file.as_deref().unwrap_or("-");
    let name = display_name(file);
    let definition = read_json(file)?;
    let diagnostics = validate_value(&definition);
    if !diagnostics.is_empty() {
        let lines: Vec<String> = diagnostics.iter().map(|d| format!("{name}:{d}")).collect();
        return Err(format!(
            "{}\nsfn run: {name} is not a valid state machine ({} problems)",
            lines.join("\n"),
            diagnostics.len()
        ));
    }
    let machine = StateMachine::from_value(definition)
        .map_err(|e| format!("{name}: not a state machine definition: {e}"))?;
    let input = match (&options.input, &options.input_file) {
        (Some(text), _) => match text.strip_prefix('@') {
            Some(path) => read_json(path)?,
            None => parse_json(text, "--input")?,
        },
        (None, Some(path)) => read_json(path)?,
        (None, None) => Value::Object(serde_json::Map::new()),
    };
    let machine_name = std::path::Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("StateMachine");
    let machine_name = machine_name.split('.').next().unwrap_or(machine_name);
    let mut executor = Executor::new(&machine)
        .with_seed(options.seed)
        .record_history(options.history || options.view.is_some())
        .with_names(machine_name, "local-execution")
        .with_kind(if options.express {
            WorkflowKind::Express
        } else {
            WorkflowKind::Standard
        });
    if let (Some(mocks), Some(case)) = (&options.mocks, &options.test_case) {
        let config = MockConfig::from_json(&read_input(mocks)?).map_err(|errors| {
            let lines: Vec<String> = errors.iter().map(|e| format!("{mocks}:{e}")).collect();
            format!(
                "{}\nsfn run: {mocks} is not a valid mock configuration ({} problems)",
                lines.join("\n"),
                errors.len()
            )
        })?;
        executor = executor
            .with_mock_config(&config, options.machine.as_deref(), case)
            .map_err(|e| format!("{mocks}:{e}"))?;
    }
    let execution = executor.run(input);
    if let Some(path) = &options.view {
        execution
            .write_view(path)
            .map_err(|e| format!("sfn run: cannot write the view to {path}: {e}"))?;
    }
    Ok((execution.to_json(options.history), execution.succeeded()))
}
