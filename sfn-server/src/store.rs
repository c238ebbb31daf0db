//! What the server knows: state machines, executions (with their live history), and the
//! task tokens executions wait on. One lock around it all: every operation holds it for
//! a few map look-ups, never while an execution runs.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::Arc;
use std::sync::mpsc::Sender;

use serde_json::Value;
use sfn_runtime::WorkflowKind;
use sfn_runtime::exec::{Control, Executor, HistoryEvent, TaskToken, TokenOutcome};
use tokio::sync::Notify;

/// A state machine as `DescribeStateMachine` reports it, plus its compiled executor.
pub struct Machine {
    /// Creation order, for stable listing and pagination.
    pub seq: u64,
    pub arn: String,
    pub name: String,
    pub definition: String,
    pub role_arn: String,
    pub kind: WorkflowKind,
    pub created_ms: i64,
    pub revision: u64,
    pub logging: Option<Value>,
    pub tracing: Option<Value>,
    /// Task states (at any depth) that wait for a worker when they are not mocked.
    pub waiting_states: Vec<(String, WaitFor)>,
    /// Built once per definition; cloned per execution.
    pub executor: Executor,
}

/// The status of an execution, as the service spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunStatus {
    Running,
    Succeeded,
    Failed,
    TimedOut,
    Aborted,
}

impl RunStatus {
    /// `RUNNING`, `SUCCEEDED`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            RunStatus::Running => "RUNNING",
            RunStatus::Succeeded => "SUCCEEDED",
            RunStatus::Failed => "FAILED",
            RunStatus::TimedOut => "TIMED_OUT",
            RunStatus::Aborted => "ABORTED",
        }
    }
}

/// One (asynchronous) execution.
pub struct ExecutionRecord {
    /// Start order, for newest-first listing and pagination.
    pub seq: u64,
    pub arn: String,
    pub machine_arn: String,
    pub name: String,
    pub input: String,
    pub start_ms: i64,
    pub stop_ms: Option<i64>,
    pub status: RunStatus,
    pub output: Option<String>,
    pub error: Option<String>,
    pub cause: Option<String>,
    /// The running execution's handle: stop, and its history so far.
    pub control: Control,
    /// The history with its final event as the service records it (set when it ends).
    pub final_history: Option<Vec<HistoryEvent>>,
    /// The task tokens it handed out.
    pub tokens: Vec<String>,
}

impl ExecutionRecord {
    /// The history so far (all of it once the execution ended).
    pub fn history(&self) -> Vec<HistoryEvent> {
        match &self.final_history {
            Some(history) => history.clone(),
            None => self.control.events(),
        }
    }
}

/// What an unmocked Task state waits for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WaitFor {
    /// `.waitForTaskToken`: whoever got `$$.Task.Token` calls SendTask*.
    Token,
    /// An activity (its ARN): a worker's GetActivityTask, then SendTask*.
    Activity(String),
}

/// How a waiting task is completed.
pub enum Waiter {
    /// The executor's token of a `.waitForTaskToken` task.
    Token(TaskToken),
    /// The handler of an activity task, blocked on this channel.
    Activity(Sender<TokenOutcome>),
}

impl Waiter {
    /// SendTaskSuccess/SendTaskFailure; false if it was already completed.
    pub fn complete(&self, outcome: TokenOutcome) -> bool {
        match (self, outcome) {
            (Waiter::Token(token), TokenOutcome::Success(output)) => token.send_success(output),
            (Waiter::Token(token), TokenOutcome::Failure(f)) => {
                token.send_failure(f.error, f.cause)
            }
            (Waiter::Activity(sender), outcome) => sender.send(outcome).is_ok(),
        }
    }
}

/// An activity (CreateActivity).
pub struct Activity {
    pub seq: u64,
    pub arn: String,
    pub name: String,
    pub created_ms: i64,
    /// Tasks scheduled and not yet handed to a worker: (token, input).
    pub queue: VecDeque<(String, String)>,
    /// Wakes a worker long-polling GetActivityTask.
    pub ready: Arc<Notify>,
}

/// A task token handed out by a waiting task (token or activity).
pub struct TokenEntry {
    pub waiter: Waiter,
    pub execution_arn: String,
    /// Whether the task is still waiting for it.
    pub open: bool,
}

/// Everything, behind the server's one lock.
#[derive(Default)]
pub struct Store {
    next_seq: u64,
    pub machines: HashMap<String, Machine>,
    pub executions: HashMap<String, ExecutionRecord>,
    /// Executions per state machine ARN, by start order.
    pub by_machine: HashMap<String, BTreeMap<u64, String>>,
    pub tokens: HashMap<String, TokenEntry>,
    pub activities: HashMap<String, Activity>,
}

impl Store {
    /// A fresh sequence number (creation/start order).
    pub fn next_seq(&mut self) -> u64 {
        self.next_seq += 1;
        self.next_seq
    }
}
