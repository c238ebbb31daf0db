//! The execution history, shaped like `GetExecutionHistory`: numbered events with a type
//! (`TaskStateEntered`, `MapIterationStarted`, ...) and the details the service reports.

use serde_json::{Map, Value};

use super::clock::format_timestamp;
use super::control::Control;
use super::errors::{Failure, names};

/// The service's cap on the events of one (Standard) execution.
pub const MAX_EVENTS: usize = 25_000;

/// One history event.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEvent {
    /// 1-based, in order.
    pub id: usize,
    /// The event this one follows (0 for `ExecutionStarted`).
    pub previous_event_id: usize,
    /// Virtual-clock time, milliseconds since the Unix epoch.
    pub timestamp_ms: i64,
    /// The event type, as the service names it (`PassStateEntered`, `TaskSucceeded`, ...).
    pub event_type: String,
    /// The details (`name`, `input`, `output`, `error`, `cause`, `index`, `resource`, ...),
    /// payloads as JSON values.
    pub details: Map<String, Value>,
}

impl HistoryEvent {
    /// The event as `GetExecutionHistory` prints it: `{"id", "previousEventId", "timestamp",
    /// "type", "<type>EventDetails": {..}}`, with payloads (`input`, `output`,
    /// `parameters`) as JSON text like the service.
    pub fn to_json(&self) -> Value {
        let mut object = Map::new();
        object.insert("id".into(), Value::from(self.id));
        object.insert(
            "previousEventId".into(),
            Value::from(self.previous_event_id),
        );
        object.insert(
            "timestamp".into(),
            Value::String(format_timestamp(self.timestamp_ms)),
        );
        object.insert("type".into(), Value::String(self.event_type.clone()));
        if !self.details.is_empty() {
            let details = self
                .details
                .iter()
                .map(|(k, v)| {
                    let v = match (k.as_str(), v) {
                        ("input" | "output" | "parameters", v) => Value::String(v.to_string()),
                        // The service prints each assigned value as JSON text.
                        ("assignedVariables", Value::Object(vars)) => Value::Object(
                            vars.iter()
                                .map(|(name, value)| {
                                    (name.clone(), Value::String(value.to_string()))
                                })
                                .collect(),
                        ),
                        _ => v.clone(),
                    };
                    (k.clone(), v)
                })
                .collect();
            object.insert(details_key(&self.event_type), Value::Object(details));
        }
        Value::Object(object)
    }
}

/// `TaskStateEntered` -> `stateEnteredEventDetails`, `MapIterationStarted` ->
/// `mapIterationStartedEventDetails`, as the service names the details member.
fn details_key(event_type: &str) -> String {
    let family = ["StateEntered", "StateExited"]
        .into_iter()
        .find(|suffix| event_type.ends_with(suffix));
    let base = match family {
        Some(suffix) => suffix.to_owned(),
        None => event_type.to_owned(),
    };
    let mut chars = base.chars();
    let first = chars
        .next()
        .map(|c| c.to_ascii_lowercase())
        .unwrap_or_default();
    format!("{first}{}EventDetails", chars.as_str())
}

/// Records events and enforces the 25,000-event quota.
#[derive(Debug, Default)]
pub(crate) struct History {
    pub(crate) events: Vec<HistoryEvent>,
    count: usize,
    record: bool,
    /// Gets a copy of each event as it is recorded (executions served behind an API).
    live: Option<Control>,
}

impl History {
    pub(crate) fn new(record: bool) -> History {
        History {
            events: Vec::new(),
            count: 0,
            record,
            live: None,
        }
    }

    /// How many events were numbered so far, recorded or not: the id of the last one.
    pub(crate) fn len(&self) -> usize {
        self.count
    }

    /// Also sends each recorded event to `control`.
    pub(crate) fn observed(mut self, control: Option<Control>) -> History {
        self.live = control;
        self
    }

    fn append(&mut self, event: HistoryEvent) {
        if let Some(live) = &self.live {
            live.record(&event);
        }
        self.events.push(event);
    }

    /// Appends an event; fails (terminally) past the quota. A refused event takes no id, so
    /// the final event that follows is numbered right after the last one recorded.
    pub(crate) fn push(
        &mut self,
        now_ms: i64,
        event_type: &str,
        details: Map<String, Value>,
    ) -> Result<(), Failure> {
        if self.count >= MAX_EVENTS {
            return Err(Failure::terminal(
                names::RUNTIME,
                format!(
                    "the execution history reached the quota of {MAX_EVENTS} events (event `{event_type}`)"
                ),
            ));
        }
        self.count += 1;
        if self.record {
            self.append(HistoryEvent {
                id: self.count,
                previous_event_id: self.count - 1,
                timestamp_ms: now_ms,
                event_type: event_type.to_owned(),
                details,
            });
        }
        Ok(())
    }

    /// Appends the final event even past the quota (the execution must say how it ended).
    pub(crate) fn push_final(
        &mut self,
        now_ms: i64,
        event_type: &str,
        details: Map<String, Value>,
    ) {
        self.count += 1;
        if self.record {
            self.append(HistoryEvent {
                id: self.count,
                previous_event_id: self.count - 1,
                timestamp_ms: now_ms,
                event_type: event_type.to_owned(),
                details,
            });
        }
    }
}

/// `{"error", "cause"}` of a failure (absent members omitted).
pub(crate) fn failure_details(failure: &Failure) -> Map<String, Value> {
    let mut d = Map::new();
    if let Some(error) = &failure.error {
        d.insert("error".into(), Value::String(error.clone()));
    }
    if let Some(cause) = &failure.cause {
        d.insert("cause".into(), Value::String(cause.clone()));
    }
    d
}

/// Builds a details map from pairs.
pub(crate) fn details<const N: usize>(pairs: [(&str, Value); N]) -> Map<String, Value> {
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_keys_follow_the_service() {
        assert_eq!(details_key("PassStateEntered"), "stateEnteredEventDetails");
        assert_eq!(details_key("TaskStateExited"), "stateExitedEventDetails");
        assert_eq!(
            details_key("MapIterationStarted"),
            "mapIterationStartedEventDetails"
        );
        assert_eq!(
            details_key("MapStateStarted"),
            "mapStateStartedEventDetails"
        );
        assert_eq!(details_key("MapStateEntered"), "stateEnteredEventDetails");
        assert_eq!(
            details_key("ExecutionFailed"),
            "executionFailedEventDetails"
        );
    }

    #[test]
    fn quota() {
        let mut history = History::new(false);
        for _ in 0..MAX_EVENTS {
            history.push(0, "PassStateEntered", Map::new()).unwrap();
        }
        let err = history.push(0, "PassStateExited", Map::new()).unwrap_err();
        assert!(!err.is_catchable());
    }
}
