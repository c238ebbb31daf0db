//! Bad requests get the service's error shape (`__type` + `message`, HTTP 4xx) and the
//! server stays up with its data. Raw HTTP, so nothing a client library fixes up hides a
//! problem. The error codes are those of AWS JSON 1.0 services: `SerializationException`
//! for a body that does not parse or has a member of the wrong type,
//! `UnknownOperationException`, `ValidationException` for broken constraints.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use serde_json::{Value, json};
use sfn_server::{Config, Server};

/// A server on a free port, run on its own runtime thread; stops with the process.
fn start() -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        runtime.block_on(async move {
            let server = Server::bind(Config {
                virtual_time: true,
                log_requests: false,
                ..Config::default()
            })
            .await
            .expect("bind");
            tx.send(server.local_addr().expect("addr").to_string())
                .expect("send");
            server.run(std::future::pending()).await.expect("serve");
        });
    });
    rx.recv_timeout(Duration::from_secs(10))
        .expect("server started")
}

/// Sends one request; returns (status, body as JSON).
fn request(
    addr: &str,
    method: &str,
    path: &str,
    target: Option<&str>,
    body: &[u8],
) -> (u16, Value) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    if let Some(target) = target {
        head.push_str(&format!("X-Amz-Target: {target}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).expect("write head");
    // A refused oversized body may close the connection before it is all written.
    let _ = stream.write_all(body);
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response);
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {text:?}"));
    let body = text.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    (status, serde_json::from_str(body).unwrap_or(Value::Null))
}

fn call(addr: &str, operation: &str, body: &str) -> (u16, Value) {
    request(
        addr,
        "POST",
        "/",
        Some(&format!("AWSStepFunctions.{operation}")),
        body.as_bytes(),
    )
}

fn code(body: &Value) -> &str {
    body["__type"]
        .as_str()
        .and_then(|t| t.rsplit('#').next())
        .unwrap_or_default()
}

#[test]
fn bad_requests_get_the_error_shape_and_the_server_keeps_its_data() {
    let addr = start();
    let machine = json!({
        "name": "Keep",
        "roleArn": "arn:aws:iam::123456789012:role/r",
        "definition": r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#,
    });
    let (status, created) = call(&addr, "CreateStateMachine", &machine.to_string());
    assert_eq!(status, 200, "{created}");

    let (status, body) = call(&addr, "CreateStateMachine", "{\"name\": ");
    assert_eq!(
        (status, code(&body)),
        (400, "SerializationException"),
        "{body}"
    );
    assert!(
        body["message"].as_str().unwrap().contains("line 1"),
        "{body}"
    );

    let (status, body) = call(&addr, "DescribeStateMachine", r#"{"stateMachineArn": 42}"#);
    assert_eq!(
        (status, code(&body)),
        (400, "SerializationException"),
        "{body}"
    );

    let (status, body) = call(&addr, "LaunchRocket", "{}");
    assert_eq!(
        (status, code(&body)),
        (400, "UnknownOperationException"),
        "{body}"
    );

    let (status, body) = request(&addr, "POST", "/", None, b"{}");
    assert_eq!(
        (status, code(&body)),
        (400, "UnknownOperationException"),
        "{body}"
    );

    // Every broken constraint of the request, in one message.
    let (status, body) = call(&addr, "CreateStateMachine", r#"{"name": ""}"#);
    assert_eq!(
        (status, code(&body)),
        (400, "ValidationException"),
        "{body}"
    );
    let message = body["message"].as_str().unwrap();
    assert!(
        message.starts_with("3 validation errors detected"),
        "{message}"
    );
    assert!(
        message.contains("'definition'") && message.contains("'roleArn'"),
        "{message}"
    );

    // An input over the 256 KiB quota of the model.
    let arn = created["stateMachineArn"].as_str().unwrap();
    let big =
        json!({"stateMachineArn": arn, "input": json!({"x": "y".repeat(262_144)}).to_string()});
    let (status, body) = call(&addr, "StartExecution", &big.to_string());
    assert_eq!(
        (status, code(&body)),
        (400, "ValidationException"),
        "{body}"
    );
    assert!(
        body["message"].as_str().unwrap().contains("'input'"),
        "{body}"
    );

    // A definition over the 1 MiB limit of the model.
    let huge = json!({"name": "Huge", "roleArn": "arn:aws:iam::123456789012:role/r", "definition": "x".repeat(1_048_577)});
    let (status, body) = call(&addr, "CreateStateMachine", &huge.to_string());
    assert_eq!(
        (status, code(&body)),
        (400, "ValidationException"),
        "{body}"
    );

    // A body past what the server reads at all.
    let (status, body) = call(&addr, "CreateStateMachine", &"x".repeat(4 * 1024 * 1024));
    assert_eq!(
        (status, code(&body)),
        (413, "ValidationException"),
        "{body}"
    );

    let (status, body) = request(&addr, "GET", "/health", None, b"");
    assert_eq!((status, body), (200, json!({"status": "ok"})));

    // Still up, and the machine is still there.
    let (status, body) = call(&addr, "ListStateMachines", "");
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["stateMachines"][0]["name"], "Keep");
}

#[test]
fn many_concurrent_requests_are_all_answered() {
    let addr = start();
    // 10,000 requests from 50 threads at once (bounded: each thread 200, one at a time).
    let threads: Vec<_> = (0..50)
        .map(|_| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                (0..200)
                    .filter(|_| call(&addr, "ListStateMachines", "{}").0 == 200)
                    .count()
            })
        })
        .collect();
    let answered: usize = threads.into_iter().map(|t| t.join().unwrap()).sum();
    assert_eq!(answered, 10_000);
}
