//! `test_state`: runs one state on its own, like the TestState API, and reports what each
//! stage of the pipeline produced (`afterInputPath`, `afterParameters`, `result`,
//! `afterResultSelector`, `afterResultPath`), the status (`SUCCEEDED | FAILED | RETRIABLE |
//! CAUGHT_ERROR`) and the next state.

use std::sync::Arc;

use serde_json::{Map, Value, json};

use super::engine::Run;
use super::errors::ExecError;
use super::handlers::TaskFailure;
use super::{Executor, find_state};
use crate::asl::{State, StateMachine};

/// A pipeline stage recorded by `test_state`.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Stage {
    AfterInputPath,
    AfterParameters,
    Result,
    AfterResultSelector,
    AfterResultPath,
}

/// What `test_state` records while the state runs.
#[derive(Debug, Default)]
pub(crate) struct Inspection {
    pub(crate) state: String,
    pub(crate) data: InspectionData,
    /// `(retrier index, backoff ms)` when a retrier would retry.
    pub(crate) retry: Option<(usize, i64)>,
    pub(crate) catch: Option<usize>,
    pub(crate) retry_count_start: u64,
}

/// The inspection data of a TestState run (JSON payloads after each stage).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InspectionData {
    /// The state's raw input.
    pub input: Option<Value>,
    /// After `InputPath`.
    pub after_input_path: Option<Value>,
    /// After `Parameters` (JSONata: `Arguments`).
    pub after_parameters: Option<Value>,
    /// The task's (or branch/iteration, or Pass) result.
    pub result: Option<Value>,
    /// After `ResultSelector`.
    pub after_result_selector: Option<Value>,
    /// After `ResultPath`.
    pub after_result_path: Option<Value>,
    /// Variables after the state ran.
    pub variables: Map<String, Value>,
    /// The retrier that would retry (0-based), when the status is `RETRIABLE`.
    pub retry_index: Option<usize>,
    /// Its backoff before the retry, in seconds.
    pub retry_backoff_interval_seconds: Option<f64>,
    /// The catcher that caught the error (0-based), when the status is `CAUGHT_ERROR`.
    pub catch_index: Option<usize>,
}

/// The status of a TestState run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TestStatus {
    /// The state completed.
    Succeeded,
    /// The state failed and nothing handles it.
    Failed,
    /// The state failed and a retrier would retry it.
    Retriable,
    /// The state failed and a catcher handled it.
    CaughtError,
}

impl TestStatus {
    /// `SUCCEEDED`, `FAILED`, `RETRIABLE`, `CAUGHT_ERROR`.
    pub const fn as_str(self) -> &'static str {
        match self {
            TestStatus::Succeeded => "SUCCEEDED",
            TestStatus::Failed => "FAILED",
            TestStatus::Retriable => "RETRIABLE",
            TestStatus::CaughtError => "CAUGHT_ERROR",
        }
    }
}

/// The result of a TestState run.
#[derive(Debug, Clone, PartialEq)]
pub struct TestStateResult {
    /// The status.
    pub status: TestStatus,
    /// The state's output (SUCCEEDED, CAUGHT_ERROR).
    pub output: Option<Value>,
    /// The error (FAILED, RETRIABLE, CAUGHT_ERROR).
    pub error: Option<String>,
    /// The cause.
    pub cause: Option<String>,
    /// The next state (`None` at the end of its scope or on failure).
    pub next_state: Option<String>,
    /// What each pipeline stage produced.
    pub inspection: InspectionData,
}

/// A single-state test, built like the TestState request.
///
/// ```
/// use sfn_runtime::exec::{TestState, TestStatus};
/// use serde_json::json;
///
/// let result = TestState::state(&json!({
///     "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
///     "ResultSelector": {"total.$": "$.Payload.total"}, "ResultPath": "$.order", "Next": "Ship"
/// })).unwrap()
///     .input(json!({"id": 7}))
///     .mock_result(json!({"Payload": {"total": 12}}))
///     .run();
/// assert_eq!(result.status, TestStatus::Succeeded);
/// assert_eq!(result.output, Some(json!({"id": 7, "order": {"total": 12}})));
/// assert_eq!(result.next_state.as_deref(), Some("Ship"));
/// ```
#[derive(Debug, Clone)]
pub struct TestState {
    /// Shared with the executor each run builds.
    machine: Arc<StateMachine>,
    state: String,
    input: Value,
    mock: Option<Result<Value, TaskFailure>>,
    variables: Map<String, Value>,
    retrier_retry_count: u64,
}

impl TestState {
    /// Tests one state definition (its `Next`/Catch targets need not exist).
    pub fn state(definition: &Value) -> Result<TestState, ExecError> {
        let state: State = serde_json::from_value(definition.clone())
            .map_err(|e| ExecError::new("", format!("not a state definition: {e}")))?;
        let mut states = Map::new();
        for target in state.targets() {
            states.insert(target.to_owned(), json!({"Type": "Succeed"}));
        }
        states.insert("TestState".into(), definition.clone());
        let machine = StateMachine::from_value(json!({"StartAt": "TestState", "States": states}))
            .map_err(|e| ExecError::new("", format!("not a state definition: {e}")))?;
        Ok(TestState::with_machine(machine, "TestState"))
    }

    /// Tests the state `name` of a whole machine (at any depth).
    pub fn in_machine(machine: &StateMachine, name: &str) -> Result<TestState, ExecError> {
        if find_state(&machine.states, name).is_none() {
            return Err(ExecError::new("", format!("no state named `{name}`")));
        }
        Ok(TestState::with_machine(machine.clone(), name))
    }

    fn with_machine(machine: StateMachine, state: &str) -> TestState {
        TestState {
            machine: Arc::new(machine),
            state: state.to_owned(),
            input: json!({}),
            mock: None,
            variables: Map::new(),
            retrier_retry_count: 0,
        }
    }

    /// The state's input (default `{}`).
    pub fn input(mut self, input: Value) -> TestState {
        self.input = input;
        self
    }

    /// The Task's result (`mock.result`).
    pub fn mock_result(mut self, result: Value) -> TestState {
        self.mock = Some(Ok(result));
        self
    }

    /// The Task's failure (`mock.errorOutput`).
    pub fn mock_error(mut self, error: &str, cause: &str) -> TestState {
        self.mock = Some(Err(TaskFailure::new(error, cause)));
        self
    }

    /// Variables visible to the state.
    pub fn variables(mut self, variables: Map<String, Value>) -> TestState {
        self.variables = variables;
        self
    }

    /// Retries already made (`stateConfiguration.retrierRetryCount`).
    pub fn retrier_retry_count(mut self, count: u64) -> TestState {
        self.retrier_retry_count = count;
        self
    }

    /// Runs the state.
    pub fn run(&self) -> TestStateResult {
        let mut executor = Executor::from_machine(Arc::clone(&self.machine));
        // A mock for a state that is not a Task is ignored (as TestState ignores it).
        if let Some(mock) = self.mock.clone()
            && let Ok(with_handler) = executor
                .clone()
                .on_state(&self.state, move |_, _| mock.clone())
        {
            executor = with_handler;
        }
        let Some((name, state)) = find_named(&executor.machine.states, &self.state) else {
            return TestStateResult {
                status: TestStatus::Failed,
                output: None,
                error: Some(super::names::RUNTIME.into()),
                cause: Some(format!("no state named `{}`", self.state)),
                next_state: None,
                inspection: InspectionData::default(),
            };
        };
        let mut run = Run::new(&executor, &self.input);
        run.inspection = Some(Inspection {
            state: self.state.clone(),
            data: InspectionData {
                input: Some(self.input.clone()),
                ..InspectionData::default()
            },
            retry_count_start: self.retrier_retry_count,
            ..Inspection::default()
        });
        let mut vars = super::scope::Vars::from_map(self.variables.clone());
        let outcome = run.run_state(name, state, self.input.clone(), &mut vars);
        let inspection = run.inspection.take().unwrap_or_default();
        let mut data = inspection.data;
        data.variables = vars.into_map();
        data.catch_index = inspection.catch;
        if let Some((index, ms)) = inspection.retry {
            data.retry_index = Some(index);
            data.retry_backoff_interval_seconds = Some(ms as f64 / 1000.0);
        }
        match outcome {
            Ok(step) => TestStateResult {
                status: if inspection.catch.is_some() {
                    TestStatus::CaughtError
                } else {
                    TestStatus::Succeeded
                },
                error: inspection.catch.and(
                    step.output
                        .get("Error")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                ),
                cause: inspection.catch.and(
                    step.output
                        .get("Cause")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                ),
                output: Some(step.output.into_owned()),
                next_state: step.next.map(str::to_owned),
                inspection: data,
            },
            Err(failure) => TestStateResult {
                status: if inspection.retry.is_some() {
                    TestStatus::Retriable
                } else {
                    TestStatus::Failed
                },
                output: None,
                error: failure.error,
                cause: failure.cause,
                next_state: None,
                inspection: data,
            },
        }
    }
}

fn find_named<'a>(states: &'a crate::asl::States, name: &str) -> Option<(&'a str, &'a State)> {
    if let Some((key, state)) = states.get_key_value(name) {
        return Some((key.as_str(), state));
    }
    states.values().find_map(|state| match state {
        State::Parallel(p) => p.branches.iter().find_map(|b| find_named(&b.states, name)),
        State::Map(m) => m.processor().and_then(|p| find_named(&p.states, name)),
        _ => None,
    })
}

impl<'e> Run<'e> {
    /// The inspection record, if `test_state` is running and the current state is the one
    /// under test (not a state nested in it).
    pub(crate) fn inspecting(&mut self) -> Option<&mut Inspection> {
        // Checked first: this runs for every pipeline stage of every state.
        self.inspection.as_ref()?;
        let current = self
            .context
            .get("State")
            .and_then(|s| s.get("Name"))
            .and_then(Value::as_str);
        match self.inspection.as_mut() {
            Some(inspection) if current == Some(inspection.state.as_str()) => Some(inspection),
            _ => None,
        }
    }

    /// Records a pipeline stage (only under `test_state`).
    pub(crate) fn note(&mut self, stage: Stage, value: &Value) {
        let Some(inspection) = self.inspecting() else {
            return;
        };
        let slot = match stage {
            Stage::AfterInputPath => &mut inspection.data.after_input_path,
            Stage::AfterParameters => &mut inspection.data.after_parameters,
            Stage::Result => &mut inspection.data.result,
            Stage::AfterResultSelector => &mut inspection.data.after_result_selector,
            Stage::AfterResultPath => &mut inspection.data.after_result_path,
        };
        *slot = Some(value.clone());
    }
}
