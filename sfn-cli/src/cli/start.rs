//! `sfn start NAME|ARN [--input JSON] [--wait]`: starts an execution on AWS Step Functions.
//!
//! With `--wait`, prints the object `sfn run` prints plus `executionArn`, with the same exit
//! status: 0 succeeded, 1 failed, timed out or aborted, 2 bad usage or an AWS error.

use std::process::ExitCode;
use std::time::Duration;

use sfn_aws::{Aws, Error};

use super::aws_options::AwsArgs;
use super::run::{input_file, input_text};

/// Start an execution of a deployed state machine (NAME, NAME:ALIAS, NAME:VERSION or an ARN).
///
/// examples:
///   sfn start IMAGE_PIPELINE --input '{"bucket": "b", "key": "k"}' --wait
///   sfn start IMAGE_PIPELINE:live --input @input.json
#[derive(clap::Parser, Debug)]
#[command(verbatim_doc_comment)]
pub struct StartArgs {
    /// The state machine: NAME, NAME:ALIAS, NAME:VERSION or an ARN
    #[arg(value_name = "NAME|ARN")]
    pub target: String,
    /// The execution input (default {}); `@PATH` reads it from a file
    #[arg(long, value_name = "JSON")]
    pub input: Option<String>,
    /// The execution's name (default: sfn-MILLIS-PID)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Wait for the end and print its result
    #[arg(long)]
    pub wait: bool,
    /// How long --wait waits, in seconds
    #[arg(long, value_name = "SECONDS", default_value_t = 300)]
    pub timeout: u64,
    #[command(flatten)]
    pub aws: AwsArgs,
}

/// Entry point of `sfn start`.
pub fn main(args: StartArgs) -> ExitCode {
    let input = match &args.input {
        None => "{}".to_owned(),
        Some(text) => {
            // The same readers as `sfn run --input`: problems are printed there (exit 2).
            let value = match text.strip_prefix('@') {
                Some(path) => input_file(path),
                None => input_text("--input", text.clone()),
            };
            match value {
                Ok(value) => value.to_string(),
                Err(exit) => return exit.into(),
            }
        }
    };
    let result = sfn_aws::block_on(async {
        let aws = Aws::connect(&args.aws.connect_options()).await?;
        let arn = sfn_aws::resolve_arn(&aws, &args.target).await?;
        let execution = sfn_aws::start(&aws, &arn, &input, args.name.as_deref()).await?;
        if !args.wait {
            return Ok::<_, Error>((serde_json::json!({ "executionArn": execution }), true));
        }
        let outcome = sfn_aws::wait(&aws, &execution, Duration::from_secs(args.timeout)).await?;
        Ok((outcome.to_json(), outcome.succeeded()))
    });
    match result {
        Ok(Ok((json, succeeded))) => {
            if let Err(code) = super::stdout::println("start", json) {
                return code;
            }
            if succeeded {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Ok(Err(e)) | Err(e) => {
            eprintln!("sfn start: {e}");
            ExitCode::from(2)
        }
    }
}
