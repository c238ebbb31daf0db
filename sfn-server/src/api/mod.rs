//! The AWS JSON 1.0 protocol: `POST /` with `X-Amz-Target: AWSStepFunctions.<Operation>`
//! and a JSON body, answered with `application/x-amz-json-1.0`; one log line per request;
//! `GET /health`.

pub mod checks;
pub mod error;
pub mod paging;

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::ops;
use crate::service::Service;
use error::ApiError;

/// The largest request body read: a 1 MiB definition (the model's limit) JSON-escaped,
/// with room for the other members. Past it the request is refused unread.
pub const MAX_REQUEST_BYTES: usize = 3 * 1024 * 1024;

const CONTENT_TYPE: &str = "application/x-amz-json-1.0";
const TARGET_PREFIX: &str = "AWSStepFunctions.";

/// The routes: the API on `POST /`, `GET /health`.
pub fn router(service: Arc<Service>) -> Router {
    Router::new()
        .route("/health", get(health))
        .fallback(move |method, uri, headers, body| {
            let service = service.clone();
            async move { handle(service, method, uri, headers, body).await }
        })
}

async fn health() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        r#"{"status":"ok"}"#,
    )
        .into_response()
}

async fn handle(
    service: Arc<Service>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let started = Instant::now();
    let target = headers
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let operation = target
        .strip_prefix(TARGET_PREFIX)
        .unwrap_or(&target)
        .to_owned();
    let result = if method != Method::POST || uri.path() != "/" {
        Err(ApiError {
            status: StatusCode::NOT_FOUND,
            ..ApiError::new(
                "UnknownOperationException",
                format!(
                    "{method} {} is not an operation: the API takes POST / with X-Amz-Target: AWSStepFunctions.<Operation>",
                    uri.path()
                ),
            )
        })
    } else {
        match to_bytes(body, MAX_REQUEST_BYTES).await {
            Ok(bytes) => dispatch(&service, &target, &bytes).await,
            Err(_) => Err(ApiError {
                status: StatusCode::PAYLOAD_TOO_LARGE,
                ..ApiError::validation(format!(
                    "the request body is larger than {MAX_REQUEST_BYTES} bytes"
                ))
            }),
        }
    };
    let (status, body, code) = match result {
        Ok(value) => (StatusCode::OK, value, None),
        Err(e) => (e.status, e.body(), Some(e.code)),
    };
    if service.config.log_requests {
        eprintln!(
            "{method} {} {} {}{} {:.1}ms",
            uri.path(),
            if operation.is_empty() {
                "-"
            } else {
                &operation
            },
            status.as_u16(),
            code.map(|c| format!(" {c}")).unwrap_or_default(),
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    let mut response = (status, body.to_string()).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
    if let Some(code) = code {
        response
            .headers_mut()
            .insert("x-amzn-errortype", HeaderValue::from_static(code));
    }
    response
}

async fn dispatch(service: &Arc<Service>, target: &str, body: &[u8]) -> Result<Value, ApiError> {
    let Some(operation) = target.strip_prefix(TARGET_PREFIX) else {
        return Err(ApiError::new(
            "UnknownOperationException",
            format!(
                "missing or foreign X-Amz-Target header `{target}`: expected AWSStepFunctions.<Operation>"
            ),
        ));
    };
    let result = run(service, operation, body).await;
    // With --data-dir, what a successful request changed is written before it is answered.
    if result.is_ok() && CHANGES_RESOURCES.contains(&operation) {
        let service = service.clone();
        let _ = tokio::task::spawn_blocking(move || service.persist_resources()).await;
    }
    result
}

/// The operations that change state machines, versions, aliases, activities or tags.
const CHANGES_RESOURCES: &[&str] = &[
    "CreateStateMachine",
    "UpdateStateMachine",
    "DeleteStateMachine",
    "PublishStateMachineVersion",
    "DeleteStateMachineVersion",
    "CreateStateMachineAlias",
    "UpdateStateMachineAlias",
    "DeleteStateMachineAlias",
    "CreateActivity",
    "DeleteActivity",
    "TagResource",
    "UntagResource",
];

async fn run(service: &Arc<Service>, operation: &str, body: &[u8]) -> Result<Value, ApiError> {
    let s = service.as_ref();
    match operation {
        "CreateStateMachine" => ops::machines::create(s, decode(body)?),
        "UpdateStateMachine" => ops::machines::update(s, decode(body)?),
        "DescribeStateMachine" => ops::machines::describe(s, decode(body)?),
        "ListStateMachines" => ops::machines::list(s, decode(body)?),
        "DeleteStateMachine" => ops::machines::delete(s, decode(body)?),
        "ValidateStateMachineDefinition" => ops::validate::validate(decode(body)?),
        "StartExecution" => ops::executions::start(service, decode(body)?),
        "StartSyncExecution" => ops::executions::start_sync(service, decode(body)?).await,
        "DescribeExecution" => ops::executions::describe(s, decode(body)?),
        "DescribeStateMachineForExecution" => ops::executions::machine_for(s, decode(body)?),
        "ListExecutions" => ops::executions::list(s, decode(body)?),
        "StopExecution" => ops::executions::stop(s, decode(body)?),
        "GetExecutionHistory" => ops::history::get(s, decode(body)?),
        "CreateActivity" => ops::activities::create(s, decode(body)?),
        "DescribeActivity" => ops::activities::describe(s, decode(body)?),
        "ListActivities" => ops::activities::list(s, decode(body)?),
        "DeleteActivity" => ops::activities::delete(s, decode(body)?),
        "GetActivityTask" => ops::activities::get_task(s, decode(body)?).await,
        "SendTaskSuccess" => ops::tasks::success(s, decode(body)?),
        "SendTaskFailure" => ops::tasks::failure(s, decode(body)?),
        "SendTaskHeartbeat" => ops::tasks::heartbeat(s, decode(body)?),
        "RedriveExecution" => ops::redrive::redrive(service, decode(body)?),
        "TestState" => ops::test_state::test_state(decode(body)?).await,
        "PublishStateMachineVersion" => ops::versions::publish(s, decode(body)?),
        "ListStateMachineVersions" => ops::versions::list(s, decode(body)?),
        "DeleteStateMachineVersion" => ops::versions::delete(s, decode(body)?),
        "CreateStateMachineAlias" => ops::aliases::create(s, decode(body)?),
        "DescribeStateMachineAlias" => ops::aliases::describe(s, decode(body)?),
        "UpdateStateMachineAlias" => ops::aliases::update(s, decode(body)?),
        "DeleteStateMachineAlias" => ops::aliases::delete(s, decode(body)?),
        "ListStateMachineAliases" => ops::aliases::list(s, decode(body)?),
        "TagResource" => ops::tags::tag(s, decode(body)?),
        "UntagResource" => ops::tags::untag(s, decode(body)?),
        "ListTagsForResource" => ops::tags::list(s, decode(body)?),
        other => Err(ApiError::new(
            "UnknownOperationException",
            format!("the operation `{other}` is not served by sfn serve"),
        )),
    }
}

/// Reads a request body; an empty body is `{}`. Malformed JSON and members of the wrong
/// type are a `SerializationException` with the line and column.
fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let body = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}".as_slice()
    } else {
        body
    };
    serde_json::from_slice(body).map_err(|e| {
        ApiError::new(
            "SerializationException",
            format!("the request body is not a valid request: {e}"),
        )
    })
}

/// A timestamp as the JSON protocol sends it: seconds since the Unix epoch (fractional).
pub fn epoch_seconds(ms: i64) -> Value {
    serde_json::Number::from_f64(ms as f64 / 1000.0).map_or(Value::Null, Value::Number)
}
