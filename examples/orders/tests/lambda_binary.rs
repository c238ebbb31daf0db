//! The deployed function, for real: the `orders-lambda` binary runs lambda_runtime's own
//! invocation loop against a minimal Lambda Runtime API on 127.0.0.1 (the endpoints and
//! headers of AWS's "Custom runtime API": `GET /2018-06-01/runtime/invocation/next`, `POST
//! .../{id}/response`, `POST .../{id}/error`). For each payload, what the binary posts must be
//! what a local run of the same handler reports: the response payload, or the error body
//! (`{"errorType","errorMessage"}`) that Step Functions turns into `Error` and `Cause`. This
//! is where the local error names (custom, deserialization, panic) are checked against the
//! real lambda_runtime crate rather than against our reading of it.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use sfn::exec::{Executor, Status};
use sfn::handlers::TaskHandler;
use sfn_example_orders::orders;

/// What the function answered: `Ok(response body)` or `Err(error body)`.
type Answer = Result<Value, Value>;

/// The invocations not yet handed out: request id and event body.
type Events = Arc<Mutex<VecDeque<(String, Vec<u8>)>>>;

/// The binary is stopped when the test ends, whatever happens.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Invokes the binary's handler `handler` once per payload, in order.
fn invoke_binary(handler: &str, payloads: &[Value]) -> Vec<Answer> {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
    let port = listener.local_addr().expect("bound").port();
    listener.set_nonblocking(true).expect("nonblocking accept");
    let events: Events = Arc::new(Mutex::new(
        payloads
            .iter()
            .enumerate()
            .map(|(i, p)| (format!("req-{i}"), serde_json::to_vec(p).expect("json")))
            .collect(),
    ));
    let (answers, received) = channel();
    let stop = Arc::new(AtomicBool::new(false));
    let accept = {
        let (events, stop) = (events.clone(), stop.clone());
        std::thread::spawn(move || serve(&listener, &events, &answers, &stop))
    };
    let child = Command::new(env!("CARGO_BIN_EXE_orders-lambda"))
        .env("AWS_LAMBDA_RUNTIME_API", format!("127.0.0.1:{port}"))
        .env("AWS_LAMBDA_FUNCTION_NAME", handler)
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
        .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        .env("_HANDLER", handler)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the orders-lambda binary starts");
    let running = Running(child);
    let mut out = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    while out.len() < payloads.len() {
        let left = deadline.saturating_duration_since(Instant::now());
        match received.recv_timeout(left) {
            Ok(answer) => out.push(answer),
            Err(_) => panic!(
                "the binary answered {} of {} invocations in 30 s",
                out.len(),
                payloads.len()
            ),
        }
    }
    drop(running);
    stop.store(true, Ordering::SeqCst);
    let _ = accept.join();
    out
}

/// Accepts connections until `stop`, one thread each (hyper may open several).
fn serve(listener: &TcpListener, events: &Events, answers: &Sender<Answer>, stop: &AtomicBool) {
    let deadline = Instant::now() + Duration::from_secs(40);
    while !stop.load(Ordering::SeqCst) && Instant::now() < deadline {
        match listener.accept() {
            Ok((stream, _)) => {
                let (events, answers) = (events.clone(), answers.clone());
                std::thread::spawn(move || connection(stream, &events, &answers));
            }
            Err(_) => std::thread::sleep(Duration::from_millis(5)),
        }
    }
}

/// Serves the requests of one keep-alive connection.
fn connection(
    stream: TcpStream,
    events: &Mutex<VecDeque<(String, Vec<u8>)>>,
    answers: &Sender<Answer>,
) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let mut writer = stream.try_clone().expect("clone stream");
    let mut reader = BufReader::new(stream);
    for _ in 0..100 {
        let Some((method, path, body)) = read_request(&mut reader) else {
            return;
        };
        if method == "GET" && path.ends_with("/runtime/invocation/next") {
            let Some((id, event)) = events.lock().ok().and_then(|mut e| e.pop_front()) else {
                // No more events: the binary waits here until it is stopped.
                return;
            };
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
                 Lambda-Runtime-Aws-Request-Id: {id}\r\nLambda-Runtime-Deadline-Ms: 4102444800000\r\n\
                 Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:123456789012:function:orders\r\n\r\n",
                event.len()
            );
            let _ = writer.write_all(head.as_bytes());
            let _ = writer.write_all(&event);
            continue;
        }
        let parsed: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        let answer = if path.ends_with("/response") {
            Ok(parsed)
        } else {
            Err(parsed)
        };
        let _ = answers.send(answer);
        let _ = writer.write_all(b"HTTP/1.1 202 Accepted\r\nContent-Length: 2\r\n\r\n{}");
    }
}

/// One HTTP/1.1 request: method, path and body (Content-Length framing, as hyper sends it).
fn read_request(reader: &mut BufReader<TcpStream>) -> Option<(String, String, Vec<u8>)> {
    let mut line = String::new();
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let path = parts.next()?.to_owned();
    let mut length = 0usize;
    for _ in 0..100 {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().ok()?;
        }
    }
    let mut body = vec![0; length.min(1 << 20)];
    reader.read_exact(&mut body).ok()?;
    Some((method, path, body))
}

/// The same handler run locally: a one-state workflow calling it through `lambda:invoke`.
fn invoke_locally(handler: impl TaskHandler + 'static, payload: &Value) -> Answer {
    let machine = sfn::runtime::asl::StateMachine::from_json(
        r#"{"StartAt": "Call", "States": {"Call": {"Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "orders", "Payload.$": "$"}, "End": true}}}"#,
    )
    .expect("a valid definition");
    let execution = Executor::new(&machine)
        .on_state("Call", handler)
        .expect("state exists")
        .run(payload.clone());
    match execution.status {
        Status::Succeeded => Ok(execution.output.unwrap_or_default()["Payload"].clone()),
        _ => {
            let cause: Value = serde_json::from_str(execution.cause.as_deref().unwrap_or("null"))
                .unwrap_or_default();
            // Step Functions names the error after the body's errorType.
            assert_eq!(
                execution.error.as_deref(),
                cause["errorType"].as_str(),
                "error name vs cause"
            );
            Err(cause)
        }
    }
}

#[test]
fn charge_card_answers_locally_as_the_deployed_binary() {
    let payloads = [
        json!({"order": "X-1", "amount": 500}),
        json!({"order": "X-2", "amount": orders::CARD_LIMIT + 1}),
        json!({"order": "X-3", "amount": "five"}),
        json!({"order": "X-4", "amount": 0}),
    ];
    let deployed = invoke_binary("charge_card", &payloads);
    for (payload, deployed) in payloads.iter().zip(&deployed) {
        let local = invoke_locally(sfn::handlers::from_fn(orders::charge_card), payload);
        assert_eq!(&local, deployed, "payload {payload}");
    }
    // What the cases are (so a change of behaviour on both sides is still seen).
    assert_eq!(deployed[0], Ok(json!({"payment": "P-X-1", "amount": 500})));
    assert_eq!(
        deployed[1].as_ref().err().map(|e| e["errorType"].clone()),
        Some(json!("Order.PaymentDeclined"))
    );
    let error_type = |i: usize| deployed[i].as_ref().err().map(|e| e["errorType"].clone());
    assert_eq!(
        error_type(2),
        Some(json!("&lambda_runtime::deserializer::DeserializeError"))
    );
    assert_eq!(
        error_type(3),
        Some(json!(
            "&alloc::boxed::Box<dyn core::any::Any + core::marker::Send>"
        ))
    );
    assert_eq!(
        deployed[3]
            .as_ref()
            .err()
            .map(|e| e["errorMessage"].clone()),
        Some(json!("Lambda panicked: order X-4 has nothing to charge"))
    );
}

#[test]
fn reserve_stock_in_lambda_runtimes_form_answers_as_deployed() {
    let payloads = [
        json!({"id": "R-1", "sku": "BOOK-1", "quantity": 3, "amount": 10}),
        json!({"id": "R-2", "sku": "BOOK-1"}),
    ];
    let deployed = invoke_binary("reserve_stock", &payloads);
    for (payload, deployed) in payloads.iter().zip(&deployed) {
        let local = invoke_locally(sfn::handlers::from_event_fn(orders::reserve_stock), payload);
        assert_eq!(&local, deployed, "payload {payload}");
    }
    assert_eq!(deployed[0], Ok(json!({"reservation": "R-1-3xBOOK-1"})));
    assert!(deployed[1].is_err());
}

#[test]
fn send_receipt_answers_as_deployed() {
    let payloads = [json!({"order": "S-1", "payment": "P-S-1"})];
    let deployed = invoke_binary("send_receipt", &payloads);
    let local = invoke_locally(
        sfn::handlers::from_async_fn(orders::send_receipt),
        &payloads[0],
    );
    assert_eq!(local, deployed[0]);
    assert_eq!(local, Ok(json!({"sent": "receipt for S-1 (P-S-1)"})));
}
