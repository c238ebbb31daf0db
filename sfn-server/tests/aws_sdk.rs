//! The Rust SDK (aws-sdk-sfn) against a server started in this test on a free port: the
//! client deserializes every response with the service model's shapes, and reads error
//! codes the way it does from the real service.

use std::time::Duration;

use aws_sdk_sfn::Client;
use aws_sdk_sfn::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_sfn::types::{ExecutionStatus, HistoryEventType, StateMachineType};
use sfn_server::{Config, Server};

const ROLE: &str = "arn:aws:iam::123456789012:role/sfn-local";

/// Starts a server (virtual time) and a client for it; the server stops when the sender drops.
async fn start() -> (Client, tokio::sync::oneshot::Sender<()>) {
    let server = Server::bind(Config {
        virtual_time: true,
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
        .build();
    (Client::from_conf(config), stop)
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
