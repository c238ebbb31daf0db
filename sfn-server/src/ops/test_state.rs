//! TestState: the executor's single-state test (sfn-runtime `TestState`) in the API's
//! request/response shape: a state (or a machine and `stateName`), its input, variables, a
//! mocked result or error, `stateConfiguration.retrierRetryCount`, and the inspection
//! level (`INFO`: status, output, error, next state; `DEBUG`/`TRACE`: also what each
//! stage of the data flow produced, and which retrier or catcher applied).

use serde::Deserialize;
use serde_json::{Map, Value, json};
use sfn_runtime::asl::StateMachine;
use sfn_runtime::exec::{TestState, TestStateResult};

use super::executions::MAX_PAYLOAD;
use super::machines::MAX_DEFINITION;
use crate::api::checks::Checks;
use crate::api::error::ApiError;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MockErrorInput {
    error: Option<String>,
    cause: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MockInput {
    result: Option<String>,
    error_output: Option<MockErrorInput>,
    field_validation_mode: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StateConfigurationInput {
    retrier_retry_count: Option<i64>,
    error_caused_by_state: Option<String>,
    map_iteration_failure_count: Option<i64>,
    map_item_reader_data: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TestStateInput {
    definition: Option<String>,
    role_arn: Option<String>,
    input: Option<String>,
    inspection_level: Option<String>,
    reveal_secrets: Option<bool>,
    variables: Option<String>,
    state_name: Option<String>,
    mock: Option<MockInput>,
    context: Option<String>,
    state_configuration: Option<StateConfigurationInput>,
}

fn invalid_definition(why: impl std::fmt::Display) -> ApiError {
    ApiError::new(
        "InvalidDefinition",
        format!("Invalid State Machine Definition: '{why}'"),
    )
}

/// Builds the test from a request, or the service's error for it.
fn build(input: TestStateInput) -> Result<(TestState, bool, bool), ApiError> {
    let mut checks = Checks::new();
    let definition = checks.required("definition", input.definition);
    checks.length("definition", definition.as_deref(), 1, MAX_DEFINITION);
    checks.length("roleArn", input.role_arn.as_deref(), 1, 256);
    checks.length("input", input.input.as_deref(), 0, MAX_PAYLOAD);
    checks.length("variables", input.variables.as_deref(), 0, MAX_PAYLOAD);
    checks.length("stateName", input.state_name.as_deref(), 1, 80);
    checks.one_of(
        "inspectionLevel",
        input.inspection_level.as_deref(),
        &["INFO", "DEBUG", "TRACE"],
    );
    if let Some(mock) = &input.mock {
        checks.length("mock.result", mock.result.as_deref(), 0, MAX_PAYLOAD);
        checks.one_of(
            "mock.fieldValidationMode",
            mock.field_validation_mode.as_deref(),
            &["STRICT", "PRESENT", "NONE"],
        );
    }
    let retries = input
        .state_configuration
        .as_ref()
        .and_then(|c| c.retrier_retry_count);
    checks.range(
        "stateConfiguration.retrierRetryCount",
        retries,
        0,
        99_999_999,
    );
    checks.finish()?;
    // Members the executor's TestState cannot honour are refused, not ignored.
    if input.context.is_some() {
        return Err(ApiError::validation(
            "context is not supported by sfn serve's TestState: the state sees the executor's context object",
        ));
    }
    if let Some(config) = &input.state_configuration
        && (config.error_caused_by_state.is_some()
            || config.map_iteration_failure_count.is_some()
            || config.map_item_reader_data.is_some())
    {
        return Err(ApiError::validation(
            "stateConfiguration supports retrierRetryCount only in sfn serve's TestState",
        ));
    }
    let definition = definition.unwrap_or_default();
    let parsed: Value = serde_json::from_str(&definition).map_err(invalid_definition)?;
    let jsonata = |v: &Value| v.get("QueryLanguage").and_then(Value::as_str) == Some("JSONata");
    let (test, is_jsonata) = match &input.state_name {
        Some(name) => {
            let machine = StateMachine::from_value(parsed.clone()).map_err(invalid_definition)?;
            let state = parsed.get("States").and_then(|s| s.get(name));
            let is_jsonata = state.is_some_and(jsonata) || jsonata(&parsed);
            let test = TestState::in_machine(&machine, name)
                .map_err(|e| ApiError::validation(format!("stateName '{name}': {}", e.message)))?;
            (test, is_jsonata)
        }
        None if parsed.get("States").is_some() => {
            return Err(ApiError::validation(
                "the definition is a state machine: give stateName to say which state to test",
            ));
        }
        None => {
            let test = TestState::state(&parsed).map_err(|e| invalid_definition(&e.message))?;
            (test, jsonata(&parsed))
        }
    };
    let state_input: Value =
        serde_json::from_str(input.input.as_deref().unwrap_or("{}")).map_err(|e| {
            ApiError::new(
                "InvalidExecutionInput",
                format!("Invalid State Machine Execution Input: '{e}'"),
            )
        })?;
    let mut test = test.input(state_input);
    if let Some(variables) = &input.variables {
        let variables: Map<String, Value> = serde_json::from_str(variables)
            .map_err(|e| ApiError::validation(format!("variables must be a JSON object: {e}")))?;
        test = test.variables(variables);
    }
    if let Some(mock) = input.mock {
        test = match (mock.result, mock.error_output) {
            (Some(_), Some(_)) => {
                return Err(ApiError::validation(
                    "A mock has either a result or an errorOutput, not both",
                ));
            }
            (Some(result), None) => {
                let result: Value = serde_json::from_str(&result)
                    .map_err(|e| ApiError::validation(format!("mock.result is not JSON: {e}")))?;
                test.mock_result(result)
            }
            (None, Some(error)) => test.mock_error(
                error.error.as_deref().unwrap_or_default(),
                error.cause.as_deref().unwrap_or_default(),
            ),
            (None, None) => test,
        };
    }
    if let Some(count) = retries {
        test = test.retrier_retry_count(u64::try_from(count).unwrap_or(0));
    }
    let debug = matches!(input.inspection_level.as_deref(), Some("DEBUG" | "TRACE"));
    // revealSecrets matters for HTTP Task requests, which the executor does not make.
    let _ = input.reveal_secrets;
    Ok((test, debug, is_jsonata))
}

pub async fn test_state(input: TestStateInput) -> Result<Value, ApiError> {
    let (test, debug, jsonata) = build(input)?;
    let result = tokio::task::spawn_blocking(move || test.run())
        .await
        .map_err(|e| ApiError {
            status: axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            ..ApiError::new(
                "InternalServerError",
                format!("the test thread failed: {e}"),
            )
        })?;
    Ok(respond(&result, debug, jsonata))
}

/// The response members: payloads as JSON text, like the service.
fn respond(result: &TestStateResult, debug: bool, jsonata: bool) -> Value {
    let text = |v: &Value| Value::String(v.to_string());
    let mut out = json!({"status": result.status.as_str()});
    if let Some(output) = &result.output {
        out["output"] = text(output);
    }
    if let Some(error) = &result.error {
        out["error"] = json!(error);
    }
    if let Some(cause) = &result.cause {
        out["cause"] = json!(cause);
    }
    if let Some(next) = &result.next_state {
        out["nextState"] = json!(next);
    }
    if debug {
        let data = &result.inspection;
        let mut inspection = Map::new();
        let after_parameters = if jsonata {
            "afterArguments"
        } else {
            "afterParameters"
        };
        for (key, value) in [
            ("input", &data.input),
            ("afterInputPath", &data.after_input_path),
            (after_parameters, &data.after_parameters),
            ("result", &data.result),
            ("afterResultSelector", &data.after_result_selector),
            ("afterResultPath", &data.after_result_path),
        ] {
            if let Some(value) = value {
                inspection.insert(key.into(), text(value));
            }
        }
        if !data.variables.is_empty() {
            inspection.insert(
                "variables".into(),
                text(&Value::Object(data.variables.clone())),
            );
        }
        let mut details = Map::new();
        if let Some(index) = data.retry_index {
            details.insert("retryIndex".into(), json!(index));
        }
        if let Some(seconds) = data.retry_backoff_interval_seconds {
            // The model's member is an integer number of seconds.
            details.insert(
                "retryBackoffIntervalSeconds".into(),
                json!(seconds.round() as i64),
            );
        }
        if let Some(index) = data.catch_index {
            details.insert("catchIndex".into(), json!(index));
        }
        if !details.is_empty() {
            inspection.insert("errorDetails".into(), Value::Object(details));
        }
        out["inspectionData"] = Value::Object(inspection);
    }
    out
}
