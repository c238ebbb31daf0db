//! # sfn-aws
//!
//! Deploys sfn workflows to AWS Step Functions and runs them there, through the official AWS
//! SDK for Rust: [`deploy`] (the local rule set, the service's check, the role, the state
//! machine, a version, an alias; idempotent, with a dry run), [`start`] and [`wait`] (the
//! same result object `sfn run` prints), [`history`].
//!
//! The SDK, tokio and TLS live in this crate so the `sfn` library never compiles them.
//!
//! ```no_run
//! # async fn demo(workflow: &sfn_runtime::Workflow) -> Result<(), Box<dyn std::error::Error>> {
//! use sfn_aws::{Aws, ConnectOptions, DeployOptions, Deployable};
//! let aws = Aws::connect(&ConnectOptions::default()).await?;
//! let mut options = DeployOptions::default();
//! options.substitutions.set("ResizeFunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:resize");
//! let report = sfn_aws::deploy(&aws, &Deployable::from_workflow(workflow), &options).await?;
//! print!("{report}");
//! # Ok(()) }
//! ```

mod connect;
mod deploy;
mod error;
mod execution;
mod git;
mod source;

pub use connect::{Aws, ConnectOptions, Target};
pub use deploy::{
    AliasOptions, Change, DeployError, DeployOptions, LogLevel, Logging, Report, RoleChoice,
    definition_diff, deploy, grants, policy_diff, policy_name, policy_union, role_name,
    trust_policy,
};
pub use error::Error;
pub use execution::{Outcome, history, resolve_arn, start, wait};
pub use git::git_description;
pub use source::{Deployable, Substitutions};

/// `deploy` on a `Workflow` const: `IMAGE_PIPELINE.deploy(&aws, &options).await`.
pub trait DeployWorkflow {
    /// Deploys this workflow; see [`deploy()`].
    fn deploy(
        &self,
        aws: &Aws,
        options: &DeployOptions,
    ) -> impl std::future::Future<Output = Result<Report, DeployError>>;
}

impl DeployWorkflow for sfn_runtime::Workflow {
    async fn deploy(&self, aws: &Aws, options: &DeployOptions) -> Result<Report, DeployError> {
        deploy::deploy(aws, &Deployable::from_workflow(self), options).await
    }
}

/// Runs `future` to completion on a single-threaded tokio runtime: for callers that are not
/// async themselves (the `sfn` command line, build tools).
pub fn block_on<F: std::future::Future>(future: F) -> Result<F::Output, Error> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Input(format!("cannot start the async runtime: {e}")))?;
    Ok(runtime.block_on(future))
}
