//! The complete example of `docs/tasks.md`, kept honest: the same declarations, and the ASL
//! the document shows.

use serde_json::json;
use sfn::workflow;

mod audit_tasks {
    use sfn::tasks::custom::{Json, Literal};

    /// How bad an audited event is.
    #[derive(sfn::TaskEnum)]
    #[task(rename_all = "UPPERCASE")]
    pub enum Severity {
        Low,
        High,
    }

    /// Publishes an audit event to the company's CloudTrail Lake channel.
    #[derive(sfn::Task)]
    #[task(
        resource = "arn:aws:states:::aws-sdk:cloudtraildata:putAuditEvents",
        patterns(request_response, wait_for_task_token),
        rename_all = "PascalCase",
        token = audit_events,
        query_languages(jsonpath, jsonata),
        retry = r#"[{"ErrorEquals": ["CloudTrailData.ThrottlingException"], "IntervalSeconds": 1, "MaxAttempts": 3}]"#,
        iam(actions("cloudtrail-data:PutAuditEvents"), resources("{channel_arn}")),
        iam(
            patterns(wait_for_task_token),
            actions("kms:Decrypt"),
            resources("arn:aws:kms:${region}:${account}:key/{key_id}")
        )
    )]
    pub struct PublishAudit {
        pub channel_arn: Literal<String>,
        pub audit_events: Json,
        pub external_id: Option<String>,
        #[task(rename = "Level")]
        pub severity: Option<Severity>,
        #[task(skip)]
        pub key_id: Option<Literal<String>>,
    }
}

workflow! {
    pub ORDER_AUDIT {
        #[retry(errors = ["States.Timeout"], interval = 1s, max_attempts = 2)]
        Audit: audit_tasks::PublishAudit {
            channel_arn: "arn:aws:cloudtrail:us-east-1:123456789012:channel/audit",
            audit_events: [{ "id": "order", "eventData": "placed" }],
            external_id: $$.Execution.Id,
            severity: high,
            result_path: null,
        } -> end,
    }
    WITH_TOKEN {
        Audit: audit_tasks::PublishAudit {
            channel_arn: "arn:aws:cloudtrail:us-east-1:123456789012:channel/audit",
            audit_events: { "token": $$.Task.Token },
            key_id: "k-1",
            pattern: wait_for_task_token,
        } -> end,
    }
}

#[test]
fn the_documented_state() {
    assert_eq!(
        ORDER_AUDIT.to_value()["States"]["Audit"],
        json!({
          "Type": "Task",
          "Resource": "arn:aws:states:::aws-sdk:cloudtraildata:putAuditEvents",
          "Parameters": {
            "ChannelArn": "arn:aws:cloudtrail:us-east-1:123456789012:channel/audit",
            "AuditEvents": [{ "id": "order", "eventData": "placed" }],
            "ExternalId.$": "$$.Execution.Id",
            "Level": "HIGH"
          },
          "ResultPath": null,
          "Retry": [
            { "ErrorEquals": ["CloudTrailData.ThrottlingException"], "IntervalSeconds": 1, "MaxAttempts": 3 },
            { "ErrorEquals": ["States.Timeout"], "IntervalSeconds": 1, "MaxAttempts": 2 }
          ],
          "End": true
        })
    );
    assert_eq!(
        ORDER_AUDIT.policy(),
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"cloudtrail-data:PutAuditEvents","Resource":"arn:aws:cloudtrail:us-east-1:123456789012:channel/audit"}]}"#
    );
}

#[test]
fn a_pattern_only_statement_and_a_skipped_field() {
    let state = &WITH_TOKEN.to_value()["States"]["Audit"];
    assert_eq!(
        state["Resource"],
        "arn:aws:states:::aws-sdk:cloudtraildata:putAuditEvents.waitForTaskToken"
    );
    // `key_id` is skipped: only the IAM template reads it.
    assert!(state["Parameters"].get("KeyId").is_none(), "{state}");
    assert!(
        WITH_TOKEN
            .policy()
            .contains(r#""Action":"kms:Decrypt","Resource":"arn:aws:kms:${AWS::Region}:${AWS::AccountId}:key/k-1""#),
        "{}",
        WITH_TOKEN.policy()
    );
}

/// `sync_suffix` and `default_pattern`: Step Functions' own `startExecution` waits with
/// `.sync:2`, and this type runs the job unless told otherwise.
#[derive(sfn::Task)]
#[task(
    resource = "arn:aws:states:::states:startExecution",
    patterns(request_response, run_job),
    default_pattern = run_job,
    sync_suffix = ".sync:2",
    rename_all = "PascalCase",
    iam(patterns(run_job), actions("states:DescribeExecution", "states:StopExecution"), resources("*")),
    iam(actions("states:StartExecution"), resources("{state_machine_arn}"))
)]
pub struct RunChild {
    pub state_machine_arn: Literal<String>,
    pub input: Option<sfn::tasks::custom::Json>,
}

use sfn::tasks::custom::Literal;

workflow! {
    CHILD {
        Wait: self::RunChild { state_machine_arn: "arn:aws:states:us-east-1:123456789012:stateMachine:child" } -> Fire,
        Fire: self::RunChild {
            state_machine_arn: "arn:aws:states:us-east-1:123456789012:stateMachine:child",
            pattern: request_response,
        } -> end,
    }
}

#[test]
fn the_default_pattern_and_the_sync_suffix() {
    let definition = CHILD.to_value();
    assert_eq!(
        definition["States"]["Wait"]["Resource"],
        "arn:aws:states:::states:startExecution.sync:2"
    );
    assert_eq!(
        definition["States"]["Fire"]["Resource"],
        "arn:aws:states:::states:startExecution"
    );
    // The run-job statement applies (the Wait state) and the start statement to both.
    assert_eq!(
        CHILD.policy(),
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["states:DescribeExecution","states:StopExecution"],"Resource":"*"},{"Effect":"Allow","Action":"states:StartExecution","Resource":"arn:aws:states:us-east-1:123456789012:stateMachine:child"}]}"#
    );
}
