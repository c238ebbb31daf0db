//! A state's input or output as the interpreter hands it on: owned, or shared with the
//! history events that show it.
//!
//! With the history recorded, a state's output is put in a [`Payload`] for its Exited
//! event and the next state's Entered event. Handing the next state that same payload,
//! instead of an owned copy, means a state that only reads its input (a Choice, a Pass
//! with `Parameters`, a Task's arguments) or passes it through costs no copy at all; a
//! copy is made only where a state changes its input in place (a `ResultPath` into it).
//! With the history off every value stays owned, as before.

use std::ops::Deref;
use std::sync::Arc;

use serde_json::Value;

use super::details::Payload;

/// A JSON value, owned or shared ([`Data::into_owned`] copies only a shared one).
#[derive(Debug, Clone)]
pub(crate) enum Data {
    Owned(Value),
    Shared(Payload),
}

impl Data {
    /// The value, owned: a copy when it is shared with an event.
    pub(crate) fn into_owned(self) -> Value {
        match self {
            Data::Owned(value) => value,
            Data::Shared(payload) => Arc::unwrap_or_clone(payload),
        }
    }

    /// Shares it (moving an owned value into a payload, no copy) and returns the payload.
    pub(crate) fn share(&mut self) -> &Payload {
        if let Data::Owned(value) = self {
            *self = Data::Shared(Arc::new(std::mem::take(value)));
        }
        match self {
            Data::Shared(payload) => payload,
            Data::Owned(_) => unreachable!("shared just above"),
        }
    }
}

impl Deref for Data {
    type Target = Value;

    fn deref(&self) -> &Value {
        match self {
            Data::Owned(value) => value,
            Data::Shared(payload) => payload,
        }
    }
}

impl From<Value> for Data {
    fn from(value: Value) -> Data {
        Data::Owned(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn shares_without_copying_and_copies_only_when_shared() {
        let mut data = Data::from(json!({"a": 1}));
        let payload = data.share().clone();
        assert!(matches!(&data, Data::Shared(p) if Arc::ptr_eq(p, &payload)));
        // Sharing again keeps the same payload.
        assert!(Arc::ptr_eq(data.share(), &payload));
        assert_eq!(*data, json!({"a": 1}));
        // Held by an event too: owning it is a copy, and the event's value stays.
        assert_eq!(data.into_owned(), json!({"a": 1}));
        assert_eq!(*payload, json!({"a": 1}));
        // Held by nobody else: no copy.
        let alone = Data::Shared(Arc::new(json!([1])));
        assert_eq!(alone.into_owned(), json!([1]));
    }
}
