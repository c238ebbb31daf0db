//! What the server knows: state machines with their versions and aliases, executions
//! (with their live history), activities, and the task tokens executions wait on. One lock around it all: every operation holds it for
//! a few map look-ups, never while an execution runs.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::time::Instant;

use serde_json::Value;
use sfn_runtime::WorkflowKind;
use sfn_runtime::exec::{Control, Executor, HistoryEvent, TaskToken, TokenOutcome};
use tokio::sync::Notify;

/// A state machine (or one of its published versions) as `DescribeStateMachine` reports
/// it, plus its compiled executor. Cheap to clone: executions keep the one they ran.
#[derive(Clone)]
pub struct Machine {
    /// Creation order, for stable listing and pagination.
    pub seq: u64,
    /// The machine's ARN (a version's carries its `:N`).
    pub arn: String,
    pub name: String,
    pub definition: Arc<str>,
    pub role_arn: String,
    pub kind: WorkflowKind,
    pub created_ms: i64,
    pub revision: u64,
    pub logging: Option<Value>,
    pub tracing: Option<Value>,
    /// Set on a published version: its number and description.
    pub version: Option<Version>,
    /// The last version number handed out (versions are never renumbered).
    pub last_version: u64,
    /// The revision the newest version snapshots, and that version's ARN: publishing an
    /// unchanged revision again returns it (the service's idempotency).
    pub published: Option<(u64, String)>,
    pub tags: BTreeMap<String, String>,
    /// Task states (at any depth) that wait for a worker when they are not mocked.
    pub waiting_states: Vec<WaitingState>,
    /// Built once per definition; cloned per execution.
    pub executor: Executor,
}

/// What a published version adds to the machine it snapshots.
#[derive(Debug, Clone)]
pub struct Version {
    pub number: u64,
    pub description: Option<String>,
}

/// A state machine alias: one or two versions and the percentage of starts each gets.
pub struct Alias {
    pub seq: u64,
    pub arn: String,
    pub name: String,
    /// The unqualified state machine ARN.
    pub machine_arn: String,
    pub description: Option<String>,
    /// `(version ARN, weight)`; the weights add up to 100.
    pub routing: Vec<(String, u64)>,
    pub created_ms: i64,
    pub updated_ms: i64,
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
    /// The machine (or version) it runs, as it was when it started.
    pub ran: Arc<Machine>,
    /// Set when it was started through a version or an alias ARN.
    pub version_arn: Option<String>,
    pub alias_arn: Option<String>,
    /// The mock config test case it runs with (`stateMachineArn#TestCase`).
    pub test_case: Option<String>,
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
    /// RedriveExecution: how often, and when last.
    pub redrive_count: u64,
    pub redrive_ms: Option<i64>,
    /// The history before the current run (up to its `ExecutionRedriven` event); empty
    /// before the first redrive.
    pub prior: Vec<HistoryEvent>,
}

impl ExecutionRecord {
    /// The history so far (all of it once the execution ended).
    pub fn history(&self) -> Vec<HistoryEvent> {
        match &self.final_history {
            Some(history) => history.clone(),
            None => self.continued(self.control.events()),
        }
    }

    /// A run's events after the history before it: a redriven run's own
    /// `ExecutionStarted` is left out and its ids continue from the `ExecutionRedriven`
    /// event.
    pub fn continued(&self, events: Vec<HistoryEvent>) -> Vec<HistoryEvent> {
        if self.prior.is_empty() {
            return events;
        }
        let redriven = self.prior.len();
        let offset = redriven - 1;
        let mut out = self.prior.clone();
        out.extend(events.into_iter().skip(1).map(|mut event| {
            event.id += offset;
            event.previous_event_id = match event.previous_event_id {
                0 | 1 => redriven,
                n => n + offset,
            };
            event
        }));
        out
    }
}

/// A Task state that waits for a worker when it is not mocked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitingState {
    pub name: String,
    pub wait_for: WaitFor,
    /// Its literal `TimeoutSeconds` and `HeartbeatSeconds`: the real-time watchdog's limits.
    pub timeout_seconds: Option<u64>,
    pub heartbeat_seconds: Option<u64>,
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
    /// A token of a task that ended with a server restart (`--data-dir`): nothing waits.
    Gone,
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
            (Waiter::Gone, _) => false,
        }
    }
}

/// An activity (CreateActivity).
pub struct Activity {
    pub seq: u64,
    pub arn: String,
    pub name: String,
    pub created_ms: i64,
    pub tags: BTreeMap<String, String>,
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
    /// The last SendTaskHeartbeat (or when the task started), for `HeartbeatSeconds`.
    pub last_heartbeat: Instant,
}

/// Everything, behind the server's one lock.
#[derive(Default)]
pub struct Store {
    next_seq: u64,
    pub machines: HashMap<String, Machine>,
    /// Published versions, by version ARN.
    pub versions: HashMap<String, Machine>,
    pub aliases: HashMap<String, Alias>,
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

    /// Makes sequence numbers continue after `seq` (a store read back from disk).
    pub fn continue_after(&mut self, seq: u64) {
        self.next_seq = self.next_seq.max(seq);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: usize, previous: usize, event_type: &str) -> HistoryEvent {
        HistoryEvent {
            id,
            previous_event_id: previous,
            timestamp_ms: 0,
            event_type: event_type.to_owned().into(),
            details: Default::default(),
        }
    }

    #[test]
    fn a_redriven_run_numbers_its_events_after_execution_redriven() {
        let machine = Machine {
            seq: 1,
            arn: "m".into(),
            name: "m".into(),
            definition: "{}".into(),
            role_arn: String::new(),
            kind: WorkflowKind::Standard,
            created_ms: 0,
            revision: 1,
            logging: None,
            tracing: None,
            version: None,
            last_version: 0,
            published: None,
            tags: BTreeMap::new(),
            waiting_states: Vec::new(),
            executor: Executor::from_json(
                r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#,
            )
            .unwrap(),
        };
        let mut record = ExecutionRecord {
            seq: 1,
            arn: "e".into(),
            machine_arn: "m".into(),
            ran: Arc::new(machine),
            version_arn: None,
            alias_arn: None,
            test_case: None,
            name: "e".into(),
            input: "{}".into(),
            start_ms: 0,
            stop_ms: None,
            status: RunStatus::Running,
            output: None,
            error: None,
            cause: None,
            control: Control::virtual_time(),
            final_history: None,
            tokens: Vec::new(),
            redrive_count: 1,
            redrive_ms: None,
            prior: vec![
                event(1, 0, "ExecutionStarted"),
                event(2, 1, "ExecutionFailed"),
                event(3, 2, "ExecutionRedriven"),
            ],
        };
        let run = vec![
            event(1, 0, "ExecutionStarted"),
            event(2, 1, "TaskStateEntered"),
            event(3, 2, "ExecutionSucceeded"),
        ];
        let all = record.continued(run);
        let ids: Vec<(usize, usize, &str)> = all
            .iter()
            .map(|e| (e.id, e.previous_event_id, e.event_type.as_str()))
            .collect();
        assert_eq!(
            ids,
            [
                (1, 0, "ExecutionStarted"),
                (2, 1, "ExecutionFailed"),
                (3, 2, "ExecutionRedriven"),
                (4, 3, "TaskStateEntered"),
                (5, 4, "ExecutionSucceeded"),
            ]
        );
        record.prior.clear();
        assert_eq!(
            record
                .continued(vec![event(1, 0, "ExecutionStarted")])
                .len(),
            1
        );
    }
}
