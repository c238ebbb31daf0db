//! The Rust SDK (aws-sdk-sfn) against a server started in this test on a free port: the
//! client deserializes every response with the service model's shapes, and reads error
//! codes the way it does from the real service.

use std::time::Duration;

use aws_sdk_sfn::Client;
use aws_sdk_sfn::config::interceptors::BeforeTransmitInterceptorContextMut;
use aws_sdk_sfn::config::{
    BehaviorVersion, ConfigBag, Credentials, Intercept, Region, RuntimeComponents,
};
use aws_sdk_sfn::types::{
    ExecutionRedriveStatus, ExecutionStatus, HistoryEventType, InspectionLevel, MockErrorOutput,
    MockInput, RoutingConfigurationListItem, StateMachineType, Tag, TestExecutionStatus,
};
use sfn_server::{Config, Server};

const ROLE: &str = "arn:aws:iam::123456789012:role/sfn-local";

/// Starts a server (virtual time) and a client for it; the server stops when the sender drops.
async fn start() -> (Client, tokio::sync::oneshot::Sender<()>) {
    start_with(true).await
}

/// Starts a server on the virtual clock or in real time.
async fn start_with(virtual_time: bool) -> (Client, tokio::sync::oneshot::Sender<()>) {
    let server = Server::bind(Config {
        virtual_time,
        log_requests: false,
        ..Config::default()
    })
    .await
    .expect("bind 127.0.0.1:0");
    let url = server.url();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(server.run(async {
        let _ = stopped.await;
    }));
    let config = aws_sdk_sfn::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("test", "test", None, None, "test"))
        .endpoint_url(url)
        .interceptor(NoHostPrefix)
        .build();
    (Client::from_conf(config), stop)
}

/// The model puts TestState and StartSyncExecution on host `sync-<endpoint>`; a local
/// endpoint has no such name, so the prefix comes off again before the request is sent
/// (boto3's `inject_host_prefix=False`).
#[derive(Debug)]
struct NoHostPrefix;

impl Intercept for NoHostPrefix {
    fn name(&self) -> &'static str {
        "NoHostPrefix"
    }

    fn modify_before_transmit(
        &self,
        context: &mut BeforeTransmitInterceptorContextMut<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        let uri = context.request().uri().replace("://sync-", "://");
        context.request_mut().set_uri(uri)?;
        Ok(())
    }
}

async fn wait(
    client: &Client,
    arn: &str,
) -> aws_sdk_sfn::operation::describe_execution::DescribeExecutionOutput {
    for _ in 0..400 {
        let described = client
            .describe_execution()
            .execution_arn(arn)
            .send()
            .await
            .unwrap();
        if described.status() != &ExecutionStatus::Running {
            return described;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("{arn} still running after 10 s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rust_sdk_creates_runs_and_reads_history() {
    let (client, _stop) = start().await;
    let definition = r#"{"StartAt": "Wait a day", "States": {
        "Wait a day": {"Type": "Wait", "Seconds": 86400, "Next": "Add"},
        "Add": {"Type": "Pass", "Parameters": {"sum.$": "States.MathAdd($.a, $.b)"}, "End": true}}}"#;
    let created = client
        .create_state_machine()
        .name("Adder")
        .definition(definition)
        .role_arn(ROLE)
        .send()
        .await
        .unwrap();
    assert_eq!(
        created.state_machine_arn(),
        "arn:aws:states:us-east-1:123456789012:stateMachine:Adder"
    );
    let described = client
        .describe_state_machine()
        .state_machine_arn(created.state_machine_arn())
        .send()
        .await
        .unwrap();
    assert_eq!(described.r#type(), &StateMachineType::Standard);
    assert_eq!(described.definition(), definition);

    let started = client
        .start_execution()
        .state_machine_arn(created.state_machine_arn())
        .name("first")
        .input(r#"{"a": 2, "b": 3}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(
        started.execution_arn(),
        "arn:aws:states:us-east-1:123456789012:execution:Adder:first"
    );
    // Virtual time: the day-long Wait ends at once, and the dates say a day passed.
    let done = wait(&client, started.execution_arn()).await;
    assert_eq!(done.status(), &ExecutionStatus::Succeeded);
    assert_eq!(done.output(), Some(r#"{"sum":5}"#));
    let took = done.stop_date().unwrap().secs() - done.start_date().secs();
    assert_eq!(took, 86_400);

    let mut pages = client
        .get_execution_history()
        .execution_arn(started.execution_arn())
        .max_results(2)
        .into_paginator()
        .items()
        .send();
    let mut types = Vec::new();
    while let Some(event) = pages.next().await {
        types.push(event.unwrap().r#type().clone());
    }
    assert_eq!(
        types,
        [
            HistoryEventType::ExecutionStarted,
            HistoryEventType::WaitStateEntered,
            HistoryEventType::WaitStateExited,
            HistoryEventType::PassStateEntered,
            HistoryEventType::PassStateExited,
            HistoryEventType::ExecutionSucceeded,
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rust_sdk_reads_the_service_error_codes() {
    let (client, _stop) = start().await;
    let missing = client
        .start_execution()
        .state_machine_arn("arn:aws:states:us-east-1:123456789012:stateMachine:Missing")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(missing.is_state_machine_does_not_exist(), "{missing:?}");

    let invalid = client
        .create_state_machine()
        .name("Broken")
        .definition(r#"{"StartAt": "Nowhere", "States": {}}"#)
        .role_arn(ROLE)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(invalid.is_invalid_definition(), "{invalid:?}");

    client
        .create_state_machine()
        .name("Once")
        .definition(r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)
        .role_arn(ROLE)
        .send()
        .await
        .unwrap();
    let arn = "arn:aws:states:us-east-1:123456789012:stateMachine:Once";
    client
        .start_execution()
        .state_machine_arn(arn)
        .name("n")
        .input("{}")
        .send()
        .await
        .unwrap();
    let _ = wait(
        &client,
        "arn:aws:states:us-east-1:123456789012:execution:Once:n",
    )
    .await;
    let duplicate = client
        .start_execution()
        .state_machine_arn(arn)
        .name("n")
        .input("{}")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(duplicate.is_execution_already_exists(), "{duplicate:?}");
}

fn route(version: &str, weight: i32) -> RoutingConfigurationListItem {
    RoutingConfigurationListItem::builder()
        .state_machine_version_arn(version)
        .weight(weight)
        .build()
        .unwrap()
}

fn pass_returning(result: &str) -> String {
    format!(
        r#"{{"StartAt": "P", "States": {{"P": {{"Type": "Pass", "Result": "{result}", "End": true}}}}}}"#
    )
}

async fn run_to_end(client: &Client, arn: &str) -> (String, Option<String>, Option<String>) {
    let started = client
        .start_execution()
        .state_machine_arn(arn)
        .send()
        .await
        .unwrap();
    let done = wait(client, started.execution_arn()).await;
    (
        started.execution_arn().to_owned(),
        done.output().map(str::to_owned),
        done.state_machine_version_arn().map(str::to_owned),
    )
}

/// Versions and aliases as the API reference describes them (PublishStateMachineVersion,
/// CreateStateMachineAlias, DeleteStateMachineVersion pages): immutable snapshots numbered
/// from 1, publishing an unchanged revision is idempotent, a `revisionId` that is not the
/// current one is a ConflictException, an alias splits starts by weight, a version an alias
/// routes to cannot be deleted, DeleteStateMachine takes versions and aliases with it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn versions_and_aliases_route_starts_by_weight() {
    let (client, _stop) = start().await;
    let created = client
        .create_state_machine()
        .name("Greeter")
        .definition(pass_returning("v1"))
        .role_arn(ROLE)
        .publish(true)
        .version_description("first")
        .send()
        .await
        .unwrap();
    let machine = created.state_machine_arn().to_owned();
    let v1 = created.state_machine_version_arn().unwrap().to_owned();
    assert_eq!(v1, format!("{machine}:1"));
    let updated = client
        .update_state_machine()
        .state_machine_arn(&machine)
        .definition(pass_returning("v2"))
        .publish(true)
        .send()
        .await
        .unwrap();
    let v2 = updated.state_machine_version_arn().unwrap().to_owned();
    assert_eq!(v2, format!("{machine}:2"));
    // Unchanged since v2: the same version back.
    let again = client
        .publish_state_machine_version()
        .state_machine_arn(&machine)
        .send()
        .await
        .unwrap();
    assert_eq!(again.state_machine_version_arn(), v2);
    let stale = client
        .publish_state_machine_version()
        .state_machine_arn(&machine)
        .revision_id("1")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(stale.is_conflict_exception(), "{stale:?}");
    let listed = client
        .list_state_machine_versions()
        .state_machine_arn(&machine)
        .send()
        .await
        .unwrap();
    let listed: Vec<&str> = listed
        .state_machine_versions()
        .iter()
        .map(|v| v.state_machine_version_arn())
        .collect();
    assert_eq!(listed, [v2.as_str(), v1.as_str()], "newest first");
    let first = client
        .describe_state_machine()
        .state_machine_arn(&v1)
        .send()
        .await
        .unwrap();
    assert_eq!(first.definition(), pass_returning("v1"));
    assert_eq!(first.description(), Some("first"));

    let (on_v1, output, version) = run_to_end(&client, &v1).await;
    assert_eq!(output.as_deref(), Some(r#""v1""#));
    assert_eq!(version.as_deref(), Some(v1.as_str()));

    let alias = client
        .create_state_machine_alias()
        .name("live")
        .routing_configuration(route(&v1, 100))
        .send()
        .await
        .unwrap()
        .state_machine_alias_arn()
        .to_owned();
    assert_eq!(alias, format!("{machine}:live"));
    let (_, output, version) = run_to_end(&client, &alias).await;
    assert_eq!(output.as_deref(), Some(r#""v1""#));
    assert_eq!(version.as_deref(), Some(v1.as_str()));

    client
        .update_state_machine_alias()
        .state_machine_alias_arn(&alias)
        .routing_configuration(route(&v1, 50))
        .routing_configuration(route(&v2, 50))
        .send()
        .await
        .unwrap();
    let described = client
        .describe_state_machine_alias()
        .state_machine_alias_arn(&alias)
        .send()
        .await
        .unwrap();
    let weights: Vec<(&str, i32)> = described
        .routing_configuration()
        .iter()
        .map(|r| (r.state_machine_version_arn(), r.weight()))
        .collect();
    assert_eq!(weights, [(v1.as_str(), 50), (v2.as_str(), 50)]);
    let mut seen = std::collections::BTreeMap::new();
    for _ in 0..40 {
        let (_, output, _) = run_to_end(&client, &alias).await;
        *seen.entry(output.unwrap()).or_insert(0) += 1;
    }
    // 50/50 over 40 starts: both versions ran (all on one side: 2 in 10^12).
    assert_eq!(seen.len(), 2, "{seen:?}");
    let mut through_alias = client
        .list_executions()
        .state_machine_arn(&alias)
        .max_results(7)
        .into_paginator()
        .items()
        .send();
    let mut count = 0;
    while let Some(item) = through_alias.next().await {
        assert_eq!(
            item.unwrap().state_machine_alias_arn(),
            Some(alias.as_str())
        );
        count += 1;
    }
    assert_eq!(count, 41);

    let referenced = client
        .delete_state_machine_version()
        .state_machine_version_arn(&v1)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(referenced.is_conflict_exception(), "{referenced:?}");
    let bad_weights = client
        .create_state_machine_alias()
        .name("half")
        .routing_configuration(route(&v1, 40))
        .routing_configuration(route(&v2, 50))
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(bad_weights.is_validation_exception(), "{bad_weights:?}");
    let missing = client
        .create_state_machine_alias()
        .name("ghost")
        .routing_configuration(route(&format!("{machine}:9"), 100))
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(missing.is_resource_not_found(), "{missing:?}");
    let aliases = client
        .list_state_machine_aliases()
        .state_machine_arn(&machine)
        .send()
        .await
        .unwrap();
    assert_eq!(aliases.state_machine_aliases().len(), 1);

    client
        .delete_state_machine_alias()
        .state_machine_alias_arn(&alias)
        .send()
        .await
        .unwrap();
    client
        .delete_state_machine_version()
        .state_machine_version_arn(&v1)
        .send()
        .await
        .unwrap();
    // The execution on v1 still reports the definition it ran.
    let ran = client
        .describe_state_machine_for_execution()
        .execution_arn(&on_v1)
        .send()
        .await
        .unwrap();
    assert_eq!(ran.definition(), pass_returning("v1"));
    client
        .delete_state_machine()
        .state_machine_arn(&machine)
        .send()
        .await
        .unwrap();
    let gone = client
        .describe_state_machine()
        .state_machine_arn(&v2)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(gone.is_state_machine_does_not_exist(), "{gone:?}");
}

/// TagResource/UntagResource/ListTagsForResource on a state machine and an activity; the
/// errors of the API reference for a missing resource and more than 50 tags.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tags_on_machines_and_activities() {
    let (client, _stop) = start().await;
    let tag = |k: &str, v: &str| Tag::builder().key(k).value(v).build();
    let machine = client
        .create_state_machine()
        .name("Tagged")
        .definition(pass_returning("x"))
        .role_arn(ROLE)
        .tags(tag("team", "pay"))
        .send()
        .await
        .unwrap()
        .state_machine_arn()
        .to_owned();
    client
        .tag_resource()
        .resource_arn(&machine)
        .tags(tag("env", "test"))
        .tags(tag("team", "billing"))
        .send()
        .await
        .unwrap();
    let listed = |arn: String| {
        let client = client.clone();
        async move {
            let out = client
                .list_tags_for_resource()
                .resource_arn(arn)
                .send()
                .await
                .unwrap();
            out.tags()
                .iter()
                .map(|t| (t.key().unwrap().to_owned(), t.value().unwrap().to_owned()))
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        listed(machine.clone()).await,
        [
            ("env".into(), "test".into()),
            ("team".into(), "billing".into())
        ]
    );
    client
        .untag_resource()
        .resource_arn(&machine)
        .tag_keys("env")
        .send()
        .await
        .unwrap();
    assert_eq!(
        listed(machine.clone()).await,
        [("team".into(), "billing".into())]
    );

    let activity = client
        .create_activity()
        .name("Review")
        .tags(tag("owner", "ops"))
        .send()
        .await
        .unwrap()
        .activity_arn()
        .to_owned();
    assert_eq!(listed(activity).await, [("owner".into(), "ops".into())]);

    let missing = client
        .list_tags_for_resource()
        .resource_arn("arn:aws:states:us-east-1:123456789012:stateMachine:Nope")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(missing.is_resource_not_found(), "{missing:?}");
    let mut too_many = client.tag_resource().resource_arn(&machine);
    for i in 0..50 {
        too_many = too_many.tags(tag(&format!("k{i}"), "v"));
    }
    let refused = too_many.send().await.unwrap_err().into_service_error();
    assert!(refused.is_too_many_tags(), "{refused:?}");
}

/// The token a `.waitForTaskToken` task handed out (in TaskScheduled's parameters), waiting
/// for the `n`th such task of the execution.
async fn nth_token(client: &Client, execution: &str, n: usize) -> String {
    for _ in 0..400 {
        let history = client
            .get_execution_history()
            .execution_arn(execution)
            .send()
            .await
            .unwrap();
        let tokens: Vec<String> = history
            .events()
            .iter()
            .filter_map(|e| e.task_scheduled_event_details())
            .map(|d| {
                let parameters: serde_json::Value = serde_json::from_str(d.parameters()).unwrap();
                parameters["MessageBody"]["token"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        if let Some(token) = tokens.get(n - 1) {
            return token.clone();
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("no task token number {n} in {execution}");
}

const TOKEN_TASK: &str = r#"{"StartAt": "Prepare", "States": {
    "Prepare": {"Type": "Pass", "Result": {"order": 7}, "Next": "Charge"},
    "Charge": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
               "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q",
                              "MessageBody": {"token.$": "$$.Task.Token", "order.$": "$.order"}},
               HEARTBEAT "ResultPath": "$.charge", "Next": "Done"},
    "Done": {"Type": "Succeed"}}}"#;

/// RedriveExecution (API reference and "Redriving state machines" guide): a FAILED
/// execution restarts from the state that failed, with the input it had; its history goes
/// on after ExecutionFailed with ExecutionRedriven; DescribeExecution counts the redrive;
/// a SUCCEEDED execution is ExecutionNotRedrivable.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_execution_is_redriven_from_the_failed_state() {
    let (client, _stop) = start().await;
    let machine = client
        .create_state_machine()
        .name("Charger")
        .definition(TOKEN_TASK.replace("HEARTBEAT", ""))
        .role_arn(ROLE)
        .send()
        .await
        .unwrap()
        .state_machine_arn()
        .to_owned();
    let execution = client
        .start_execution()
        .state_machine_arn(&machine)
        .name("once")
        .send()
        .await
        .unwrap()
        .execution_arn()
        .to_owned();
    let first = nth_token(&client, &execution, 1).await;
    client
        .send_task_failure()
        .task_token(&first)
        .error("Card.Declined")
        .cause("try later")
        .send()
        .await
        .unwrap();
    let failed = wait(&client, &execution).await;
    assert_eq!(failed.status(), &ExecutionStatus::Failed);
    assert_eq!(
        failed.redrive_status(),
        Some(&ExecutionRedriveStatus::Redrivable)
    );
    assert_eq!(failed.redrive_count(), Some(0));

    client
        .redrive_execution()
        .execution_arn(&execution)
        .send()
        .await
        .unwrap();
    let second = nth_token(&client, &execution, 2).await;
    assert_ne!(first, second, "the task ran again, with a new token");
    client
        .send_task_success()
        .task_token(&second)
        .output(r#"{"paid": true}"#)
        .send()
        .await
        .unwrap();
    let done = wait(&client, &execution).await;
    assert_eq!(done.status(), &ExecutionStatus::Succeeded);
    assert_eq!(done.output(), Some(r#"{"order":7,"charge":{"paid":true}}"#));
    assert_eq!(done.redrive_count(), Some(1));
    assert!(done.redrive_date().is_some());

    let history = client
        .get_execution_history()
        .execution_arn(&execution)
        .send()
        .await
        .unwrap();
    let events = history.events();
    let types: Vec<&HistoryEventType> = events.iter().map(|e| e.r#type()).collect();
    let failed_at = types
        .iter()
        .position(|t| **t == HistoryEventType::ExecutionFailed)
        .unwrap();
    assert_eq!(types[failed_at + 1], &HistoryEventType::ExecutionRedriven);
    assert_eq!(types[failed_at + 2], &HistoryEventType::TaskStateEntered);
    assert_eq!(types.last(), Some(&&HistoryEventType::ExecutionSucceeded));
    // Prepare ran once: the redrive started at Charge.
    let prepared = types
        .iter()
        .filter(|t| ***t == HistoryEventType::PassStateEntered)
        .count();
    assert_eq!(prepared, 1);
    let ids: Vec<i64> = events.iter().map(|e| e.id()).collect();
    assert_eq!(ids, (1..=events.len() as i64).collect::<Vec<_>>());
    assert_eq!(
        events[failed_at + 2].previous_event_id(),
        events[failed_at + 1].id()
    );

    let again = client
        .redrive_execution()
        .execution_arn(&execution)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(again.is_execution_not_redrivable(), "{again:?}");
}

/// TestState in the API's shape (API reference, TestState and InspectionData): a mocked
/// result through the data flow at DEBUG, a mocked error a retrier would retry
/// (RETRIABLE, retryIndex) or a catcher catches (CAUGHT_ERROR, nextState), INFO without
/// inspection data, a state picked from a whole machine by stateName.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn test_state_in_the_api_shape() {
    let (client, _stop) = start().await;
    let task = r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "Parameters": {"FunctionName": "f", "Payload.$": "$.order"},
        "ResultSelector": {"total.$": "$.Payload.total"}, "ResultPath": "$.charged",
        "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 2, "MaxAttempts": 1}],
        "Catch": [{"ErrorEquals": ["Declined"], "Next": "Sorry"}], "Next": "Ship"}"#;
    let ok = client
        .test_state()
        .definition(task)
        .role_arn(ROLE)
        .input(r#"{"order": {"id": 7}}"#)
        .inspection_level(InspectionLevel::Debug)
        .mock(
            MockInput::builder()
                .result(r#"{"Payload": {"total": 12}}"#)
                .build(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), Some(&TestExecutionStatus::Succeeded));
    assert_eq!(ok.next_state(), Some("Ship"));
    assert_eq!(
        ok.output(),
        Some(r#"{"order":{"id":7},"charged":{"total":12}}"#)
    );
    let data = ok.inspection_data().unwrap();
    assert_eq!(
        data.after_parameters(),
        Some(r#"{"FunctionName":"f","Payload":{"id":7}}"#)
    );
    assert_eq!(data.after_result_selector(), Some(r#"{"total":12}"#));

    let error = |e: &str| {
        MockInput::builder()
            .error_output(MockErrorOutput::builder().error(e).cause("mocked").build())
            .build()
    };
    let retried = client
        .test_state()
        .definition(task)
        .input(r#"{"order": {"id": 7}}"#)
        .inspection_level(InspectionLevel::Debug)
        .mock(error("Busy"))
        .send()
        .await
        .unwrap();
    assert_eq!(retried.status(), Some(&TestExecutionStatus::Retriable));
    let details = retried.inspection_data().unwrap().error_details().unwrap();
    assert_eq!(details.retry_index(), Some(0));
    assert_eq!(details.retry_backoff_interval_seconds(), Some(2));
    let caught = client
        .test_state()
        .definition(task)
        .input(r#"{"order": {"id": 7}}"#)
        .mock(error("Declined"))
        .send()
        .await
        .unwrap();
    assert_eq!(caught.status(), Some(&TestExecutionStatus::CaughtError));
    assert_eq!(caught.next_state(), Some("Sorry"));
    assert_eq!(caught.error(), Some("Declined"));
    assert!(
        caught.inspection_data().is_none(),
        "INFO is the default level"
    );

    let machine = r#"{"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Next": "B"},
        "B": {"Type": "Pass", "Parameters": {"doubled.$": "States.MathAdd($.n, $.n)"}, "End": true}}}"#;
    let in_machine = client
        .test_state()
        .definition(machine)
        .state_name("B")
        .input(r#"{"n": 21}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(in_machine.output(), Some(r#"{"doubled":42}"#));
    assert_eq!(in_machine.next_state(), None);
    let invalid = client
        .test_state()
        .definition("{not json")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(invalid.is_invalid_definition(), "{invalid:?}");
}

/// HeartbeatSeconds and TimeoutSeconds of a task waiting for its token count in real time
/// (the service's Task state fields): heartbeats keep it alive past HeartbeatSeconds; with
/// none it fails with States.HeartbeatTimeout, and the late token gets TaskTimedOut.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn heartbeats_and_timeouts_of_a_waiting_task_count_in_real_time() {
    let (client, _stop) = start_with(false).await;
    let machine = client
        .create_state_machine()
        .name("Beating")
        .definition(TOKEN_TASK.replace(
            "HEARTBEAT",
            r#""HeartbeatSeconds": 1, "TimeoutSeconds": 20,"#,
        ))
        .role_arn(ROLE)
        .send()
        .await
        .unwrap()
        .state_machine_arn()
        .to_owned();
    let start = |name: &'static str| {
        let (client, machine) = (client.clone(), machine.clone());
        async move {
            client
                .start_execution()
                .state_machine_arn(machine)
                .name(name)
                .send()
                .await
                .unwrap()
                .execution_arn()
                .to_owned()
        }
    };
    let timed_machine = client
        .create_state_machine()
        .name("Timed")
        .definition(TOKEN_TASK.replace("HEARTBEAT", r#""TimeoutSeconds": 1,"#))
        .role_arn(ROLE)
        .send()
        .await
        .unwrap()
        .state_machine_arn()
        .to_owned();
    let timed = client
        .start_execution()
        .state_machine_arn(&timed_machine)
        .send()
        .await
        .unwrap()
        .execution_arn()
        .to_owned();
    let alive = start("alive").await;
    let silent = start("silent").await;
    let late = start("late").await;
    let (alive_token, silent_token, late_token) = (
        nth_token(&client, &alive, 1).await,
        nth_token(&client, &silent, 1).await,
        nth_token(&client, &late, 1).await,
    );
    let began = std::time::Instant::now();
    // 1.6 s of heartbeats every 0.3 s: past HeartbeatSeconds, within TimeoutSeconds.
    while began.elapsed() < Duration::from_millis(1600) {
        client
            .send_task_heartbeat()
            .task_token(&alive_token)
            .send()
            .await
            .unwrap();
        client
            .send_task_heartbeat()
            .task_token(&late_token)
            .send()
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    client
        .send_task_success()
        .task_token(&alive_token)
        .output("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(
        wait(&client, &alive).await.status(),
        &ExecutionStatus::Succeeded
    );
    let silent_done = wait(&client, &silent).await;
    assert_eq!(silent_done.status(), &ExecutionStatus::Failed);
    assert_eq!(silent_done.error(), Some("States.HeartbeatTimeout"));
    let refused = client
        .send_task_success()
        .task_token(&silent_token)
        .output("{}")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(refused.is_task_timed_out(), "{refused:?}");
    // Heartbeats until 1.6 s, then none: the 1 s heartbeat limit ends it before 3 s.
    let late_done = wait(&client, &late).await;
    assert_eq!(late_done.error(), Some("States.HeartbeatTimeout"));
    // TimeoutSeconds without HeartbeatSeconds: heartbeats do not extend it.
    let timed_token = nth_token(&client, &timed, 1).await;
    let _ = client
        .send_task_heartbeat()
        .task_token(&timed_token)
        .send()
        .await;
    let timed_done = wait(&client, &timed).await;
    assert_eq!(timed_done.error(), Some("States.Timeout"), "{timed_done:?}");
    let took = began.elapsed();
    assert!(
        took >= Duration::from_millis(2400) && took < Duration::from_secs(15),
        "{took:?}"
    );
}
