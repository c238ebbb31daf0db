//! `sfn deploy PATH.. [options]`: deploys state machines to AWS Step Functions.
//!
//! Exit status: 0 deployed (or nothing to change), 1 the definition is invalid (local rules
//! or the service's check), 2 anything else (bad arguments, files, AWS errors).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use sfn::runtime::WorkflowKind;
use sfn_aws::{AliasOptions, Aws, DeployOptions, Deployable, Error, LogLevel, Logging, RoleChoice};

use super::aws_options::{AwsArgs, key_value};

/// Deploy state machines to AWS Step Functions: check, role, state machine, version, alias.
///
/// Takes NAME.asl.json (with NAME.policy.json beside it, as a build script emits them), a
/// directory of them, or any ASL file. Deploying the same thing again changes nothing.
///
/// examples:
///   sfn deploy target/deploy --sub ResizeFunctionArn=arn:aws:lambda:..:function:resize
///   sfn deploy ORDERS.asl.json --alias live --alias-weight 10 --dry-run
#[derive(clap::Parser, Debug)]
#[command(verbatim_doc_comment)]
pub struct DeployArgs {
    /// NAME.asl.json files, directories of them, or ASL files
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// A substitution value (repeatable); also SFN_SUB_NAME in the environment
    #[arg(long = "sub", value_name = "NAME=VALUE")]
    pub substitutions: Vec<String>,
    /// A JSON object of substitution values
    #[arg(long = "substitutions", value_name = "FILE")]
    pub substitutions_file: Option<PathBuf>,
    /// The state machine type (default: the workflow's, else standard)
    #[arg(long = "type", value_enum, value_name = "TYPE")]
    pub kind: Option<Kind>,
    /// Run as this role instead of creating one named after the machine
    #[arg(long, value_name = "ARN")]
    pub role_arn: Option<String>,
    /// Log to CloudWatch Logs at this level
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub log_level: Option<Level>,
    /// The log group (default /aws/vendedlogs/states/NAME-Logs); implies --log-level error
    #[arg(long, value_name = "NAME")]
    pub log_group: Option<String>,
    /// Log execution input and output too; implies --log-level error
    #[arg(long)]
    pub include_execution_data: bool,
    /// Turn on X-Ray tracing
    #[arg(long)]
    pub tracing: bool,
    /// A tag of the state machine and its role (repeatable)
    #[arg(long = "tag", value_name = "KEY=VALUE")]
    pub tags: Vec<String>,
    /// The published version's description (default: the git commit)
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// Point this alias at the deployed version
    #[arg(long, value_name = "NAME")]
    pub alias: Option<String>,
    /// Percent of the alias's executions for the new version; the rest stays on the version
    /// it pointed to before
    #[arg(long, value_name = "PERCENT", requires = "alias", default_value_t = 100,
          value_parser = clap::value_parser!(u8).range(1..=100))]
    pub alias_weight: u8,
    /// Print what would change, write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Skip the service's ValidateStateMachineDefinition check
    #[arg(long)]
    pub no_service_check: bool,
    #[command(flatten)]
    pub aws: AwsArgs,
}

/// `--type`.
#[derive(clap::ValueEnum, Debug, Clone, Copy)]
pub enum Kind {
    /// STANDARD
    Standard,
    /// EXPRESS
    Express,
}

/// `--log-level`.
#[derive(clap::ValueEnum, Debug, Clone, Copy)]
pub enum Level {
    /// every event
    All,
    /// errors only
    Error,
    /// fatal errors only
    Fatal,
}

/// Entry point of `sfn deploy`.
pub fn main(args: DeployArgs) -> ExitCode {
    let (deployables, options) = match prepare(&args) {
        Ok(prepared) => prepared,
        Err(message) => {
            eprintln!("sfn deploy: {message}");
            return ExitCode::from(2);
        }
    };
    let outcome = sfn_aws::block_on(async {
        let aws = Aws::connect(&args.aws.connect_options()).await?;
        let mut failure = None;
        for deployable in &deployables {
            match sfn_aws::deploy(&aws, deployable, &options).await {
                Ok(report) => {
                    // The deploy went through; a reader gone only loses its report.
                    let _ = super::stdout::print("deploy", report);
                }
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
        }
        Ok::<_, Error>(failure)
    });
    match outcome {
        Ok(Ok(None)) => ExitCode::SUCCESS,
        Ok(Ok(Some(failure))) => {
            eprintln!("sfn deploy: {failure}");
            match failure.error {
                Error::Invalid(_) | Error::Rejected(_) => ExitCode::from(1),
                _ => ExitCode::from(2),
            }
        }
        Ok(Err(e)) | Err(e) => {
            eprintln!("sfn deploy: {e}");
            ExitCode::from(2)
        }
    }
}

fn prepare(args: &DeployArgs) -> Result<(Vec<Deployable>, DeployOptions), String> {
    let mut deployables = Vec::new();
    for path in &args.paths {
        deployables.extend(Deployable::from_path(path).map_err(|e| e.to_string())?);
    }
    let mut options = DeployOptions::default();
    // Lowest first: the environment, then the file, then flags.
    let names: Vec<String> = deployables.iter().flat_map(|d| d.substitutions()).collect();
    let mut from_env = sfn_aws::Substitutions::new();
    from_env.extend_from_env(&names);
    for name in &names {
        if let Some(value) = from_env.get(name) {
            options.substitutions.set(name.clone(), value);
        }
    }
    if let Some(file) = &args.substitutions_file {
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("{}: cannot read: {e}", file.display()))?;
        options
            .substitutions
            .extend_from_json(&file.display().to_string(), &text)
            .map_err(|e| e.to_string())?;
    }
    for pair in &args.substitutions {
        let (name, value) = key_value(pair, "--sub")?;
        options.substitutions.set(name, value);
    }
    options.kind = args.kind.map(|k| match k {
        Kind::Standard => WorkflowKind::Standard,
        Kind::Express => WorkflowKind::Express,
    });
    if let Some(arn) = &args.role_arn {
        options.role = RoleChoice::Arn(arn.clone());
    }
    if args.log_level.is_some() || args.log_group.is_some() || args.include_execution_data {
        options.logging = Some(Logging {
            level: match args.log_level.unwrap_or(Level::Error) {
                Level::All => LogLevel::All,
                Level::Error => LogLevel::Error,
                Level::Fatal => LogLevel::Fatal,
            },
            include_execution_data: args.include_execution_data,
            log_group: args.log_group.clone(),
        });
    }
    options.tracing = args.tracing;
    let mut tags = BTreeMap::new();
    for pair in &args.tags {
        let (key, value) = key_value(pair, "--tag")?;
        tags.insert(key, value);
    }
    options.tags = tags;
    options.version_description = args.description.clone().or_else(|| {
        let dir = args.paths.first().map(|p| {
            if p.is_dir() {
                p.clone()
            } else {
                p.parent().map(PathBuf::from).unwrap_or_default()
            }
        });
        let dir = dir
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or_else(|| ".".into());
        sfn_aws::git_description(&dir)
    });
    options.alias = args.alias.as_ref().map(|name| AliasOptions {
        name: name.clone(),
        weight: args.alias_weight,
    });
    options.dry_run = args.dry_run;
    options.validate_on_service = !args.no_service_check;
    Ok((deployables, options))
}
