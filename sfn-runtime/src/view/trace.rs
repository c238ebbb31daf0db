//! What each state did, rebuilt from the history: one [`Visit`] per time a state was
//! entered, with its input, its attempts (effective parameters, task result, error), its
//! output, and how it ended.
//!
//! Events of one execution arrive in order and nest (a Parallel's or a Map's events hold
//! those of its branches and iterations), so one pass with a stack of open visits and a
//! stack of Map iterations attributes each event to its state and iteration.

use std::collections::{HashMap, VecDeque};

use serde_json::Value;

use crate::asl::{State, StateMachine, States};
use crate::exec::{ChildExecution, HistoryEvent};

/// What the view knows of each state of the definition, by name (names are unique in a
/// state machine, nested scopes included).
#[derive(Debug, Default)]
pub(crate) struct Statics {
    pub(crate) states: HashMap<String, StateInfo>,
}

/// One state of the definition.
#[derive(Debug)]
pub(crate) struct StateInfo {
    /// `Task`, `Choice`, ...
    pub(crate) kind: &'static str,
    /// The Map states around it, outermost first: its visits are per iteration of these.
    pub(crate) maps: Vec<String>,
    /// Which scope it is in (`root`, `Parallel name#0`, `Map name`): chains of visits are
    /// per scope.
    pub(crate) scope: String,
}

impl Statics {
    pub(crate) fn of(machine: &StateMachine) -> Statics {
        let mut out = Statics::default();
        walk(&machine.states, "root", &[], &mut out);
        out
    }
}

fn walk(states: &States, scope: &str, maps: &[String], out: &mut Statics) {
    for (name, state) in states {
        match state {
            State::Parallel(p) => {
                for (i, branch) in p.branches.iter().enumerate() {
                    walk(&branch.states, &format!("{name}#{i}"), maps, out);
                }
            }
            State::Map(m) => {
                if let Some(processor) = m.processor() {
                    let mut inner = maps.to_vec();
                    inner.push(name.clone());
                    walk(&processor.states, name, &inner, out);
                }
            }
            _ => {}
        }
        out.states.insert(
            name.clone(),
            StateInfo {
                kind: state.state_type().as_str(),
                maps: maps.to_vec(),
                scope: scope.to_owned(),
            },
        );
    }
}

/// How a visit ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Left normally at the first attempt.
    Succeeded,
    /// Left normally after one or more retries.
    Retried,
    /// Its error was handled by a Catch.
    Caught,
    /// Never left: the error ended its scope (or the execution), or a Fail state.
    Failed,
}

impl Outcome {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Outcome::Succeeded => "succeeded",
            Outcome::Retried => "retried",
            Outcome::Caught => "caught",
            Outcome::Failed => "failed",
        }
    }
}

/// One try of a Task, Parallel or Map.
#[derive(Debug, Default)]
pub(crate) struct Attempt {
    /// When it started, ms after the execution's start.
    pub(crate) at_ms: i64,
    /// When it ended.
    pub(crate) end_ms: Option<i64>,
    /// The effective parameters sent (`TaskScheduled`).
    pub(crate) parameters: Option<Value>,
    /// The task's result, before ResultSelector/ResultPath.
    pub(crate) result: Option<Value>,
    pub(crate) error: Option<Value>,
    pub(crate) cause: Option<Value>,
}

/// Iterations of a Map visit.
#[derive(Debug, Default)]
pub(crate) struct Iterations {
    pub(crate) count: usize,
    pub(crate) failed: Vec<usize>,
}

/// One entry into a state.
#[derive(Debug)]
pub(crate) struct Visit {
    pub(crate) name: String,
    /// The Map iterations it ran in: `Outer#3/Inner#0` (empty at the top).
    pub(crate) ctx: String,
    /// The Parallel or Map visit it ran inside.
    pub(crate) parent: Option<usize>,
    /// The visit before it in the same run of its scope (the edge taken to get here).
    pub(crate) prev: Option<usize>,
    pub(crate) entered_ms: i64,
    pub(crate) exited_ms: Option<i64>,
    pub(crate) input: Value,
    pub(crate) output: Option<Value>,
    pub(crate) attempts: Vec<Attempt>,
    pub(crate) error: Option<Value>,
    pub(crate) cause: Option<Value>,
    pub(crate) iterations: Option<Iterations>,
}

impl Visit {
    pub(crate) fn outcome(&self) -> Outcome {
        if self.exited_ms.is_none() {
            return Outcome::Failed;
        }
        match self.attempts.last() {
            Some(last) if last.error.is_some() => Outcome::Caught,
            _ if self.attempts.len() > 1 => Outcome::Retried,
            _ => Outcome::Succeeded,
        }
    }
}

/// The visits of one execution.
#[derive(Debug, Default)]
pub(crate) struct Trace {
    pub(crate) visits: Vec<Visit>,
    pub(crate) input: Option<Value>,
    pub(crate) started_ms: i64,
}

/// A Map iteration being run.
struct Frame {
    map: String,
    index: usize,
}

/// Failed iterations listed per Map visit (the count is always exact).
const MAX_LISTED_FAILURES: usize = 1000;

/// The pass over the events.
struct Builder<'a> {
    statics: &'a Statics,
    trace: Trace,
    open: Vec<usize>,
    frames: Vec<Frame>,
    chains: HashMap<(Option<usize>, String, String), usize>,
    /// Distributed Maps' children not yet placed, by Map name, in the order they ran.
    children: HashMap<&'a str, VecDeque<&'a ChildExecution>>,
    /// Visits that ended without knowing their error (a failed inline Map iteration has
    /// no error details): the next error reported by their Map or the execution is theirs.
    pending: Vec<usize>,
}

impl Trace {
    pub(crate) fn of(
        history: &[HistoryEvent],
        children: &[ChildExecution],
        statics: &Statics,
    ) -> Trace {
        let mut queues: HashMap<&str, VecDeque<&ChildExecution>> = HashMap::new();
        for child in children {
            queues
                .entry(child.map_state.as_str())
                .or_default()
                .push_back(child);
        }
        let mut builder = Builder {
            statics,
            trace: Trace {
                started_ms: history.first().map_or(0, |e| e.timestamp_ms),
                ..Trace::default()
            },
            open: Vec::new(),
            frames: Vec::new(),
            chains: HashMap::new(),
            children: queues,
            pending: Vec::new(),
        };
        builder.events(history);
        builder.trace
    }
}

impl<'a> Builder<'a> {
    fn events(&mut self, events: &'a [HistoryEvent]) {
        for event in events {
            self.event(event);
        }
    }

    fn event(&mut self, event: &'a HistoryEvent) {
        let statics = self.statics;
        let at = event.timestamp_ms - self.trace.started_ms;
        let d = &event.details;
        let name = d.get("name").and_then(Value::as_str).unwrap_or_default();
        let kind = event.event_type.as_str();
        if kind == "ExecutionStarted" {
            self.trace.input = d.get("input").cloned();
        } else if kind.ends_with("StateEntered") {
            let info = statics.states.get(name);
            let parent = self.open.last().copied();
            let ctx = context(&self.frames);
            let scope = info.map_or_else(String::new, |i| i.scope.clone());
            let id = self.trace.visits.len();
            let prev = self.chains.insert((parent, ctx.clone(), scope), id);
            self.trace.visits.push(Visit {
                name: name.to_owned(),
                ctx,
                parent,
                prev,
                entered_ms: at,
                exited_ms: None,
                input: d.get("input").cloned().unwrap_or(Value::Null),
                output: None,
                attempts: Vec::new(),
                error: None,
                cause: None,
                iterations: None,
            });
            self.open.push(id);
        } else if kind.ends_with("StateExited") {
            if let Some(pos) = self.position(name) {
                self.fail_above(pos + 1, d);
                if let Some(v) = self.open.pop() {
                    let visit = &mut self.trace.visits[v];
                    visit.exited_ms = Some(at);
                    visit.output = d.get("output").cloned();
                }
            }
        } else if kind == "MapIterationStarted" {
            let index = d.get("index").and_then(Value::as_u64).unwrap_or(0) as usize;
            if let Some(pos) = self.position(name) {
                let iterations = self.trace.visits[self.open[pos]]
                    .iterations
                    .get_or_insert_default();
                iterations.count = iterations.count.max(index + 1);
            }
            self.frames.push(Frame {
                map: name.to_owned(),
                index,
            });
        } else if kind.starts_with("MapIteration") {
            // Succeeded, Failed or Aborted: the iteration's open states end here.
            let index = d.get("index").and_then(Value::as_u64).unwrap_or(0) as usize;
            if let Some(pos) = self.position(name) {
                self.fail_above(pos + 1, d);
                if kind != "MapIterationSucceeded" {
                    self.iteration_failed(self.open[pos], index);
                }
            }
            if self.frames.last().is_some_and(|f| f.map == name) {
                self.frames.pop();
            }
        } else if kind == "MapRunStarted" {
            self.map_run();
        } else if kind.starts_with("Execution") || kind.starts_with("MapRun") {
            self.settle(d);
            if kind != "ExecutionSucceeded" && !kind.ends_with("Succeeded") {
                // The error ended every open state; the innermost one raised it.
                if let Some(&v) = self.open.last() {
                    let visit = &mut self.trace.visits[v];
                    if visit.error.is_none() {
                        visit.error = d.get("error").cloned();
                        visit.cause = d.get("cause").cloned();
                    }
                }
            }
        } else if let Some(container) = ["ParallelState", "MapState"]
            .into_iter()
            .find(|prefix| kind.starts_with(prefix))
        {
            // Started / Succeeded / Failed of a Parallel or Map attempt.
            let kind_name = if container == "ParallelState" {
                "Parallel"
            } else {
                "Map"
            };
            let Some(pos) = self.open.iter().rposition(|&v| {
                statics
                    .states
                    .get(&self.trace.visits[v].name)
                    .is_some_and(|i| i.kind == kind_name)
            }) else {
                return;
            };
            self.fail_above(pos + 1, d);
            self.settle(d);
            let visit = &mut self.trace.visits[self.open[pos]];
            if kind.ends_with("Started") {
                visit.attempts.push(Attempt {
                    at_ms: at,
                    ..Attempt::default()
                });
            } else if let Some(attempt) = visit.attempts.last_mut() {
                attempt.end_ms = Some(at);
                attempt.error = d.get("error").cloned();
                attempt.cause = d.get("cause").cloned();
                if kind.ends_with("Failed") && attempt.error.is_none() {
                    attempt.error = Some(Value::Null);
                }
            }
        } else if let Some(&v) = self.open.last() {
            // A task's events: Scheduled starts an attempt, Succeeded/Failed/TimedOut end it.
            let visit = &mut self.trace.visits[v];
            if kind.ends_with("Scheduled") {
                visit.attempts.push(Attempt {
                    at_ms: at,
                    parameters: d.get("parameters").cloned(),
                    ..Attempt::default()
                });
            } else if kind.ends_with("Succeeded") {
                if let Some(attempt) = visit.attempts.last_mut() {
                    attempt.end_ms = Some(at);
                    attempt.result = d.get("output").cloned();
                }
            } else if d.contains_key("error") || kind.ends_with("Failed") {
                if visit.attempts.is_empty() {
                    visit.attempts.push(Attempt {
                        at_ms: at,
                        ..Attempt::default()
                    });
                }
                if let Some(attempt) = visit.attempts.last_mut() {
                    attempt.end_ms = Some(at);
                    attempt.error = Some(d.get("error").cloned().unwrap_or(Value::Null));
                    attempt.cause = d.get("cause").cloned();
                }
            }
        }
    }

    /// The innermost open visit of `name`.
    fn position(&self, name: &str) -> Option<usize> {
        self.open
            .iter()
            .rposition(|&v| self.trace.visits[v].name == name)
    }

    fn iteration_failed(&mut self, map_visit: usize, index: usize) {
        let iterations = self.trace.visits[map_visit]
            .iterations
            .get_or_insert_default();
        if iterations.failed.len() < MAX_LISTED_FAILURES {
            iterations.failed.push(index);
        }
    }

    /// A distributed Map's run: its children's histories go here, one iteration each
    /// (the children of one run have indexes 0, 1, 2, ... in order).
    fn map_run(&mut self) {
        let Some(pos) = self.open.iter().rposition(|&v| {
            self.statics
                .states
                .get(&self.trace.visits[v].name)
                .is_some_and(|i| i.kind == "Map")
        }) else {
            return;
        };
        let map_visit = self.open[pos];
        let name = self.trace.visits[map_visit].name.clone();
        let mut last: Option<usize> = None;
        loop {
            let Some(queue) = self.children.get_mut(name.as_str()) else {
                return;
            };
            let Some(child) = queue.front().copied() else {
                return;
            };
            if last.is_some_and(|l| child.index <= l) {
                return;
            }
            queue.pop_front();
            last = Some(child.index);
            let iterations = self.trace.visits[map_visit]
                .iterations
                .get_or_insert_default();
            iterations.count = iterations.count.max(child.index + 1);
            self.frames.push(Frame {
                map: name.clone(),
                index: child.index,
            });
            let depth = self.open.len();
            self.events(&child.history);
            if !child.succeeded {
                self.iteration_failed(map_visit, child.index);
            }
            // A failed child leaves its states open: they end with its error.
            let mut failure = crate::exec::Details::new();
            if let Some(error) = &child.error {
                failure.insert("error", Value::String(error.clone()));
            }
            if let Some(cause) = &child.cause {
                failure.insert("cause", Value::String(cause.clone()));
            }
            self.fail_above(depth, &failure);
            self.frames.pop();
        }
    }

    /// Closes the open visits from `pos` up: they ended with the error of the event `d`
    /// (a branch or iteration that failed), unless they recorded their own.
    fn fail_above(&mut self, pos: usize, d: &crate::exec::Details) {
        while self.open.len() > pos {
            let Some(v) = self.open.pop() else { break };
            let visit = &mut self.trace.visits[v];
            if visit.error.is_none() {
                match visit.attempts.last().and_then(|a| a.error.clone()) {
                    Some(error) => {
                        visit.error = Some(error);
                        visit.cause = visit.attempts.last().and_then(|a| a.cause.clone());
                    }
                    None => {
                        visit.error = d.get("error").cloned();
                        visit.cause = d.get("cause").cloned();
                    }
                }
                if visit.error.is_none() {
                    self.pending.push(v);
                }
            }
        }
    }

    /// An error was reported (by a Map, Parallel or the execution): it is the one the
    /// pending visits ended with.
    fn settle(&mut self, d: &crate::exec::Details) {
        if !d.contains_key("error") {
            return;
        }
        for v in std::mem::take(&mut self.pending) {
            let visit = &mut self.trace.visits[v];
            if visit.error.is_none() {
                visit.error = d.get("error").cloned();
                visit.cause = d.get("cause").cloned();
            }
        }
    }
}

fn context(frames: &[Frame]) -> String {
    let mut out = String::new();
    for frame in frames {
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str(&frame.map);
        out.push('#');
        out.push_str(&frame.index.to_string());
    }
    out
}
