//! Every deploy step against aws-smithy-mocks (no server): the diff, idempotence, the order
//! of writes in a deploy that fails half-way, the service's findings, throttling, missing
//! substitutions. The answers' shapes follow the Step Functions and IAM API references.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use aws_sdk_iam::operation::create_role::CreateRoleError;
use aws_sdk_iam::operation::get_role::{GetRoleError, GetRoleOutput};
use aws_sdk_iam::operation::get_role_policy::GetRolePolicyOutput;
use aws_sdk_iam::operation::put_role_policy::PutRolePolicyOutput;
use aws_sdk_iam::types::Role;
use aws_sdk_iam::types::error::{LimitExceededException, NoSuchEntityException};
use aws_sdk_sfn::config::retry::RetryConfig;
use aws_sdk_sfn::operation::create_state_machine::CreateStateMachineOutput;
use aws_sdk_sfn::operation::describe_state_machine::{
    DescribeStateMachineError, DescribeStateMachineOutput,
};
use aws_sdk_sfn::operation::describe_state_machine_alias::DescribeStateMachineAliasOutput;
use aws_sdk_sfn::operation::list_state_machine_versions::ListStateMachineVersionsOutput;
use aws_sdk_sfn::operation::update_state_machine::{
    UpdateStateMachineError, UpdateStateMachineOutput,
};
use aws_sdk_sfn::operation::update_state_machine_alias::UpdateStateMachineAliasOutput;
use aws_sdk_sfn::operation::validate_state_machine_definition::ValidateStateMachineDefinitionOutput;
use aws_sdk_sfn::types::error::{InvalidDefinition, StateMachineDoesNotExist};
use aws_sdk_sfn::types::{
    LogLevel, LoggingConfiguration, RoutingConfigurationListItem, StateMachineType,
    StateMachineVersionListItem, ValidateStateMachineDefinitionDiagnostic,
    ValidateStateMachineDefinitionResultCode, ValidateStateMachineDefinitionSeverity,
};
use aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityOutput;
use aws_smithy_mocks::{Rule, RuleMode, mock, mock_client};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use serde_json::{Value, json};
use sfn_aws::{AliasOptions, Aws, DeployOptions, Deployable, Error, Target};
use sfn_runtime::WorkflowKind;

const ACCOUNT: &str = "123456789012";
const MACHINE_ARN: &str = "arn:aws:states:us-east-1:123456789012:stateMachine:ORDERS";
const ROLE_ARN: &str = "arn:aws:iam::123456789012:role/ORDERS-role";
const NEW_FN: &str = "arn:aws:lambda:us-east-1:123456789012:function:new";
const OLD_FN: &str = "arn:aws:lambda:us-east-1:123456789012:function:old";

fn deployable() -> Deployable {
    Deployable {
        name: "ORDERS".into(),
        definition: r#"{"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"${Fn}","End":true}}}"#.into(),
        policy: Some(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"${Fn}"}]}"#.into()),
        kind: WorkflowKind::Standard,
    }
}

fn options() -> DeployOptions {
    let mut options = DeployOptions::default();
    options.substitutions.set("Fn", NEW_FN);
    options.version_description = Some("git 0123abcd".into());
    options
}

fn definition(function: &str) -> String {
    json!({"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": function, "End": true}}}).to_string()
}

fn policy(function: &str) -> Value {
    json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "lambda:InvokeFunction", "Resource": function}]})
}

fn target() -> Target {
    Target {
        partition: "aws".into(),
        region: "us-east-1".into(),
        account: ACCOUNT.into(),
    }
}

/// IAM returns documents URL-encoded (IAM API reference, GetRole / GetRolePolicy).
fn url_encoded(value: &Value) -> String {
    value
        .to_string()
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

struct Mocks {
    sfn: Vec<Rule>,
    iam: Vec<Rule>,
}

fn aws(mocks: &Mocks) -> Aws {
    let sts_rule = mock!(aws_sdk_sts::Client::get_caller_identity)
        .then_output(|| GetCallerIdentityOutput::builder().account(ACCOUNT).build());
    let retry = |c: aws_sdk_sfn::config::Builder| {
        c.retry_config(
            RetryConfig::standard()
                .with_max_attempts(3)
                .with_initial_backoff(Duration::from_millis(1)),
        )
    };
    Aws {
        sfn: mock_client!(aws_sdk_sfn, RuleMode::MatchAny, mocks.sfn.iter(), retry),
        iam: mock_client!(aws_sdk_iam, RuleMode::MatchAny, mocks.iam.iter()),
        sts: mock_client!(aws_sdk_sts, RuleMode::MatchAny, [&sts_rule]),
        logs: mock_client!(
            aws_sdk_cloudwatchlogs,
            RuleMode::MatchAny,
            Vec::<Rule>::new().iter()
        ),
        region: "us-east-1".into(),
    }
}

fn validate_ok() -> Rule {
    mock!(aws_sdk_sfn::Client::validate_state_machine_definition).then_output(|| {
        ValidateStateMachineDefinitionOutput::builder()
            .result(ValidateStateMachineDefinitionResultCode::Ok)
            .set_diagnostics(Some(Vec::new()))
            .build()
            .unwrap()
    })
}

fn deployed(function: &'static str) -> Rule {
    mock!(aws_sdk_sfn::Client::describe_state_machine).then_output(move || {
        DescribeStateMachineOutput::builder()
            .state_machine_arn(MACHINE_ARN)
            .name("ORDERS")
            .definition(definition(function))
            .role_arn(ROLE_ARN)
            .r#type(StateMachineType::Standard)
            .creation_date(aws_smithy_types::DateTime::from_secs(0))
            .logging_configuration(LoggingConfiguration::builder().level(LogLevel::Off).build())
            .build()
            .unwrap()
    })
}

fn role_with(function: &'static str) -> [Rule; 2] {
    [
        mock!(aws_sdk_iam::Client::get_role).then_output(|| {
            GetRoleOutput::builder()
                .role(
                    Role::builder()
                        .role_name("ORDERS-role")
                        .arn(ROLE_ARN)
                        .path("/")
                        .role_id("AROA1")
                        .create_date(aws_smithy_types::DateTime::from_secs(0))
                        .assume_role_policy_document(url_encoded(&sfn_aws::trust_policy(&target())))
                        .build()
                        .unwrap(),
                )
                .build()
        }),
        mock!(aws_sdk_iam::Client::get_role_policy).then_output(move || {
            GetRolePolicyOutput::builder()
                .role_name("ORDERS-role")
                .policy_name("ORDERS-policy")
                .policy_document(url_encoded(&policy(function)))
                .build()
                .unwrap()
        }),
    ]
}

fn versions() -> Rule {
    mock!(aws_sdk_sfn::Client::list_state_machine_versions).then_output(|| {
        ListStateMachineVersionsOutput::builder()
            .state_machine_versions(
                StateMachineVersionListItem::builder()
                    .state_machine_version_arn(format!("{MACHINE_ARN}:1"))
                    .creation_date(aws_smithy_types::DateTime::from_secs(0))
                    .build()
                    .unwrap(),
            )
            .build()
            .unwrap()
    })
}

/// PutRolePolicy recording each document it is given.
fn put_policy_recorder() -> (Rule, Arc<Mutex<Vec<Value>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    let rule = mock!(aws_sdk_iam::Client::put_role_policy).then_compute_output(move |req| {
        let doc = serde_json::from_str(req.policy_document().unwrap_or("null")).unwrap();
        record.lock().unwrap().push(doc);
        PutRolePolicyOutput::builder().build()
    });
    (rule, seen)
}

fn update_ok() -> Rule {
    mock!(aws_sdk_sfn::Client::update_state_machine)
        .match_requests(|r| {
            r.publish() == Some(true) && r.version_description() == Some("git 0123abcd")
        })
        .then_output(|| {
            UpdateStateMachineOutput::builder()
                .update_date(aws_smithy_types::DateTime::from_secs(1))
                .state_machine_version_arn(format!("{MACHINE_ARN}:2"))
                .build()
                .unwrap()
        })
}

#[tokio::test]
async fn an_unchanged_deploy_writes_nothing_and_says_so() {
    let [get_role, get_policy] = role_with(NEW_FN);
    let (put, seen) = put_policy_recorder();
    let update = update_ok();
    let mocks = Mocks {
        sfn: vec![validate_ok(), deployed(NEW_FN), versions(), update],
        iam: vec![get_role, get_policy, put],
    };
    let aws = aws(&mocks);
    let report = sfn_aws::deploy(&aws, &deployable(), &options())
        .await
        .unwrap();
    assert!(!report.changed(), "{report}");
    assert!(
        report.to_string().starts_with("ORDERS: no changes"),
        "{report}"
    );
    assert_eq!(
        report.version_arn.as_deref(),
        Some(&*format!("{MACHINE_ARN}:1"))
    );
    assert_eq!(mocks.sfn[3].num_calls(), 0, "no UpdateStateMachine");
    assert!(seen.lock().unwrap().is_empty(), "no PutRolePolicy");
}

#[tokio::test]
async fn a_dry_run_shows_the_diff_by_state_and_grant_and_writes_nothing() {
    let [get_role, get_policy] = role_with(OLD_FN);
    let (put, seen) = put_policy_recorder();
    let mocks = Mocks {
        sfn: vec![validate_ok(), deployed(OLD_FN), update_ok()],
        iam: vec![get_role, get_policy, put],
    };
    let aws = aws(&mocks);
    let mut options = options();
    options.dry_run = true;
    let report = sfn_aws::deploy(&aws, &deployable(), &options)
        .await
        .unwrap();
    let text = report.to_string();
    assert!(text.contains("(dry run: nothing written)"), "{text}");
    let policy_change = &report.changes[0];
    assert_eq!(policy_change.subject, "policy of role ORDERS-role");
    assert_eq!(
        policy_change.details,
        [
            format!("+ Allow lambda:InvokeFunction on {NEW_FN}"),
            format!("- Allow lambda:InvokeFunction on {OLD_FN}"),
        ]
    );
    let machine = &report.changes[1];
    assert_eq!(machine.subject, "state machine ORDERS");
    assert_eq!(machine.details, ["~ state Call (Resource)"]);
    assert_eq!(report.changes[2].subject, "version");
    assert_eq!(mocks.sfn[2].num_calls(), 0, "no UpdateStateMachine");
    assert!(seen.lock().unwrap().is_empty(), "no PutRolePolicy");
}

#[tokio::test]
async fn an_update_widens_the_role_first_and_narrows_it_after() {
    let [get_role, get_policy] = role_with(OLD_FN);
    let (put, seen) = put_policy_recorder();
    let mocks = Mocks {
        sfn: vec![validate_ok(), deployed(OLD_FN), update_ok()],
        iam: vec![get_role, get_policy, put],
    };
    let aws = aws(&mocks);
    let report = sfn_aws::deploy(&aws, &deployable(), &options())
        .await
        .unwrap();
    assert_eq!(mocks.sfn[2].num_calls(), 1);
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 2, "widen, then narrow");
    let first = sfn_aws::grants(&seen[0]);
    assert!(first.iter().any(|g| g.ends_with(OLD_FN)) && first.iter().any(|g| g.ends_with(NEW_FN)));
    assert_eq!(seen[1], policy(NEW_FN));
    assert_eq!(
        report.version_arn.as_deref(),
        Some(&*format!("{MACHINE_ARN}:2"))
    );
    assert_eq!(report.changes[0].verb, "updated");
}

#[tokio::test]
async fn a_rejected_update_leaves_the_old_grants_and_says_what_changed() {
    let [get_role, get_policy] = role_with(OLD_FN);
    let (put, seen) = put_policy_recorder();
    let reject = mock!(aws_sdk_sfn::Client::update_state_machine).then_error(|| {
        UpdateStateMachineError::InvalidDefinition(
            InvalidDefinition::builder()
                .message("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Value is not a valid resource ARN at /States/Call/Resource'")
                .build(),
        )
    });
    let mocks = Mocks {
        sfn: vec![validate_ok(), deployed(OLD_FN), reject],
        iam: vec![get_role, get_policy, put],
    };
    let aws = aws(&mocks);
    let error = sfn_aws::deploy(&aws, &deployable(), &options())
        .await
        .unwrap_err();
    assert!(matches!(error.error, Error::Rejected(_)), "{error}");
    let text = error.to_string();
    assert!(!text.contains('\n'), "one line: {text}");
    assert!(text.contains("/States/Call/Resource"), "{text}");
    assert!(
        text.contains("changed: policy of role ORDERS-role widened to the old and the new grants"),
        "{text}"
    );
    assert!(text.contains("not changed: state machine ORDERS"), "{text}");
    // The role still grants what the running definition needs.
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1);
    assert!(
        sfn_aws::grants(&seen[0])
            .iter()
            .any(|g| g.ends_with(OLD_FN))
    );
}

#[tokio::test]
async fn service_findings_are_shown_with_their_location() {
    // The shape of a ValidateStateMachineDefinition finding, from its API reference.
    let validate =
        mock!(aws_sdk_sfn::Client::validate_state_machine_definition).then_output(|| {
            ValidateStateMachineDefinitionOutput::builder()
                .result(ValidateStateMachineDefinitionResultCode::Fail)
                .diagnostics(
                    ValidateStateMachineDefinitionDiagnostic::builder()
                        .severity(ValidateStateMachineDefinitionSeverity::Error)
                        .code("SCHEMA_VALIDATION_FAILED")
                        .message("Value is not a valid resource ARN")
                        .location("/States/Call/Resource")
                        .build()
                        .unwrap(),
                )
                .build()
                .unwrap()
        });
    let describe = deployed(OLD_FN);
    let mocks = Mocks {
        sfn: vec![validate, describe],
        iam: vec![],
    };
    let error = sfn_aws::deploy(&aws(&mocks), &deployable(), &options())
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "ORDERS: the service rejects the definition: /States/Call/Resource: \
         SCHEMA_VALIDATION_FAILED: Value is not a valid resource ARN (nothing was changed)"
    );
    assert_eq!(
        mocks.sfn[1].num_calls(),
        0,
        "stopped before reading the machine"
    );
}

#[tokio::test]
async fn a_role_that_cannot_be_created_leaves_no_state_machine() {
    let missing = mock!(aws_sdk_sfn::Client::describe_state_machine).then_error(|| {
        DescribeStateMachineError::StateMachineDoesNotExist(
            StateMachineDoesNotExist::builder()
                .message("State Machine Does Not Exist")
                .build(),
        )
    });
    let create = mock!(aws_sdk_sfn::Client::create_state_machine).then_output(|| {
        CreateStateMachineOutput::builder()
            .state_machine_arn(MACHINE_ARN)
            .creation_date(aws_smithy_types::DateTime::from_secs(0))
            .build()
            .unwrap()
    });
    let no_role = mock!(aws_sdk_iam::Client::get_role).then_error(|| {
        GetRoleError::NoSuchEntityException(NoSuchEntityException::builder().message("no").build())
    });
    let refused = mock!(aws_sdk_iam::Client::create_role).then_error(|| {
        CreateRoleError::LimitExceededException(
            LimitExceededException::builder()
                .message("Cannot exceed quota for RolesPerAccount: 1000")
                .build(),
        )
    });
    let mocks = Mocks {
        sfn: vec![validate_ok(), missing, create],
        iam: vec![no_role, refused],
    };
    let error = sfn_aws::deploy(&aws(&mocks), &deployable(), &options())
        .await
        .unwrap_err();
    let text = error.to_string();
    assert!(
        text.starts_with("ORDERS: cannot create role ORDERS-role: "),
        "{text}"
    );
    assert!(text.contains("RolesPerAccount"), "{text}");
    assert!(text.ends_with("(nothing was changed)"), "{text}");
    assert_eq!(mocks.sfn[2].num_calls(), 0, "no CreateStateMachine");
}

#[tokio::test]
async fn throttled_calls_are_retried_by_the_sdk() {
    // A throttled awsJson1.0 answer, as the service sends it (400 + ThrottlingException).
    let throttled = || {
        HttpResponse::new(
            StatusCode::try_from(400).unwrap(),
            SdkBody::from(r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#),
        )
    };
    let describe = mock!(aws_sdk_sfn::Client::describe_state_machine)
        .sequence()
        .http_response(throttled)
        .times(2)
        .output(|| {
            DescribeStateMachineOutput::builder()
                .state_machine_arn(MACHINE_ARN)
                .name("ORDERS")
                .definition(definition(NEW_FN))
                .role_arn(ROLE_ARN)
                .r#type(StateMachineType::Standard)
                .creation_date(aws_smithy_types::DateTime::from_secs(0))
                .build()
                .unwrap()
        })
        .build();
    let [get_role, get_policy] = role_with(NEW_FN);
    let mocks = Mocks {
        sfn: vec![validate_ok(), describe, versions()],
        iam: vec![get_role, get_policy],
    };
    let report = sfn_aws::deploy(&aws(&mocks), &deployable(), &options())
        .await
        .unwrap();
    assert!(!report.changed(), "{report}");
    assert_eq!(
        mocks.sfn[1].num_calls(),
        3,
        "two throttled attempts, then the answer"
    );
}

#[tokio::test]
async fn a_missing_substitution_is_named_before_any_call() {
    let mocks = Mocks {
        sfn: vec![validate_ok()],
        iam: vec![],
    };
    let mut options = options();
    options.substitutions = sfn_aws::Substitutions::new();
    let error = sfn_aws::deploy(&aws(&mocks), &deployable(), &options)
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "ORDERS: the definition of ORDERS uses `${Fn}` but no value was given (pass --sub Fn=VALUE, \
         set SFN_SUB_Fn, or put it in --substitutions FILE) (nothing was changed)"
    );
    assert_eq!(mocks.sfn[0].num_calls(), 0);
}

#[tokio::test]
async fn an_alias_keeps_the_rest_of_the_traffic_on_its_previous_version() {
    let [get_role, get_policy] = role_with(OLD_FN);
    let (put, _) = put_policy_recorder();
    let alias = mock!(aws_sdk_sfn::Client::describe_state_machine_alias).then_output(|| {
        DescribeStateMachineAliasOutput::builder()
            .routing_configuration(
                RoutingConfigurationListItem::builder()
                    .state_machine_version_arn(format!("{MACHINE_ARN}:1"))
                    .weight(100)
                    .build()
                    .unwrap(),
            )
            .build()
    });
    let routed = Arc::new(Mutex::new(Vec::new()));
    let record = routed.clone();
    let update_alias =
        mock!(aws_sdk_sfn::Client::update_state_machine_alias).then_compute_output(move |req| {
            let mut pairs: Vec<(String, i32)> = req
                .routing_configuration()
                .iter()
                .map(|r| (r.state_machine_version_arn().to_owned(), r.weight()))
                .collect();
            pairs.sort();
            record.lock().unwrap().extend(pairs);
            UpdateStateMachineAliasOutput::builder()
                .update_date(aws_smithy_types::DateTime::from_secs(2))
                .build()
                .unwrap()
        });
    let mocks = Mocks {
        sfn: vec![
            validate_ok(),
            deployed(OLD_FN),
            update_ok(),
            alias,
            update_alias,
        ],
        iam: vec![get_role, get_policy, put],
    };
    let mut options = options();
    options.alias = Some(AliasOptions {
        name: "live".into(),
        weight: 10,
    });
    let report = sfn_aws::deploy(&aws(&mocks), &deployable(), &options)
        .await
        .unwrap();
    assert_eq!(
        *routed.lock().unwrap(),
        [
            (format!("{MACHINE_ARN}:1"), 90),
            (format!("{MACHINE_ARN}:2"), 10)
        ]
    );
    assert_eq!(
        report.alias_arn.as_deref(),
        Some(&*format!("{MACHINE_ARN}:live"))
    );
    let alias_change = report.changes.last().unwrap();
    assert_eq!(alias_change.subject, "alias live");
    assert_eq!(alias_change.verb, "updated");
}
