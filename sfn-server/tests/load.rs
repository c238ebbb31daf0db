//! A bounded local load test through the Rust SDK: executions of a 10-state workflow
//! started with a fixed number in flight, each waited for until it ends. The small run is
//! part of the suite; `cargo test -p sfn-server --test load -- --ignored --nocapture` runs
//! 1,000 executions with 50 in flight against this server (virtual time, then real time)
//! and against moto's server (pinned in .ci/requirements.txt, with its
//! `execute_state_machine` switch on, so it runs the definitions too) in the same run and
//! prints executions/s and p50/p99 of start-to-end latency for each.

use std::sync::Arc;
use std::time::{Duration, Instant};

use aws_sdk_sfn::Client;
use aws_sdk_sfn::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_sfn::types::ExecutionStatus;
use sfn_server::{Config, Server};
use tokio::sync::Semaphore;

const ROLE: &str = "arn:aws:iam::123456789012:role/sfn-local";

/// Ten states: Pass, Choice, Wait (1 s, skipped on the virtual clock), Parallel of two
/// Passes, Map over two items, Succeed.
const TEN_STATES: &str = r#"{"StartAt": "S1", "States": {
    "S1": {"Type": "Pass", "Result": {"n": 1, "items": [1, 2]}, "Next": "S2"},
    "S2": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "S3"}], "Default": "S10"},
    "S3": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, 1)", "items.$": "$.items"}, "Next": "S4"},
    "S4": {"Type": "Wait", "Seconds": 1, "Next": "S5"},
    "S5": {"Type": "Parallel", "Branches": [
        {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "End": true}}},
        {"StartAt": "B2", "States": {"B2": {"Type": "Pass", "End": true}}}], "ResultPath": "$.parallel", "Next": "S6"},
    "S6": {"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {"StartAt": "M1", "States": {"M1": {"Type": "Pass", "End": true}}}, "ResultPath": "$.mapped", "Next": "S7"},
    "S7": {"Type": "Pass", "Next": "S8"},
    "S8": {"Type": "Pass", "Next": "S9"},
    "S9": {"Type": "Pass", "Next": "S10"},
    "S10": {"Type": "Succeed"}}}"#;

fn client(url: String) -> Client {
    let config = aws_sdk_sfn::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("test", "test", None, None, "test"))
        .endpoint_url(url)
        .build();
    Client::from_conf(config)
}

struct Report {
    per_second: f64,
    p50: Duration,
    p99: Duration,
    succeeded: usize,
}

/// Starts `total` executions with `in_flight` at once; each task starts one and polls
/// DescribeExecution until it is no longer RUNNING (at most `limit` each).
async fn load(client: Client, total: usize, in_flight: usize, limit: Duration) -> Report {
    let machine = client
        .create_state_machine()
        .name("Load")
        .definition(TEN_STATES)
        .role_arn(ROLE)
        .send()
        .await
        .expect("create")
        .state_machine_arn()
        .to_owned();
    let gate = Arc::new(Semaphore::new(in_flight));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for n in 0..total {
        let permit = gate.clone().acquire_owned().await.expect("semaphore");
        let (client, machine) = (client.clone(), machine.clone());
        tasks.push(tokio::spawn(async move {
            let _permit = permit;
            let begun = Instant::now();
            let arn = client
                .start_execution()
                .state_machine_arn(machine)
                // Named: moto 5.2.5 names every unnamed execution `None` (so the second one
                // is ExecutionAlreadyExists); the service and sfn serve draw a UUID.
                .name(format!("load-{n}"))
                .input("{}")
                .send()
                .await
                .expect("start")
                .execution_arn()
                .to_owned();
            loop {
                let status = client
                    .describe_execution()
                    .execution_arn(&arn)
                    .send()
                    .await
                    .expect("describe")
                    .status()
                    .clone();
                if status != ExecutionStatus::Running || begun.elapsed() > limit {
                    return (begun.elapsed(), status == ExecutionStatus::Succeeded);
                }
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        }));
    }
    let mut latencies = Vec::new();
    let mut succeeded = 0;
    for task in tasks {
        let (latency, ok) = task.await.expect("task");
        latencies.push(latency);
        succeeded += usize::from(ok);
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    Report {
        per_second: total as f64 / elapsed.as_secs_f64(),
        p50: at(0.50),
        p99: at(0.99),
        succeeded,
    }
}

async fn our_server(virtual_time: bool) -> (String, tokio::sync::oneshot::Sender<()>) {
    let server = Server::bind(Config {
        virtual_time,
        log_requests: false,
        ..Config::default()
    })
    .await
    .expect("bind");
    let url = server.url();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(server.run(async {
        let _ = stopped.await;
    }));
    (url, stop)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_executions_ten_in_flight_all_succeed() {
    let (url, _stop) = our_server(true).await;
    let report = load(client(url), 100, 10, Duration::from_secs(30)).await;
    assert_eq!(report.succeeded, 100);
}

fn print(what: &str, report: &Report) {
    println!(
        "{what}: {:.1} executions/s, p50 {:?}, p99 {:?}, {} of 1000 succeeded",
        report.per_second, report.p50, report.p99, report.succeeded
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement: run with --ignored --nocapture"]
async fn thousand_executions_against_sfn_serve_and_moto() {
    let limit = Duration::from_secs(300);
    let (url, _stop) = our_server(true).await;
    let virtual_time = load(client(url), 1000, 50, limit).await;
    print(
        "sfn serve, virtual time (the 1 s Wait skipped)",
        &virtual_time,
    );
    let (url, _stop_real) = our_server(false).await;
    let real_time = load(client(url), 1000, 50, limit).await;
    print("sfn serve, real time (the 1 s Wait waited)", &real_time);
    let Some(moto) = sfn_testkit::Moto::start() else {
        return;
    };
    // moto runs definitions only with this switch (its docs, "execute_state_machine"),
    // in real time: the same work as the real-time run above.
    moto.execute_state_machines();
    let theirs = load(client(moto.url()), 1000, 50, limit).await;
    print("moto_server, execute_state_machine on (real time)", &theirs);
    println!(
        "ratio, real time vs moto (start to end of each execution, same workload): {:.2}x executions/s, p50 {:.2}x lower",
        real_time.per_second / theirs.per_second,
        theirs.p50.as_secs_f64() / real_time.p50.as_secs_f64()
    );
}
