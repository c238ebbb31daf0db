//! `sfn history ARN`: prints an execution's events as a JSON array, in the shape
//! `sfn run --history` prints a local one's.

use std::process::ExitCode;

use sfn_aws::Aws;

use super::aws_options::AwsArgs;

/// Print the events of an execution on AWS Step Functions.
#[derive(clap::Parser, Debug)]
pub struct HistoryArgs {
    /// The execution's ARN
    #[arg(value_name = "ARN")]
    pub execution_arn: String,
    #[command(flatten)]
    pub aws: AwsArgs,
}

/// Entry point of `sfn history`.
pub fn main(args: HistoryArgs) -> ExitCode {
    let result = sfn_aws::block_on(async {
        let aws = Aws::connect(&args.aws.connect_options()).await?;
        sfn_aws::history(&aws, &args.execution_arn).await
    });
    match result {
        Ok(Ok(events)) => {
            let text =
                serde_json::to_string_pretty(&serde_json::Value::Array(events)).unwrap_or_default();
            match super::stdout::println("history", text) {
                Ok(()) => ExitCode::SUCCESS,
                Err(code) => code,
            }
        }
        Ok(Err(e)) | Err(e) => {
            eprintln!("sfn history: {e}");
            ExitCode::from(2)
        }
    }
}
