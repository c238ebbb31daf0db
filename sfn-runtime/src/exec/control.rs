//! Control of one execution from outside the thread that runs it, for executions served
//! behind an API (the local server): real-time pacing, a stop request, and a live copy of
//! the history while the execution runs.
//!
//! Without a [`Control`] the executor behaves as before: virtual time, no observer.

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::history::HistoryEvent;

/// A handle on one running execution, shared between the thread that runs it
/// ([`Executor::with_control`](super::Executor::with_control)) and the threads that
/// watch or stop it. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Control {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    real_time: bool,
    started: Instant,
    state: Mutex<State>,
    wake: Condvar,
}

#[derive(Debug, Default)]
struct State {
    stopped: bool,
    events: Vec<HistoryEvent>,
}

impl Control {
    /// Waits, retry intervals and task durations sleep for real, and the clock follows
    /// wall time (a 10 s `Wait` takes 10 s).
    pub fn real_time() -> Control {
        Control::new(true)
    }

    /// The virtual clock (a `Wait` takes no time), with stop and the live history.
    pub fn virtual_time() -> Control {
        Control::new(false)
    }

    fn new(real_time: bool) -> Control {
        Control {
            inner: Arc::new(Inner {
                real_time,
                started: Instant::now(),
                state: Mutex::new(State::default()),
                wake: Condvar::new(),
            }),
        }
    }

    /// Whether time is real.
    pub fn is_real_time(&self) -> bool {
        self.inner.real_time
    }

    /// Asks the execution to stop: a sleeping `Wait` wakes, and before its next state
    /// (or retry) the execution ends with the terminal error `States.Aborted`. Returns
    /// false if a stop was already asked for. A handler blocked on something else
    /// (a task token) must be released by its owner.
    pub fn stop(&self) -> bool {
        let mut state = self.lock();
        let first = !state.stopped;
        state.stopped = true;
        self.inner.wake.notify_all();
        first
    }

    /// Whether [`stop`](Self::stop) was called.
    pub fn is_stopped(&self) -> bool {
        self.lock().stopped
    }

    /// The history events recorded so far (all of them once the execution has ended).
    pub fn events(&self) -> Vec<HistoryEvent> {
        self.lock().events.clone()
    }

    /// How many history events are recorded so far.
    pub fn event_count(&self) -> usize {
        self.lock().events.len()
    }

    pub(crate) fn record(&self, event: &HistoryEvent) {
        self.lock().events.push(event.clone());
    }

    /// Sleeps `ms` of real time (at once on the virtual clock); `false` when stopped.
    pub(crate) fn sleep(&self, ms: i64) -> bool {
        let state = self.lock();
        if !self.inner.real_time || state.stopped {
            return !state.stopped;
        }
        let limit = Duration::from_millis(u64::try_from(ms).unwrap_or(0));
        let (state, _) = self
            .inner
            .wake
            .wait_timeout_while(state, limit, |s| !s.stopped)
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        !state.stopped
    }

    /// The wall clock in milliseconds since the Unix epoch for an execution that started
    /// at `start_ms`, when time is real.
    pub(crate) fn wall_ms(&self, start_ms: i64) -> Option<i64> {
        self.inner.real_time.then(|| {
            let elapsed = i64::try_from(self.inner.started.elapsed().as_millis()).unwrap_or(0);
            start_ms.saturating_add(elapsed)
        })
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.inner
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stop_wakes_a_real_time_sleep() {
        let control = Control::real_time();
        let other = control.clone();
        let started = Instant::now();
        let stopper = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            other.stop()
        });
        assert!(!control.sleep(10_000));
        assert!(started.elapsed() < Duration::from_secs(5));
        assert_eq!(stopper.join().ok(), Some(true));
        assert!(!control.stop());
    }

    const NAP: &str = r#"{"StartAt": "Nap", "States": {
        "Nap": {"Type": "Wait", "Seconds": 3600, "Next": "Done"},
        "Done": {"Type": "Succeed"}}}"#;

    #[test]
    fn stop_ends_a_real_time_wait_with_states_aborted() {
        let control = Control::real_time();
        let executor = crate::exec::Executor::from_json(NAP)
            .unwrap()
            .with_control(control.clone());
        let run = std::thread::spawn(move || executor.run(serde_json::json!({})));
        // The live history shows the Wait before the execution ends.
        let started = Instant::now();
        while !control
            .events()
            .iter()
            .any(|e| e.event_type == "WaitStateEntered")
        {
            assert!(started.elapsed() < Duration::from_secs(5), "no live events");
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(control.stop());
        let execution = run.join().unwrap();
        assert!(started.elapsed() < Duration::from_secs(5));
        assert_eq!(execution.status, crate::exec::Status::Failed);
        assert_eq!(execution.error.as_deref(), Some("States.Aborted"));
        assert_eq!(control.events(), execution.history);
    }

    #[test]
    fn virtual_time_runs_at_once_and_records_the_whole_history() {
        let control = Control::virtual_time();
        let execution = crate::exec::Executor::from_json(NAP)
            .unwrap()
            .with_control(control.clone())
            .run(serde_json::json!({}));
        assert!(execution.succeeded());
        assert_eq!(execution.duration_ms, 3_600_000);
        assert_eq!(control.events(), execution.history);
        assert_eq!(control.event_count(), 6);
    }

    #[test]
    fn virtual_time_does_not_sleep() {
        let control = Control::virtual_time();
        let started = Instant::now();
        assert!(control.sleep(60_000));
        assert!(started.elapsed() < Duration::from_secs(1));
        assert_eq!(control.wall_ms(0), None);
    }
}
