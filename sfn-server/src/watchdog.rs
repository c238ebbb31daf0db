//! `TimeoutSeconds` and `HeartbeatSeconds` of a task waiting for a token or an activity
//! worker, in real time: the wait is for a real client, so the limits count on the wall
//! clock even when the server skips `Wait` time (`--virtual-time`). When one passes, the
//! task fails with `States.Timeout` or `States.HeartbeatTimeout` (which Retry/Catch see as
//! usual), and later SendTask* calls get `TaskTimedOut`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use sfn_runtime::exec::{TaskFailure, TokenOutcome, names};

use crate::service::Service;
use crate::store::WaitingState;

/// How often a watchdog looks again at most: bounds how late it notices a task that
/// ended some other way.
const STEP: Duration = Duration::from_millis(250);

/// A waiting task's limits (literal `TimeoutSeconds`/`HeartbeatSeconds`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Limits {
    timeout: Option<Duration>,
    heartbeat: Option<Duration>,
}

impl Limits {
    /// The limits of a Task state.
    pub fn of(state: &WaitingState) -> Limits {
        Limits {
            timeout: state.timeout_seconds.map(Duration::from_secs),
            heartbeat: state.heartbeat_seconds.map(Duration::from_secs),
        }
    }

    /// Neither limit is set: nothing to watch.
    pub fn is_none(&self) -> bool {
        self.timeout.is_none() && self.heartbeat.is_none()
    }
}

/// What happens to a watched task now.
pub enum Check {
    /// Still waiting; look again after this long.
    Wait(Duration),
    /// It is over (answered, stopped, or the server forgot it).
    Done,
    /// A limit passed: the task fails with this.
    Expired(TaskFailure),
}

/// Checks the task of `token`, which started waiting at `started`.
pub fn check(service: &Service, token: &str, started: Instant, limits: Limits) -> Check {
    let store = service.store();
    let Some(entry) = store.tokens.get(token).filter(|e| e.open) else {
        return Check::Done;
    };
    let now = Instant::now();
    let mut next = STEP;
    if let Some(timeout) = limits.timeout {
        let left = (started + timeout).saturating_duration_since(now);
        if left.is_zero() {
            return Check::Expired(TaskFailure::new(
                names::TIMEOUT,
                format!(
                    "the task did not complete within its TimeoutSeconds ({} s)",
                    timeout.as_secs()
                ),
            ));
        }
        next = next.min(left);
    }
    if let Some(heartbeat) = limits.heartbeat {
        let left = (entry.last_heartbeat + heartbeat).saturating_duration_since(now);
        if left.is_zero() {
            return Check::Expired(TaskFailure::new(
                names::HEARTBEAT_TIMEOUT,
                format!(
                    "no SendTaskHeartbeat within the task's HeartbeatSeconds ({} s)",
                    heartbeat.as_secs()
                ),
            ));
        }
        next = next.min(left);
    }
    Check::Wait(next)
}

/// Closes the token of a task whose limit passed (later SendTask* calls: `TaskTimedOut`).
pub fn close(service: &Service, token: &str) {
    if let Some(entry) = service.store().tokens.get_mut(token) {
        entry.open = false;
    }
}

/// Watches a `.waitForTaskToken` task on its own thread (when it has limits): fails the
/// token when one passes, ends when the task does.
pub fn watch(service: &Arc<Service>, token: &str, limits: Limits) {
    if limits.is_none() {
        return;
    }
    let (service, token, started) = (service.clone(), token.to_owned(), Instant::now());
    std::thread::spawn(move || {
        loop {
            match check(&service, &token, started, limits) {
                Check::Done => return,
                Check::Wait(pause) => std::thread::sleep(pause),
                Check::Expired(failure) => {
                    let store = service.store();
                    if let Some(entry) = store.tokens.get(&token) {
                        entry.waiter.complete(TokenOutcome::Failure(failure));
                    }
                    drop(store);
                    close(&service, &token);
                    return;
                }
            }
        }
    });
}
