//! `deploy`: the local rule set, the service's check, the role, the state machine, a
//! version and an alias, each changed only when it differs from what is deployed.
//!
//! Order matters for a deploy that fails half-way: the role gets every grant the old and
//! the new definition need before the state machine changes, and loses the old ones only
//! after, so a state machine never runs as a role without the policy it needs.

mod alias;
mod diff;
mod machine;
mod options;
mod report;
mod role;
mod service_check;

pub use diff::{definition_diff, grants, policy_diff, policy_union};
pub use options::{AliasOptions, DeployOptions, LogLevel, Logging, RoleChoice};
pub use report::{Change, DeployError, Report};
pub use role::{policy_name, role_name, trust_policy};

use serde_json::{Value, json};
use sfn_runtime::validate::{Severity, validate_value};

use crate::connect::{Aws, Target};
use crate::error::Error;
use crate::source::{Deployable, Substitutions};

use machine::Desired;

/// Deploys `deployable` as `options` say; see the module's documentation for the steps.
pub async fn deploy(
    aws: &Aws,
    deployable: &Deployable,
    options: &DeployOptions,
) -> Result<Report, DeployError> {
    let mut run = Run {
        name: deployable.name.clone(),
        changes: Vec::new(),
        pending: vec![
            "role".to_owned(),
            format!("state machine {}", deployable.name),
            "version".to_owned(),
        ],
    };
    if let Some(alias) = &options.alias {
        run.pending.push(format!("alias {}", alias.name));
    }
    match steps(aws, deployable, options, &mut run).await {
        Ok(report) => Ok(report),
        Err(error) => Err(DeployError {
            name: run.name,
            error,
            changed: run.changes,
            not_changed: run.pending,
        }),
    }
}

/// What has been done so far, for the error of a deploy that stops.
struct Run {
    name: String,
    changes: Vec<Change>,
    pending: Vec<String>,
}

impl Run {
    fn done(&mut self, change: Change) {
        self.changes.push(change);
    }

    fn finished(&mut self, step: &str) {
        self.pending.retain(|p| !p.starts_with(step));
    }
}

async fn steps(
    aws: &Aws,
    deployable: &Deployable,
    options: &DeployOptions,
    run: &mut Run,
) -> Result<Report, Error> {
    let name = deployable.name.as_str();
    let kind = options.kind.unwrap_or(deployable.kind);
    let mut notes = Vec::new();

    // Substitutions first: a missing value is the user's to fix, before any call.
    let definition_text = options
        .substitutions
        .fill(&deployable.definition, &format!("the definition of {name}"))?;
    let policy_text = match &deployable.policy {
        Some(policy) => Some(
            policy_substitutions(&options.substitutions, name, policy)
                .fill(policy, &format!("the policy of {name}"))?,
        ),
        None => None,
    };
    // The local rules before any call; pseudo parameters get stand-ins of the right shape
    // until the account is known.
    let stand_in = Target {
        partition: "aws".into(),
        region: "us-east-1".into(),
        account: "123456789012".into(),
    };
    let checked: Value = serde_json::from_str(&pseudo_parameters(&definition_text, &stand_in))
        .map_err(|e| Error::Input(format!("the definition of {name} is not JSON: {e}")))?;
    // Errors only: the service deploys a definition with warnings.
    let mut diagnostics = validate_value(&checked);
    diagnostics.retain(|d| d.severity == Severity::Error);
    if !diagnostics.is_empty() {
        return Err(Error::Invalid(
            diagnostics.iter().map(|d| d.to_string()).collect(),
        ));
    }
    let target = Target::of(aws).await?;
    let definition_text = pseudo_parameters(&definition_text, &target);
    let definition: Value = serde_json::from_str(&definition_text)
        .map_err(|e| Error::Input(format!("the definition of {name} is not JSON: {e}")))?;
    if options.validate_on_service {
        notes.extend(service_check::check(aws, &definition_text, kind).await?);
    }

    let machine_arn = target.state_machine_arn(name);
    let current = machine::read(aws, &machine_arn).await?;
    if let Some(current) = &current
        && current.kind != kind
    {
        return Err(Error::Input(format!(
            "state machine {name} is {} and a type cannot change: delete it or deploy under another name",
            current.kind.as_str()
        )));
    }

    // The role.
    let mut policy = policy_text
        .as_deref()
        .map(crate::deploy::role::document)
        .unwrap_or_else(|| json!({"Version": "2012-10-17", "Statement": []}));
    add_service_grants(&mut policy, options);
    let log_group = options.logging.as_ref().map(|l| {
        l.log_group
            .clone()
            .unwrap_or_else(|| format!("/aws/vendedlogs/states/{name}-Logs"))
    });
    let desired = Desired {
        definition: definition.clone(),
        definition_text: definition_text.clone(),
        role_arn: String::new(),
        kind,
        logging: options.logging.clone(),
        log_group_arn: log_group.as_deref().map(|g| target.log_group_arn(g)),
        tracing: options.tracing,
    };
    let machine_changes = current.as_ref().map(|c| {
        c.changes(&desired_with_role(
            &desired,
            &c.role_arn,
            options,
            &target,
            name,
        ))
    });

    let (role_arn, narrow_after) = match &options.role {
        RoleChoice::Arn(arn) => (arn.clone(), None),
        RoleChoice::Create => {
            let narrow =
                ensure_role(aws, &target, name, &policy, current.is_some(), options, run).await?;
            (target.role_arn(&role_name(name)), narrow)
        }
    };
    run.finished("role");
    if deployable.policy.is_none() && options.role == RoleChoice::Create {
        notes.push(format!(
            "no policy known for {name} (no {name}.policy.json): its role grants nothing beyond logging/tracing"
        ));
    }

    // The log group must exist before the state machine names it.
    if let Some(group) = &log_group {
        machine::ensure_log_group(aws, group, options.dry_run, run).await?;
    }

    // The state machine, and a version when it changed.
    let desired = Desired {
        role_arn: role_arn.clone(),
        ..desired
    };
    let just_created_role = run
        .changes
        .iter()
        .any(|c| c.subject.starts_with("role") && c.verb == "created");
    let mut version_arn = None;
    let mut published = false;
    match (&current, machine_changes) {
        (None, _) => {
            version_arn =
                machine::create(aws, name, &desired, options, just_created_role, run).await?;
            published = true;
        }
        (Some(_), Some(changes)) if !changes.is_empty() => {
            version_arn =
                machine::update(aws, &machine_arn, &desired, options, changes, run).await?;
            published = true;
        }
        (Some(_), _) => {}
    }
    run.finished("state machine");
    if let Some(document) = narrow_after {
        let role = role_name(name);
        let policy_name = policy_name(name);
        if !options.dry_run {
            role::put_policy(aws, &role, &policy_name, &document).await?;
        }
        if let Some(change) = run
            .changes
            .iter_mut()
            .find(|c| c.subject == format!("policy of role {role}"))
        {
            change.verb = "updated";
        }
    }
    if current.is_some() {
        machine::ensure_tags(aws, &machine_arn, &options.tags, options.dry_run, run).await?;
    }
    if published && options.dry_run {
        version_arn = None;
    }
    if !published {
        version_arn = machine::latest_version(aws, &machine_arn, &mut notes).await?;
    }
    run.finished("version");

    let alias_arn = match &options.alias {
        Some(alias) => Some(
            alias::ensure(
                aws,
                &machine_arn,
                alias,
                version_arn.as_deref(),
                published,
                options,
                run,
            )
            .await?,
        ),
        None => None,
    };
    run.finished("alias");

    Ok(Report {
        name: name.to_owned(),
        state_machine_arn: machine_arn,
        version_arn,
        alias_arn,
        changes: std::mem::take(&mut run.changes),
        notes,
        dry_run: options.dry_run,
    })
}

/// The desired settings with the role the machine would run as, for comparing before the
/// role is written.
fn desired_with_role(
    desired: &Desired,
    current_role: &str,
    options: &DeployOptions,
    target: &Target,
    name: &str,
) -> Desired {
    let role_arn = match &options.role {
        RoleChoice::Arn(arn) => arn.clone(),
        RoleChoice::Create => {
            let ours = target.role_arn(&role_name(name));
            // IAM may return the ARN with a path; the name is what we manage.
            if current_role.ends_with(&format!("/{}", role_name(name))) {
                current_role.to_owned()
            } else {
                ours
            }
        }
    };
    Desired {
        role_arn,
        ..desired.clone()
    }
}

/// Creates or updates our role. Returns the policy to put once the state machine has
/// moved to the new definition (the role carries old and new grants until then).
async fn ensure_role(
    aws: &Aws,
    target: &Target,
    name: &str,
    policy: &Value,
    machine_exists: bool,
    options: &DeployOptions,
    run: &mut Run,
) -> Result<Option<Value>, Error> {
    let role = role_name(name);
    let policy_name = policy_name(name);
    let trust = trust_policy(target);
    let has_grants = policy["Statement"]
        .as_array()
        .is_some_and(|s| !s.is_empty());
    let subject = format!("role {role}");
    match role::read(aws, &role, &policy_name).await? {
        None => {
            let mut details = vec!["trusted by states.amazonaws.com of this account".to_owned()];
            details.extend(policy_diff(&json!({}), policy));
            if !options.dry_run {
                let tags: Vec<(String, String)> = options
                    .tags
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                role::create(aws, &role, &trust, name, &tags).await?;
                run.done(Change::new(
                    &subject,
                    "created (its policy not yet put)",
                    Vec::new(),
                ));
                if has_grants {
                    role::put_policy(aws, &role, &policy_name, policy).await?;
                }
                run.changes.pop();
            }
            run.done(Change::new(subject, "created", details));
            Ok(None)
        }
        Some(current) => {
            if current.trust != trust {
                if !options.dry_run {
                    role::update_trust(aws, &role, &trust).await?;
                }
                run.done(Change::new(
                    format!("trust policy of role {role}"),
                    "updated",
                    vec!["trusted by states.amazonaws.com of this account".into()],
                ));
            }
            let old = current.policy.clone().unwrap_or_else(|| json!({}));
            let lines = policy_diff(&old, policy);
            if lines.is_empty() {
                return Ok(None);
            }
            let removes = lines.iter().any(|l| l.starts_with('-'));
            if machine_exists && removes {
                // Widen first: the running definition keeps its grants until it is replaced.
                if !options.dry_run {
                    role::put_policy(aws, &role, &policy_name, &policy_union(&old, policy)).await?;
                }
                run.done(Change::new(
                    format!("policy of role {role}"),
                    "widened to the old and the new grants",
                    lines,
                ));
                Ok(Some(policy.clone()))
            } else {
                if !options.dry_run {
                    role::put_policy(aws, &role, &policy_name, policy).await?;
                }
                run.done(Change::new(
                    format!("policy of role {role}"),
                    "updated",
                    lines,
                ));
                Ok(None)
            }
        }
    }
}

/// The grants Step Functions itself needs for logging and tracing, as the CloudFormation
/// emitter adds them (see "Logging using CloudWatch Logs" and "AWS X-Ray and Step Functions").
fn add_service_grants(policy: &mut Value, options: &DeployOptions) {
    let mut extra = Vec::new();
    if options.logging.is_some() {
        extra.push(json!({"Effect": "Allow", "Action": [
            "logs:CreateLogDelivery", "logs:DeleteLogDelivery", "logs:DescribeLogGroups",
            "logs:DescribeResourcePolicies", "logs:GetLogDelivery", "logs:ListLogDeliveries",
            "logs:PutResourcePolicy", "logs:UpdateLogDelivery"], "Resource": "*"}));
    }
    if options.tracing {
        extra.push(json!({"Effect": "Allow", "Action": [
            "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:PutTelemetryRecords",
            "xray:PutTraceSegments"], "Resource": "*"}));
    }
    if extra.is_empty() {
        return;
    }
    if !policy["Statement"].is_array() {
        policy["Statement"] = json!([]);
    }
    if let Some(statements) = policy["Statement"].as_array_mut() {
        statements.extend(extra);
    }
}

/// `${AWS::Region}`, `${AWS::AccountId}`, `${AWS::Partition}` and `${AWS::URLSuffix}`
/// filled for the target, as CloudFormation would.
fn pseudo_parameters(text: &str, target: &Target) -> String {
    let suffix = if target.partition == "aws-cn" {
        "amazonaws.com.cn"
    } else {
        "amazonaws.com"
    };
    text.replace("${AWS::Region}", &target.region)
        .replace("${AWS::AccountId}", &target.account)
        .replace("${AWS::Partition}", &target.partition)
        .replace("${AWS::URLSuffix}", suffix)
}

/// The substitutions of a policy: the user's, plus the names only a policy uses, which the
/// deploy knows (as the CloudFormation template derives them): `${StateMachineName}`, the
/// machine being deployed (a Distributed Map's child executions), and `${Child.Name}` for a
/// `${Child}` state machine ARN (its seventh `:`-separated part, as CDK derives it).
fn policy_substitutions(
    substitutions: &Substitutions,
    machine: &str,
    policy: &str,
) -> Substitutions {
    let mut filled = substitutions.clone();
    for used in sfn_runtime::emit::placeholders(policy) {
        if filled.get(&used).is_some() {
            continue;
        }
        // The name `policy()` keeps for the machine itself (sfn-tasks' distributed Map).
        if used == "StateMachineName" {
            filled.set(used, machine);
        } else if let Some(base) = used.strip_suffix(".Name")
            && let Some(name) = substitutions
                .get(base)
                .and_then(|arn| arn.split(':').nth(6))
        {
            let name = name.to_owned();
            filled.set(used, name);
        }
    }
    filled
}

#[cfg(test)]
mod policy_name_tests {
    use super::*;

    #[test]
    fn policy_only_names_are_filled_from_the_deploy() {
        let mut given = Substitutions::new();
        given.set(
            "Child",
            "arn:aws:states:us-east-1:123456789012:stateMachine:Worker",
        );
        let policy = r#"{"Resource": ["${Child}", "arn:aws:states:us-east-1:1:execution:${Child.Name}:*", "arn:aws:states:us-east-1:1:execution:${StateMachineName}/*"]}"#;
        let filled = policy_substitutions(&given, "Orders", policy)
            .fill(policy, "the policy")
            .unwrap();
        assert!(filled.contains("execution:Worker:*"), "{filled}");
        assert!(filled.contains("execution:Orders/*"), "{filled}");
        // A value the user gave wins.
        given.set("StateMachineName", "Other");
        let filled = policy_substitutions(&given, "Orders", policy)
            .fill(policy, "the policy")
            .unwrap();
        assert!(filled.contains("execution:Other/*"), "{filled}");
    }
}
