//! Task handlers: Rust closures standing in for the services a Task calls, the context
//! they receive, and task tokens for `.waitForTaskToken` integrations.

use std::cell::Cell;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use serde_json::Value;

/// A task's failure as a handler reports it: an error name (matched by `ErrorEquals`) and
/// a cause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskFailure {
    /// The error name (`Lambda.ServiceException`, `PaymentDeclined`, ...).
    pub error: String,
    /// The cause text.
    pub cause: String,
}

impl TaskFailure {
    /// A failure with an error name and a cause.
    pub fn new(error: impl Into<String>, cause: impl Into<String>) -> TaskFailure {
        TaskFailure {
            error: error.into(),
            cause: cause.into(),
        }
    }
}

/// A task handler: receives the effective input (after `InputPath`/`Parameters`, or
/// `Arguments`) and the task's context; returns the raw result or a failure.
pub type Handler = Arc<dyn Fn(&Value, &TaskContext) -> Result<Value, TaskFailure> + Send + Sync>;

/// What a handler knows about the task it runs, plus the virtual clock.
pub struct TaskContext<'a> {
    pub(crate) state_name: &'a str,
    pub(crate) resource: &'a str,
    pub(crate) context: &'a Value,
    pub(crate) retry_count: u64,
    pub(crate) token: Option<TaskToken>,
    /// Virtual milliseconds the task has taken so far.
    pub(crate) elapsed_ms: Cell<u64>,
    /// The longest stretch without a heartbeat, in virtual milliseconds.
    pub(crate) last_heartbeat_ms: Cell<u64>,
    pub(crate) max_silence_ms: Cell<u64>,
}

impl<'a> TaskContext<'a> {
    pub(crate) fn new(
        state_name: &'a str,
        resource: &'a str,
        context: &'a Value,
        retry_count: u64,
        token: Option<TaskToken>,
    ) -> Self {
        TaskContext {
            state_name,
            resource,
            context,
            retry_count,
            token,
            elapsed_ms: Cell::new(0),
            last_heartbeat_ms: Cell::new(0),
            max_silence_ms: Cell::new(0),
        }
    }

    /// The Task state's name.
    pub fn state_name(&self) -> &str {
        self.state_name
    }
    /// The Task's `Resource` ARN.
    pub fn resource(&self) -> &str {
        self.resource
    }
    /// The context object (`$$`).
    pub fn context(&self) -> &Value {
        self.context
    }
    /// How many times this state has been retried in this visit (`$$.State.RetryCount`).
    pub fn retry_count(&self) -> u64 {
        self.retry_count
    }
    /// The task token of a `.waitForTaskToken` task (also `$$.Task.Token`).
    pub fn task_token(&self) -> Option<&TaskToken> {
        self.token.as_ref()
    }

    /// Says the task took `seconds` of (virtual) time. Past the state's `TimeoutSeconds`, or
    /// with a stretch longer than `HeartbeatSeconds` without [`heartbeat`](Self::heartbeat),
    /// the task fails with `States.Timeout`.
    pub fn advance(&self, seconds: f64) {
        let ms = (seconds.max(0.0) * 1000.0).round() as u64;
        let now = self.elapsed_ms.get().saturating_add(ms);
        self.elapsed_ms.set(now);
        self.note_silence(now);
    }

    /// Sends a heartbeat (`SendTaskHeartbeat`) at the current virtual time.
    pub fn heartbeat(&self) {
        let now = self.elapsed_ms.get();
        self.note_silence(now);
        self.last_heartbeat_ms.set(now);
    }

    fn note_silence(&self, now: u64) {
        let silence = now.saturating_sub(self.last_heartbeat_ms.get());
        if silence > self.max_silence_ms.get() {
            self.max_silence_ms.set(silence);
        }
    }
}

/// How a task token was completed.
#[derive(Debug, Clone, PartialEq)]
pub enum TokenOutcome {
    /// `SendTaskSuccess` with the task's output.
    Success(Value),
    /// `SendTaskFailure`.
    Failure(TaskFailure),
}

#[derive(Debug, Default)]
struct TokenSlot {
    outcome: Option<TokenOutcome>,
    heartbeats: u64,
}

/// The token of a `.waitForTaskToken` task. Clone it, send it to another thread, and
/// complete it there: the execution waits until one of `send_success`/`send_failure` is
/// called (only the first completion counts).
#[derive(Debug, Clone)]
pub struct TaskToken {
    token: Arc<str>,
    slot: Arc<(Mutex<TokenSlot>, Condvar)>,
}

impl TaskToken {
    pub(crate) fn new(token: String) -> TaskToken {
        TaskToken {
            token: token.into(),
            slot: Arc::new((Mutex::new(TokenSlot::default()), Condvar::new())),
        }
    }

    /// The token string (what `$$.Task.Token` holds).
    pub fn token(&self) -> &str {
        &self.token
    }

    /// `SendTaskSuccess`. Returns false if the token was already completed.
    pub fn send_success(&self, output: Value) -> bool {
        self.complete(TokenOutcome::Success(output))
    }

    /// `SendTaskFailure`. Returns false if the token was already completed.
    pub fn send_failure(&self, error: impl Into<String>, cause: impl Into<String>) -> bool {
        self.complete(TokenOutcome::Failure(TaskFailure::new(error, cause)))
    }

    /// `SendTaskHeartbeat`. Returns false if the token was already completed.
    pub fn send_heartbeat(&self) -> bool {
        let (lock, _) = &*self.slot;
        let mut slot = lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        slot.heartbeats += 1;
        slot.outcome.is_none()
    }

    fn complete(&self, outcome: TokenOutcome) -> bool {
        let (lock, signal) = &*self.slot;
        let mut slot = lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if slot.outcome.is_some() {
            return false;
        }
        slot.outcome = Some(outcome);
        signal.notify_all();
        true
    }

    /// The outcome if the token has been completed, without waiting.
    pub(crate) fn outcome(&self) -> Option<TokenOutcome> {
        let (lock, _) = &*self.slot;
        let slot = lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        slot.outcome.clone()
    }

    /// Waits (in real time, at most `limit`) for the token to be completed.
    pub(crate) fn wait(&self, limit: Duration) -> Option<TokenOutcome> {
        let (lock, signal) = &*self.slot;
        let slot = lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let (slot, _) = signal
            .wait_timeout_while(slot, limit, |slot| slot.outcome.is_none())
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        slot.outcome.clone()
    }
}

/// Removes the integration-pattern suffix of a resource ARN: `...:lambda:invoke.waitForTaskToken`
/// -> `...:lambda:invoke`.
pub(crate) fn base_resource(resource: &str) -> &str {
    for suffix in [".waitForTaskToken", ".sync:2", ".sync"] {
        if let Some(base) = resource.strip_suffix(suffix) {
            return base;
        }
    }
    resource
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_completion_wins_across_threads() {
        let token = TaskToken::new("t".into());
        let other = token.clone();
        let thread = std::thread::spawn(move || other.send_success(Value::from(1)));
        let outcome = token.wait(Duration::from_secs(5));
        assert_eq!(thread.join().ok(), Some(true));
        assert_eq!(outcome, Some(TokenOutcome::Success(Value::from(1))));
        assert!(!token.send_failure("E", "late"));
    }

    #[test]
    fn suffixes() {
        assert_eq!(
            base_resource("arn:aws:states:::sqs:sendMessage.waitForTaskToken"),
            "arn:aws:states:::sqs:sendMessage"
        );
        assert_eq!(
            base_resource("arn:aws:states:::glue:startJobRun.sync"),
            "arn:aws:states:::glue:startJobRun"
        );
    }
}
