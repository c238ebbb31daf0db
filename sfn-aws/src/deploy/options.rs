//! How to deploy: substitutions, type, role, logging, tracing, tags, version and alias.

use std::collections::BTreeMap;
use std::time::Duration;

use sfn_runtime::WorkflowKind;

use crate::source::Substitutions;

/// Everything a deploy takes besides the state machine itself.
#[derive(Debug, Clone)]
pub struct DeployOptions {
    /// Values of the `${Name}` substitutions.
    pub substitutions: Substitutions,
    /// Overrides the workflow's own type.
    pub kind: Option<WorkflowKind>,
    /// The role the state machine runs as.
    pub role: RoleChoice,
    /// CloudWatch Logs logging (`None`: off).
    pub logging: Option<Logging>,
    /// X-Ray tracing.
    pub tracing: bool,
    /// Tags of the state machine (and of a role it creates). Tags set otherwise are kept.
    pub tags: BTreeMap<String, String>,
    /// The description of a published version (the CLI's default: the git commit).
    pub version_description: Option<String>,
    /// Point an alias at the version deployed.
    pub alias: Option<AliasOptions>,
    /// Read and compare only: report what would change, write nothing.
    pub dry_run: bool,
    /// Ask the service to check the definition (`ValidateStateMachineDefinition`) first.
    pub validate_on_service: bool,
    /// How often, and how far apart, to retry creating the state machine while IAM has
    /// not yet propagated a role it just created (IAM is eventually consistent).
    pub role_propagation: (u32, Duration),
}

impl Default for DeployOptions {
    fn default() -> DeployOptions {
        DeployOptions {
            substitutions: Substitutions::new(),
            kind: None,
            role: RoleChoice::Create,
            logging: None,
            tracing: false,
            tags: BTreeMap::new(),
            version_description: None,
            alias: None,
            dry_run: false,
            validate_on_service: true,
            role_propagation: (10, Duration::from_secs(3)),
        }
    }
}

/// The role of the state machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoleChoice {
    /// Create (or bring up to date) a role named after the machine, carrying the workflow's
    /// policy and trusted by Step Functions of this account only.
    Create,
    /// Use this role as it is.
    Arn(String),
}

/// CloudWatch Logs settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logging {
    /// What to log.
    pub level: LogLevel,
    /// Log execution input and output too.
    pub include_execution_data: bool,
    /// The log group's name (default `/aws/vendedlogs/states/NAME-Logs`); created if missing.
    pub log_group: Option<String>,
}

/// `LoggingConfiguration.Level`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LogLevel {
    /// Every event.
    All,
    /// Errors only.
    #[default]
    Error,
    /// Fatal errors only.
    Fatal,
}

impl LogLevel {
    /// `ALL`, `ERROR`, `FATAL`.
    pub fn as_str(self) -> &'static str {
        match self {
            LogLevel::All => "ALL",
            LogLevel::Error => "ERROR",
            LogLevel::Fatal => "FATAL",
        }
    }
}

/// An alias to point at the deployed version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasOptions {
    /// Its name (e.g. `live`).
    pub name: String,
    /// Percent of executions that go to the deployed version (1..=100); the rest stay on
    /// the version the alias pointed to before (a canary).
    pub weight: u8,
}
