//! The state machine: read, compare, create or update (publishing a version), its tags,
//! its log group.

use std::collections::BTreeMap;

use aws_sdk_sfn::types::{
    CloudWatchLogsLogGroup, LogDestination, LogLevel as SdkLogLevel, LoggingConfiguration,
    StateMachineType, Tag, TracingConfiguration,
};
use serde_json::Value;
use sfn_runtime::WorkflowKind;

use super::Run;
use super::diff::definition_diff;
use super::options::{DeployOptions, Logging};
use super::report::Change;
use super::service_check::machine_type;
use crate::connect::Aws;
use crate::error::{Error, describe};

/// What the state machine should be.
#[derive(Debug, Clone)]
pub struct Desired {
    pub definition: Value,
    pub definition_text: String,
    pub role_arn: String,
    pub kind: WorkflowKind,
    pub logging: Option<Logging>,
    pub log_group_arn: Option<String>,
    pub tracing: bool,
}

/// What it is now.
#[derive(Debug, Clone)]
pub struct Current {
    pub definition: Value,
    pub role_arn: String,
    pub kind: WorkflowKind,
    /// `(level, include execution data, log group ARN)`; `None` when off.
    pub logging: Option<(String, bool, Option<String>)>,
    pub tracing: bool,
}

impl Current {
    /// The differences to `desired`, one line each; empty when nothing changes.
    pub fn changes(&self, desired: &Desired) -> Vec<String> {
        let mut lines = definition_diff(&self.definition, &desired.definition);
        if self.role_arn != desired.role_arn {
            lines.push(format!("~ role: {} -> {}", self.role_arn, desired.role_arn));
        }
        let want = desired.logging.as_ref().map(|l| {
            (
                l.level.as_str().to_owned(),
                l.include_execution_data,
                desired.log_group_arn.clone(),
            )
        });
        if self.logging != want {
            lines.push(format!(
                "~ logging: {} -> {}",
                show_logging(&self.logging),
                show_logging(&want)
            ));
        }
        if self.tracing != desired.tracing {
            lines.push(format!(
                "~ tracing: {} -> {}",
                self.tracing, desired.tracing
            ));
        }
        lines
    }
}

fn show_logging(logging: &Option<(String, bool, Option<String>)>) -> String {
    match logging {
        None => "OFF".into(),
        Some((level, data, group)) => format!(
            "{level}{} to {}",
            if *data { " with execution data" } else { "" },
            group.as_deref().unwrap_or("(no log group)")
        ),
    }
}

/// Reads the state machine at `arn`; `None` when there is none.
pub async fn read(aws: &Aws, arn: &str) -> Result<Option<Current>, Error> {
    let out = match aws
        .sfn
        .describe_state_machine()
        .state_machine_arn(arn)
        .send()
        .await
    {
        Ok(out) => out,
        Err(e)
            if e.as_service_error()
                .is_some_and(|s| s.is_state_machine_does_not_exist()) =>
        {
            return Ok(None);
        }
        Err(e) => return Err(Error::aws(format!("read state machine {arn}"), &e)),
    };
    let definition = serde_json::from_str(out.definition()).unwrap_or(Value::Null);
    let kind = match out.r#type() {
        StateMachineType::Express => WorkflowKind::Express,
        _ => WorkflowKind::Standard,
    };
    let logging = out.logging_configuration().and_then(|l| {
        let level = l.level().map(|l| l.as_str().to_owned())?;
        if level == "OFF" {
            return None;
        }
        let group = l
            .destinations()
            .iter()
            .find_map(|d| d.cloud_watch_logs_log_group()?.log_group_arn())
            .map(str::to_owned);
        Some((level, l.include_execution_data(), group))
    });
    let tracing = out.tracing_configuration().is_some_and(|t| t.enabled());
    Ok(Some(Current {
        definition,
        role_arn: out.role_arn().to_owned(),
        kind,
        logging,
        tracing,
    }))
}

fn logging_configuration(desired: &Desired) -> LoggingConfiguration {
    match (&desired.logging, &desired.log_group_arn) {
        (Some(logging), Some(arn)) => LoggingConfiguration::builder()
            .level(SdkLogLevel::from(logging.level.as_str()))
            .include_execution_data(logging.include_execution_data)
            .destinations(
                LogDestination::builder()
                    .cloud_watch_logs_log_group(
                        CloudWatchLogsLogGroup::builder().log_group_arn(arn).build(),
                    )
                    .build(),
            )
            .build(),
        _ => LoggingConfiguration::builder()
            .level(SdkLogLevel::Off)
            .include_execution_data(false)
            .build(),
    }
}

fn tracing_configuration(desired: &Desired) -> TracingConfiguration {
    TracingConfiguration::builder()
        .enabled(desired.tracing)
        .build()
}

/// Whether `message` is IAM not having propagated a new role to Step Functions yet.
fn role_not_ready(error: &str) -> bool {
    error.contains("AccessDenied") && error.contains("assume")
        || error.contains("InvalidArn") && error.contains("role")
}

/// The members CreateStateMachine and UpdateStateMachine share, set on either request
/// builder (two SDK types with the same setters): definition, role, logging, tracing, and
/// publishing a version with the deploy's description.
macro_rules! machine_members {
    ($request:expr, $desired:expr, $options:expr) => {{
        let request = $request
            .definition(&$desired.definition_text)
            .role_arn(&$desired.role_arn)
            .logging_configuration(logging_configuration($desired))
            .tracing_configuration(tracing_configuration($desired))
            .publish(true);
        match &$options.version_description {
            Some(description) => request.version_description(description),
            None => request,
        }
    }};
}

/// Reports the machine's change and the version it published (none yet on a dry run).
fn report(run: &mut Run, change: Change, version: Option<&str>, options: &DeployOptions) {
    run.done(change);
    let subject = match version {
        Some(version) => format!("version {version}"),
        None if options.dry_run => "version".to_owned(),
        None => "version (none returned)".to_owned(),
    };
    run.done(Change::new(subject, "published", version_details(options)));
}

/// Creates the state machine, publishing version 1; returns the version's ARN.
pub async fn create(
    aws: &Aws,
    name: &str,
    desired: &Desired,
    options: &DeployOptions,
    retry_for_role: bool,
    run: &mut Run,
) -> Result<Option<String>, Error> {
    let subject = format!("state machine {name}");
    let mut details = vec![format!(
        "{} states",
        desired.definition["States"]
            .as_object()
            .map_or(0, |s| s.len())
    )];
    details.push(format!(
        "type {}, role {}",
        desired.kind.as_str(),
        desired.role_arn
    ));
    if options.dry_run {
        report(run, Change::new(subject, "created", details), None, options);
        return Ok(None);
    }
    let (attempts, delay) = if retry_for_role {
        options.role_propagation
    } else {
        (1, std::time::Duration::ZERO)
    };
    let mut attempt = 0;
    let out = loop {
        attempt += 1;
        let mut request = machine_members!(
            aws.sfn
                .create_state_machine()
                .name(name)
                .r#type(machine_type(desired.kind)),
            desired,
            options
        );
        for (key, value) in &options.tags {
            request = request.tags(Tag::builder().key(key).value(value).build());
        }
        match request.send().await {
            Ok(out) => break out,
            Err(e) => {
                let message = describe(&e);
                if attempt < attempts.max(1) && role_not_ready(&message) {
                    tokio::time::sleep(delay).await;
                    continue;
                }
                let invalid = e
                    .as_service_error()
                    .is_some_and(|s| s.is_invalid_definition());
                return Err(rejected_or(
                    format!("create state machine {name}"),
                    message,
                    invalid,
                ));
            }
        }
    };
    let version = out.state_machine_version_arn().map(str::to_owned);
    report(
        run,
        Change::new(subject, "created", details),
        version.as_deref(),
        options,
    );
    Ok(version)
}

/// Updates the state machine and publishes a version; returns the version's ARN.
pub async fn update(
    aws: &Aws,
    arn: &str,
    desired: &Desired,
    options: &DeployOptions,
    changes: Vec<String>,
    run: &mut Run,
) -> Result<Option<String>, Error> {
    let name = arn.rsplit(':').next().unwrap_or(arn);
    let subject = format!("state machine {name}");
    if options.dry_run {
        report(run, Change::new(subject, "updated", changes), None, options);
        return Ok(None);
    }
    let request = machine_members!(
        aws.sfn.update_state_machine().state_machine_arn(arn),
        desired,
        options
    );
    let out = request.send().await.map_err(|e| {
        let invalid = e
            .as_service_error()
            .is_some_and(|s| s.is_invalid_definition());
        rejected_or(
            format!("update state machine {name}"),
            describe(&e),
            invalid,
        )
    })?;
    let version = out.state_machine_version_arn().map(str::to_owned);
    report(
        run,
        Change::new(subject, "updated", changes),
        version.as_deref(),
        options,
    );
    Ok(version)
}

fn version_details(options: &DeployOptions) -> Vec<String> {
    options
        .version_description
        .iter()
        .map(|d| format!("description: {d}"))
        .collect()
}

/// An `InvalidDefinition` is the user's to fix: shown as the service's finding.
fn rejected_or(action: String, message: String, invalid: bool) -> Error {
    if invalid {
        Error::Rejected(vec![message])
    } else {
        Error::Aws { action, message }
    }
}

/// Creates log group `group` when it does not exist.
pub async fn ensure_log_group(
    aws: &Aws,
    group: &str,
    dry_run: bool,
    run: &mut Run,
) -> Result<(), Error> {
    let found = aws
        .logs
        .describe_log_groups()
        .log_group_name_prefix(group)
        .send()
        .await
        .map_err(|e| Error::aws(format!("read log group {group}"), &e))?;
    if found
        .log_groups()
        .iter()
        .any(|g| g.log_group_name() == Some(group))
    {
        return Ok(());
    }
    if !dry_run {
        match aws
            .logs
            .create_log_group()
            .log_group_name(group)
            .send()
            .await
        {
            Ok(_) => {}
            Err(e)
                if e.as_service_error()
                    .is_some_and(|s| s.is_resource_already_exists_exception()) =>
            {
                return Ok(());
            }
            Err(e) => return Err(Error::aws(format!("create log group {group}"), &e)),
        }
    }
    run.done(Change::new(
        format!("log group {group}"),
        "created",
        Vec::new(),
    ));
    Ok(())
}

/// Adds or changes the tags `tags` asks for; other tags stay.
pub async fn ensure_tags(
    aws: &Aws,
    arn: &str,
    tags: &BTreeMap<String, String>,
    dry_run: bool,
    run: &mut Run,
) -> Result<(), Error> {
    if tags.is_empty() {
        return Ok(());
    }
    let out = aws
        .sfn
        .list_tags_for_resource()
        .resource_arn(arn)
        .send()
        .await
        .map_err(|e| Error::aws("read the state machine's tags", &e))?;
    let current: BTreeMap<&str, &str> = out
        .tags()
        .iter()
        .filter_map(|t| Some((t.key()?, t.value().unwrap_or(""))))
        .collect();
    let changed: Vec<(&String, &String)> = tags
        .iter()
        .filter(|(k, v)| current.get(k.as_str()) != Some(&v.as_str()))
        .collect();
    if changed.is_empty() {
        return Ok(());
    }
    if !dry_run {
        let mut request = aws.sfn.tag_resource().resource_arn(arn);
        for (key, value) in &changed {
            request = request.tags(Tag::builder().key(*key).value(*value).build());
        }
        request
            .send()
            .await
            .map_err(|e| Error::aws("tag the state machine", &e))?;
    }
    let details = changed.iter().map(|(k, v)| format!("{k}={v}")).collect();
    run.done(Change::new("tags of the state machine", "updated", details));
    Ok(())
}

/// The newest version of the state machine, where the endpoint lists versions.
pub async fn latest_version(
    aws: &Aws,
    arn: &str,
    notes: &mut Vec<String>,
) -> Result<Option<String>, Error> {
    match aws
        .sfn
        .list_state_machine_versions()
        .state_machine_arn(arn)
        .send()
        .await
    {
        // Newest first, as the API reference documents.
        Ok(out) => Ok(out
            .state_machine_versions()
            .first()
            .map(|v| v.state_machine_version_arn().to_owned())),
        Err(e @ aws_sdk_sfn::error::SdkError::ServiceError(_)) => {
            notes.push(format!(
                "the endpoint does not list versions ({}): the latest version is unknown",
                describe(&e)
            ));
            Ok(None)
        }
        Err(e) => Err(Error::aws("list the state machine's versions", &e)),
    }
}
