//! `Task`: calls a handler (a mock, a closure per state or per resource), on the virtual
//! clock, with `TimeoutSeconds`/`HeartbeatSeconds` and `.waitForTaskToken`.

use std::panic::{AssertUnwindSafe, catch_unwind};

use serde_json::{Map, Value, json};

use crate::asl::{IntOrExpr, QueryLanguage, State, Task};
use crate::exec::context;
use crate::exec::data::Data;
use crate::exec::engine::{Run, Step};
use crate::exec::errors::{Failure, names};
use crate::exec::handlers::{TaskContext, TaskToken, TokenOutcome, base_resource};
use crate::exec::history::details;
use crate::exec::mock_config::MockResponse;
use crate::exec::pipeline::{Extra, in_state};
use crate::exec::scope::Vars;
use crate::exec::size::{MAX_PAYLOAD_BYTES, json_size};
use crate::exec::test_state::Stage;

/// Event names of a task: legacy Lambda ARNs report `LambdaFunction*`, everything else `Task*`.
struct TaskEvents {
    scheduled: &'static str,
    started: &'static str,
    succeeded: &'static str,
    failed: &'static str,
    timed_out: &'static str,
}

fn task_events(resource: &str) -> TaskEvents {
    if resource.starts_with("arn:aws:lambda:") {
        TaskEvents {
            scheduled: "LambdaFunctionScheduled",
            started: "LambdaFunctionStarted",
            succeeded: "LambdaFunctionSucceeded",
            failed: "LambdaFunctionFailed",
            timed_out: "LambdaFunctionTimedOut",
        }
    } else {
        TaskEvents {
            scheduled: "TaskScheduled",
            started: "TaskStarted",
            succeeded: "TaskSucceeded",
            failed: "TaskFailed",
            timed_out: "TaskTimedOut",
        }
    }
}

/// `arn:aws:states:::lambda:invoke` -> `("lambda", "invoke")`, as TaskScheduled reports them.
fn resource_parts(resource: &str) -> (String, String) {
    match resource
        .strip_prefix("arn:aws:states:::")
        .and_then(|rest| rest.split_once(':'))
    {
        Some((service, action)) => (service.to_owned(), action.to_owned()),
        None => (String::new(), resource.to_owned()),
    }
}

impl<'e> Run<'e> {
    pub(crate) fn task(
        &mut self,
        name: &'e str,
        state: &'e State,
        t: &'e Task,
        raw: Data,
        vars: &mut Vars,
    ) -> Result<Step<'e>, Failure> {
        let language = self.language_of(t.query_language);
        self.with_error_handling(name, state, &raw, vars, |run, vars| {
            let token = run.prepare_token(name, t);
            match language {
                QueryLanguage::JsonPath => {
                    let effective = run.input_path(name, &t.input_path, &raw, vars)?;
                    run.note(Stage::AfterInputPath, &effective);
                    let (timeout, heartbeat) = run.task_timeouts(name, t, &effective, vars)?;
                    let params = run.parameters(name, &t.parameters, effective, vars)?;
                    run.note(Stage::AfterParameters, &params);
                    let result = run.invoke(name, t, &params, token, timeout, heartbeat)?;
                    run.note(Stage::Result, &result);
                    let selected = match &t.result_selector {
                        Some(selector) => {
                            run.render(name, "ResultSelector", selector, &result, vars)?
                        }
                        None => result,
                    };
                    run.note(Stage::AfterResultSelector, &selected);
                    let assigned = run.assign_jsonpath(name, &t.assign, &selected, vars)?;
                    let output = run
                        .result_path(name, &t.result_path, raw.clone(), selected.into())?
                        .into_owned();
                    run.note(Stage::AfterResultPath, &output);
                    Ok((
                        run.filter_path(name, "OutputPath", &t.output_path, output, vars)?,
                        assigned,
                    ))
                }
                QueryLanguage::Jsonata => {
                    let arguments = run.arguments(name, &t.arguments, &raw, vars)?;
                    run.note(Stage::AfterParameters, &arguments);
                    let (timeout, heartbeat) = run.task_timeouts(name, t, &raw, vars)?;
                    let result = run.invoke(name, t, &arguments, token, timeout, heartbeat)?;
                    run.note(Stage::Result, &result);
                    let extra = Extra {
                        result: Some(&result),
                        error_output: None,
                    };
                    let assigned = run.assign_jsonata(name, &t.assign, &raw, extra, vars)?;
                    let output = match &t.output {
                        Some(output) => run.jsonata(name, "Output", output, &raw, extra, vars)?,
                        None => result,
                    };
                    Ok((output, assigned))
                }
            }
        })
    }

    /// For `.waitForTaskToken`, makes a token and puts it at `$$.Task.Token`.
    fn prepare_token(&mut self, name: &str, t: &Task) -> Option<TaskToken> {
        if !t.resource.ends_with(".waitForTaskToken") {
            return None;
        }
        self.token_seq += 1;
        let token = TaskToken::new(format!(
            "{}-{}-{}-{}",
            self.exec.execution_name,
            name.replace(' ', "_"),
            self.token_seq,
            self.rng.next_u64() % 1_000_000
        ));
        context::set_member(
            &mut self.context,
            "Task",
            Some(json!({"Token": token.token()})),
        );
        Some(token)
    }

    /// `TimeoutSeconds`/`TimeoutSecondsPath` and `HeartbeatSeconds`/`HeartbeatSecondsPath`.
    fn task_timeouts(
        &mut self,
        name: &'e str,
        t: &'e Task,
        input: &Value,
        vars: &Map<String, Value>,
    ) -> Result<(Option<u64>, Option<u64>), Failure> {
        let timeout = self.seconds_field(
            name,
            "TimeoutSeconds",
            &t.timeout_seconds,
            &t.timeout_seconds_path,
            input,
            vars,
        )?;
        let heartbeat = self.seconds_field(
            name,
            "HeartbeatSeconds",
            &t.heartbeat_seconds,
            &t.heartbeat_seconds_path,
            input,
            vars,
        )?;
        Ok((timeout, heartbeat))
    }

    fn seconds_field(
        &mut self,
        name: &'e str,
        field: &str,
        value: &'e Option<IntOrExpr>,
        path: &'e Option<String>,
        input: &Value,
        vars: &Map<String, Value>,
    ) -> Result<Option<u64>, Failure> {
        let (value, error) = match (value, path) {
            (Some(IntOrExpr::Int(n)), _) => return Ok(Some(*n)),
            (Some(IntOrExpr::Expr(source)), _) => (
                self.jsonata_str(name, field, source, input, vars)?,
                names::QUERY_EVALUATION_ERROR,
            ),
            (None, Some(source)) => (
                self.select(name, &format!("{field}Path"), source, input, vars)?,
                names::RUNTIME,
            ),
            (None, None) => return Ok(None),
        };
        match value.as_u64() {
            Some(n) if n > 0 => Ok(Some(n)),
            _ => Err(in_state(
                Failure::new(
                    error,
                    format!("{field} must be a positive integer, got {value}"),
                ),
                name,
                self.entered_event,
            )),
        }
    }

    /// Calls the task's handler (or mock) and applies its timeouts on the virtual clock.
    fn invoke(
        &mut self,
        name: &'e str,
        t: &'e Task,
        input: &Value,
        token: Option<TaskToken>,
        timeout: Option<u64>,
        heartbeat: Option<u64>,
    ) -> Result<Value, Failure> {
        let events = task_events(&t.resource);
        let (resource_type, resource) = resource_parts(&t.resource);
        self.event(events.scheduled, || {
            let mut d = details([
                ("resourceType", Value::String(resource_type.clone())),
                ("resource", Value::String(resource.clone())),
                ("region", Value::String("us-east-1".into())),
                ("parameters", input.clone()),
            ]);
            if let Some(timeout) = timeout {
                d.insert("timeoutInSeconds", Value::from(timeout));
            }
            if let Some(heartbeat) = heartbeat {
                d.insert("heartbeatInSeconds", Value::from(heartbeat));
            }
            d
        })?;
        self.event(events.started, || {
            details([
                ("resourceType", Value::String(resource_type.clone())),
                ("resource", Value::String(resource.clone())),
            ])
        })?;
        let (outcome, elapsed_ms, silence_ms) = self.call(name, t, input, token.as_ref())?;
        let fail_timeout =
            |run: &mut Run<'e>, after_s: u64, heartbeat: bool| -> Result<Value, Failure> {
                run.advance(i64::try_from(after_s.saturating_mul(1000)).unwrap_or(i64::MAX))?;
                let what = if heartbeat {
                    "HeartbeatSeconds"
                } else {
                    "TimeoutSeconds"
                };
                let cause = format!(
                    "the task of state '{name}' did not complete within its {what} ({after_s} s)"
                );
                run.event(events.timed_out, || {
                    details([
                        ("error", Value::String(names::TIMEOUT.into())),
                        ("cause", Value::String(cause.clone())),
                    ])
                })?;
                Err(Failure {
                    heartbeat,
                    ..Failure::new(names::TIMEOUT, cause)
                })
            };
        if let Some(heartbeat_s) = heartbeat.filter(|h| silence_ms > h.saturating_mul(1000)) {
            return fail_timeout(self, heartbeat_s, true);
        }
        if let Some(timeout_s) = timeout.filter(|t| elapsed_ms > t.saturating_mul(1000)) {
            return fail_timeout(self, timeout_s, false);
        }
        self.advance(i64::try_from(elapsed_ms).unwrap_or(i64::MAX))?;
        match outcome {
            Ok(result) => {
                if json_size(&result, MAX_PAYLOAD_BYTES) > MAX_PAYLOAD_BYTES {
                    // AWS-recorded: an oversized task result can be caught by States.ALL.
                    let failure = Failure::new(
                        names::DATA_LIMIT_EXCEEDED,
                        // Recorded against AWS.
                        format!(
                            "The state/task '{name}' returned a result with a size exceeding the maximum number of bytes service limit."
                        ),
                    );
                    self.task_failed(events.failed, &failure)?;
                    return Err(failure);
                }
                self.event(events.succeeded, || {
                    details([
                        ("resourceType", Value::String(resource_type.clone())),
                        ("resource", Value::String(resource.clone())),
                        ("output", result.clone()),
                    ])
                })?;
                Ok(result)
            }
            Err(failure) => {
                self.task_failed(events.failed, &failure)?;
                Err(failure)
            }
        }
    }

    fn task_failed(&mut self, event: &'static str, failure: &Failure) -> Result<(), Failure> {
        self.event(event, || crate::exec::history::failure_details(failure))
    }

    /// Runs the mock or handler: `(outcome, virtual ms taken, longest ms without heartbeat)`.
    /// An outer `Err` is a failure no Retry/Catch handles (no handler, mocks exhausted).
    #[allow(clippy::type_complexity)]
    fn call(
        &mut self,
        name: &'e str,
        t: &'e Task,
        input: &Value,
        token: Option<&TaskToken>,
    ) -> Result<(Result<Value, Failure>, u64, u64), Failure> {
        if let Some(mocks) = &self.exec.mocks {
            let counter = self.mock_counters.entry(name).or_insert(0);
            let index = *counter;
            *counter += 1;
            match mocks.response(name, index) {
                Some(Some(MockResponse::Return(value))) => {
                    return Ok((Ok(lambda_payload(&t.resource, value)), 0, 0));
                }
                Some(Some(MockResponse::Throw { error, cause })) => {
                    return Ok((Err(Failure::new(error.clone(), cause.clone())), 0, 0));
                }
                Some(None) => {
                    let set = mocks.response_set(name).unwrap_or_default();
                    return Err(Failure::runtime(format!(
                        "the mocked responses of state '{name}' (response set `{set}` of test case `{}`) are exhausted at invocation {index} (0-based)",
                        mocks.name()
                    )));
                }
                None => {}
            }
        }
        let handler = self
            .exec
            .state_handlers
            .get(name)
            .or_else(|| self.exec.resource_handlers.get(t.resource.as_str()))
            .or_else(|| self.exec.resource_handlers.get(base_resource(&t.resource)))
            .cloned();
        let Some(handler) = handler else {
            return Err(Failure::runtime(format!(
                "no handler for Task state '{name}' (resource `{}`): register one with Executor::on_state or on_resource, or mock it",
                t.resource
            )));
        };
        let retry_count = self
            .context
            .get("State")
            .and_then(|s| s.get("RetryCount"))
            .and_then(Value::as_u64)
            .unwrap_or(0);
        let ctx = TaskContext::new(
            name,
            &t.resource,
            &self.context,
            retry_count,
            token.cloned(),
        );
        let outcome = match catch_unwind(AssertUnwindSafe(|| handler(input, &ctx))) {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(failure)) => Err(Failure::new(failure.error, failure.cause)),
            Err(panic) => {
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "(no message)".into());
                Err(Failure::new(
                    names::TASK_FAILED,
                    format!("the handler of state '{name}' panicked: {message}"),
                ))
            }
        };
        ctx.advance(0.0);
        let (elapsed, silence) = (ctx.elapsed_ms.get(), ctx.max_silence_ms.get());
        drop(ctx);
        let outcome = match (outcome, token) {
            (Ok(_), Some(token)) => {
                self.event("TaskSubmitted", || {
                    details([("resource", Value::String(t.resource.clone()))])
                })?;
                // On the virtual clock (the default) a token still open when the handler
                // returns is never answered: the task runs "forever", so its own
                // TimeoutSeconds/HeartbeatSeconds, else the execution's timeout, decides,
                // at that virtual time. Real-time waiting only when a test asked for it.
                let answer = match self.exec.token_wait {
                    Some(limit) => token.wait(limit),
                    None => token.outcome(),
                };
                match answer {
                    Some(TokenOutcome::Success(output)) => Ok(output),
                    Some(TokenOutcome::Failure(failure)) => {
                        Err(Failure::new(failure.error, failure.cause))
                    }
                    None if self.exec.token_wait.is_none() => {
                        let never = Failure::new(
                            names::TIMEOUT,
                            format!("the task token of state '{name}' was never completed"),
                        );
                        return Ok((Err(never), u64::MAX, u64::MAX));
                    }
                    None => {
                        return Err(Failure::terminal(
                            names::TIMEOUT,
                            format!(
                                "the task token of state '{name}' was not completed within {:?} of real time (Executor::with_token_wait)",
                                self.exec.token_wait.unwrap_or_default()
                            ),
                        ));
                    }
                }
            }
            (outcome, _) => outcome,
        };
        // A value no reader would produce is refused before anything walks it recursively.
        let outcome = match outcome {
            Ok(value) if crate::limits::deeper_than(&value, crate::limits::MAX_JSON_DEPTH) => {
                crate::limits::drop_deep(value);
                Err(Failure::terminal(
                    names::RUNTIME,
                    crate::limits::too_deep_cause(&format!("the result of state '{name}'")),
                ))
            }
            outcome => outcome,
        };
        Ok((outcome, elapsed, silence))
    }
}

/// A mocked answer for a Task whose `Resource` is a plain Lambda function ARN: a mock
/// written as the Invoke API's response (`{"StatusCode", "Payload"}`) gives the Payload, as
/// the function itself would (Step Functions Local's mocked Lambda responses are written
/// that way; only `arn:aws:states:::lambda:invoke` returns the whole response).
fn lambda_payload(resource: &str, value: &Value) -> Value {
    let plain_function = resource.starts_with("arn:aws:lambda:") && resource.contains(":function:");
    match value {
        Value::Object(response)
            if plain_function
                && response.contains_key("StatusCode")
                && response.contains_key("Payload") =>
        {
            response.get("Payload").cloned().unwrap_or(Value::Null)
        }
        other => other.clone(),
    }
}
