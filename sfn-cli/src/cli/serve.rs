//! `sfn serve [--port N] [--host ADDR] [--region R] [--account A] [--mock-config F]
//! [--data-dir DIR] [--virtual-time]`: the Step Functions API on localhost (sfn-server).
//!
//! Prints the endpoint URL on stdout once it listens, one line per request on stderr, and
//! stops on Ctrl-C (or SIGTERM) after the requests in flight.

use std::path::PathBuf;
use std::process::ExitCode;

use sfn::runtime::exec::MockConfig;

use super::source::{display_name, read_text};

/// The options of `sfn serve`. `derive(Parser)` also implements `clap::Args`, so the
/// struct can be a variant of a clap subcommand enum as it is.
#[derive(Debug, clap::Parser)]
#[command(
    about = "Serve the AWS Step Functions API on localhost, backed by the local executor",
    after_help = "examples:\n  sfn serve --port 8083\n  aws stepfunctions --endpoint-url http://127.0.0.1:8083 list-state-machines\n  sfn serve --mock-config MockConfigFile.json --virtual-time"
)]
pub struct ServeArgs {
    /// The port to listen on (0: any free port; the URL printed says which).
    #[arg(long, default_value_t = 8083)]
    pub port: u16,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// The region in the ARNs the endpoint hands out.
    #[arg(long, default_value = "us-east-1")]
    pub region: String,
    /// The account in the ARNs the endpoint hands out.
    #[arg(long, default_value = "123456789012")]
    pub account: String,
    /// A Step Functions Local mock configuration: StartExecution on
    /// `stateMachineArn#TestCase` runs with that test case's mocks.
    #[arg(long, value_name = "FILE")]
    pub mock_config: Option<PathBuf>,
    /// Keep state machines, versions, aliases, activities and executions (with their
    /// histories and task tokens) in an SQLite database in this folder, across restarts.
    /// An execution running when the server stopped is reported FAILED and redrivable.
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Run executions on the virtual clock: a Wait of a day ends at once.
    #[arg(long)]
    pub virtual_time: bool,
    /// Do not log each request on stderr.
    #[arg(long)]
    pub quiet: bool,
}

/// Entry point of `sfn serve`.
pub fn main(args: ServeArgs) -> ExitCode {
    let mock_config = match &args.mock_config {
        None => None,
        Some(path) => match load_mock_config(path) {
            Ok(config) => Some(config),
            Err(message) => {
                eprintln!("{message}");
                return ExitCode::from(2);
            }
        },
    };
    let config = sfn_server::Config {
        host: args.host,
        port: args.port,
        region: args.region,
        account: args.account,
        mock_config,
        virtual_time: args.virtual_time,
        log_requests: !args.quiet,
        data_dir: args.data_dir,
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("sfn serve: cannot start the runtime: {e}");
            return ExitCode::from(2);
        }
    };
    runtime.block_on(async move {
        let server = match sfn_server::Server::bind(config.clone()).await {
            Ok(server) => server,
            Err(e) => {
                eprintln!(
                    "sfn serve: cannot start on {}:{}: {e}",
                    config.host, config.port
                );
                return ExitCode::from(2);
            }
        };
        println!("{}", server.url());
        match server.run(shutdown_signal()).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("sfn serve: {e}");
                ExitCode::FAILURE
            }
        }
    })
}

fn load_mock_config(path: &std::path::Path) -> Result<MockConfig, String> {
    let file = path.to_string_lossy();
    let text = read_text(&file).map_err(|p| format!("{}: {}", p.file, p.message))?;
    MockConfig::from_json(&text).map_err(|errors| {
        errors
            .iter()
            .map(|e| {
                let at = if e.pointer.is_empty() {
                    "/"
                } else {
                    &e.pointer
                };
                format!("{}:{at}: {}", display_name(&file), e.message)
            })
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// Ctrl-C, or SIGTERM on Unix (what `kill` and container runtimes send).
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => return ctrl_c.await,
            };
        tokio::select! {
            () = ctrl_c => {},
            _ = term.recv() => {},
        }
    }
    #[cfg(not(unix))]
    ctrl_c.await;
}
