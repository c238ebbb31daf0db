//! The interpreter loop: runs the states of one scope (the machine, a Parallel branch, a
//! Map iteration) from `StartAt` to a terminal state, records the history, and wraps
//! Task/Parallel/Map attempts in Retry and Catch.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::catch::CatchOutcome;
use super::clock::format_timestamp;
use super::context;
use super::data::Data;
use super::errors::{Failure, names};
use super::history::{Details, History, Payload, failure_details};
use super::identity::passes_input_through;
use super::random::Rng;
use super::scope::Vars;
use super::size::{MAX_PAYLOAD_BYTES, json_size};
use super::test_state::Inspection;
use super::{Execution, Executor, Status, retry};
use crate::asl::{QueryLanguage, State, States, Transition};

/// The state of one execution in progress.
pub(crate) struct Run<'e> {
    pub(crate) exec: &'e Executor,
    pub(crate) now_ms: i64,
    pub(crate) rng: Rng,
    pub(crate) history: History,
    pub(crate) visited: Vec<&'e str>,
    /// Mock invocation counters: one per state per execution (Step Functions Local 2.0).
    pub(crate) mock_counters: HashMap<&'e str, usize>,
    pub(crate) context: Value,
    deadline_ms: Option<i64>,
    pub(crate) timed_out: bool,
    pub(crate) token_seq: u64,
    /// Set by `test_state`: the pipeline stages of the state under test.
    pub(crate) inspection: Option<Inspection>,
    /// The virtual time last formatted, and its text (most states start at the same instant
    /// as the previous one).
    stamp: (i64, String),
    /// Variables the current state assigned, for its Exited event.
    pub(crate) assigned: Option<Map<String, Value>>,
    /// Distributed Map children's histories, and how many events they hold.
    pub(crate) children: Vec<super::ChildExecution>,
    pub(crate) child_events: usize,
    /// The id of the current state's `...Entered` event (counted with the history off
    /// too): the service names it in the cause of every error it raises for the state.
    pub(crate) entered_event: usize,
    /// Events a history holds before its first recorded one: 1 in a distributed Map's
    /// child execution, whose `ExecutionStarted` sfn does not record.
    pub(crate) unrecorded_events: usize,
}

/// A state's input: shared with the history's events when they are recorded (the
/// previous state's output).
pub(crate) struct Input {
    pub(crate) value: Data,
    /// Its size was checked against the payload quota.
    pub(crate) size_checked: bool,
}

/// Where a state leads.
pub(crate) struct Step<'e> {
    pub(crate) output: Data,
    /// `None`: the scope ends (End, Succeed).
    pub(crate) next: Option<&'e str>,
}

impl<'e> Step<'e> {
    pub(crate) fn after(output: impl Into<Data>, transition: Transition<'e>) -> Step<'e> {
        let next = match transition {
            Transition::Next(next) => Some(next),
            Transition::End | Transition::None => None,
        };
        Step {
            output: output.into(),
            next,
        }
    }
}

impl<'e> Run<'e> {
    pub(crate) fn new(exec: &'e Executor, input: &Value) -> Run<'e> {
        let express_id = (exec.kind == crate::WorkflowKind::Express).then(|| {
            // A UUID drawn from the seed, so runs repeat.
            let mut bits = crate::path::SplitMix64::new(exec.seed ^ 0x5EED_E4B2);
            let (a, b) = (bits.next_u64(), bits.next_u64());
            format!(
                "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
                a >> 32,
                (a >> 16) & 0xffff,
                a & 0xfff,
                ((b >> 48) & 0x3fff) | 0x8000,
                b & 0xffff_ffff_ffff
            )
        });
        let names = context::Names {
            machine: exec.machine_name.clone(),
            execution: exec.execution_name.clone(),
            express_id,
        };
        Run {
            exec,
            now_ms: exec.start_ms,
            rng: Rng::new(exec.seed),
            history: History::new(exec.record_history)
                .with_capacity(exec.events_hint.load(std::sync::atomic::Ordering::Relaxed))
                .observed(exec.control.clone()),
            visited: Vec::new(),
            mock_counters: HashMap::new(),
            context: context::initial(&names, input, exec.start_ms),
            deadline_ms: Some(exec.start_ms.saturating_add(exec.max_duration_ms())),
            timed_out: false,
            token_seq: 0,
            inspection: None,
            stamp: (exec.start_ms, format_timestamp(exec.start_ms)),
            assigned: None,
            children: Vec::new(),
            child_events: 0,
            entered_event: 0,
            unrecorded_events: 0,
        }
    }

    /// Runs a whole execution.
    pub(crate) fn execute(exec: &'e Executor, input: Value) -> Execution {
        if crate::limits::deeper_than(&input, crate::limits::MAX_JSON_DEPTH) {
            // Refused as a whole: not copied into the context or the history, not walked.
            crate::limits::drop_deep(input);
            let mut run = Run::new(exec, &Value::Null);
            let _ = run
                .history
                .push(run.now_ms, "ExecutionStarted", Details::new());
            return run.finish(Err(Failure::terminal(
                names::RUNTIME,
                crate::limits::too_deep_cause("the execution input"),
            )));
        }
        let mut run = Run::new(exec, &input);
        let machine = &*exec.machine;
        let mut input = Data::Owned(input);
        let mut started = Details::new();
        if exec.record_history {
            // Shared with the first state's Entered event.
            started.insert_shared("input", input.share().clone());
            started.insert(
                "roleArn",
                Value::String("arn:aws:iam::123456789012:role/sfn-local".into()),
            );
        }
        let started = run.history.push(run.now_ms, "ExecutionStarted", started);
        let result = started.and_then(|()| {
            if json_size(&input, MAX_PAYLOAD_BYTES) > MAX_PAYLOAD_BYTES {
                return Err(Failure::terminal(
                    names::DATA_LIMIT_EXCEEDED,
                    format!(
                        "the execution input is larger than the quota of {MAX_PAYLOAD_BYTES} bytes"
                    ),
                ));
            }
            let mut vars = Vars::default();
            run.run_scope_sharing(
                &machine.states,
                &machine.start_at,
                Input {
                    value: input,
                    size_checked: true,
                },
                &mut vars,
            )
        });
        run.finish(result)
    }

    fn finish(mut self, result: Result<Data, Failure>) -> Execution {
        let now = self.now_ms;
        let (status, output, error, cause) = match result {
            Ok(mut output) => {
                let mut d = Details::new();
                if self.exec.record_history {
                    // The last state's Exited event shows the same value.
                    d.insert_shared("output", output.share().clone());
                }
                self.history.push_final(now, "ExecutionSucceeded", d);
                // With the history kept, the one copy of the run: the events keep theirs.
                (Status::Succeeded, Some(output.into_owned()), None, None)
            }
            Err(failure) => {
                let status = if self.timed_out {
                    Status::TimedOut
                } else {
                    Status::Failed
                };
                let event = if self.timed_out {
                    "ExecutionTimedOut"
                } else {
                    "ExecutionFailed"
                };
                if self.timed_out {
                    // The service reports a timed-out execution with no error and no cause
                    // (DescribeExecution, recorded against AWS).
                    self.history.push_final(now, event, Details::new());
                    (status, None, None, None)
                } else {
                    self.history
                        .push_final(now, event, failure_details(&failure));
                    (status, None, failure.error, failure.cause)
                }
            }
        };
        Execution {
            status,
            output,
            error,
            cause,
            states_visited: self.visited.iter().map(|s| (*s).to_owned()).collect(),
            history: std::mem::take(&mut self.history.events),
            duration_ms: now - self.exec.start_ms,
            machine: self.exec.machine.clone(),
            machine_name: self.exec.machine_name.clone(),
            child_executions: std::mem::take(&mut self.children),
        }
    }

    /// Records an event; the details are built only when the history is kept.
    pub(crate) fn event(
        &mut self,
        event_type: &'static str,
        build: impl FnOnce() -> Details,
    ) -> Result<(), Failure> {
        let details = if self.exec.record_history {
            build()
        } else {
            Details::new()
        };
        self.history
            .push(self.now_ms, event_type, details)
            .map_err(|mut failure| {
                failure.cause = failure
                    .cause
                    .map(|cause| format!("{cause}, in state '{}'", self.current_state()));
                failure
            })
    }

    /// The name of the state being run (`$$.State.Name`).
    pub(crate) fn current_state(&self) -> &str {
        self.context
            .get("State")
            .and_then(|s| s.get("Name"))
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    /// Advances the virtual clock; past the machine's `TimeoutSeconds` the execution times out.
    pub(crate) fn advance(&mut self, ms: i64) -> Result<(), Failure> {
        if let Some(control) = &self.exec.control {
            // Sleep no further than the deadline: the execution times out there.
            let until_deadline = self.deadline_ms.map_or(ms, |d| {
                ms.min(d.saturating_sub(self.now_ms).saturating_add(1))
            });
            if !control.sleep(until_deadline.max(0)) {
                return Err(self.aborted());
            }
        }
        self.now_ms = self.now_ms.saturating_add(ms.max(0));
        self.check_deadline()
    }

    /// Under a [`Control`](super::Control): ends the run when a stop was asked for, and
    /// moves the clock to wall time when time is real (a task token may have taken long).
    fn check_control(&mut self) -> Result<(), Failure> {
        let Some(control) = &self.exec.control else {
            return Ok(());
        };
        if control.is_stopped() {
            return Err(self.aborted());
        }
        if let Some(wall) = control.wall_ms(self.exec.start_ms) {
            self.now_ms = self.now_ms.max(wall);
        }
        Ok(())
    }

    fn aborted(&self) -> Failure {
        Failure::terminal(
            names::ABORTED,
            format!(
                "the execution was stopped, in state '{}'",
                self.current_state()
            ),
        )
    }

    fn check_deadline(&mut self) -> Result<(), Failure> {
        match self.deadline_ms {
            Some(deadline) if self.now_ms > deadline => {
                self.timed_out = true;
                self.now_ms = deadline;
                Err(Failure::terminal(
                    names::TIMEOUT,
                    format!(
                        "the execution timed out at {} (its TimeoutSeconds or the workflow kind's duration quota), in state '{}'",
                        format_timestamp(deadline),
                        self.current_state()
                    ),
                ))
            }
            _ => Ok(()),
        }
    }

    /// The query language a state runs in (its own, else the machine's).
    pub(crate) fn language(&self, state: &State) -> QueryLanguage {
        self.language_of(state.query_language())
    }

    /// The query language for a state's own `QueryLanguage` field.
    pub(crate) fn language_of(&self, own: Option<QueryLanguage>) -> QueryLanguage {
        own.unwrap_or_else(|| self.exec.machine.query_language())
    }

    /// Runs one scope from `start_at`; returns the output of its terminal state.
    pub(crate) fn run_scope(
        &mut self,
        states: &'e States,
        start_at: &'e str,
        input: Value,
        vars: &mut Vars,
    ) -> Result<Value, Failure> {
        let input = Input {
            value: Data::Owned(input),
            size_checked: false,
        };
        self.run_scope_sharing(states, start_at, input, vars)
            .map(Data::into_owned)
    }

    /// [`run_scope`](Self::run_scope) on an input that may be shared with the history;
    /// the output is shared with it when the history is recorded.
    pub(crate) fn run_scope_sharing(
        &mut self,
        states: &'e States,
        start_at: &'e str,
        mut input: Input,
        vars: &mut Vars,
    ) -> Result<Data, Failure> {
        let mut current = start_at;
        loop {
            let Some((name, state)) = states.get_key_value(current) else {
                return Err(Failure::runtime(format!(
                    "the state '{current}' does not exist in this scope"
                )));
            };
            self.check_control()?;
            self.check_deadline()?;
            self.visited.push(name.as_str());
            let through = passes_input_through(state, self.language(state));
            let size_checked = through && input.size_checked;
            let step = self.run_state_sharing(name, state, input, vars)?;
            // An output that is the input unchanged was measured already.
            if !size_checked && json_size(&step.output, MAX_PAYLOAD_BYTES) > MAX_PAYLOAD_BYTES {
                return Err(Failure::terminal(
                    names::DATA_LIMIT_EXCEEDED,
                    format!(
                        "The state/task '{name}' returned a result with a size exceeding the maximum number of bytes service limit."
                    ),
                ));
            }
            match step.next {
                Some(next) => {
                    current = next;
                    input = Input {
                        value: step.output,
                        size_checked: true,
                    };
                }
                None => return Ok(step.output),
            }
        }
    }

    /// Runs one state, from its `...Entered` to its `...Exited` event.
    pub(crate) fn run_state(
        &mut self,
        name: &'e str,
        state: &'e State,
        input: Value,
        vars: &mut Vars,
    ) -> Result<Step<'e>, Failure> {
        let input = Input {
            value: Data::Owned(input),
            size_checked: false,
        };
        self.run_state_sharing(name, state, input, vars)
    }

    /// [`run_state`](Self::run_state); with the history recorded, the events share the
    /// input and the output with the states before and after (the output is returned
    /// shared, for the next state's Entered event).
    fn run_state_sharing(
        &mut self,
        name: &'e str,
        state: &'e State,
        input: Input,
        vars: &mut Vars,
    ) -> Result<Step<'e>, Failure> {
        let Input {
            value: mut input, ..
        } = input;
        // Each event takes its own reference to the name and the payload, and no other is
        // held: a reference count is an atomic operation, the largest part of what
        // recording an event costs.
        let mut name_value = self.exec.record_history.then(|| self.name_value(name));
        #[cfg(debug_assertions)]
        let expected =
            passes_input_through(state, self.language(state)).then(|| Value::clone(&input));
        let retry_count =
            matches!(state, State::Task(_) | State::Parallel(_) | State::Map(_)).then_some(0);
        if self.stamp.0 != self.now_ms {
            self.stamp = (self.now_ms, format_timestamp(self.now_ms));
        }
        context::enter_state(&mut self.context, name, &self.stamp.1, retry_count);
        let (entered, exited) = event_names(state);
        self.assigned = None;
        self.event(entered, || match &name_value {
            Some(name) => {
                Details::shared_pair(("name", name.clone()), ("input", input.share().clone()))
            }
            None => Details::new(),
        })?;
        // Nested states (Parallel branches, Map iterations) set their own; the state's
        // own errors after they ran name its entry again.
        let outer = std::mem::replace(
            &mut self.entered_event,
            self.history.len() + self.unrecorded_events,
        );
        let step = match state {
            State::Pass(s) => self.pass(name, s, input, vars),
            State::Task(s) => self.task(name, state, s, input, vars),
            State::Choice(s) => self.choice(name, s, input, vars),
            State::Wait(s) => self.wait(name, s, input, vars),
            State::Succeed(s) => self.succeed(name, s, input, vars),
            State::Fail(s) => self.fail(name, s, input, vars),
            State::Parallel(s) => self.parallel(name, state, s, input, vars),
            State::Map(s) => self.map(name, state, s, input, vars),
        };
        let mut step = step.inspect_err(|_| self.entered_event = outer)?;
        #[cfg(debug_assertions)]
        if let Some(expected) = expected {
            // Caught errors leave with the catcher's output; only a plain exit is checked.
            debug_assert_eq!(*step.output, expected, "`{name}` passes its input through");
        }
        if let Some(exited) = exited {
            let assigned = self.assigned.take();
            // The last event naming the state takes the name.
            let name_value = name_value.take();
            // The output stays shared, for the next state's Entered event (a state that
            // passed its input through hands on the same payload).
            let output = &mut step.output;
            self.event(exited, || {
                let mut d = match name_value {
                    Some(name) => {
                        Details::shared_pair(("name", name), ("output", output.share().clone()))
                    }
                    None => Details::new(),
                };
                if let Some(assigned) = assigned {
                    d.insert("assignedVariables", Value::Object(assigned));
                }
                d
            })?;
        }
        self.entered_event = outer;
        Ok(step)
    }

    /// The state's name as a JSON string, shared by the events of every visit.
    pub(crate) fn name_value(&self, name: &str) -> Payload {
        self.exec.name_values.get(name)
    }

    /// Runs `attempt` (one try of a Task, Parallel or Map, returning its output and the
    /// variables it assigns) under the state's Retry and Catch.
    pub(crate) fn with_error_handling(
        &mut self,
        name: &'e str,
        state: &'e State,
        raw: &Value,
        vars: &mut Vars,
        mut attempt: impl FnMut(
            &mut Run<'e>,
            &Vars,
        ) -> Result<(Value, Option<Map<String, Value>>), Failure>,
    ) -> Result<Step<'e>, Failure> {
        let retriers = state.retriers();
        let start = self.inspecting().map_or(0, |i| i.retry_count_start);
        let mut counts = vec![start; retriers.len()];
        let mut retry_count = 0u64;
        loop {
            let failure = match attempt(self, vars) {
                Ok((output, assigned)) => {
                    self.apply_assign(vars, assigned);
                    return Ok(Step::after(output, state.transition()));
                }
                Err(failure) => failure,
            };
            if let Some((index, retrier)) = retriers
                .iter()
                .enumerate()
                .find(|(_, r)| failure.matches(&r.error_equals))
            {
                let used = counts.get(index).copied().unwrap_or(u64::MAX);
                if used < retrier.attempts() {
                    if let Some(count) = counts.get_mut(index) {
                        *count += 1;
                    }
                    retry_count += 1;
                    let delay = retry::delay_ms(retrier, used + 1, &mut self.rng);
                    if let Some(inspection) = self.inspecting() {
                        inspection.retry = Some((index, delay));
                        return Err(failure);
                    }
                    self.advance(delay)?;
                    context::set_retry_count(&mut self.context, retry_count);
                    continue;
                }
            }
            // A caught error leaves through the catcher's `Next`; `run_state` writes the
            // Exited event with the catcher's output.
            return match self.catch(name, state, raw, &failure, vars)? {
                CatchOutcome::Caught { output, next } => Ok(Step {
                    output: output.into(),
                    next: Some(next),
                }),
                CatchOutcome::NotCaught => Err(failure),
            };
        }
    }
}

/// `(Entered, Exited)` event types of a state; Fail has no Exited.
pub(crate) fn event_names(state: &State) -> (&'static str, Option<&'static str>) {
    match state {
        State::Pass(_) => ("PassStateEntered", Some("PassStateExited")),
        State::Task(_) => ("TaskStateEntered", Some("TaskStateExited")),
        State::Choice(_) => ("ChoiceStateEntered", Some("ChoiceStateExited")),
        State::Wait(_) => ("WaitStateEntered", Some("WaitStateExited")),
        State::Succeed(_) => ("SucceedStateEntered", Some("SucceedStateExited")),
        State::Fail(_) => ("FailStateEntered", None),
        State::Parallel(_) => ("ParallelStateEntered", Some("ParallelStateExited")),
        State::Map(_) => ("MapStateEntered", Some("MapStateExited")),
    }
}
