//! Subcommands of the `sfn` command line, one file each, parsed by clap.
//!
//! Each subcommand is `Name(NameArgs)` in [`Command`] with a `main(NameArgs) -> ExitCode`
//! entry in its own file; adding one is adding a variant and a match arm. They share the
//! exit-code table ([`exit`]), the document reader ([`source`]), CloudFormation template
//! support ([`template`]) and the problem printer ([`report`]).

// A `Problem` (about 200 bytes) is the error of reading a file: returned once per file,
// never in a loop, so boxing it would only add noise.
#![allow(clippy::result_large_err)]

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod aws_options;
mod completions;
mod deploy;
pub mod exit;
mod graph;
mod history;
mod import;
pub mod report;
mod run;
mod serve;
pub mod source;
mod start;
mod stdout;
pub mod template;
mod validate;

/// `sfn`: AWS Step Functions workflows as Rust, checked, emitted and run locally.
#[derive(Debug, Parser)]
#[command(
    name = "sfn",
    version,
    about = "AWS Step Functions workflows as Rust: check, draw, run and import ASL files",
    after_help = "Exit codes (every command): 0 done, 1 the input has problems or the execution failed, 2 the command could not do its work (bad usage, unreadable file, not UTF-8/JSON/YAML).\n\nRun `sfn <command> --help` for a command's options and examples."
)]
pub struct Cli {
    /// Print errors only (no warnings, notes or summary lines).
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Color output: `auto` colors a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = report::Color::Auto, global = true, value_name = "WHEN")]
    color: report::Color,
    /// How `graph`, `import` and `run` print problems on stderr (`sfn validate` has `--format`).
    #[arg(long, value_enum, default_value_t = report::Format::Text, global = true, value_name = "FORMAT")]
    message_format: report::Format,
    #[command(subcommand)]
    command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
enum Command {
    /// Check ASL files (JSON, YAML, CloudFormation/SAM templates) against the States Language rules.
    Validate(validate::ValidateArgs),
    /// Draw a state machine as Mermaid, DOT or SVG.
    Graph(graph::GraphArgs),
    /// Run an ASL file locally (mocked tasks, virtual clock).
    Run(run::RunArgs),
    /// Print the workflow! source of an ASL file (migration).
    Import(import::ImportArgs),
    /// Serve the Step Functions API on localhost (any AWS SDK, offline).
    Serve(serve::ServeArgs),
    /// Deploy state machines to AWS Step Functions (role, version, alias).
    Deploy(deploy::DeployArgs),
    /// Start an execution on AWS Step Functions (--wait prints its result).
    Start(start::StartArgs),
    /// Print the events of an execution on AWS Step Functions.
    History(history::HistoryArgs),
    /// Print a shell completion script.
    Completions(completions::CompletionsArgs),
}

/// Parses the command line and runs the subcommand.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help and --version on stdout (exit 0) and usage errors on stderr;
            // usage errors take the table's code 2.
            let _ = e.print();
            return if e.use_stderr() {
                exit::Exit::Unusable.into()
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    report::configure(report::Settings {
        quiet: cli.quiet,
        color: cli.color,
        messages: cli.message_format,
    });
    match cli.command {
        Command::Validate(args) => validate::main(args),
        Command::Graph(args) => graph::main(args),
        Command::Run(args) => run::main(args),
        Command::Import(args) => import::main(args),
        Command::Serve(args) => serve::main(args),
        Command::Deploy(args) => deploy::main(args),
        Command::Start(args) => start::main(args),
        Command::History(args) => history::main(args),
        Command::Completions(args) => completions::main(args),
    }
}
