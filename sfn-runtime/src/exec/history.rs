//! The execution history, shaped like `GetExecutionHistory`: numbered events with a type
//! (`TaskStateEntered`, `MapIterationStarted`, ...) and the details the service reports.
//! Payloads are shared between events ([`Details`]), so recording costs no copies.

use std::fmt;
use std::ops::Deref;

use serde_json::{Map, Value};

use super::clock::format_timestamp;
use super::control::Control;
pub use super::details::{Details, Payload};
use super::errors::{Failure, names};
use super::label::Label;

/// The service's cap on the events of one (Standard) execution.
pub const MAX_EVENTS: usize = 25_000;

/// An event type as the service names it (`PassStateEntered`, `TaskSucceeded`, ...).
/// Reads as a string (`as_str`, `==` with text).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct EventType(Label);

impl EventType {
    /// The name.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl Deref for EventType {
    type Target = str;
    fn deref(&self) -> &str {
        self.0.as_str()
    }
}

impl fmt::Debug for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&'static str> for EventType {
    fn from(name: &'static str) -> EventType {
        EventType(Label::Static(name))
    }
}

impl From<String> for EventType {
    fn from(name: String) -> EventType {
        EventType(Label::Owned(Box::new(name)))
    }
}

impl PartialEq<str> for EventType {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for EventType {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for EventType {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

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
    pub event_type: EventType,
    /// The details (`name`, `input`, `output`, `error`, `cause`, `index`, `resource`, ...),
    /// payloads as JSON values.
    pub details: Details,
}

impl HistoryEvent {
    /// The event as `GetExecutionHistory` prints it: `{"id", "previousEventId", "timestamp",
    /// "type", "<type>EventDetails": {..}}`, with payloads (`input`, `output`,
    /// `parameters`) as JSON text like the service.
    pub fn to_json(&self) -> Value {
        self.to_json_with(&mut PayloadTexts::default())
    }

    /// [`to_json`](Self::to_json), serializing each shared payload once for all the events
    /// that show it.
    pub(crate) fn to_json_with(&self, texts: &mut PayloadTexts) -> Value {
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
        object.insert("type".into(), Value::String(self.event_type.to_string()));
        if !self.details.is_empty() {
            let details = self
                .details
                .iter()
                .map(|(k, v)| {
                    let v = match (k, v) {
                        ("input" | "output" | "parameters", v) => {
                            Value::String(match self.details.payload(k) {
                                Some(payload) => texts.text(payload),
                                None => v.to_string(),
                            })
                        }
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
                    (k.to_owned(), v)
                })
                .collect();
            object.insert(details_key(&self.event_type), Value::Object(details));
        }
        Value::Object(object)
    }
}

/// The JSON text of the shared payloads met last, by identity: the events showing one
/// payload are mostly adjacent (a state's Exited and the next one's Entered), so a
/// document shown by many events is serialized once, and only a few texts are held.
#[derive(Default)]
pub(crate) struct PayloadTexts {
    recent: std::collections::VecDeque<(Payload, String)>,
}

impl PayloadTexts {
    const KEPT: usize = 4;

    fn text(&mut self, payload: &Payload) -> String {
        if let Some((_, text)) = self
            .recent
            .iter()
            .find(|(p, _)| std::sync::Arc::ptr_eq(p, payload))
        {
            return text.clone();
        }
        let text = payload.to_string();
        if self.recent.len() == Self::KEPT {
            self.recent.pop_front();
        }
        self.recent.push_back((payload.clone(), text.clone()));
        text
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

    /// Room for `events` events (when the history is recorded), so that it does not grow
    /// by reallocation: a tenth of a 200-state run with history went to copying it.
    pub(crate) fn with_capacity(mut self, events: usize) -> History {
        if self.record {
            self.events.reserve_exact(events.min(MAX_EVENTS + 1));
        }
        self
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
        event_type: &'static str,
        details: Details,
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
                event_type: event_type.into(),
                details,
            });
        }
        Ok(())
    }

    /// Appends the final event even past the quota (the execution must say how it ended).
    pub(crate) fn push_final(&mut self, now_ms: i64, event_type: &'static str, details: Details) {
        self.count += 1;
        if self.record {
            self.append(HistoryEvent {
                id: self.count,
                previous_event_id: self.count - 1,
                timestamp_ms: now_ms,
                event_type: event_type.into(),
                details,
            });
        }
    }
}

/// `{"error", "cause"}` of a failure (absent members omitted).
pub(crate) fn failure_details(failure: &Failure) -> Details {
    let mut d = Details::new();
    if let Some(error) = &failure.error {
        d.insert("error", Value::String(error.clone()));
    }
    if let Some(cause) = &failure.cause {
        d.insert("cause", Value::String(cause.clone()));
    }
    d
}

pub(crate) use super::details::details;

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

    /// What recording a history costs is mostly writing and dropping its events: a
    /// larger event (an owned `Value` inline is 72 bytes) shows in `benches/exec.rs`.
    #[test]
    fn events_stay_small() {
        assert!(std::mem::size_of::<HistoryEvent>() <= 14 * std::mem::size_of::<usize>());
    }

    #[test]
    fn quota() {
        let mut history = History::new(false);
        for _ in 0..MAX_EVENTS {
            history.push(0, "PassStateEntered", Details::new()).unwrap();
        }
        let err = history
            .push(0, "PassStateExited", Details::new())
            .unwrap_err();
        assert!(!err.is_catchable());
    }
}
