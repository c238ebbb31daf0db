//! Custom task states run locally like any task: through a handler registered for the type
//! (by its resources), through a Step Functions Local mock configuration, nested in Map and
//! Parallel; and their policy is the CloudFormation role's.

use serde_json::json;
use sfn::exec::{MockConfig, Status};
use sfn::tasks::custom::OnTask;
use sfn::workflow;
use sfn_custom_tasks_app::ORDER_AUDIT;
use sfn_custom_tasks_defs as tasks;

workflow! {
    FAN_OUT {
        Each: Map {
            items: $.orders,
            processor: {
                Audit: tasks::PublishAudit {
                    channel_arn: "arn:aws:cloudtrail:us-east-1:123456789012:channel/audit",
                    audit_events: [{ "id": "order" }],
                    external_id: $.id,
                } -> end,
            },
            result_path: $.audits,
        } -> Both,
        Both: Parallel {
            branches: [
                { Charge: tasks::Invoke { lambda_function: "arn:aws:lambda:us-east-1:123456789012:function:charge", payload: { "id": $.audits[0].id } } -> end },
                { Load: tasks::StartJobRun { glue_job_name: "load", pattern: run_job } -> end },
            ],
        } -> end,
    }
}

#[test]
fn a_handler_registered_for_the_type_runs_its_states() {
    let executor = FAN_OUT
        .executor()
        .unwrap()
        .on_task::<tasks::PublishAudit, _>(|input, _| {
            // The handler gets the rendered parameters (`ExternalId.$` evaluated).
            Ok(json!({ "id": input["ExternalId"] }))
        })
        .on_task::<tasks::Invoke, _>(|input, _| {
            Ok(json!({ "Payload": { "charged": input["Payload"]["id"] } }))
        })
        .on_task::<tasks::StartJobRun, _>(|input, _| {
            Ok(json!({ "JobRunState": "SUCCEEDED", "JobName": input["JobName"] }))
        });
    let execution = executor.run(json!({ "orders": [{ "id": "a" }, { "id": "b" }] }));
    assert_eq!(execution.status, Status::Succeeded, "{execution:?}");
    let output = execution.output.unwrap();
    assert_eq!(output[0]["Payload"]["charged"], "a");
    assert_eq!(output[1]["JobName"], "load");
}

#[test]
fn a_mock_configuration_answers_custom_states() {
    let config = MockConfig::from_json(
        r#"{"StateMachines": {"ORDER_AUDIT": {"TestCases": {"Happy": {"Audit": "Ok", "Queue": "Queued"}}}},
            "MockedResponses": {
              "Ok": {"0": {"Return": {"AuditEvents": []}}},
              "Queued": {"0": {"Return": {"MessageId": "m-1"}}}}}"#,
    )
    .unwrap();
    let execution = ORDER_AUDIT
        .executor()
        .unwrap()
        .with_mock_config(&config, None, "Happy")
        .unwrap()
        .run(json!({ "order": { "id": 7 } }));
    assert_eq!(execution.status, Status::Succeeded, "{execution:?}");
    assert_eq!(execution.output.unwrap()["MessageId"], "m-1");
    assert_eq!(execution.states_visited, ["Audit", "Queue"]);
}

#[test]
fn the_policy_is_the_cloudformation_roles() {
    let template = ORDER_AUDIT.cloudformation();
    let text = template.to_string();
    assert!(text.contains("cloudtrail-data:PutAuditEvents"), "{text}");
    assert!(
        text.contains("arn:aws:sqs:us-east-1:123456789012:orders"),
        "{text}"
    );
    assert!(
        FAN_OUT.policy().contains("glue:GetJobRun"),
        "{}",
        FAN_OUT.policy()
    );
}

/// The template with a custom state's statements passes cfn-lint (the pinned third-party
/// linter of CloudFormation templates), like the catalogue's templates in CI.
#[test]
fn the_template_passes_cfn_lint() {
    let Some(cfn_lint) = sfn_testkit::py_tool("cfn-lint") else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("sfn-custom-tasks-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("ORDER_AUDIT.template.json");
    std::fs::write(&file, ORDER_AUDIT.cloudformation().to_string()).unwrap();
    let output = std::process::Command::new(cfn_lint)
        .arg(&file)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
