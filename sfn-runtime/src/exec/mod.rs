//! Local executor: runs a state machine offline with the service's semantics.
//!
//! - The whole input/output pipeline (InputPath, Parameters, ResultSelector, ResultPath,
//!   OutputPath, Assign; JSONata Arguments/Output/Assign), every state type, Retry with
//!   backoff and jitter, Catch, Map and Parallel, variables and their scopes.
//! - Time is virtual: Wait states, retry intervals and task durations advance a clock,
//!   nothing sleeps. Random values (jitter, `States.UUID`, `$random`) come from a seeded
//!   generator: same definition, input, handlers and seed give the same history.
//! - Tasks run Rust closures ([`Executor::on_state`], [`Executor::on_resource`]) or a Step
//!   Functions Local mock configuration ([`MockConfig`]).
//!
//! ```
//! use sfn_runtime::asl::StateMachine;
//! use sfn_runtime::exec::{Executor, Status};
//! use serde_json::json;
//!
//! let machine = StateMachine::from_json(r#"{"StartAt": "Charge", "States": {
//!     "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
//!                "ResultPath": "$.receipt", "End": true}}}"#).unwrap();
//! let execution = Executor::new(&machine)
//!     .on_state("Charge", |input, _ctx| Ok(json!({"paid": input["amount"]})))
//!     .unwrap()
//!     .run(json!({"amount": 42}));
//! assert_eq!(execution.status, Status::Succeeded);
//! assert_eq!(execution.output, Some(json!({"amount": 42, "receipt": {"paid": 42}})));
//! ```

mod catch;
mod children;
mod choice_eval;
mod clock;
mod compile;
mod context;
mod control;
mod data;
mod details;
mod engine;
mod errors;
mod handlers;
mod history;
mod identity;
mod label;
mod mock_config;
mod names_table;
mod paths;
mod pipeline;
mod random;
mod retry;
mod scope;
mod size;
mod states;
mod template;
mod test_state;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value};

use crate::WorkflowKind;
use crate::asl::{State, StateMachine, States};

pub use children::ChildExecution;
pub use clock::{format_timestamp, parse_timestamp};
pub use control::Control;
pub use errors::{ExecError, Failure, names};
pub use handlers::{Handler, TaskContext, TaskFailure, TaskToken, TokenOutcome};
pub use history::{Details, EventType, HistoryEvent, MAX_EVENTS, Payload};
pub use mock_config::{MockConfig, MockEntry, MockResponse, TestCaseMocks};
pub use size::{MAX_PAYLOAD_BYTES, json_size};
pub use test_state::{InspectionData, TestState, TestStateResult, TestStatus};

/// Runs one state machine, many times. Cheap to clone; `Send + Sync`.
#[derive(Clone)]
pub struct Executor {
    pub(crate) machine: Arc<StateMachine>,
    pub(crate) compiled: Arc<paths::Compiled>,
    /// The state names as JSON strings, for the history.
    pub(crate) name_values: Arc<names_table::NameValues>,
    pub(crate) state_handlers: HashMap<String, Handler>,
    pub(crate) resource_handlers: HashMap<String, Handler>,
    pub(crate) mocks: Option<TestCaseMocks>,
    pub(crate) seed: u64,
    pub(crate) start_ms: i64,
    pub(crate) record_history: bool,
    pub(crate) machine_name: String,
    pub(crate) execution_name: String,
    pub(crate) token_wait: Option<Duration>,
    pub(crate) kind: WorkflowKind,
    pub(crate) control: Option<Control>,
    /// How many events the last run recorded: the next run's history starts with that
    /// capacity instead of growing (and copying) its way there.
    pub(crate) events_hint: Arc<std::sync::atomic::AtomicUsize>,
}

/// How an execution ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// `SUCCEEDED`.
    Succeeded,
    /// `FAILED`.
    Failed,
    /// `TIMED_OUT`: the machine's `TimeoutSeconds` passed.
    TimedOut,
}

impl Status {
    /// The service's spelling: `SUCCEEDED`, `FAILED`, `TIMED_OUT`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Succeeded => "SUCCEEDED",
            Status::Failed => "FAILED",
            Status::TimedOut => "TIMED_OUT",
        }
    }
}

/// The result of one execution.
#[derive(Debug, Clone, PartialEq)]
pub struct Execution {
    /// How it ended.
    pub status: Status,
    /// The output (when it succeeded).
    pub output: Option<Value>,
    /// The error name (when it failed; `None` for a Fail state without `Error`).
    pub error: Option<String>,
    /// The cause (when it failed and one was given).
    pub cause: Option<String>,
    /// Every state entered, in order (nested Parallel/Map states included).
    pub states_visited: Vec<String>,
    /// The history events (empty when recording is off).
    pub history: Vec<HistoryEvent>,
    /// Virtual time the execution took, in milliseconds.
    pub duration_ms: i64,
    /// The definition that ran (what [`Execution::write_view`] draws).
    pub machine: Arc<StateMachine>,
    /// The state machine's name (`$$.StateMachine.Name`).
    pub machine_name: String,
    /// The histories of distributed Map child executions, in the order they ran (empty
    /// when recording is off; bounded, see [`ChildExecution`]).
    pub child_executions: Vec<ChildExecution>,
}

impl Execution {
    /// Whether the execution succeeded.
    pub fn succeeded(&self) -> bool {
        self.status == Status::Succeeded
    }

    /// `{"status":"SUCCEEDED","output":..}` or `{"status":"FAILED","error":..,"cause":..}`,
    /// plus `"history"` when asked.
    pub fn to_json(&self, with_history: bool) -> Value {
        let mut object = Map::new();
        object.insert("status".into(), Value::String(self.status.as_str().into()));
        match self.status {
            Status::Succeeded => {
                object.insert("output".into(), self.output.clone().unwrap_or(Value::Null));
            }
            Status::Failed | Status::TimedOut => {
                object.insert(
                    "error".into(),
                    self.error.clone().map_or(Value::Null, Value::String),
                );
                object.insert(
                    "cause".into(),
                    self.cause.clone().map_or(Value::Null, Value::String),
                );
            }
        }
        if with_history {
            let mut texts = history::PayloadTexts::default();
            object.insert(
                "history".into(),
                Value::Array(
                    self.history
                        .iter()
                        .map(|event| event.to_json_with(&mut texts))
                        .collect(),
                ),
            );
        }
        Value::Object(object)
    }

    /// Writes [`to_json`](Self::to_json) as compact JSON text, one history event at a
    /// time: a long history with large payloads is never held as one JSON tree.
    pub fn write_json(
        &self,
        with_history: bool,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        let head = self.to_json(false).to_string();
        if !with_history {
            return out.write_all(head.as_bytes());
        }
        // `{...}` without its closing brace, then `"history":[...]}`.
        let open = head.strip_suffix('}').unwrap_or(&head);
        out.write_all(open.as_bytes())?;
        let member: &[u8] = if open.len() > 1 {
            b",\"history\":["
        } else {
            b"\"history\":["
        };
        out.write_all(member)?;
        let mut texts = history::PayloadTexts::default();
        for (i, event) in self.history.iter().enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            serde_json::to_writer(&mut *out, &event.to_json_with(&mut texts))?;
        }
        out.write_all(b"]}")
    }
}

impl Executor {
    /// An executor for a state machine: every path, intrinsic and JSONata expression is
    /// parsed here, once. The executor keeps a copy of `machine`; see
    /// [`Executor::from_machine`] to hand it over instead.
    pub fn new(machine: &StateMachine) -> Executor {
        Executor::from_machine(machine.clone())
    }

    /// [`Executor::new`] for a machine given by value or as an `Arc`: kept as it is, not
    /// copied (a copy of a large definition costs more than the rest of the set-up).
    pub fn from_machine(machine: impl Into<Arc<StateMachine>>) -> Executor {
        let machine = machine.into();
        // One walk to count the states sizes the tables once instead of regrowing them.
        let count = count_states(&machine.states);
        let name_values = Arc::new(names_table::NameValues::of(&machine.states, count));
        let compiled = Arc::new(compile::compile(&machine, count));
        Executor {
            machine,
            compiled,
            name_values,
            state_handlers: HashMap::new(),
            resource_handlers: HashMap::new(),
            mocks: None,
            seed: 0,
            start_ms: clock::DEFAULT_START_MS,
            record_history: true,
            events_hint: Arc::default(),
            machine_name: "StateMachine".into(),
            execution_name: "local-execution".into(),
            token_wait: None,
            kind: WorkflowKind::Standard,
            control: None,
        }
    }

    /// An executor for an ASL document given as JSON text.
    pub fn from_json(text: &str) -> Result<Executor, ExecError> {
        StateMachine::from_json(text)
            .map(Executor::from_machine)
            .map_err(|e| ExecError::new("", format!("not a state machine definition: {e}")))
    }

    /// The definition this executor runs.
    pub fn machine(&self) -> &StateMachine {
        &self.machine
    }

    /// Handles the Task state `name` (at any nesting depth) with a closure. An unknown state
    /// name, or a state that is not a Task, is an error here rather than a silent no-op.
    pub fn on_state<F>(mut self, name: &str, handler: F) -> Result<Executor, ExecError>
    where
        F: Fn(&Value, &TaskContext) -> Result<Value, TaskFailure> + Send + Sync + 'static,
    {
        match find_state(&self.machine.states, name) {
            Some(State::Task(_)) => {
                self.state_handlers
                    .insert(name.to_owned(), Arc::new(handler));
                Ok(self)
            }
            Some(other) => Err(ExecError::new(
                format!("/States/{name}"),
                format!(
                    "`{name}` is a {} state; only Task states take handlers",
                    other.state_type().as_str()
                ),
            )),
            None => Err(ExecError::new(
                "",
                format!(
                    "no state named `{name}`{}",
                    did_you_mean(name, &self.machine.states)
                ),
            )),
        }
    }

    /// Handles every Task whose `Resource` is `resource` (compared exactly, then without the
    /// `.sync`/`.waitForTaskToken` suffix). A handler registered for a state wins.
    pub fn on_resource<F>(mut self, resource: &str, handler: F) -> Executor
    where
        F: Fn(&Value, &TaskContext) -> Result<Value, TaskFailure> + Send + Sync + 'static,
    {
        self.resource_handlers
            .insert(resource.to_owned(), Arc::new(handler));
        self
    }

    /// Uses the mocks of a test case of a Step Functions Local mock configuration. Mocked
    /// states take precedence over handlers. `machine` may be omitted when the test case
    /// name is unique in the file. A mock naming a state the definition does not have, or a
    /// state that is not a Task, is an error.
    pub fn with_mock_config(
        mut self,
        config: &MockConfig,
        machine: Option<&str>,
        test_case: &str,
    ) -> Result<Executor, ExecError> {
        let mocks = config.test_case(machine, test_case)?;
        if let Some(first) = self.mock_problems(&mocks, test_case).into_iter().next() {
            return Err(first);
        }
        self.mocks = Some(mocks);
        Ok(self)
    }

    /// Every problem of a test case's mocks against this definition (a mock naming a state
    /// the definition does not have, a state that is not a Task, an activity), not only the
    /// first one [`Executor::with_mock_config`] stops at; empty when the mocks fit.
    pub fn mock_config_problems(
        &self,
        config: &MockConfig,
        machine: Option<&str>,
        test_case: &str,
    ) -> Vec<ExecError> {
        match config.test_case(machine, test_case) {
            Ok(mocks) => self.mock_problems(&mocks, test_case),
            Err(e) => vec![e],
        }
    }

    fn mock_problems(&self, mocks: &mock_config::TestCaseMocks, test_case: &str) -> Vec<ExecError> {
        let mut problems = Vec::new();
        for state in mocks.state_names() {
            let pointer = format!(
                "/StateMachines/{}/TestCases/{}/{}",
                mocks.name.split('#').next().unwrap_or_default(),
                test_case,
                mock_config::escape(state)
            );
            match find_state(&self.machine.states, state) {
                // Step Functions Local cannot mock activities either.
                Some(State::Task(task)) if task.resource.contains(":activity:") => {
                    problems.push(ExecError::new(
                        pointer,
                        format!(
                            "`{state}` runs an activity ({}); activity states cannot be mocked, use Executor::on_state",
                            task.resource
                        ),
                    ));
                }
                Some(State::Task(_)) => {}
                Some(other) => {
                    problems.push(ExecError::new(
                        pointer,
                        format!(
                            "`{state}` is a {} state; only Task states can be mocked",
                            other.state_type().as_str()
                        ),
                    ));
                }
                None => {
                    problems.push(ExecError::new(
                        pointer,
                        format!(
                            "the state machine has no state `{state}`{}",
                            did_you_mean(state, &self.machine.states)
                        ),
                    ));
                }
            }
        }
        problems
    }

    /// Seeds the random source (retry jitter, `States.MathRandom`, `States.UUID`, `$random`).
    pub fn with_seed(mut self, seed: u64) -> Executor {
        self.seed = seed;
        self
    }

    /// Sets when executions start on the virtual clock (milliseconds since the Unix epoch;
    /// default 2024-01-01T00:00:00Z).
    pub fn with_start_time_ms(mut self, ms: i64) -> Executor {
        self.start_ms = ms;
        self
    }

    /// Names used in the context object's ARNs (`$$.StateMachine.Name`, `$$.Execution.Name`).
    pub fn with_names(mut self, machine: &str, execution: &str) -> Executor {
        machine.clone_into(&mut self.machine_name);
        execution.clone_into(&mut self.execution_name);
        self
    }

    /// Whether to keep the history events (default yes). The 25,000-event quota is
    /// enforced either way.
    pub fn record_history(mut self, record: bool) -> Executor {
        self.record_history = record;
        self
    }

    /// Makes a `.waitForTaskToken` task wait in real time, at most `limit`, for its token
    /// to be completed (by another thread, a local server's `SendTaskSuccess`, ...), then
    /// fail with `States.Timeout` (not catchable).
    ///
    /// Without it (the default) waiting is on the virtual clock, as everything else: a token
    /// the handler has not completed by the time it returns is never answered, so the
    /// state's `TimeoutSeconds` or `HeartbeatSeconds` (a catchable `States.Timeout` at that
    /// virtual time), else the execution's own timeout, decides, as on the service.
    pub fn with_token_wait(mut self, limit: Duration) -> Executor {
        self.token_wait = Some(limit);
        self
    }

    /// Standard (executions may last a year) or Express (five minutes): past that the
    /// execution times out with `States.Timeout`, as in the service.
    pub fn with_kind(mut self, kind: WorkflowKind) -> Executor {
        self.kind = kind;
        self
    }

    /// Runs under a [`Control`]: real-time pacing (or not), stop requests, and a live copy
    /// of the history. Meant for one execution: clone the executor per execution.
    pub fn with_control(mut self, control: Control) -> Executor {
        self.control = Some(control);
        self
    }

    /// The longest an execution may last, in virtual milliseconds (the machine's
    /// `TimeoutSeconds`, capped by the workflow kind's quota).
    pub(crate) fn max_duration_ms(&self) -> i64 {
        let quota: i64 = match self.kind {
            // One year, leap years included.
            WorkflowKind::Standard => 366 * 24 * 3600 * 1000,
            WorkflowKind::Express => 5 * 60 * 1000,
        };
        self.machine
            .timeout_seconds
            .and_then(|s| i64::try_from(s).ok())
            .map_or(quota, |s| s.saturating_mul(1000).min(quota))
    }

    /// Runs one execution.
    pub fn run(&self, input: Value) -> Execution {
        let execution = engine::Run::execute(self, input);
        self.events_hint.store(
            execution.history.len(),
            std::sync::atomic::Ordering::Relaxed,
        );
        crate::view::failed::write_if_asked(&execution);
        execution
    }
}

impl crate::Workflow {
    /// An executor for this workflow's definition (for `cargo test`).
    pub fn executor(&self) -> Result<Executor, ExecError> {
        Executor::from_json(self.definition()).map(|e| {
            e.with_names(self.name(), "local-execution")
                .with_kind(self.kind())
        })
    }
}

/// The scopes nested directly in `state`: a Parallel's branches, a Map's item processor.
pub(crate) fn nested_scopes(state: &State) -> impl Iterator<Item = &States> {
    let (branches, processor) = match state {
        State::Parallel(p) => (p.branches.as_slice(), None),
        State::Map(m) => (&[][..], m.processor()),
        _ => (&[][..], None),
    };
    branches
        .iter()
        .map(|b| &b.states)
        .chain(processor.map(|p| &p.states))
}

/// The state named `name`, at any depth.
pub(crate) fn find_state<'a>(states: &'a States, name: &str) -> Option<&'a State> {
    if let Some(state) = states.get(name) {
        return Some(state);
    }
    states
        .values()
        .find_map(|state| nested_scopes(state).find_map(|scope| find_state(scope, name)))
}

/// How many states `states` holds, nested ones included.
fn count_states(states: &States) -> usize {
    states.len()
        + states
            .values()
            .flat_map(nested_scopes)
            .map(count_states)
            .sum::<usize>()
}

fn collect_names<'a>(states: &'a States, names: &mut Vec<&'a str>) {
    for (name, state) in states {
        names.push(name);
        nested_scopes(state).for_each(|scope| collect_names(scope, names));
    }
}

/// A hint naming the closest state name. Only an error needs it, so the names are
/// gathered here rather than kept by every executor.
fn did_you_mean(name: &str, states: &States) -> String {
    let mut names = Vec::new();
    collect_names(states, &mut names);
    let lower = name.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for candidate in names {
        let d = edit_distance(&lower, &candidate.to_lowercase());
        if d <= 2.max(name.len() / 3)
            && best.is_none_or(|(bd, bc)| d < bd || (d == bd && candidate < bc))
        {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default()
}

fn edit_distance(a: &str, b: &str) -> usize {
    strsim::levenshtein(a, b)
}

#[cfg(feature = "jsonata")]
/// Lower-case hex digest of `data` (`MD5`, `SHA-1`, `SHA-256`, `SHA-384`, `SHA-512`), shared
/// by JSONata `$hash` and `States.Hash`.
pub(crate) fn hash_hex(data: &str, algorithm: &str) -> Result<String, String> {
    use crate::path::{Arg, ArgKind, Intrinsic, IntrinsicFn, Scope};
    let literal = |text: &str| Arg {
        kind: ArgKind::String(text.to_owned()),
        span: 0..0,
    };
    let call = Intrinsic {
        function: IntrinsicFn::Hash,
        args: vec![literal(data), literal(algorithm)],
        span: 0..0,
    };
    let empty = Map::new();
    let scope = Scope {
        input: &Value::Null,
        context: &Value::Null,
        variables: &empty,
    };
    match crate::path::eval_intrinsic(&call, &scope, &mut || 0) {
        Ok(Value::String(digest)) => Ok(digest),
        Ok(other) => Err(format!("unexpected digest {other}")),
        Err(e) => Err(e.cause),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn machine() -> StateMachine {
        StateMachine::from_value(json!({"StartAt": "M", "States": {"M": {
            "Type": "Map", "End": true,
            "ItemProcessor": {"StartAt": "Inner", "States": {
                "Inner": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}
        }}}))
        .unwrap()
    }

    #[test]
    fn a_shared_machine_is_kept_not_copied() {
        let shared = Arc::new(machine());
        let executor = Executor::from_machine(Arc::clone(&shared));
        assert!(Arc::ptr_eq(&executor.machine, &shared));
        let execution = executor
            .on_state("Inner", |input, _| Ok(input.clone()))
            .unwrap()
            .run(json!([1, 2]));
        assert_eq!(
            execution.output,
            Some(json!([1, 2])),
            "{:?}",
            execution.error
        );
        assert!(Arc::ptr_eq(&execution.machine, &shared));
        // A borrowed machine is copied: the executor outlives the borrow.
        let borrowed = machine();
        let copy = Executor::new(&borrowed);
        assert_eq!(*copy.machine, borrowed);
        assert!(!std::ptr::eq(&*copy.machine, &borrowed));
    }

    #[test]
    fn the_hint_for_an_unknown_state_looks_into_nested_scopes() {
        let err = Executor::from_machine(machine())
            .on_state("inne", |input, _| Ok(input.clone()))
            .err()
            .unwrap();
        assert!(err.message.contains("did you mean `Inner`?"), "{err}");
    }
}
