//! Typed task handlers: a Rust Lambda handler (`fn`/`async fn` taking a `Deserialize` input
//! and returning `Result<O: Serialize, E>`) as an executor [`Handler`](crate::exec::Handler),
//! called the way AWS calls the deployed function.
//!
//! - The handler receives the state's effective payload (`Payload` of a `lambda:invoke`
//!   request, or the whole input when the state calls the function ARN directly, as
//!   `payload_response_only` does), deserialized into its input type.
//! - Its output becomes the integration's response: `{"ExecutedVersion", "Payload",
//!   "SdkHttpMetadata", "SdkResponseMetadata", "StatusCode"}` for `lambda:invoke`, the bare
//!   payload otherwise.
//! - `Err(e)`, a payload that does not deserialize, and a panic become the error a Rust Lambda
//!   reports ([`LambdaError`], lambda_runtime's `Diagnostic`): the task fails with
//!   `Error` = its `errorType` and `Cause` = `{"errorType":..,"errorMessage":..}`.
//!
//! `#[sfn::workflow]` modules bind their handlers with these functions; a test can bind one
//! too, to replace a handler:
//!
//! ```
//! # use serde_json::json;
//! let machine = sfn::runtime::asl::StateMachine::from_json(r#"{"StartAt": "Double", "States": {
//!     "Double": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
//!                "Parameters": {"FunctionName": "double", "Payload.$": "$"},
//!                "OutputPath": "$.Payload", "End": true}}}"#).unwrap();
//! let executor = sfn::exec::Executor::new(&machine)
//!     .on_state("Double", sfn::handlers::from_fn(|n: u32| Ok::<_, String>(n * 2)))
//!     .unwrap();
//! assert_eq!(executor.run(json!(21)).output, Some(json!(42)));
//! ```

mod block_on;
mod error;

use std::future::Future;
use std::hash::{Hash, Hasher};
use std::panic::{AssertUnwindSafe, catch_unwind};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use sfn_runtime::exec::{Executor, TaskContext, TaskFailure};

pub use block_on::block_on;
pub use error::LambdaError;

/// A handler as the executor calls it.
pub trait TaskHandler:
    Fn(&Value, &TaskContext) -> Result<Value, TaskFailure> + Send + Sync
{
}
impl<F: Fn(&Value, &TaskContext) -> Result<Value, TaskFailure> + Send + Sync> TaskHandler for F {}

/// A plain function handler: `fn(I) -> Result<O, E>`.
pub fn from_fn<I, O, E, F>(handler: F) -> impl TaskHandler + 'static
where
    F: Fn(I) -> Result<O, E> + Send + Sync + 'static,
    I: DeserializeOwned,
    O: Serialize,
    E: Into<LambdaError>,
{
    move |input: &Value, ctx: &TaskContext| invoke(input, ctx, |payload, _| handler(payload))
}

/// An async function handler: `async fn(I) -> Result<O, E>`, run to completion on the
/// executor's thread ([`block_on`]).
pub fn from_async_fn<I, O, E, F, Fut>(handler: F) -> impl TaskHandler + 'static
where
    F: Fn(I) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<O, E>>,
    I: DeserializeOwned,
    O: Serialize,
    E: Into<LambdaError>,
{
    move |input: &Value, ctx: &TaskContext| {
        invoke(input, ctx, |payload, _| block_on(handler(payload)))
    }
}

/// A lambda_runtime handler: `async fn(LambdaEvent<I>) -> Result<O, E>`. The event's
/// `Context` carries a request id and the invoked function's name or ARN.
#[cfg(feature = "lambda_runtime")]
pub fn from_event_fn<I, O, E, F, Fut>(handler: F) -> impl TaskHandler + 'static
where
    F: Fn(lambda_runtime::LambdaEvent<I>) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<O, E>>,
    I: DeserializeOwned,
    O: Serialize,
    E: Into<LambdaError>,
{
    move |input: &Value, ctx: &TaskContext| {
        invoke(input, ctx, |payload, request: &Request| {
            let mut context = lambda_runtime::Context::default();
            context.request_id = request.request_id.clone();
            context.invoked_function_arn = request.function.clone();
            block_on(handler(lambda_runtime::LambdaEvent::new(payload, context)))
        })
    }
}

/// The executor of a workflow, for a `#[sfn::workflow_module]` module's `executor()`.
///
/// # Panics
///
/// When the definition cannot be run, which the module's compile-time checks rule out.
pub fn executor_for(workflow: &crate::Workflow) -> Executor {
    match workflow.executor() {
        Ok(executor) => executor,
        Err(e) => panic!("the definition of {} cannot be run: {e}", workflow.name()),
    }
}

/// Binds a handler to a state, for a `#[sfn::workflow_module]` module's `executor()`.
///
/// # Panics
///
/// When the workflow has no Task state `state`, which the module's compile-time checks rule
/// out.
pub fn bind(executor: Executor, state: &str, handler: impl TaskHandler + 'static) -> Executor {
    match executor.on_state(state, handler) {
        Ok(executor) => executor,
        Err(e) => panic!("cannot bind the handler of state `{state}`: {e}"),
    }
}

/// One invocation as the function sees it.
struct Request {
    /// The function's name or ARN (the event's `invoked_function_arn`).
    #[cfg_attr(not(feature = "lambda_runtime"), allow(dead_code))]
    function: String,
    /// Whether the state uses the `lambda:invoke` integration (else the function ARN).
    invoke: bool,
    /// `InvocationType` of a `lambda:invoke` request.
    invocation_type: String,
    payload: Value,
    request_id: String,
}

impl Request {
    fn of(input: &Value, ctx: &TaskContext) -> Request {
        let invoke = ctx.resource().starts_with("arn:aws:states:::lambda:invoke");
        let field = |name: &str| input.get(name).and_then(Value::as_str).unwrap_or_default();
        let (function, payload, invocation_type) = if invoke {
            (
                field("FunctionName").to_owned(),
                // Lambda receives an empty payload as `null` for a Rust handler's purposes.
                input.get("Payload").cloned().unwrap_or(Value::Null),
                field("InvocationType").to_owned(),
            )
        } else {
            (ctx.resource().to_owned(), input.clone(), String::new())
        };
        Request {
            request_id: request_id(ctx),
            function,
            invoke,
            invocation_type,
            payload,
        }
    }
}

/// Calls `call` with the deserialized payload and shapes its outcome as the service does.
fn invoke<I, O, E>(
    input: &Value,
    ctx: &TaskContext,
    call: impl FnOnce(I, &Request) -> Result<O, E>,
) -> Result<Value, TaskFailure>
where
    I: DeserializeOwned,
    O: Serialize,
    E: Into<LambdaError>,
{
    let request = Request::of(input, ctx);
    if request.invocation_type == "DryRun" {
        // DryRun checks permissions and parameters without running the function.
        return Ok(request.response(Value::String(String::new()), 204));
    }
    let outcome = run(&request, call);
    if request.invocation_type == "Event" {
        // An asynchronous invocation is accepted at once; the function's own failure does
        // not reach the workflow.
        return Ok(request.response(Value::String(String::new()), 202));
    }
    outcome
        .map(|payload| request.response(payload, 200))
        .map_err(LambdaError::into_task_failure)
}

fn run<I, O, E>(
    request: &Request,
    call: impl FnOnce(I, &Request) -> Result<O, E>,
) -> Result<Value, LambdaError>
where
    I: DeserializeOwned,
    O: Serialize,
    E: Into<LambdaError>,
{
    // The function receives bytes; deserializing them (not the `Value`) gives serde's
    // messages with the same line and column as the deployed runtime.
    let bytes = serde_json::to_vec(&request.payload).unwrap_or_default();
    let mut reader = serde_json::Deserializer::from_slice(&bytes);
    let payload: I =
        serde_path_to_error::deserialize(&mut reader).map_err(|e| error::deserialize_error(&e))?;
    match catch_unwind(AssertUnwindSafe(|| call(payload, request))) {
        Ok(Ok(output)) => serde_json::to_value(output).map_err(|e| LambdaError::of_value(&e)),
        Ok(Err(e)) => Err(e.into()),
        Err(panic) => Err(error::panic_error(&panic)),
    }
}

impl Request {
    /// The integration's response for a result.
    fn response(&self, payload: Value, status: u16) -> Value {
        if !self.invoke {
            return payload;
        }
        json!({
            "ExecutedVersion": "$LATEST",
            "Payload": payload,
            "SdkHttpMetadata": {
                "AllHttpHeaders": {
                    "Content-Type": ["application/json"],
                    "X-Amz-Executed-Version": ["$LATEST"],
                    "x-amzn-RequestId": [self.request_id],
                },
                "HttpHeaders": {
                    "Content-Type": "application/json",
                    "X-Amz-Executed-Version": "$LATEST",
                    "x-amzn-RequestId": self.request_id,
                },
                "HttpStatusCode": status,
            },
            "SdkResponseMetadata": { "RequestId": self.request_id },
            "StatusCode": status,
        })
    }
}

/// A request id in UUID form, the same for the same execution, state and attempt (runs are
/// reproducible).
fn request_id(ctx: &TaskContext) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    ctx.context()
        .pointer("/Execution/Id")
        .and_then(Value::as_str)
        .hash(&mut hasher);
    ctx.state_name().hash(&mut hasher);
    ctx.retry_count().hash(&mut hasher);
    let a = hasher.finish();
    a.hash(&mut hasher);
    let b = hasher.finish();
    let hex = format!("{a:016x}{b:016x}");
    format!(
        "{}-{}-4{}-a{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..32]
    )
}
